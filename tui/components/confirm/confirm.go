// Package confirm is a yes/no dialog that carries a typed payload: the screen opens it with
// the action it is about to take, and gets the same action back when the user confirms.
package confirm

import (
	"strings"

	"github.com/akt-project/akt/tui/keys"
	"github.com/akt-project/akt/tui/styles"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Outcome is what a key press did to the dialog.
type Outcome int

// Outcomes.
const (
	// Pending means the dialog is still open.
	Pending Outcome = iota
	// Confirmed means the user chose yes.
	Confirmed
	// Cancelled means the user chose no or pressed esc.
	Cancelled
)

// Model is an open dialog about an action of type A.
type Model[A any] struct {
	// Title is the question ("Close deployment 1234?").
	Title string
	// Lines are shown under the title: what will happen, in words.
	Lines []string
	// Danger draws the dialog in the danger colour; used for anything that signs or destroys.
	Danger bool
	// Yes and No label the buttons.
	Yes, No string
	// Action is the payload returned on confirmation.
	Action A

	yes bool // focus on the yes button
	st  *styles.Styles
	km  keys.Map
}

// New opens a dialog with focus on No, so a stray enter never signs anything.
func New[A any](st *styles.Styles, km keys.Map, title string, action A, lines ...string) Model[A] {
	return Model[A]{Title: title, Lines: lines, Action: action, Yes: "Yes", No: "No", st: st, km: km}
}

// Update handles a key: y/n decide, left/right/tab move focus, enter takes the focused button,
// esc cancels.
func (m Model[A]) Update(msg tea.KeyMsg) (Model[A], Outcome) {
	switch {
	case key.Matches(msg, m.km.Yes):
		return m, Confirmed
	case key.Matches(msg, m.km.No), key.Matches(msg, m.km.Back):
		return m, Cancelled
	case key.Matches(msg, m.km.Left), key.Matches(msg, m.km.Right), key.Matches(msg, m.km.NextField), key.Matches(msg, m.km.PrevField):
		m.yes = !m.yes
	case key.Matches(msg, m.km.Enter):
		if m.yes {
			return m, Confirmed
		}
		return m, Cancelled
	}
	return m, Pending
}

// KeyBindings are the dialog's keys, for help.
func (m Model[A]) KeyBindings() []key.Binding {
	return []key.Binding{m.km.Yes, m.km.No,
		key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "switch")),
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose"))}
}

// View renders the dialog box, at most width cells wide.
func (m Model[A]) View(width int) string {
	box := m.st.Dialog
	yesSt := m.st.ButtonActive
	if m.Danger {
		box = m.st.DialogDanger
		yesSt = m.st.ButtonDanger
	}
	inner := max(20, min(width-box.GetHorizontalFrameSize(), 64))
	var b strings.Builder
	b.WriteString(m.st.DialogTitle.Width(inner).Render(m.Title))
	if len(m.Lines) > 0 {
		b.WriteString("\n\n")
		b.WriteString(m.st.Text.Width(inner).Render(strings.Join(m.Lines, "\n")))
	}
	yes, no := m.st.Button.Render("["+m.Yes+"]"), m.st.ButtonActive.Render("["+m.No+"]")
	if m.yes {
		yes, no = yesSt.Render("["+m.Yes+"]"), m.st.Button.Render("["+m.No+"]")
	}
	buttons := lipgloss.JoinHorizontal(lipgloss.Top, no, "  ", yes)
	b.WriteString("\n\n")
	b.WriteString(lipgloss.PlaceHorizontal(inner, lipgloss.Right, buttons))
	b.WriteString("\n")
	b.WriteString(m.st.Muted.Width(inner).Render("y yes · n/esc no · tab switch"))
	return box.Render(b.String())
}
