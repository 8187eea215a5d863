// Package lease follows a new lease to a running service: it sends the manifest at once (with
// a separate retry when that fails), then shows the provider's status until every service is
// ready, with URIs and forwarded ports that copy to the clipboard.
package lease

import (
	"context"
	"fmt"
	"strings"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/busy"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Messages, each the result of one command.
type (
	manifestSentMsg struct {
		lease svc.LeaseID
		err   error
	}
	statusStreamMsg struct {
		lease svc.LeaseID
		ch    <-chan svc.LeaseStatus
		err   error
	}
	statusMsg struct {
		ch     <-chan svc.LeaseStatus
		status svc.LeaseStatus
	}
	statusClosedMsg struct{ ch <-chan svc.LeaseStatus }
	copiedMsg       struct {
		text string
		err  error
	}
)

// Phase is where the lease is.
type Phase int

// Phases.
const (
	SendingManifest Phase = iota
	ManifestFailed
	Starting
	Ready
)

// endpoint is one copyable line: a URI or a forwarded port.
type endpoint struct{ service, text, note string }

// Model is the lease screen.
type Model struct {
	deps     app.Deps
	ctx      context.Context
	lease    svc.LeaseID
	host     string
	sdl      []byte
	phase    Phase
	sendErr  error
	stream   <-chan svc.LeaseStatus
	status   *svc.LeaseStatus
	streamE  error
	cursor   int
	busy     busy.Model
	width    int
	height   int
	attempts int
}

// New builds the lease screen; sdl may be nil (see svc.Providers.SendManifest).
func New(deps app.Deps, lease svc.LeaseID, host string, sdl []byte) *Model {
	return &Model{deps: deps, lease: lease, host: format.Provider(host, lease.Provider), sdl: sdl, busy: busy.New(deps.Styles)}
}

// Start sends the manifest.
func (m *Model) Start(ctx context.Context) tea.Cmd {
	m.ctx = ctx
	return m.send()
}

func (m *Model) send() tea.Cmd {
	m.phase, m.sendErr = SendingManifest, nil
	m.attempts++
	return tea.Batch(m.busy.Start("Sending the manifest to "+m.host), sendManifest(m.ctx, m.deps, m.lease, m.sdl))
}

// Title is the breadcrumb name.
func (m *Model) Title() string { return "Lease " + m.lease.String() }

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Phase returns where the lease is (for tests).
func (m *Model) Phase() Phase { return m.phase }

func sendManifest(ctx context.Context, d app.Deps, l svc.LeaseID, sdl []byte) tea.Cmd {
	p := d.Providers
	return func() tea.Msg {
		if p == nil {
			return manifestSentMsg{lease: l, err: app.ErrMissing("provider gateway")}
		}
		cctx, cancel := d.Call(ctx)
		defer cancel()
		err := p.SendManifest(cctx, l, sdl)
		if err != nil {
			err = fmt.Errorf("sending the manifest of %s: %w", l, err)
		}
		return manifestSentMsg{lease: l, err: err}
	}
}

func watchStatus(ctx context.Context, d app.Deps, l svc.LeaseID) tea.Cmd {
	p := d.Providers
	return func() tea.Msg {
		ch, err := p.WatchStatus(ctx, l)
		if err != nil {
			err = fmt.Errorf("reading the status of %s: %w", l, err)
		}
		return statusStreamMsg{lease: l, ch: ch, err: err}
	}
}

func waitStatus(ch <-chan svc.LeaseStatus) tea.Cmd {
	return func() tea.Msg {
		s, ok := <-ch
		if !ok {
			return statusClosedMsg{ch: ch}
		}
		return statusMsg{ch: ch, status: s}
	}
}

func copyText(d app.Deps, text string) tea.Cmd {
	cp := d.Copy
	return func() tea.Msg { return copiedMsg{text: text, err: cp(text)} }
}

// Update handles results, status updates and keys.
func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case manifestSentMsg:
		if msg.lease != m.lease {
			return m, nil
		}
		m.busy.Stop()
		if msg.err != nil {
			m.phase, m.sendErr = ManifestFailed, msg.err
			return m, nil
		}
		m.phase = Starting
		return m, tea.Batch(m.busy.Start("Waiting for the services to start"), watchStatus(m.ctx, m.deps, m.lease))
	case statusStreamMsg:
		if msg.lease != m.lease {
			return m, nil
		}
		if msg.err != nil {
			m.busy.Stop()
			m.streamE = msg.err
			return m, nil
		}
		m.stream = msg.ch
		return m, waitStatus(msg.ch)
	case statusMsg:
		if msg.ch != m.stream {
			return m, nil
		}
		s := msg.status
		m.status = &s
		if s.AllReady() && m.phase != Ready {
			m.phase = Ready
			m.busy.Stop()
			return m, tea.Batch(waitStatus(msg.ch), app.Success("%s is ready on %s", m.lease, m.host))
		}
		return m, waitStatus(msg.ch)
	case copiedMsg:
		if msg.err != nil {
			return m, app.Error(fmt.Errorf("copying %s: %w", msg.text, msg.err), "select it with the mouse instead")
		}
		return m, app.Success("copied %s", msg.text)
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	}
	var cmd tea.Cmd
	m.busy, cmd = m.busy.Update(msg)
	return m, cmd
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	km := m.deps.KeyMap
	eps := m.endpoints()
	switch {
	case key.Matches(k, km.Refresh) && m.phase == ManifestFailed:
		return m.send()
	case key.Matches(k, km.Up):
		m.cursor = max(0, m.cursor-1)
	case key.Matches(k, km.Down):
		m.cursor = min(max(0, len(eps)-1), m.cursor+1)
	case key.Matches(k, km.Copy) && m.cursor < len(eps):
		return copyText(m.deps, eps[m.cursor].text)
	}
	return nil
}

func (m *Model) endpoints() []endpoint {
	if m.status == nil {
		return nil
	}
	var out []endpoint
	for _, s := range m.status.Services {
		for _, u := range s.URIs {
			out = append(out, endpoint{service: s.Name, text: u, note: "HTTP"})
		}
		for _, p := range s.Ports {
			out = append(out, endpoint{service: s.Name, text: p.Address(),
				note: fmt.Sprintf("%s %d → %d", strings.ToUpper(p.Proto), p.Port, p.ExternalPort)})
		}
	}
	return out
}

// ShortHelp lists the keys that work now.
func (m *Model) ShortHelp() []key.Binding {
	km := m.deps.KeyMap
	if m.phase == ManifestFailed {
		return []key.Binding{key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry the manifest"))}
	}
	if len(m.endpoints()) > 0 {
		return []key.Binding{km.Up, km.Down, km.Copy}
	}
	return nil
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	km := m.deps.KeyMap
	return [][]key.Binding{{km.Up, km.Down, km.Copy, key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry the manifest"))}}
}
