// Package networks lists the configured networks, probes their latency, switches between them
// at runtime and adds a custom RPC.
package networks

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/busy"
	"github.com/akt-project/akt/tui/components/form"
	"github.com/akt-project/akt/tui/components/table"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/styles"
	"github.com/akt-project/akt/tui/svc"
	tea "github.com/charmbracelet/bubbletea"
)

// row is a network with its latest probe.
type row struct {
	svc.Network
	probing  bool
	probe    *svc.Probe
	probeErr error
}

// Messages, each the result of one command.
type (
	networksLoadedMsg struct {
		list []svc.Network
		err  error
	}
	networkProbedMsg struct {
		name  string
		probe svc.Probe
		err   error
	}
	networkSwitchedMsg struct {
		name string
		err  error
	}
	networkAddedMsg struct {
		name string
		err  error
	}
)

// Model is the networks screen.
type Model struct {
	deps   app.Deps
	ctx    context.Context
	table  table.Model[*row]
	busy   busy.Model
	adding bool
	form   form.Model
	err    error
	width  int
	height int
}

// New builds the networks screen.
func New(deps app.Deps) *Model {
	st := deps.Styles
	cols := []table.Column[*row]{
		{Title: " ", Width: 1, Cell: func(r *row) string { return mark(r.Active) },
			Tone: func(*row) styles.Tone { return styles.ToneSuccess }},
		{Title: "NAME", Width: 12, Cell: func(r *row) string { return r.Name },
			Less: func(a, b *row) bool { return a.Name < b.Name }},
		{Title: "CHAIN ID", Width: 14, Priority: 2, Cell: func(r *row) string { return r.ChainID }},
		{Title: "RPC", Min: 16, Cell: func(r *row) string { return r.RPC }},
		{Title: "LATENCY", Width: 9, Right: true, Cell: latencyCell, Tone: latencyTone,
			Less: func(a, b *row) bool { return latency(a) < latency(b) }},
		{Title: "HEIGHT", Width: 11, Right: true, Priority: 1, Cell: func(r *row) string {
			if r.probe == nil || r.probe.Height == 0 {
				return "–"
			}
			return format.Int(r.probe.Height)
		}},
	}
	t := table.New(st, deps.KeyMap, cols)
	t.Empty = "No networks configured."
	return &Model{deps: deps, table: t, busy: busy.New(st)}
}

func mark(active bool) string {
	if active {
		return "●"
	}
	return ""
}

func latency(r *row) time.Duration {
	if r.probe == nil {
		return time.Hour
	}
	return r.probe.Latency
}

func latencyCell(r *row) string {
	switch {
	case r.probing:
		return "probing"
	case r.probeErr != nil:
		return "down"
	case r.probe == nil:
		return "–"
	}
	return fmt.Sprintf("%d ms", r.probe.Latency.Milliseconds())
}

func latencyTone(r *row) styles.Tone {
	switch {
	case r.probeErr != nil:
		return styles.ToneDanger
	case r.probe == nil:
		return styles.ToneMuted
	case r.probe.Latency > 800*time.Millisecond:
		return styles.ToneWarning
	}
	return styles.ToneSuccess
}

// Start loads the list.
func (m *Model) Start(ctx context.Context) tea.Cmd {
	m.ctx = ctx
	return tea.Batch(m.busy.Start("Loading networks"), loadNetworks(ctx, m.deps))
}

// Title is the breadcrumb name.
func (m *Model) Title() string { return "Networks" }

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, max(0, h-3))
	m.form.SetSize(w, max(0, h-5))
}

// CapturingInput is true while the add form is open.
func (m *Model) CapturingInput() bool { return m.adding }

// HandleBack closes the add form.
func (m *Model) HandleBack() (bool, tea.Cmd) {
	if m.adding {
		m.adding = false
		return true, nil
	}
	return false, nil
}

// Rows returns the networks shown (for tests).
func (m *Model) Rows() []svc.Network {
	out := make([]svc.Network, 0, len(m.table.Rows()))
	for _, r := range m.table.Rows() {
		out = append(out, r.Network)
	}
	return out
}

func loadNetworks(ctx context.Context, d app.Deps) tea.Cmd {
	n := d.Networks
	return func() tea.Msg {
		if n == nil {
			return networksLoadedMsg{err: app.ErrMissing("networks")}
		}
		cctx, cancel := d.Call(ctx)
		defer cancel()
		list, err := n.List(cctx)
		if err != nil {
			err = fmt.Errorf("listing networks: %w", err)
		}
		return networksLoadedMsg{list: list, err: err}
	}
}

func probeNetwork(ctx context.Context, d app.Deps, name string) tea.Cmd {
	n := d.Networks
	return func() tea.Msg {
		cctx, cancel := d.Call(ctx)
		defer cancel()
		p, err := n.Probe(cctx, name)
		if err != nil {
			err = fmt.Errorf("probing %s: %w", name, err)
		}
		return networkProbedMsg{name: name, probe: p, err: err}
	}
}

func switchNetwork(ctx context.Context, d app.Deps, name string) tea.Cmd {
	n := d.Networks
	return func() tea.Msg {
		cctx, cancel := d.Call(ctx)
		defer cancel()
		err := n.Switch(cctx, name)
		if err != nil {
			err = fmt.Errorf("switching to %s: %w", name, err)
		}
		return networkSwitchedMsg{name: name, err: err}
	}
}

func addNetwork(ctx context.Context, d app.Deps, nw svc.Network) tea.Cmd {
	n := d.Networks
	return func() tea.Msg {
		cctx, cancel := d.Call(ctx)
		defer cancel()
		err := n.Add(cctx, nw)
		if err != nil {
			err = fmt.Errorf("adding network %s: %w", nw.Name, err)
		}
		return networkAddedMsg{name: nw.Name, err: err}
	}
}

// ValidateRPC checks a custom RPC URL: http or https with a host.
func ValidateRPC(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return fmt.Errorf("enter a URL such as https://rpc.example.com:443")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("the scheme must be http or https, not %q", u.Scheme)
	}
	return nil
}

func (m *Model) validateName(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fmt.Errorf("required")
	}
	for _, r := range m.table.Rows() {
		if strings.EqualFold(r.Name, name) {
			return fmt.Errorf("%q already exists", name)
		}
	}
	return nil
}
