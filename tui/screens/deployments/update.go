package deployments

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/form"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/screens/bids"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Update handles results, account changes and keys.
func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case deploymentsLoadedMsg:
		m.busy.Stop()
		m.err = msg.err
		if msg.err == nil {
			m.setRows(msg.list)
		}
		return m, nil
	case app.AccountLoadedMsg:
		if msg.Err == nil {
			b := msg.Account.Balances
			m.balance = &b
			if bt := msg.Account.BlockTime; bt > 0 && bt != m.blockTime {
				m.blockTime = bt
				m.setRows(m.Rows())
			}
		}
		return m, nil
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.MouseMsg:
		m.table, _ = m.table.Update(msg)
		return m, nil
	}
	var flowCmd, busyCmd tea.Cmd
	var done *txResult
	m.flow, flowCmd, done = m.flow.Update(m.ctx, msg)
	m.busy, busyCmd = m.busy.Update(msg)
	if done != nil {
		return m, tea.Batch(flowCmd, busyCmd, m.busy.Start("Reloading deployments"), loadDeployments(m.ctx, m.deps))
	}
	return m, tea.Batch(flowCmd, busyCmd)
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	km := m.deps.KeyMap
	if m.flow.Active() {
		var cmd tea.Cmd
		var done *txResult
		m.flow, cmd, done = m.flow.Update(m.ctx, k)
		if done != nil {
			return tea.Batch(cmd, loadDeployments(m.ctx, m.deps))
		}
		return cmd
	}
	if m.funding != nil {
		return m.handleFundingKey(k)
	}
	sel, ok := m.Selected()
	active := ok && sel.State == "active"
	switch {
	case key.Matches(k, km.Refresh):
		return tea.Batch(m.busy.Start("Loading deployments"), loadDeployments(m.ctx, m.deps))
	case key.Matches(k, km.Sort):
		m.table.NextSort()
	case key.Matches(k, km.SortReverse):
		c, desc := m.table.Sort()
		m.table.SortBy(c, !desc)
	case key.Matches(k, km.CloseDeployment) && m.deps.CanSign() && active:
		return m.flow.Begin(m.ctx, svc.CloseDeployment{DSeq: sel.DSeq})
	case key.Matches(k, km.AddFunds) && m.deps.CanSign() && active:
		m.funding = &sel
		m.form = form.New(m.deps.Styles, km, form.Spec{Name: "amount", Label: "Amount in ACT",
			Help: "Added to the escrow; unused funds are refunded on close", Placeholder: "10", Required: true})
		m.form.SetSize(min(m.width, 60), 6)
	case key.Matches(k, km.UpdateDeployment) && m.deps.CanSign() && active:
		return app.Info("updating a deployment needs the SDL review screen, which is not built yet")
	case key.Matches(k, km.Enter) && ok:
		if active && sel.Provider == "" {
			return app.Push(bids.New(m.deps, sel.DSeq))
		}
		return app.Info("the detail of deployment %d (leases, services, logs) is not built yet", sel.DSeq)
	default:
		var cmd tea.Cmd
		m.table, cmd = m.table.Update(k)
		return cmd
	}
	return nil
}

func (m *Model) handleFundingKey(k tea.KeyMsg) tea.Cmd {
	if key.Matches(k, m.deps.KeyMap.Back) {
		m.funding = nil
		return nil
	}
	var ev form.Event
	var cmd tea.Cmd
	m.form, ev, cmd = m.form.Update(k)
	v := m.form.Value("amount")
	_, err := m.parseAmount(v)
	if ev.Changed != "" {
		m.form.SetVerdict("amount", v, err)
	}
	if !ev.Submit {
		return cmd
	}
	m.form.SetVerdict("amount", v, err)
	if err != nil {
		return cmd
	}
	uact, _ := m.parseAmount(v)
	dseq := m.funding.DSeq
	m.funding = nil
	return tea.Batch(cmd, m.flow.Begin(m.ctx, svc.AddFunds{DSeq: dseq, Denom: "uact", Amount: uact}))
}

// parseAmount reads an ACT amount ("12.5") as uact and checks it against the balance.
func (m *Model) parseAmount(s string) (uint64, error) {
	return ParseACT(s, m.balance)
}

// ParseACT reads an amount of ACT with at most six decimals as uact; with a balance it also
// refuses more than the balance.
func ParseACT(s string, balance *svc.Balances) (uint64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("required")
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 6 {
		return 0, fmt.Errorf("at most 6 decimals (1 uact = 0.000001 ACT)")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 || whole == "" && frac == "" {
		return 0, fmt.Errorf("enter a positive amount such as 10 or 2.5")
	}
	u := uint64(math.Round(f * 1e6))
	if balance != nil && u > balance.UACT {
		return 0, fmt.Errorf("more than your %s ACT; mint ACT from AKT first", format.Micro(balance.UACT))
	}
	return u, nil
}

// ShortHelp lists the main keys; signing actions are absent in read-only mode.
func (m *Model) ShortHelp() []key.Binding {
	km := m.deps.KeyMap
	if m.flow.Active() {
		return m.flow.KeyBindings()
	}
	if m.funding != nil {
		return []key.Binding{km.Submit, km.Back}
	}
	out := []key.Binding{km.Enter}
	if m.deps.CanSign() {
		out = append(out, km.AddFunds, km.CloseDeployment)
	}
	return append(out, km.Sort, km.SortReverse)
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	km := m.deps.KeyMap
	actions := []key.Binding{km.Enter, km.Refresh}
	if m.deps.CanSign() {
		actions = append(actions, km.AddFunds, km.UpdateDeployment, km.CloseDeployment)
	}
	return [][]key.Binding{actions, {km.Sort, km.SortReverse}, m.table.KeyBindings()}
}
