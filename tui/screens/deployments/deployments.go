// Package deployments lists my deployments with their cost and how long their escrow lasts,
// and offers the actions on one: add funds, close (both confirmed and signed), open its bids.
package deployments

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/busy"
	"github.com/akt-project/akt/tui/components/form"
	"github.com/akt-project/akt/tui/components/table"
	"github.com/akt-project/akt/tui/components/txflow"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/styles"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// Runway thresholds: under a day is urgent, under three days needs attention.
const (
	RunwayDanger  = 24 * time.Hour
	RunwayWarning = 72 * time.Hour
)

type deploymentsLoadedMsg struct {
	list []svc.Deployment
	err  error
}

// row is a deployment with its derived figures, computed once per load.
type row struct {
	svc.Deployment
	perHour float64 // uact
	runway  time.Duration
}

// Model is the deployments screen.
type Model struct {
	deps      app.Deps
	ctx       context.Context
	table     table.Model[*row]
	busy      busy.Model
	flow      txflow.Model
	funding   *svc.Deployment // the add-funds form is open for it
	form      form.Model
	blockTime time.Duration
	balance   *svc.Balances
	filter    textinput.Model
	filtering bool
	err       error
	width     int
	height    int
}

// New builds the deployments screen.
func New(deps app.Deps) *Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "name, dseq, provider or state"
	in.PromptStyle = deps.Styles.Accent
	in.Cursor.SetMode(cursor.CursorStatic)
	m := &Model{deps: deps, busy: busy.New(deps.Styles), flow: txflow.New(deps), blockTime: svc.DefaultBlockTime, filter: in}
	m.table = table.New(deps.Styles, deps.KeyMap, columns())
	m.table.Empty = "No deployments yet. Go back and pick a template to deploy."
	m.table.SortBy(colRunway, false)
	return m
}

// Column indexes, for sorting.
const (
	colDSeq = iota
	colName
	colState
	colProvider
	colCost
	colEscrow
	colRunway
)

func columns() []table.Column[*row] {
	return []table.Column[*row]{
		colDSeq: {Title: "DSEQ", Width: 10, Cell: func(r *row) string { return fmt.Sprint(r.DSeq) },
			Less: func(a, b *row) bool { return a.DSeq < b.DSeq }},
		colName: {Title: "NAME", Min: 10, Max: 32, Cell: func(r *row) string { return r.Name },
			Less: func(a, b *row) bool { return a.Name < b.Name }},
		colState: {Title: "STATE", Width: 7, Cell: func(r *row) string { return r.State }, Tone: stateTone,
			Less: func(a, b *row) bool { return a.State < b.State }},
		colProvider: {Title: "PROVIDER", Min: 14, Max: 40, Priority: 2, Cell: func(r *row) string { return orDash(format.Provider(r.Provider, r.ProviderAddress)) },
			Less: func(a, b *row) bool { return a.Provider < b.Provider }},
		colCost: {Title: "ACT/HOUR", Width: 9, Right: true, Cell: func(r *row) string {
			if r.State != "active" {
				return "–"
			}
			return format.MicroF(r.perHour)
		}, Less: func(a, b *row) bool { return a.perHour < b.perHour }},
		colEscrow: {Title: "ESCROW ACT", Width: 11, Right: true, Priority: 1, Cell: func(r *row) string {
			return format.MicroF(r.EscrowUACT)
		}, Less: func(a, b *row) bool { return a.EscrowUACT < b.EscrowUACT }},
		colRunway: {Title: "RUNWAY", Width: 9, Right: true, Cell: runwayCell, Tone: runwayTone,
			Less: func(a, b *row) bool { return runwayKey(a) < runwayKey(b) }},
	}
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func stateTone(r *row) styles.Tone {
	if r.State == "active" {
		return styles.ToneSuccess
	}
	return styles.ToneMuted
}

// runwayKey sorts closed deployments last.
func runwayKey(r *row) time.Duration {
	if r.State != "active" {
		return time.Duration(1<<63 - 1)
	}
	return r.runway
}

func runwayCell(r *row) string {
	if r.State != "active" {
		return "–"
	}
	return format.Duration(r.runway)
}

// RunwayTone is the colour of a runway: danger under a day, warning under three.
func RunwayTone(d time.Duration) styles.Tone {
	switch {
	case d < RunwayDanger:
		return styles.ToneDanger
	case d < RunwayWarning:
		return styles.ToneWarning
	}
	return styles.ToneSuccess
}

func runwayTone(r *row) styles.Tone {
	if r.State != "active" {
		return styles.ToneMuted
	}
	return RunwayTone(r.runway)
}

// Start loads the deployments.
func (m *Model) Start(ctx context.Context) tea.Cmd {
	m.ctx = ctx
	// The account gives the block time (runway) and the ACT balance (add funds).
	return tea.Batch(m.busy.Start("Loading deployments"), loadDeployments(ctx, m.deps), app.LoadAccount(ctx, m.deps))
}

// Title is the breadcrumb name.
func (m *Model) Title() string { return "Deployments" }

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, max(0, h-3))
	m.form.SetSize(min(w, 60), 6)
}

// CapturingInput is true while a dialog, form or the filter is open.
func (m *Model) CapturingInput() bool { return m.flow.Active() || m.funding != nil || m.filtering }

// HandleBack clears an applied filter before leaving.
func (m *Model) HandleBack() (bool, tea.Cmd) {
	if m.filter.Value() != "" {
		m.filter.SetValue("")
		m.table.SetFilter(nil)
		return true, nil
	}
	return false, nil
}

// Matches reports whether a deployment matches every word of a filter query.
func Matches(d svc.Deployment, query string) bool {
	hay := strings.ToLower(fmt.Sprintf("%d %s %s %s", d.DSeq, d.Name, d.Provider, d.State))
	for _, w := range strings.Fields(strings.ToLower(query)) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

func (m *Model) applyFilter() {
	q := m.filter.Value()
	if strings.TrimSpace(q) == "" {
		m.table.SetFilter(nil)
		return
	}
	m.table.SetFilter(func(r *row) bool { return Matches(r.Deployment, q) })
}

// Rows returns the deployments as loaded (for tests and benchmarks).
func (m *Model) Rows() []svc.Deployment {
	var out []svc.Deployment
	for _, r := range m.table.Rows() {
		out = append(out, r.Deployment)
	}
	return out
}

// Selected returns the deployment under the cursor.
func (m *Model) Selected() (svc.Deployment, bool) {
	r, ok := m.table.Selected()
	if !ok {
		return svc.Deployment{}, false
	}
	return r.Deployment, true
}

func loadDeployments(ctx context.Context, d app.Deps) tea.Cmd {
	src := d.Deployments
	return func() tea.Msg {
		if src == nil {
			return deploymentsLoadedMsg{err: app.ErrMissing("deployments")}
		}
		cctx, cancel := d.Call(ctx)
		defer cancel()
		list, err := src.List(cctx)
		if err != nil {
			err = fmt.Errorf("listing deployments: %w", err)
		}
		return deploymentsLoadedMsg{list: list, err: err}
	}
}

func (m *Model) setRows(list []svc.Deployment) {
	rows := make([]*row, len(list))
	for i, d := range list {
		rows[i] = &row{Deployment: d, perHour: svc.PerHour(d.PricePerBlock, m.blockTime),
			runway: svc.Runway(d.EscrowUACT, d.PricePerBlock, m.blockTime)}
	}
	m.table.SetRows(rows)
}
