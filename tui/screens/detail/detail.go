// Package detail is one deployment up close: its leases, services and endpoints, a logs pane
// (follow, per service, search), an events pane, and a shell into a service.
package detail

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/busy"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// maxLines bounds the log buffer; older lines are dropped.
const maxLines = 5000

// Messages, each the result of one command.
type (
	detailLoadedMsg struct {
		dseq uint64
		d    svc.DeploymentDetail
		err  error
	}
	statusOpenedMsg struct {
		lease svc.LeaseID
		ch    <-chan svc.LeaseStatus
		err   error
	}
	statusMsg struct {
		ch <-chan svc.LeaseStatus
		s  svc.LeaseStatus
	}
	logsOpenedMsg struct {
		ch  <-chan svc.LogLine
		err error
	}
	logLineMsg struct {
		ch   <-chan svc.LogLine
		line svc.LogLine
	}
	logsClosedMsg   struct{ ch <-chan svc.LogLine }
	eventsOpenedMsg struct {
		ch  <-chan svc.Event
		err error
	}
	eventMsg struct {
		ch <-chan svc.Event
		e  svc.Event
	}
	shellExitedMsg struct{ err error }
)

// Pane is the lower pane.
type Pane int

// Panes.
const (
	LogsPane Pane = iota
	EventsPane
)

// Model is the deployment detail screen.
type Model struct {
	deps      app.Deps
	ctx       context.Context
	dseq      uint64
	blockTime time.Duration // the network's, once the account says; else svc.DefaultBlockTime
	detail    *svc.DeploymentDetail
	lease     *svc.Lease
	status    *svc.LeaseStatus
	statusCh  <-chan svc.LeaseStatus
	pane      Pane
	lines     []svc.LogLine
	logsCh    <-chan svc.LogLine
	logsStop  context.CancelFunc
	service   string // "" = all services
	follow    bool
	offset    int // first log line shown when not following
	search    textinput.Model
	searching bool
	events    []svc.Event
	eventsCh  <-chan svc.Event
	busy      busy.Model
	err       error
	width     int
	height    int
}

// New builds the detail screen of deployment dseq.
func New(deps app.Deps, dseq uint64) *Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "search logs"
	in.PromptStyle = deps.Styles.Accent
	in.Cursor.SetMode(cursor.CursorStatic)
	return &Model{deps: deps, dseq: dseq, follow: true, search: in, busy: busy.New(deps.Styles)}
}

// Start loads the deployment.
func (m *Model) Start(ctx context.Context) tea.Cmd {
	m.ctx = ctx
	return tea.Batch(m.busy.Start(fmt.Sprintf("Loading deployment %d", m.dseq)), loadDetail(ctx, m.deps, m.dseq),
		app.LoadAccount(ctx, m.deps))
}

// Title is the breadcrumb name.
func (m *Model) Title() string { return fmt.Sprintf("Deployment %d", m.dseq) }

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.search.Width = max(10, w/3)
}

// CapturingInput is true while typing a search.
func (m *Model) CapturingInput() bool { return m.searching }

// HandleBack clears the search, then the service filter, before leaving.
func (m *Model) HandleBack() (bool, tea.Cmd) {
	switch {
	case m.search.Value() != "":
		m.search.SetValue("")
		return true, nil
	case m.service != "":
		return true, m.setService("")
	}
	return false, nil
}

// Lines returns the log lines shown, after the service filter and the search (for tests).
func (m *Model) Lines() []svc.LogLine { return m.filtered() }

func (m *Model) filtered() []svc.LogLine {
	q := strings.ToLower(strings.TrimSpace(m.search.Value()))
	if q == "" {
		return m.lines
	}
	out := make([]svc.LogLine, 0, len(m.lines)/4)
	for _, l := range m.lines {
		if strings.Contains(strings.ToLower(l.Text), q) || strings.Contains(strings.ToLower(l.Pod), q) {
			out = append(out, l)
		}
	}
	return out
}

func loadDetail(ctx context.Context, d app.Deps, dseq uint64) tea.Cmd {
	src := d.Details
	return func() tea.Msg {
		if src == nil {
			return detailLoadedMsg{dseq: dseq, err: fmt.Errorf("loading deployment %d: no detail service configured", dseq)}
		}
		cctx, cancel := d.Call(ctx)
		defer cancel()
		det, err := src.Detail(cctx, dseq)
		if err != nil {
			err = fmt.Errorf("loading deployment %d: %w", dseq, err)
		}
		return detailLoadedMsg{dseq: dseq, d: det, err: err}
	}
}

func openStatus(ctx context.Context, d app.Deps, l svc.LeaseID) tea.Cmd {
	p := d.Providers
	return func() tea.Msg {
		ch, err := p.WatchStatus(ctx, l)
		if err != nil {
			err = fmt.Errorf("reading the status of lease %s: %w", l, err)
		}
		return statusOpenedMsg{lease: l, ch: ch, err: err}
	}
}

func waitStatus(ch <-chan svc.LeaseStatus) tea.Cmd {
	return func() tea.Msg {
		s, ok := <-ch
		if !ok {
			return nil
		}
		return statusMsg{ch: ch, s: s}
	}
}

func openLogs(ctx context.Context, d app.Deps, l svc.LeaseID, service string) tea.Cmd {
	src := d.Logs
	return func() tea.Msg {
		ch, err := src.Logs(ctx, l, service, true, 200)
		if err != nil {
			err = fmt.Errorf("opening the logs of lease %s: %w", l, err)
		}
		return logsOpenedMsg{ch: ch, err: err}
	}
}

func waitLog(ch <-chan svc.LogLine) tea.Cmd {
	return func() tea.Msg {
		l, ok := <-ch
		if !ok {
			return logsClosedMsg{ch: ch}
		}
		return logLineMsg{ch: ch, line: l}
	}
}

func openEvents(ctx context.Context, d app.Deps, l svc.LeaseID) tea.Cmd {
	src := d.Logs
	return func() tea.Msg {
		ch, err := src.Events(ctx, l)
		if err != nil {
			err = fmt.Errorf("opening the events of lease %s: %w", l, err)
		}
		return eventsOpenedMsg{ch: ch, err: err}
	}
}

func waitEvent(ch <-chan svc.Event) tea.Cmd {
	return func() tea.Msg {
		e, ok := <-ch
		if !ok {
			return nil
		}
		return eventMsg{ch: ch, e: e}
	}
}

// setService restarts the log stream for one service ("" = all).
func (m *Model) setService(s string) tea.Cmd {
	m.service = s
	return m.restartLogs()
}

func (m *Model) restartLogs() tea.Cmd {
	if m.logsStop != nil {
		m.logsStop()
	}
	m.lines, m.logsCh, m.offset, m.follow = nil, nil, 0, true
	if m.lease == nil || m.deps.Logs == nil {
		return nil
	}
	ctx, cancel := context.WithCancel(m.ctx)
	m.logsStop = cancel
	return openLogs(ctx, m.deps, m.lease.ID, m.service)
}

// services lists the lease's service names, from its status.
func (m *Model) services() []string {
	if m.status == nil {
		return nil
	}
	out := make([]string, 0, len(m.status.Services))
	for _, s := range m.status.Services {
		out = append(out, s.Name)
	}
	return out
}
