// Package wallet shows the active key's balances and the AKT↔ACT rate, and mints ACT from
// AKT or burns it back, each through the confirm dialog.
package wallet

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/busy"
	"github.com/akt-project/akt/tui/components/form"
	"github.com/akt-project/akt/tui/components/overlay"
	"github.com/akt-project/akt/tui/components/txflow"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Model is the wallet screen.
type Model struct {
	deps    app.Deps
	ctx     context.Context
	account *svc.Account
	err     error
	minting bool // which way the open form converts
	form    *form.Model
	flow    txflow.Model
	busy    busy.Model
	pending string // what settles at the next epoch, after a successful mint or burn
	width   int
	height  int
}

// New builds the wallet screen.
func New(deps app.Deps) *Model {
	return &Model{deps: deps, flow: txflow.New(deps), busy: busy.New(deps.Styles)}
}

// Start reads the account.
func (m *Model) Start(ctx context.Context) tea.Cmd {
	m.ctx = ctx
	return tea.Batch(m.busy.Start("Reading balances"), app.LoadAccount(ctx, m.deps))
}

// Title is the breadcrumb name.
func (m *Model) Title() string { return "Wallet" }

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// CapturingInput is true while a form or dialog is open.
func (m *Model) CapturingInput() bool { return m.form != nil || m.flow.Active() }

// Convert is what an amount becomes at the rate: AKT→ACT when minting, ACT→AKT when burning.
func Convert(micro uint64, rate float64, minting bool) uint64 {
	if rate <= 0 {
		return 0
	}
	if minting {
		return uint64(math.Floor(float64(micro) * rate))
	}
	return uint64(math.Floor(float64(micro) / rate))
}

// parse reads a whole-unit amount as micro-units, checked against the balance it spends.
func (m *Model) parse(v string) (uint64, error) {
	v = strings.TrimSpace(v)
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f <= 0 {
		return 0, fmt.Errorf("enter a positive amount such as 10 or 2.5")
	}
	if _, frac, ok := strings.Cut(v, "."); ok && len(frac) > 6 {
		return 0, fmt.Errorf("at most 6 decimals")
	}
	u := uint64(math.Round(f * 1e6))
	if m.account != nil {
		have, unit := m.account.Balances.UACT, "ACT"
		if m.minting {
			have, unit = m.account.Balances.UAKT, "AKT"
		}
		if u > have {
			return 0, fmt.Errorf("more than your %s %s", format.Micro(have), unit)
		}
	}
	return u, nil
}

// Update handles results and keys.
func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case app.AccountLoadedMsg:
		m.busy.Stop()
		m.err = msg.Err
		if msg.Err == nil {
			a := msg.Account
			m.account = &a
		}
		return m, nil
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	}
	var flowCmd, busyCmd tea.Cmd
	var done *txflow.Result
	m.flow, flowCmd, done = m.flow.Update(m.ctx, msg)
	m.busy, busyCmd = m.busy.Update(msg)
	return m, tea.Batch(flowCmd, busyCmd, m.afterTx(done))
}

func (m *Model) afterTx(done *txflow.Result) tea.Cmd {
	if done == nil {
		return nil
	}
	m.pending = done.Action.Summary()
	return app.AccountChanged()
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	km := m.deps.KeyMap
	switch {
	case m.flow.Active():
		var cmd tea.Cmd
		var done *txflow.Result
		m.flow, cmd, done = m.flow.Update(m.ctx, k)
		return tea.Batch(cmd, m.afterTx(done))
	case m.form != nil:
		return m.handleFormKey(k)
	case key.Matches(k, km.Refresh):
		return tea.Batch(m.busy.Start("Reading balances"), app.LoadAccount(m.ctx, m.deps))
	case !m.deps.CanSign() || m.account == nil || m.account.Key == nil:
		return nil
	case key.Matches(k, km.Mint):
		m.open(true)
	case key.Matches(k, km.Burn):
		m.open(false)
	}
	return nil
}

func (m *Model) open(minting bool) {
	m.minting = minting
	label := "ACT to burn"
	if minting {
		label = "AKT to burn"
	}
	f := form.New(m.deps.Styles, m.deps.KeyMap, form.Spec{Name: "amount", Label: label, Required: true, Placeholder: "10"})
	f.SetSize(50, 4)
	m.form = &f
}

func (m *Model) handleFormKey(k tea.KeyMsg) tea.Cmd {
	if key.Matches(k, m.deps.KeyMap.Back) {
		m.form = nil
		return nil
	}
	f, ev, cmd := m.form.Update(k)
	m.form = &f
	v := m.form.Value("amount")
	u, err := m.parse(v)
	if ev.Changed != "" || ev.Submit {
		m.form.SetVerdict("amount", v, err)
	}
	if !ev.Submit || err != nil {
		return cmd
	}
	m.form = nil
	var a svc.Action = svc.BurnACT{UACT: u}
	if m.minting {
		a = svc.MintACT{UAKT: u}
	}
	return tea.Batch(cmd, m.flow.Begin(m.ctx, a))
}

// ShortHelp lists the keys that work now.
func (m *Model) ShortHelp() []key.Binding {
	km := m.deps.KeyMap
	switch {
	case m.flow.Active():
		return m.flow.KeyBindings()
	case m.form != nil:
		return []key.Binding{km.Enter, km.Back}
	case m.deps.CanSign():
		return []key.Binding{km.Mint, km.Burn, km.Refresh}
	}
	return []key.Binding{km.Refresh}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// View renders balances, the rate and any dialog.
func (m *Model) View() string {
	st := m.deps.Styles
	var b strings.Builder
	b.WriteString("  " + st.Title.Render("Wallet"))
	if m.busy.Active() {
		b.WriteString("  " + m.busy.View())
	}
	b.WriteString("\n\n")
	switch {
	case m.err != nil:
		b.WriteString(st.ErrorBlock(m.err, "Press r to try again.", m.width))
		return b.String()
	case m.account == nil:
		return b.String()
	case m.account.Key == nil:
		b.WriteString("  " + st.Warning.Render("No key yet: create or recover one from the home screen."))
		return b.String()
	}
	a := m.account
	row := func(label, value string) string {
		return "  " + st.Label.Render(fmt.Sprintf("%-10s", label)) + " " + value + "\n"
	}
	b.WriteString(row("Key", st.Text.Render(a.Key.Name)+"  "+st.Muted.Render(a.Key.Address)))
	b.WriteString(row("AKT", st.Accent.Render(format.Micro(a.Balances.UAKT))+st.Muted.Render("  pays fees; burn it to mint ACT")))
	b.WriteString(row("ACT", st.Accent.Render(format.Micro(a.Balances.UACT))+st.Muted.Render("  pays for deployments; cannot be sent")))
	rate := "unknown"
	if a.ACTPerAKT > 0 {
		rate = fmt.Sprintf("1 AKT → %.6g ACT   ·   1 ACT → %.6g AKT", a.ACTPerAKT, 1/a.ACTPerAKT)
	}
	b.WriteString(row("Rate", st.Text.Render(rate)))
	if m.pending != "" {
		b.WriteString("\n  " + st.Info.Render("⧗ "+m.pending+": settles at the next epoch; balances update then."))
	}
	view := b.String()
	switch {
	case m.flow.Active():
		view = overlay.Center(view, m.flow.View(m.width), m.width, m.height)
	case m.form != nil:
		view = overlay.Center(view, m.formView(), m.width, m.height)
	}
	return view
}

func (m *Model) formView() string {
	st := m.deps.Styles
	title, unit := "Burn ACT back to AKT", "AKT"
	if m.minting {
		title, unit = "Mint ACT from AKT", "ACT"
	}
	preview := st.Muted.Render("You receive about … " + unit)
	if u, err := m.parse(m.form.Value("amount")); err == nil && m.account.ACTPerAKT > 0 {
		preview = st.Text.Render("You receive about " + format.Micro(Convert(u, m.account.ACTPerAKT, m.minting)) + " " + unit)
	}
	return st.Dialog.Render(st.DialogTitle.Render(title) + "\n\n" + m.form.View() + "\n\n  " + preview +
		"\n  " + st.Muted.Render("at today's rate; settles at the next epoch"))
}
