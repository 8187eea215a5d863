// Package preflight asks providers whether they would bid on an SDL, before anything is
// signed, and shows who would and why the others would not.
package preflight

import (
	"context"
	"fmt"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/busy"
	"github.com/akt-project/akt/tui/components/table"
	"github.com/akt-project/akt/tui/styles"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

type (
	checksOpenedMsg struct {
		ch  <-chan svc.ProviderCheck
		err error
	}
	checkMsg struct {
		ch <-chan svc.ProviderCheck
		c  svc.ProviderCheck
	}
	checksDoneMsg struct{ ch <-chan svc.ProviderCheck }
)

var keyOnlyYes = key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "would bid only"))

// Model is the pre-flight screen.
type Model struct {
	deps    app.Deps
	ctx     context.Context
	sdl     []byte
	table   table.Model[svc.ProviderCheck]
	ch      <-chan svc.ProviderCheck
	done    bool
	onlyYes bool
	yes     int
	busy    busy.Model
	err     error
	width   int
	height  int
}

// New builds the pre-flight of an SDL.
func New(deps app.Deps, sdl []byte) *Model {
	cols := []table.Column[svc.ProviderCheck]{
		{Title: " ", Width: 1, Cell: func(c svc.ProviderCheck) string {
			if c.WouldBid {
				return "✓"
			}
			return "✗"
		}, Tone: verdictTone, Less: func(a, b svc.ProviderCheck) bool { return a.WouldBid && !b.WouldBid }},
		{Title: "PROVIDER", Width: 26, Cell: func(c svc.ProviderCheck) string { return c.Host },
			Less: func(a, b svc.ProviderCheck) bool { return a.Host < b.Host }},
		{Title: "REGION", Width: 12, Priority: 2, Cell: func(c svc.ProviderCheck) string { return c.Region }},
		{Title: "AUD", Width: 3, Priority: 1, Cell: func(c svc.ProviderCheck) string {
			if c.Audited {
				return "✓"
			}
			return "–"
		}},
		{Title: "WHY", Min: 20, Cell: func(c svc.ProviderCheck) string {
			if c.WouldBid {
				return "would bid"
			}
			return c.Reason
		}, Tone: verdictTone},
	}
	t := table.New(deps.Styles, deps.KeyMap, cols)
	t.Empty = "Waiting for providers to answer…"
	t.SortBy(0, false)
	return &Model{deps: deps, sdl: sdl, table: t, busy: busy.New(deps.Styles)}
}

func verdictTone(c svc.ProviderCheck) styles.Tone {
	if c.WouldBid {
		return styles.ToneSuccess
	}
	return styles.ToneMuted
}

// Start asks the providers.
func (m *Model) Start(ctx context.Context) tea.Cmd {
	m.ctx = ctx
	if m.deps.Preflight == nil {
		m.err = fmt.Errorf("pre-flight is not available: no provider access configured")
		return nil
	}
	p, sdl := m.deps.Preflight, m.sdl
	return tea.Batch(m.busy.Start("Asking providers whether they would bid"), func() tea.Msg {
		ch, err := p.Validate(ctx, sdl)
		if err != nil {
			err = fmt.Errorf("starting the pre-flight: %w", err)
		}
		return checksOpenedMsg{ch: ch, err: err}
	})
}

func wait(ch <-chan svc.ProviderCheck) tea.Cmd {
	return func() tea.Msg {
		c, ok := <-ch
		if !ok {
			return checksDoneMsg{ch: ch}
		}
		return checkMsg{ch: ch, c: c}
	}
}

// Title is the breadcrumb name.
func (m *Model) Title() string { return "Pre-flight" }

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, max(0, h-3))
}

// Counts returns how many answered and how many would bid (for tests).
func (m *Model) Counts() (answered, yes int) { return len(m.table.Rows()), m.yes }

// Update handles answers and keys.
func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case checksOpenedMsg:
		if msg.err != nil {
			m.busy.Stop()
			m.err = msg.err
			return m, nil
		}
		m.ch = msg.ch
		return m, wait(msg.ch)
	case checkMsg:
		if msg.ch != m.ch {
			return m, nil
		}
		if msg.c.WouldBid {
			m.yes++
		}
		m.table.Append(msg.c)
		return m, wait(msg.ch)
	case checksDoneMsg:
		if msg.ch == m.ch {
			m.done = true
			m.busy.Stop()
		}
		return m, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, keyOnlyYes):
			m.onlyYes = !m.onlyYes
			if m.onlyYes {
				m.table.SetFilter(func(c svc.ProviderCheck) bool { return c.WouldBid })
			} else {
				m.table.SetFilter(nil)
			}
			return m, nil
		case key.Matches(msg, m.deps.KeyMap.Sort):
			m.table.NextSort()
			return m, nil
		}
		var cmd tea.Cmd
		m.table, cmd = m.table.Update(msg)
		return m, cmd
	}
	var cmd tea.Cmd
	m.busy, cmd = m.busy.Update(msg)
	return m, cmd
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{keyOnlyYes, m.deps.KeyMap.Sort, m.deps.KeyMap.Up, m.deps.KeyMap.Down}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{keyOnlyYes, m.deps.KeyMap.Sort}, m.table.KeyBindings()}
}

// View renders the verdict summary and the table.
func (m *Model) View() string {
	st := m.deps.Styles
	head := "  " + st.Title.Render("Pre-flight")
	if m.err != nil {
		return head + "\n\n" + st.ErrorBlock(m.err, "esc goes back; you can still deploy and watch the bids.", m.width)
	}
	n := len(m.table.Rows())
	summary := fmt.Sprintf("%d of %d providers would bid", m.yes, n)
	switch {
	case m.busy.Active():
		head += "  " + m.busy.View()
	case m.yes == 0 && m.done:
		summary = st.Danger.Render(fmt.Sprintf("none of %d providers would bid: change the profile and try again", n))
	case m.done:
		summary = st.Success.Render(summary)
	}
	return head + "\n  " + summary + "\n\n" + m.table.View()
}
