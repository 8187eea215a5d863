package detail

import (
	"sort"

	"github.com/akt-project/akt/tui/app"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Keys of this screen that are not in the shared map.
var (
	keyService = key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "service"))
	keySearch  = key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search"))
)

// Update handles results, stream items and keys.
func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case app.AccountLoadedMsg:
		if msg.Err == nil && msg.Account.BlockTime > 0 {
			m.blockTime = msg.Account.BlockTime
		}
		return m, nil
	case detailLoadedMsg:
		if msg.dseq != m.dseq {
			return m, nil
		}
		m.busy.Stop()
		m.err = msg.err
		if msg.err != nil {
			return m, nil
		}
		d := msg.d
		m.detail = &d
		for i := range d.Leases {
			if d.Leases[i].State == "active" {
				m.lease = &d.Leases[i]
				break
			}
		}
		if m.lease == nil || m.deps.Providers == nil {
			return m, nil
		}
		cmds := []tea.Cmd{openStatus(m.ctx, m.deps, m.lease.ID), m.restartLogs()}
		if m.deps.Logs != nil {
			cmds = append(cmds, openEvents(m.ctx, m.deps, m.lease.ID))
		}
		return m, tea.Batch(cmds...)
	case statusOpenedMsg:
		if msg.err != nil {
			return m, app.Error(msg.err, "services and endpoints will not show; logs may still work")
		}
		m.statusCh = msg.ch
		return m, waitStatus(msg.ch)
	case statusMsg:
		if msg.ch != m.statusCh {
			return m, nil
		}
		s := msg.s
		m.status = &s
		return m, waitStatus(msg.ch)
	case logsOpenedMsg:
		if msg.err != nil {
			return m, app.Error(msg.err, "press s to pick a service or try again later")
		}
		m.logsCh = msg.ch
		return m, waitLog(msg.ch)
	case logLineMsg:
		if msg.ch != m.logsCh {
			return m, nil // from a stream replaced by a service change
		}
		m.lines = append(m.lines, msg.line)
		if len(m.lines) > maxLines {
			drop := len(m.lines) - maxLines
			m.lines = append(m.lines[:0:0], m.lines[drop:]...)
			m.offset = max(0, m.offset-drop)
		}
		return m, waitLog(msg.ch)
	case logsClosedMsg:
		if msg.ch == m.logsCh {
			m.logsCh = nil
		}
		return m, nil
	case eventsOpenedMsg:
		if msg.err != nil {
			return m, app.Error(msg.err, "events will not show")
		}
		m.eventsCh = msg.ch
		return m, waitEvent(msg.ch)
	case eventMsg:
		if msg.ch != m.eventsCh {
			return m, nil
		}
		m.events = append(m.events, msg.e)
		return m, waitEvent(msg.ch)
	case shellExitedMsg:
		if msg.err != nil {
			return m, app.Error(msg.err, "the shell ended with an error")
		}
		return m, app.Info("shell closed")
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			m.scroll(-3)
		case tea.MouseButtonWheelDown:
			m.scroll(3)
		}
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
			m.search.SetValue("")
			m.search.Blur()
		case key.Matches(k, km.Enter):
			m.searching = false
			m.search.Blur()
		default:
			var cmd tea.Cmd
			m.search, cmd = m.search.Update(k)
			m.offset = 0
			return cmd
		}
		return nil
	}
	switch {
	case key.Matches(k, km.Logs):
		m.pane = LogsPane
	case key.Matches(k, km.Events):
		m.pane = EventsPane
	case key.Matches(k, keySearch):
		m.pane, m.searching = LogsPane, true
		return m.search.Focus()
	case key.Matches(k, km.Follow):
		m.follow = !m.follow
		if !m.follow {
			m.offset = max(0, len(m.filtered())-m.logRows())
		}
	case key.Matches(k, keyService):
		return m.setService(next(m.allServices(), m.service))
	case key.Matches(k, km.Shell):
		return m.shell()
	case key.Matches(k, km.Refresh):
		return tea.Batch(m.busy.Start("Reloading"), loadDetail(m.ctx, m.deps, m.dseq))
	case key.Matches(k, km.Up):
		m.scroll(-1)
	case key.Matches(k, km.Down):
		m.scroll(1)
	case key.Matches(k, km.PageUp):
		m.scroll(-m.logRows())
	case key.Matches(k, km.PageDown):
		m.scroll(m.logRows())
	case key.Matches(k, km.Bottom):
		m.follow = true
	case key.Matches(k, km.Top):
		m.follow, m.offset = false, 0
	}
	return nil
}

// scroll moves the log window; scrolling up stops following, reaching the end resumes it.
func (m *Model) scroll(n int) {
	total := len(m.filtered())
	rows := m.logRows()
	if m.follow {
		m.offset = max(0, total-rows)
	}
	m.offset = max(0, min(m.offset+n, total-rows))
	m.follow = m.offset >= total-rows
}

func (m *Model) shell() tea.Cmd {
	if m.deps.Shell == nil || m.lease == nil {
		return app.Info("no shell: start akt with provider access and a running lease")
	}
	service := m.service
	if service == "" {
		if s := m.services(); len(s) > 0 {
			service = s[0]
		}
	}
	if service == "" {
		return app.Info("no service to open a shell in yet")
	}
	return tea.Exec(m.deps.Shell(m.lease.ID, service), func(err error) tea.Msg {
		return shellExitedMsg{err: err}
	})
}

// allServices is the status's services and any seen in the logs, sorted.
func (m *Model) allServices() []string {
	set := map[string]bool{}
	for _, s := range m.services() {
		set[s] = true
	}
	for _, l := range m.lines {
		set[l.Service] = true
	}
	if m.service != "" {
		set[m.service] = true
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// next cycles "" → first → ... → last → "".
func next(list []string, cur string) string {
	for i, s := range list {
		if s == cur {
			if i+1 < len(list) {
				return list[i+1]
			}
			return ""
		}
	}
	if cur == "" && len(list) > 0 {
		return list[0]
	}
	return ""
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	km := m.deps.KeyMap
	if m.searching {
		return []key.Binding{km.Enter, km.Back}
	}
	out := []key.Binding{km.Logs, km.Events, keySearch, keyService, km.Follow}
	if m.deps.Shell != nil {
		out = append(out, km.Shell)
	}
	return out
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	km := m.deps.KeyMap
	return [][]key.Binding{m.ShortHelp(), {km.Up, km.Down, km.PageUp, km.PageDown, km.Top, km.Bottom, km.Refresh}}
}
