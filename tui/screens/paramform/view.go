package paramform

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// View renders the form and the SDL side by side when wide, one at a time when narrow.
func (m *Model) View() string {
	st := m.deps.Styles
	var b strings.Builder
	b.WriteString("  " + st.Title.Render(m.name))
	if m.busy.Active() {
		b.WriteString("  " + m.busy.View())
	}
	b.WriteString("\n")
	if m.err != nil {
		b.WriteString("\n" + st.ErrorBlock(m.err, "Press r to try again, esc to go back.", m.width))
		return b.String()
	}
	if m.tmpl == nil {
		return b.String()
	}
	b.WriteString(m.summary() + "\n\n")
	switch {
	case m.wide():
		b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(m.width/2).Render(m.formView()), m.sdlView()))
	case m.focusSDL:
		b.WriteString(m.sdlView())
	default:
		b.WriteString(m.formView())
	}
	return b.String()
}

func (m *Model) formView() string {
	if len(m.tmpl.Params) == 0 {
		return "  " + m.deps.Styles.Muted.Render("This template has no parameters.")
	}
	return m.form.View()
}

func (m *Model) sdlView() string {
	st := m.deps.Styles
	box := st.Panel
	if m.focusSDL {
		box = st.PanelFocused
	}
	title := st.PanelTitle.Render("Rendered SDL")
	var body string
	switch errs := m.form.Errors(); {
	case m.renderE != nil:
		body = st.Danger.Render(m.renderE.Error())
	case len(errs) > 0:
		body = st.Muted.Render(fmt.Sprintf("Waiting for %d field(s) to be valid.", len(errs)))
	case m.sdl == nil:
		body = st.Muted.Render("Rendering…")
	default:
		body = m.preview.View()
	}
	return box.Width(max(10, m.preview.Width)).Render(title + "\n" + body)
}
