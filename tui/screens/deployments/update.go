package deployments

import (
	"context"
	"fmt"
	"strings"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/form"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/screens/bids"
	"github.com/akt-project/akt/tui/screens/detail"
	"github.com/akt-project/akt/tui/screens/review"
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
	case sdlLoadedMsg:
		m.busy.Stop()
		if msg.err != nil {
			return m, app.Error(msg.err, "akt can only update deployments whose SDL it kept")
		}
		return m, app.Push(review.NewUpdate(m.deps, msg.sdl, msg.dseq))
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
	if m.filtering {
		switch {
		case key.Matches(k, km.Back):
			m.filtering = false
			m.filter.Blur()
			m.filter.SetValue("")
			m.applyFilter()
			return nil
		case key.Matches(k, km.Enter):
			m.filtering = false
			m.filter.Blur()
			return nil
		}
		var cmd tea.Cmd
		m.filter, cmd = m.filter.Update(k)
		m.applyFilter()
		return cmd
	}
	sel, ok := m.Selected()
	active := ok && sel.State == "active"
	switch {
	case key.Matches(k, km.Refresh):
		return tea.Batch(m.busy.Start("Loading deployments"), loadDeployments(m.ctx, m.deps))
	case key.Matches(k, km.Filter):
		m.filtering = true
		return m.filter.Focus()
	case key.Matches(k, km.Sort):
		m.table.NextSort()
	case key.Matches(k, km.SortReverse):
		c, desc := m.table.Sort()
		m.table.SortBy(c, !desc)
	case key.Matches(k, km.CloseDeployment) && m.deps.CanSign() && active:
		return m.flow.Begin(m.ctx, svc.CloseDeployment{DSeq: sel.DSeq})
	case key.Matches(k, km.AddFunds) && m.deps.CanSign() && active:
		m.funding = &sel
		m.form = form.New(m.deps.Styles, km,
			form.Spec{Name: "amount", Label: "Amount", Help: "Added to the escrow; unused funds are refunded on close",
				Placeholder: "10", Required: true},
			form.Spec{Name: "denom", Label: "Paid in", Kind: form.Choice, Options: []string{"ACT", "AKT"}, Value: "ACT",
				Help: "AKT is converted to ACT by the chain"})
		m.form.SetSize(min(m.width, 60), 8)
	case key.Matches(k, km.UpdateDeployment) && m.deps.CanSign() && active:
		return tea.Batch(m.busy.Start(fmt.Sprintf("Reading the SDL of deployment %d", sel.DSeq)), loadSDL(m.ctx, m.deps, sel.DSeq))
	case key.Matches(k, km.Enter) && ok:
		if active && sel.Provider == "" {
			return app.Push(bids.New(m.deps, sel.DSeq))
		}
		return app.Push(detail.New(m.deps, sel.DSeq))
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
	v, denom := m.form.Value("amount"), m.form.Value("denom")
	amount, err := ParseDeposit(v, denom, m.balance)
	if ev.Changed != "" || ev.Submit {
		m.form.SetVerdict("amount", v, err)
	}
	if !ev.Submit || err != nil {
		return cmd
	}
	dseq := m.funding.DSeq
	m.funding = nil
	return tea.Batch(cmd, m.flow.Begin(m.ctx, svc.AddFunds{DSeq: dseq, Denom: "u" + strings.ToLower(denom), Amount: amount}))
}

// ParseDeposit reads an amount of ACT or AKT as micro-units, checked against that balance.
func ParseDeposit(s, denom string, balance *svc.Balances) (uint64, error) {
	if denom == "ACT" {
		return ParseACT(s, balance)
	}
	u, err := format.ParseMicro(s)
	if err != nil {
		return 0, err
	}
	if balance != nil && u > balance.UAKT {
		return 0, fmt.Errorf("more than your %s AKT", format.Micro(balance.UAKT))
	}
	return u, nil
}

// ParseACT reads an amount of ACT with at most six decimals as uact; with a balance it also
// refuses more than the balance.
func ParseACT(s string, balance *svc.Balances) (uint64, error) {
	u, err := format.ParseMicro(s)
	if err != nil {
		return 0, err
	}
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
	if m.filtering {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "done")), km.ClearFilter}
	}
	out := []key.Binding{km.Enter}
	if m.deps.CanSign() {
		out = append(out, km.AddFunds, km.CloseDeployment)
	}
	return append(out, km.Filter, km.Sort, km.SortReverse)
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	km := m.deps.KeyMap
	actions := []key.Binding{km.Enter, km.Filter, km.Refresh}
	if m.deps.CanSign() {
		actions = append(actions, km.AddFunds, km.UpdateDeployment, km.CloseDeployment)
	}
	return [][]key.Binding{actions, {km.Sort, km.SortReverse}, m.table.KeyBindings()}
}

type sdlLoadedMsg struct {
	dseq uint64
	sdl  []byte
	err  error
}

func loadSDL(ctx context.Context, d app.Deps, dseq uint64) tea.Cmd {
	src := d.SDLs
	return func() tea.Msg {
		if src == nil {
			return sdlLoadedMsg{dseq: dseq, err: app.ErrMissing("stored SDL")}
		}
		cctx, cancel := d.Call(ctx)
		defer cancel()
		sdl, err := src.SDL(cctx, dseq)
		if err != nil {
			err = fmt.Errorf("reading the SDL of deployment %d: %w", dseq, err)
		}
		return sdlLoadedMsg{dseq: dseq, sdl: sdl, err: err}
	}
}
