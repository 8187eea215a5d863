// Package form is a vertical form of labelled fields (text, secret, choice, yes/no) with an
// error line per field. It reports edits so the screen can validate each value as it is typed
// with a command, and applies the verdict only if the value has not changed since.
package form

import (
	"strings"

	"github.com/akt-project/akt/tui/keys"
	"github.com/akt-project/akt/tui/styles"
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Kind is a field's input type.
type Kind int

// Field kinds.
const (
	Text Kind = iota
	Secret
	Choice
	Toggle
)

// Spec describes a field.
type Spec struct {
	// Name identifies the field; Label and Help are shown.
	Name, Label, Help string
	Kind              Kind
	// Options are a Choice's values.
	Options []string
	// Value is the initial value; Placeholder shows when empty.
	Value, Placeholder string
	// Required refuses an empty value.
	Required bool
}

type field struct {
	Spec
	input   textinput.Model
	opt     int
	on      bool
	err     string
	checked bool // a validator accepted the current value
}

// Event says what a key press did.
type Event struct {
	// Changed is the name of the field whose value changed, or "".
	Changed string
	// Submit is true when the user asked to submit (enter on the last field or ctrl+s).
	Submit bool
}

// Model is the form.
type Model struct {
	fields  []*field
	focus   int
	blurred bool // focus is elsewhere on the screen
	width   int
	height  int
	st      *styles.Styles
	km      keys.Map
}

// New builds a form with focus on the first field.
func New(st *styles.Styles, km keys.Map, specs ...Spec) Model {
	m := Model{st: st, km: km}
	for _, s := range specs {
		f := &field{Spec: s}
		switch s.Kind {
		case Text, Secret:
			in := textinput.New()
			in.Prompt = ""
			in.Placeholder = s.Placeholder
			in.SetValue(s.Value)
			in.TextStyle = st.Input
			in.PlaceholderStyle = st.Placeholder
			in.Cursor.Style = st.Renderer.NewStyle().Reverse(true)
			in.Cursor.TextStyle = st.Input
			in.Cursor.SetMode(cursor.CursorStatic)
			if s.Kind == Secret {
				in.EchoMode = textinput.EchoPassword
				in.EchoCharacter = '•'
			}
			f.input = in
		case Choice:
			for i, o := range s.Options {
				if o == s.Value {
					f.opt = i
				}
			}
		case Toggle:
			f.on = s.Value == "true"
		}
		m.fields = append(m.fields, f)
	}
	m.setFocus(0)
	return m
}

func (m *Model) setFocus(i int) {
	if len(m.fields) == 0 {
		return
	}
	if f := m.fields[m.focus]; f.Kind == Text || f.Kind == Secret {
		f.input.Blur()
	}
	m.focus = min(max(0, i), len(m.fields)-1)
	if f := m.fields[m.focus]; f.Kind == Text || f.Kind == Secret {
		f.input.Focus()
	}
}

// Blur takes the focus away from the form (to another part of the screen).
func (m *Model) Blur() {
	m.blurred = true
	if len(m.fields) > 0 {
		m.fields[m.focus].input.Blur()
	}
}

// Focus gives the focus back, to the first field when first is true, else the last.
func (m *Model) Focus(first bool) {
	m.blurred = false
	if first {
		m.setFocus(0)
	} else {
		m.setFocus(len(m.fields) - 1)
	}
}

// AtLast reports whether the focus is on the last field.
func (m Model) AtLast() bool { return m.focus == len(m.fields)-1 }

// AtFirst reports whether the focus is on the first field.
func (m Model) AtFirst() bool { return m.focus == 0 }

// Focused returns the name of the focused field.
func (m Model) Focused() string {
	if len(m.fields) == 0 {
		return ""
	}
	return m.fields[m.focus].Name
}

// Value returns a field's current value ("true"/"false" for a toggle).
func (m Model) Value(name string) string {
	for _, f := range m.fields {
		if f.Name == name {
			return f.value()
		}
	}
	return ""
}

// Values returns every field's value by name.
func (m Model) Values() map[string]string {
	out := make(map[string]string, len(m.fields))
	for _, f := range m.fields {
		out[f.Name] = f.value()
	}
	return out
}

func (f *field) value() string {
	switch f.Kind {
	case Choice:
		if len(f.Options) == 0 {
			return ""
		}
		return f.Options[f.opt]
	case Toggle:
		if f.on {
			return "true"
		}
		return "false"
	default:
		return f.input.Value()
	}
}

// SetValue sets a field's value (used by tests and by screens that prefill).
func (m *Model) SetValue(name, value string) {
	for _, f := range m.fields {
		if f.Name != name {
			continue
		}
		switch f.Kind {
		case Choice:
			for i, o := range f.Options {
				if o == value {
					f.opt = i
				}
			}
		case Toggle:
			f.on = value == "true"
		default:
			f.input.SetValue(value)
		}
		f.checked, f.err = false, ""
	}
}

// SetVerdict records a validator's answer for name, but only if value is still the field's
// value: a slow answer about an old value is dropped.
func (m *Model) SetVerdict(name, value string, err error) {
	for _, f := range m.fields {
		if f.Name == name && f.value() == value {
			f.err, f.checked = "", err == nil
			if err != nil {
				f.err = err.Error()
			}
		}
	}
}

// Errors returns the message of every field currently in error, including empty required
// fields, in field order.
func (m Model) Errors() []string {
	var out []string
	for _, f := range m.fields {
		switch {
		case f.err != "":
			out = append(out, f.Label+": "+f.err)
		case f.Required && strings.TrimSpace(f.value()) == "":
			out = append(out, f.Label+": required")
		}
	}
	return out
}

// SetSize gives the form its size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	for _, f := range m.fields {
		f.input.Width = max(1, min(m.width-8, 60)) // mark, state mark and the cursor cell
	}
}

// Update handles a key press.
func (m Model) Update(msg tea.KeyMsg) (Model, Event, tea.Cmd) {
	if len(m.fields) == 0 {
		return m, Event{}, nil
	}
	f := m.fields[m.focus]
	switch {
	case key.Matches(msg, m.km.Submit):
		return m, Event{Submit: true}, nil
	case key.Matches(msg, m.km.Enter):
		if m.focus == len(m.fields)-1 {
			return m, Event{Submit: true}, nil
		}
		m.setFocus(m.focus + 1)
		return m, Event{}, nil
	case key.Matches(msg, m.km.NextField):
		m.setFocus(m.focus + 1)
		return m, Event{}, nil
	case key.Matches(msg, m.km.PrevField):
		m.setFocus(m.focus - 1)
		return m, Event{}, nil
	}
	switch f.Kind {
	case Choice:
		if len(f.Options) == 0 {
			return m, Event{}, nil
		}
		switch {
		case key.Matches(msg, m.km.Left):
			f.opt = (f.opt + len(f.Options) - 1) % len(f.Options)
		case key.Matches(msg, m.km.Right), msg.Type == tea.KeySpace:
			f.opt = (f.opt + 1) % len(f.Options)
		default:
			return m, Event{}, nil
		}
	case Toggle:
		if !key.Matches(msg, m.km.Left, m.km.Right, m.km.Yes, m.km.No) && msg.Type != tea.KeySpace {
			return m, Event{}, nil
		}
		switch {
		case key.Matches(msg, m.km.Yes):
			f.on = true
		case key.Matches(msg, m.km.No):
			f.on = false
		default:
			f.on = !f.on
		}
	default:
		before := f.input.Value()
		var cmd tea.Cmd
		f.input, cmd = f.input.Update(msg)
		if f.input.Value() == before {
			return m, Event{}, cmd
		}
		f.checked, f.err = false, ""
		return m, Event{Changed: f.Name}, cmd
	}
	f.checked, f.err = false, ""
	return m, Event{Changed: f.Name}, nil
}

// KeyBindings are the form's keys, for help.
func (m Model) KeyBindings() []key.Binding {
	return []key.Binding{m.km.NextField, m.km.PrevField, m.km.Submit}
}

// View renders the fields that fit, keeping the focused one in view. A field takes two lines,
// three when it has help or an error.
func (m Model) View() string {
	if len(m.fields) == 0 {
		return ""
	}
	blocks := make([]string, len(m.fields))
	heights := make([]int, len(m.fields))
	for i, f := range m.fields {
		blocks[i] = m.renderField(f, i == m.focus && !m.blurred)
		heights[i] = strings.Count(blocks[i], "\n") + 1
	}
	// Grow a window around the focused field, preferring fields after it.
	first, last, used := m.focus, m.focus, heights[m.focus]
	for {
		grew := false
		if last+1 < len(m.fields) && used+heights[last+1] <= m.height {
			last++
			used += heights[last]
			grew = true
		}
		if first > 0 && used+heights[first-1] <= m.height {
			first--
			used += heights[first]
			grew = true
		}
		if !grew {
			break
		}
	}
	return strings.Join(blocks[first:last+1], "\n")
}

func (m Model) renderField(f *field, focused bool) string {
	label, mark := m.st.Label, "  "
	if focused {
		label, mark = m.st.LabelFocused, m.st.LabelFocused.Render("▌ ")
	}
	title := f.Label
	if f.Required {
		title += " *"
	}
	var value string
	switch f.Kind {
	case Choice:
		var parts []string
		for i, o := range f.Options {
			if i == f.opt {
				parts = append(parts, m.st.Accent.Render("‹ "+o+" ›"))
			} else {
				parts = append(parts, m.st.Muted.Render(o))
			}
		}
		value = strings.Join(parts, "  ")
	case Toggle:
		if f.on {
			value = m.st.Accent.Render("[x] yes")
		} else {
			value = m.st.Muted.Render("[ ] no")
		}
	default:
		value = f.input.View()
	}
	state := ""
	switch {
	case f.err != "":
		state = " " + m.st.FieldError.Render("✗")
	case f.checked:
		state = " " + m.st.FieldOK.Render("✓")
	}
	out := "  " + label.Render(title) + "\n" + mark + value + state
	switch {
	case f.err != "":
		out += "\n" + m.indented(f.err, m.st.FieldError)
	case f.Help != "" && focused:
		out += "\n" + m.indented(f.Help, m.st.FieldHelp)
	case f.Help != "":
		// Only the focused field's help is shown whole: long help (a list of choices) would
		// push the other fields off a small terminal.
		out += "\n  " + m.st.FieldHelp.Render(ansi.Truncate(f.Help, max(1, m.width-3), "…"))
	}
	return out
}

// indented wraps text to the form's width and indents every line under the field, so a long
// help or error stays in the form's column instead of wrapping back to the screen's edge.
func (m Model) indented(text string, st lipgloss.Style) string {
	const indent = 2
	if m.width <= indent+8 {
		return strings.Repeat(" ", indent) + st.Render(text)
	}
	lines := strings.Split(ansi.Wrap(text, m.width-indent-1, ""), "\n")
	for i, l := range lines {
		lines[i] = strings.Repeat(" ", indent) + st.Render(strings.TrimRight(l, " "))
	}
	return strings.Join(lines, "\n")
}
