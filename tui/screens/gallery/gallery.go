// Package gallery is the template gallery of one segment: a searchable list with each
// template's summary and resources at a glance, and a detail pane when there is room.
package gallery

import (
	"context"
	"fmt"
	"strings"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/busy"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/screens/paramform"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

type templatesLoadedMsg struct {
	list []svc.TemplateSummary
	err  error
}

// Model is the gallery screen.
type Model struct {
	deps      app.Deps
	ctx       context.Context
	segment   svc.Segment
	all       []svc.TemplateSummary
	shown     []int // indexes into all that match the search
	cursor    int
	offset    int
	search    textinput.Model
	searching bool
	busy      busy.Model
	err       error
	width     int
	height    int
}

// New builds the gallery of a segment.
func New(deps app.Deps, seg svc.Segment) *Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "search name, summary or tag"
	in.PromptStyle = deps.Styles.Accent
	in.TextStyle = deps.Styles.Input
	in.PlaceholderStyle = deps.Styles.Placeholder
	in.Cursor.Style = deps.Styles.Renderer.NewStyle().Reverse(true)
	in.Cursor.SetMode(cursor.CursorStatic)
	return &Model{deps: deps, segment: seg, search: in, busy: busy.New(deps.Styles)}
}

// Start loads the segment's templates.
func (m *Model) Start(ctx context.Context) tea.Cmd {
	m.ctx = ctx
	return tea.Batch(m.busy.Start("Loading "+m.segment.Label()+" templates"), loadTemplates(ctx, m.deps, m.segment))
}

// Title is the breadcrumb name.
func (m *Model) Title() string { return m.segment.Label() + " templates" }

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.search.Width = max(10, w/2)
	m.clamp()
}

// CapturingInput is true while the search box takes text.
func (m *Model) CapturingInput() bool { return m.searching }

// HandleBack clears an applied search before leaving.
func (m *Model) HandleBack() (bool, tea.Cmd) {
	if m.search.Value() != "" {
		m.search.SetValue("")
		m.refilter()
		return true, nil
	}
	return false, nil
}

// Shown returns the IDs of the templates shown, in order (for tests).
func (m *Model) Shown() []string {
	out := make([]string, len(m.shown))
	for i, j := range m.shown {
		out[i] = m.all[j].ID
	}
	return out
}

func loadTemplates(ctx context.Context, d app.Deps, seg svc.Segment) tea.Cmd {
	c := d.Catalog
	return func() tea.Msg {
		if c == nil {
			return templatesLoadedMsg{err: app.ErrMissing("template catalog")}
		}
		cctx, cancel := d.Call(ctx)
		defer cancel()
		list, err := c.List(cctx, seg)
		if err != nil {
			err = fmt.Errorf("listing %s templates: %w", seg.Label(), err)
		}
		return templatesLoadedMsg{list: list, err: err}
	}
}

// Matches reports whether t matches every word of the query in its name, summary, ID or tags.
func Matches(t svc.TemplateSummary, query string) bool {
	hay := strings.ToLower(t.Name + " " + t.Summary + " " + t.ID + " " + strings.Join(t.Tags, " ") +
		" " + strings.Join(t.Resources.GPUModels, " "))
	for _, w := range strings.Fields(strings.ToLower(query)) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

func (m *Model) refilter() {
	m.shown = m.shown[:0]
	q := m.search.Value()
	for i, t := range m.all {
		if Matches(t, q) {
			m.shown = append(m.shown, i)
		}
	}
	m.clamp()
}

// perItem is the number of lines one template takes in the list.
const perItem = 3

func (m *Model) listHeight() int { return max(1, (m.height-4)/perItem) }

func (m *Model) clamp() {
	m.cursor = min(max(0, m.cursor), max(0, len(m.shown)-1))
	h := m.listHeight()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = max(0, min(m.offset, len(m.shown)-h))
}

func (m *Model) selected() (svc.TemplateSummary, bool) {
	if m.cursor >= len(m.shown) {
		return svc.TemplateSummary{}, false
	}
	return m.all[m.shown[m.cursor]], true
}

// Update handles results and keys.
func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case templatesLoadedMsg:
		m.busy.Stop()
		m.err = msg.err
		if msg.err == nil {
			m.all = msg.list
			m.refilter()
		}
		return m, nil
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			m.cursor--
		case tea.MouseButtonWheelDown:
			m.cursor++
		}
		m.clamp()
		return m, nil
	}
	var cmd tea.Cmd
	m.busy, cmd = m.busy.Update(msg)
	return m, cmd
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	km := m.deps.KeyMap
	if m.searching {
		switch {
		case key.Matches(k, km.Back):
			m.searching = false
			m.search.Blur()
			m.search.SetValue("")
			m.refilter()
			return nil
		case key.Matches(k, km.Enter), key.Matches(k, km.Down), key.Matches(k, km.Up):
			m.searching = false
			m.search.Blur()
			return nil
		}
		var cmd tea.Cmd
		m.search, cmd = m.search.Update(k)
		m.refilter()
		return cmd
	}
	switch {
	case key.Matches(k, km.Filter):
		m.searching = true
		return m.search.Focus()
	case key.Matches(k, km.Up):
		m.cursor--
	case key.Matches(k, km.Down):
		m.cursor++
	case key.Matches(k, km.Top):
		m.cursor = 0
	case key.Matches(k, km.Bottom):
		m.cursor = len(m.shown) - 1
	case key.Matches(k, km.Refresh):
		return tea.Batch(m.busy.Start("Loading templates"), loadTemplates(m.ctx, m.deps, m.segment))
	case key.Matches(k, km.Enter):
		if t, ok := m.selected(); ok {
			return app.Push(paramform.New(m.deps, t.ID, t.Name))
		}
	}
	m.clamp()
	return nil
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	km := m.deps.KeyMap
	if m.searching {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "done")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear"))}
	}
	return []key.Binding{km.Enter, km.Filter, km.Up, km.Down}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	km := m.deps.KeyMap
	return [][]key.Binding{{km.Enter, km.Filter, km.ClearFilter, km.Refresh}, {km.Up, km.Down, km.Top, km.Bottom}}
}

// resources is the one-line resource summary: "8 CPU · 32Gi RAM · 100Gi disk · 1 GPU".
func resources(r svc.Resources) string {
	parts := []string{format.Cores(r.CPU) + " CPU", format.Bytes(r.MemoryBytes) + " RAM", format.Bytes(r.StorageBytes) + " disk"}
	if r.GPUs > 0 {
		parts = append(parts, fmt.Sprintf("%d GPU", r.GPUs))
	}
	return strings.Join(parts, " · ")
}
