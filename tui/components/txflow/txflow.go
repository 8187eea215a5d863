// Package txflow runs one transaction the way every signing action must: prepare (simulate,
// price) → a confirm dialog with the messages, fee, gas, signer and network → broadcast and
// wait for inclusion with a progress line → a result, or a dialog with the chain's error.
package txflow

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/busy"
	"github.com/akt-project/akt/tui/components/confirm"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// State is where the flow is.
type State int

// States.
const (
	Idle State = iota
	Preparing
	Confirming
	Broadcasting
	Failed
)

// flowID tells one flow's messages from another's: the root delivers results to every
// screen, so each flow only accepts messages carrying its own id.
type flowID *int

type (
	planPreparedMsg struct {
		id   flowID
		plan svc.Plan
		err  error
	}
	txIncludedMsg struct {
		id  flowID
		res svc.TxResult
		err error
	}
)

// Result is what a finished flow hands back to its screen.
type Result struct {
	Action svc.Action
	Tx     svc.TxResult
}

// Model is one screen's transaction flow.
type Model struct {
	deps   app.Deps
	state  State
	id     flowID
	action svc.Action
	dialog confirm.Model[svc.Plan]
	busy   busy.Model
	err    error
}

// New returns an idle flow.
func New(deps app.Deps) Model { return Model{deps: deps, busy: busy.New(deps.Styles)} }

// State returns where the flow is.
func (m Model) State() State { return m.state }

// Active is true while the flow needs the keyboard or is in flight.
func (m Model) Active() bool { return m.state != Idle }

// Begin prepares a for confirmation. In read-only mode it refuses: screens hide signing keys
// there, and this is the second lock.
func (m *Model) Begin(ctx context.Context, a svc.Action) tea.Cmd {
	if m.deps.ReadOnly {
		return app.Info("read-only mode: %s is disabled", strings.ToLower(a.Summary()))
	}
	if m.deps.Signer == nil {
		return app.Error(errors.New("no signer configured"), "start akt with a key to sign transactions")
	}
	if m.state == Preparing || m.state == Broadcasting {
		return app.Info("a transaction is already in progress")
	}
	m.state, m.action, m.err = Preparing, a, nil
	m.id = new(int)
	id, signer, d := m.id, m.deps.Signer, m.deps
	return tea.Batch(m.busy.Start("Preparing: "+strings.ToLower(a.Summary())), func() tea.Msg {
		cctx, cancel := d.Call(ctx)
		defer cancel()
		p, err := signer.Prepare(cctx, a)
		if err != nil {
			err = fmt.Errorf("preparing %q: %w", a.Summary(), err)
		}
		return planPreparedMsg{id: id, plan: p, err: err}
	})
}

// Update advances the flow. done is non-nil once when a transaction was included.
func (m Model) Update(ctx context.Context, msg tea.Msg) (Model, tea.Cmd, *Result) {
	switch msg := msg.(type) {
	case planPreparedMsg:
		if msg.id != m.id || m.state != Preparing {
			return m, nil, nil
		}
		m.busy.Stop()
		if msg.err != nil {
			m.state = Idle
			return m, app.Error(msg.err, "nothing was signed"), nil
		}
		m.state = Confirming
		m.dialog = confirm.New(m.deps.Styles, m.deps.KeyMap, m.action.Summary()+"?", msg.plan, describe(msg.plan)...)
		m.dialog.Danger, m.dialog.Yes, m.dialog.No = true, "Sign and send", "Cancel"
		return m, nil, nil
	case txIncludedMsg:
		if msg.id != m.id || m.state != Broadcasting {
			return m, nil, nil
		}
		m.busy.Stop()
		if msg.err != nil {
			m.state, m.err = Failed, msg.err
			return m, nil, nil
		}
		m.state = Idle
		// Balances changed: reload the account so the header and screens show them.
		return m, tea.Batch(app.Success("%s: included at height %s (tx %s)", m.action.Summary(), format.Int(msg.res.Height),
			shortHash(msg.res.Hash)), app.LoadAccount(ctx, m.deps)), &Result{Action: m.action, Tx: msg.res}
	case tea.KeyMsg:
		return m.handleKey(ctx, msg)
	}
	var cmd tea.Cmd
	m.busy, cmd = m.busy.Update(msg)
	return m, cmd, nil
}

func (m Model) handleKey(ctx context.Context, k tea.KeyMsg) (Model, tea.Cmd, *Result) {
	switch m.state {
	case Confirming:
		var out confirm.Outcome
		m.dialog, out = m.dialog.Update(k)
		switch out {
		case confirm.Cancelled:
			m.state = Idle
			return m, app.Info("cancelled: nothing was signed"), nil
		case confirm.Confirmed:
			m.state = Broadcasting
			id, signer, d, plan := m.id, m.deps.Signer, m.deps, m.dialog.Action
			summary := m.action.Summary()
			return m, tea.Batch(m.busy.Start("Broadcasting and waiting for inclusion"), func() tea.Msg {
				cctx, cancel := d.Call(ctx)
				defer cancel()
				res, err := signer.Broadcast(cctx, plan)
				if err != nil {
					err = fmt.Errorf("%s: %w", summary, err)
				}
				return txIncludedMsg{id: id, res: res, err: err}
			}), nil
		}
	case Failed:
		if key.Matches(k, m.deps.KeyMap.Back, m.deps.KeyMap.Enter) {
			m.state = Idle
		}
	}
	return m, nil, nil
}

func describe(p svc.Plan) []string {
	lines := make([]string, 0, len(p.Messages)+4)
	for _, msg := range p.Messages {
		lines = append(lines, "• "+msg)
	}
	return append(lines, "",
		fmt.Sprintf("Fee      %s AKT (gas %s)", format.Micro(p.FeeUAKT), format.Int(int64(p.Gas))),
		"From     "+p.From,
		"Network  "+p.ChainID)
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:6] + "…" + h[len(h)-6:]
	}
	return h
}

// KeyBindings are the keys while the flow is active, for help.
func (m Model) KeyBindings() []key.Binding {
	if m.state == Confirming {
		return m.dialog.KeyBindings()
	}
	return []key.Binding{m.deps.KeyMap.Back}
}

// View draws the flow's box (dialog, progress or error) for a screen of the given width, or
// "" when idle.
func (m Model) View(width int) string {
	st := m.deps.Styles
	switch m.state {
	case Preparing:
		return st.Dialog.Render(m.busy.View())
	case Broadcasting:
		p := m.dialog.Action
		lines := []string{
			st.DialogTitle.Render(m.action.Summary()),
			"",
			st.Success.Render("✓ ") + st.Text.Render("Prepared: fee "+format.Micro(p.FeeUAKT)+" AKT, network "+p.ChainID),
			st.Success.Render("✓ ") + st.Text.Render("Confirmed by you"),
			m.busy.View(),
			"",
			st.Muted.Render("A block takes about 6 seconds. Closing akt now does not cancel the transaction."),
		}
		return st.Dialog.Render(strings.Join(lines, "\n"))
	case Confirming:
		return m.dialog.View(width)
	case Failed:
		inner := max(20, min(width-st.DialogDanger.GetHorizontalFrameSize(), 70))
		body := st.Danger.Render("The transaction failed") + "\n\n"
		var txe *svc.TxError
		if errors.As(m.err, &txe) {
			body += fmt.Sprintf("Code     %d (%s)\nRaw log  %s", txe.Code, txe.Codespace, txe.RawLog)
		} else {
			body += m.err.Error()
		}
		body = st.Text.Width(inner).Render(body) + "\n\n" + st.Muted.Render("Nothing changed on chain. esc closes.")
		return st.DialogDanger.Render(ansi.Wrap(body, inner, ""))
	}
	return ""
}
