// Package bids is the live bid table of one deployment's order: it fills as bids land (from
// the market's event stream, not polling), sorts by any column, filters, charts prices,
// counts down to the end of bidding, shows provider detail and accepts a bid.
package bids

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/busy"
	"github.com/akt-project/akt/tui/components/table"
	"github.com/akt-project/akt/tui/components/txflow"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/styles"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// Messages, each the result of one command.
type (
	orderLoadedMsg struct {
		dseq  uint64
		order svc.Order
		bids  []svc.Bid
		err   error
	}
	bidStreamOpenedMsg struct {
		dseq uint64
		ch   <-chan svc.Bid
		err  error
	}
	bidArrivedMsg struct {
		ch  <-chan svc.Bid
		bid svc.Bid
	}
	bidStreamClosedMsg struct{ ch <-chan svc.Bid }
	tickMsg            struct {
		owner *Model
		at    time.Time
	}
)

// row is a bid with its prices in every unit, computed once when it lands.
type row struct {
	svc.Bid
	name                          string  // the provider as shown (format.Provider)
	perHour, perMonth, perGPUHour float64 // uact
}

// Model is the bids screen.
type Model struct {
	deps       app.Deps
	ctx        context.Context
	dseq       uint64
	order      *svc.Order
	table      table.Model[*row]
	seen       map[string]bool
	stream     <-chan svc.Bid
	live       bool
	busy       busy.Model
	flow       txflow.Model
	blockTime  time.Duration
	now        time.Time
	audited    bool
	region     string
	gpu        string
	maxMonth   float64 // uact per month; 0 = no limit
	editingMax bool
	maxInput   textinput.Model
	detail     bool
	leased     *svc.Bid
	sdl        []byte // the deployment's SDL when known, for the manifest
	err        error
	width      int
	height     int
}

// Column indexes.
const (
	colProvider = iota
	colRegion
	colAudited
	colUptime
	colGPU
	colBlock
	colHour
	colMonth
	colGPUHour
)

// New builds the bids screen for deployment dseq.
func New(deps app.Deps, dseq uint64) *Model {
	in := textinput.New()
	in.Prompt = "max ACT/month: "
	in.PromptStyle = deps.Styles.Accent
	in.Cursor.SetMode(cursor.CursorStatic)
	in.CharLimit = 12
	m := &Model{deps: deps, dseq: dseq, seen: map[string]bool{}, busy: busy.New(deps.Styles),
		flow: txflow.New(deps), blockTime: svc.DefaultBlockTime, maxInput: in}
	m.table = table.New(deps.Styles, deps.KeyMap, columns())
	m.table.Empty = "Waiting for providers to bid…"
	m.table.SortBy(colBlock, false)
	return m
}

func columns() []table.Column[*row] {
	price := func(a, b *row) bool { return a.PricePerBlock < b.PricePerBlock }
	return []table.Column[*row]{
		colProvider: {Title: "PROVIDER", Min: 18, Max: 44, Cell: func(r *row) string { return r.name },
			Less: func(a, b *row) bool { return a.name < b.name }},
		colRegion: {Title: "REGION", Width: 12, Priority: 3, Cell: func(r *row) string { return orDash(r.Region) },
			Less: func(a, b *row) bool { return a.Region < b.Region }},
		colAudited: {Title: "AUD", Width: 3, Cell: func(r *row) string {
			if r.Audited {
				return "✓"
			}
			return "–"
		}, Tone: func(r *row) styles.Tone {
			if r.Audited {
				return styles.ToneSuccess
			}
			return styles.ToneMuted
		}, Less: func(a, b *row) bool { return !a.Audited && b.Audited }},
		colUptime: {Title: "UPTIME", Width: 7, Right: true, Priority: 4, Cell: func(r *row) string {
			if r.Uptime < 0 {
				return "?"
			}
			return fmt.Sprintf("%.1f%%", r.Uptime*100)
		}, Tone: func(r *row) styles.Tone {
			switch {
			case r.Uptime < 0:
				return styles.ToneMuted
			case r.Uptime < 0.95:
				return styles.ToneWarning
			}
			return styles.ToneNormal
		}, Less: func(a, b *row) bool { return a.Uptime < b.Uptime }},
		colGPU: {Title: "GPU", Width: 12, Priority: 2, Cell: func(r *row) string { return orDash(strings.Join(r.GPUModels, "/")) },
			Less: func(a, b *row) bool { return strings.Join(a.GPUModels, "/") < strings.Join(b.GPUModels, "/") }},
		colBlock: {Title: "uACT/BLK", Width: 9, Right: true, Priority: 5, Cell: func(r *row) string { return format.Price(r.PricePerBlock) },
			Less: price},
		colHour: {Title: "ACT/H", Width: 7, Right: true, Cell: func(r *row) string { return format.MicroF(r.perHour) },
			Tone: func(*row) styles.Tone { return styles.ToneAccent }, Less: price},
		colMonth: {Title: "ACT/MONTH", Width: 9, Right: true, Cell: func(r *row) string { return format.MicroF(r.perMonth) },
			Less: price},
		colGPUHour: {Title: "ACT/GPU·H", Width: 9, Right: true, Priority: 1, Cell: func(r *row) string {
			if r.GPUs == 0 {
				return "–"
			}
			return format.MicroF(r.perGPUHour)
		}, Less: func(a, b *row) bool { return a.perGPUHour < b.perGPUHour }},
	}
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func bidKey(b svc.Bid) string { return fmt.Sprintf("%s/%d/%d", b.Provider, b.GSeq, b.OSeq) }

func (m *Model) newRow(b svc.Bid) *row {
	r := &row{Bid: b, name: format.Provider(b.Host, b.Provider), perHour: svc.PerHour(b.PricePerBlock, m.blockTime), perMonth: svc.PerMonth(b.PricePerBlock, m.blockTime)}
	if b.GPUs > 0 {
		r.perGPUHour = r.perHour / float64(b.GPUs)
	}
	return r
}

// WithSDL records the SDL the deployment was created from, so the lease screen can send its
// manifest.
func (m *Model) WithSDL(sdl []byte) *Model {
	m.sdl = sdl
	return m
}

// Start loads the order and its bids, opens the bid stream and starts the countdown.
func (m *Model) Start(ctx context.Context) tea.Cmd {
	m.ctx = ctx
	m.now = m.deps.Now()
	return tea.Batch(m.busy.Start(fmt.Sprintf("Loading the order of deployment %d", m.dseq)),
		loadOrder(ctx, m.deps, m.dseq), openStream(ctx, m.deps, m.dseq), m.tick(), app.LoadAccount(ctx, m.deps))
}

// Title is the breadcrumb name.
func (m *Model) Title() string { return fmt.Sprintf("Bids %d", m.dseq) }

// CapturingInput is true while a dialog, the detail or the price box is open.
func (m *Model) CapturingInput() bool { return m.flow.Active() || m.editingMax || m.detail }

// Shown returns the bids shown, in display order (for tests).
func (m *Model) Shown() []svc.Bid {
	out := make([]svc.Bid, 0, m.table.Visible())
	for _, r := range m.table.VisibleRows(0, -1) {
		out = append(out, r.Bid)
	}
	return out
}

func (m *Model) keep(r *row) bool {
	if m.audited && !r.Audited {
		return false
	}
	if m.region != "" && r.Region != m.region {
		return false
	}
	if m.gpu != "" && !contains(r.GPUModels, m.gpu) {
		return false
	}
	if m.maxMonth > 0 && r.perMonth > m.maxMonth {
		return false
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (m *Model) applyFilter() { m.table.SetFilter(m.keep) }

// cycle moves cur to the next value among the rows' values ("" = all).
func (m *Model) cycle(cur string, values func(*row) []string) string {
	set := map[string]bool{}
	for _, r := range m.table.Rows() {
		for _, v := range values(r) {
			if v != "" {
				set[v] = true
			}
		}
	}
	opts := make([]string, 0, len(set)+1)
	for v := range set {
		opts = append(opts, v)
	}
	sort.Strings(opts)
	opts = append([]string{""}, opts...)
	for i, o := range opts {
		if o == cur {
			return opts[(i+1)%len(opts)]
		}
	}
	return ""
}

func loadOrder(ctx context.Context, d app.Deps, dseq uint64) tea.Cmd {
	mk := d.Market
	return func() tea.Msg {
		if mk == nil {
			return orderLoadedMsg{dseq: dseq, err: app.ErrMissing("market")}
		}
		cctx, cancel := d.Call(ctx)
		defer cancel()
		o, bs, err := mk.Order(cctx, dseq)
		if err != nil {
			err = fmt.Errorf("loading the order of deployment %d: %w", dseq, err)
		}
		return orderLoadedMsg{dseq: dseq, order: o, bids: bs, err: err}
	}
}

// openStream subscribes to new bids; the subscription lives as long as the screen's context.
func openStream(ctx context.Context, d app.Deps, dseq uint64) tea.Cmd {
	mk := d.Market
	return func() tea.Msg {
		if mk == nil {
			return bidStreamOpenedMsg{dseq: dseq, err: app.ErrMissing("market")}
		}
		ch, err := mk.WatchBids(ctx, dseq)
		if err != nil {
			err = fmt.Errorf("watching bids on deployment %d: %w", dseq, err)
		}
		return bidStreamOpenedMsg{dseq: dseq, ch: ch, err: err}
	}
}

// waitBid drains one bid from the stream.
func waitBid(ch <-chan svc.Bid) tea.Cmd {
	return func() tea.Msg {
		b, ok := <-ch
		if !ok {
			return bidStreamClosedMsg{ch: ch}
		}
		return bidArrivedMsg{ch: ch, bid: b}
	}
}

// tick drives the countdown once a second.
func (m *Model) tick() tea.Cmd {
	owner := m
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return tickMsg{owner: owner, at: t} })
}
