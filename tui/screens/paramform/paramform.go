// Package paramform is a template's parameter form, built from the template's parameter list,
// validated through the catalog as each value is typed, with the rendered SDL beside it.
package paramform

import (
	"context"
	"fmt"
	"strings"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/busy"
	"github.com/akt-project/akt/tui/components/form"
	"github.com/akt-project/akt/tui/screens/review"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Messages, each the result of one command.
type (
	templateLoadedMsg struct {
		t   svc.Template
		err error
	}
	paramValidatedMsg struct {
		name, value string
		err         error
	}
	sdlRenderedMsg struct {
		version int
		sdl     []byte
		err     error
	}
)

// Model is the parameter form screen.
type Model struct {
	deps     app.Deps
	ctx      context.Context
	id, name string
	tmpl     *svc.Template
	form     form.Model
	preview  viewport.Model
	sdl      []byte
	version  int // of the values last sent to Render; older renders are dropped
	renderE  error
	focusSDL bool // at narrow widths the SDL replaces the form
	busy     busy.Model
	err      error
	width    int
	height   int
}

// New builds the form for template id (name is shown until it loads).
func New(deps app.Deps, id, name string) *Model {
	return &Model{deps: deps, id: id, name: name, busy: busy.New(deps.Styles), preview: viewport.New(0, 0)}
}

// Start loads the template.
func (m *Model) Start(ctx context.Context) tea.Cmd {
	m.ctx = ctx
	return tea.Batch(m.busy.Start("Loading "+m.name), loadTemplate(ctx, m.deps, m.id))
}

// Title is the breadcrumb name.
func (m *Model) Title() string { return m.name }

// wide is true when the SDL fits beside the form.
func (m *Model) wide() bool { return m.width >= 110 }

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	formW := w
	if m.wide() {
		formW = w / 2
	}
	m.form.SetSize(formW, max(0, h-3-m.summaryLines()))
	pw := w - 4
	if m.wide() {
		pw = w - formW - 4
	}
	m.preview.Width, m.preview.Height = max(0, pw), max(0, h-6)
}

// summaryLines is the height of the template's summary, wrapped to the screen.
func (m *Model) summaryLines() int {
	if m.tmpl == nil {
		return 1
	}
	return lipgloss.Height(m.summary())
}

// summary renders the template's summary wrapped under the title.
func (m *Model) summary() string {
	return m.deps.Styles.Muted.Width(max(10, m.width-2)).MarginLeft(2).Render(m.tmpl.Summary)
}

// CapturingInput is true while the form has focus.
func (m *Model) CapturingInput() bool { return m.tmpl != nil && !m.focusSDL }

// HandleBack leaves the SDL view first.
func (m *Model) HandleBack() (bool, tea.Cmd) {
	if m.focusSDL {
		m.focusSDL = false
		return true, nil
	}
	return false, nil
}

// Values returns the form's values (for tests).
func (m *Model) Values() map[string]string { return m.form.Values() }

// SDL returns the last rendered SDL (for tests).
func (m *Model) SDL() []byte { return m.sdl }

func loadTemplate(ctx context.Context, d app.Deps, id string) tea.Cmd {
	c := d.Catalog
	return func() tea.Msg {
		if c == nil {
			return templateLoadedMsg{err: app.ErrMissing("template catalog")}
		}
		cctx, cancel := d.Call(ctx)
		defer cancel()
		t, err := c.Get(cctx, id)
		if err != nil {
			err = fmt.Errorf("loading template %s: %w", id, err)
		}
		return templateLoadedMsg{t: t, err: err}
	}
}

func validateParam(ctx context.Context, d app.Deps, id, name, value string) tea.Cmd {
	c := d.Catalog
	return func() tea.Msg {
		cctx, cancel := d.Call(ctx)
		defer cancel()
		return paramValidatedMsg{name: name, value: value, err: c.ValidateParam(cctx, id, name, value)}
	}
}

func render(ctx context.Context, d app.Deps, id string, version int, values map[string]string) tea.Cmd {
	c := d.Catalog
	return func() tea.Msg {
		cctx, cancel := d.Call(ctx)
		defer cancel()
		sdl, err := c.Render(cctx, id, values)
		if err != nil {
			err = fmt.Errorf("rendering template %s: %w", id, err)
		}
		return sdlRenderedMsg{version: version, sdl: sdl, err: err}
	}
}

// specs turns template parameters into form fields.
func specs(ps []svc.Param) []form.Spec {
	out := make([]form.Spec, 0, len(ps))
	for _, p := range ps {
		s := form.Spec{Name: p.Name, Label: p.Label, Help: p.Help, Value: p.Default, Required: p.Required,
			Options: p.Options}
		if s.Label == "" {
			s.Label = p.Name
		}
		switch p.Kind {
		case svc.ParamSecret:
			s.Kind = form.Secret
		case svc.ParamEnum:
			s.Kind = form.Choice
		case svc.ParamBool:
			s.Kind = form.Toggle
		default:
			s.Kind = form.Text
		}
		out = append(out, s)
	}
	return out
}

// Update handles results and keys.
func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case templateLoadedMsg:
		return m, m.handleLoaded(msg)
	case paramValidatedMsg:
		m.form.SetVerdict(msg.name, msg.value, msg.err)
		return m, m.rerender()
	case sdlRenderedMsg:
		if msg.version != m.version {
			return m, nil // values changed since
		}
		m.busy.Stop()
		m.renderE = msg.err
		if msg.err == nil {
			m.sdl = msg.sdl
			m.preview.SetContent(string(msg.sdl))
		}
		return m, nil
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.MouseMsg:
		var cmd tea.Cmd
		m.preview, cmd = m.preview.Update(msg)
		return m, cmd
	}
	var cmd tea.Cmd
	m.busy, cmd = m.busy.Update(msg)
	return m, cmd
}

func (m *Model) handleLoaded(msg templateLoadedMsg) tea.Cmd {
	m.busy.Stop()
	if msg.err != nil {
		m.err = msg.err
		return nil
	}
	t := msg.t
	m.tmpl, m.name = &t, t.Name
	m.form = form.New(m.deps.Styles, m.deps.KeyMap, specs(t.Params)...)
	m.SetSize(m.width, m.height)
	// Check the defaults at once, so a template that needs input says so before any typing.
	cmds := make([]tea.Cmd, 0, len(t.Params)+1)
	for name, v := range m.form.Values() {
		cmds = append(cmds, validateParam(m.ctx, m.deps, m.id, name, v))
	}
	if len(t.Params) == 0 {
		cmds = append(cmds, m.rerender())
	}
	return tea.Batch(cmds...)
}

// rerender renders the SDL when every field is valid; older renders in flight are dropped.
func (m *Model) rerender() tea.Cmd {
	m.version++
	if len(m.form.Errors()) > 0 {
		return nil
	}
	return render(m.ctx, m.deps, m.id, m.version, m.form.Values())
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	km := m.deps.KeyMap
	if m.tmpl == nil {
		if key.Matches(k, km.Refresh) && m.err != nil {
			m.err = nil
			return tea.Batch(m.busy.Start("Loading "+m.name), loadTemplate(m.ctx, m.deps, m.id))
		}
		return nil
	}
	if m.focusSDL {
		var cmd tea.Cmd
		m.preview, cmd = m.preview.Update(k)
		if key.Matches(k, km.Enter) && m.sdl != nil && len(m.form.Errors()) == 0 {
			return app.Push(review.New(m.deps, m.sdl, m.name))
		}
		return cmd
	}
	if key.Matches(k, km.Back) {
		return app.PopScreen(m)
	}
	var ev form.Event
	var cmd tea.Cmd
	m.form, ev, cmd = m.form.Update(k)
	cmds := []tea.Cmd{cmd}
	if ev.Changed != "" {
		m.version++ // the shown SDL is now stale until the next render
		cmds = append(cmds, validateParam(m.ctx, m.deps, m.id, ev.Changed, m.form.Value(ev.Changed)))
	}
	if ev.Submit {
		if errs := m.form.Errors(); len(errs) > 0 {
			cmds = append(cmds, app.Info("fix %d field(s) first: %s", len(errs), strings.Join(errs, "; ")))
		} else {
			m.focusSDL = true
			if m.sdl == nil {
				cmds = append(cmds, m.busy.Start("Rendering the SDL"), m.rerender())
			}
		}
	}
	return tea.Batch(cmds...)
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	km := m.deps.KeyMap
	if m.focusSDL {
		return []key.Binding{km.Up, km.Down, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "continue")), km.Back}
	}
	return []key.Binding{key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "continue")), km.NextField, km.PrevField, km.Back}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
