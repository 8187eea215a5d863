// Package busy is a spinner with a sentence saying what is being waited for.
package busy

import (
	"github.com/akt-project/akt/tui/styles"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

// Model is an idle or spinning indicator.
type Model struct {
	sp     spinner.Model
	label  string
	active bool
	st     *styles.Styles
}

// New returns an idle indicator.
func New(st *styles.Styles) Model {
	sp := spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(st.Spinner))
	return Model{sp: sp, st: st}
}

// Start shows label and starts spinning; starting an active indicator only changes the label,
// so the ticks never double up.
func (m *Model) Start(label string) tea.Cmd {
	m.label = label
	if m.active {
		return nil
	}
	m.active = true
	return m.sp.Tick
}

// Stop hides the indicator; its pending tick is dropped.
func (m *Model) Stop() { m.active = false }

// Active reports whether it is spinning.
func (m Model) Active() bool { return m.active }

// Label is what is being waited for.
func (m Model) Label() string { return m.label }

// Update advances the spinner on its own ticks.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if !m.active {
		return m, nil
	}
	if _, ok := msg.(spinner.TickMsg); !ok {
		return m, nil
	}
	var cmd tea.Cmd
	m.sp, cmd = m.sp.Update(msg)
	return m, cmd
}

// View renders "⠋ label…" or nothing when idle.
func (m Model) View() string {
	if !m.active {
		return ""
	}
	return m.sp.View() + " " + m.st.Muted.Render(m.label+"…")
}
