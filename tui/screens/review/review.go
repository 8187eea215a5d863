// Package review shows a rendered SDL beside a structured editor of its profiles (CPU, memory,
// storage, replicas, price, GPUs with a model picker), with a cost estimate, and deploys it:
// deposit and its source, the confirm dialog, the progress line, then the bids.
package review

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/busy"
	"github.com/akt-project/akt/tui/components/form"
	"github.com/akt-project/akt/tui/components/txflow"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
)

// Messages, each the result of one command.
type (
	profilesReadMsg struct {
		sdl      []byte
		profiles []svc.Profile
		err      error
	}
	sdlEditedMsg struct {
		version int
		sdl     []byte
		err     error
	}
	leaseFoundMsg struct {
		lease *svc.Lease
		err   error
	}
	grantLoadedMsg struct {
		uact uint64
		err  error
	}
)

// Model is the review screen.
type Model struct {
	deps     app.Deps
	ctx      context.Context
	title    string
	sdl      []byte
	version  int // of the last edit sent to the editor
	editErr  error
	profiles []svc.Profile
	sel      int
	form     form.Model
	gpuFocus bool
	gpuCur   int
	picking  bool
	picker   picker
	sdlView  viewport.Model
	showSDL  bool // narrow layout: the SDL pane instead of the editor
	account  *svc.Account
	grant    uint64
	deposit  *form.Model // open while choosing the deposit
	update   uint64      // the deployment being updated; 0 when creating one
	flow     txflow.Model
	busy     busy.Model
	err      error
	width    int
	height   int
}

// New builds the review screen for an SDL (title names it in the breadcrumb).
func New(deps app.Deps, sdl []byte, title string) *Model {
	return &Model{deps: deps, sdl: sdl, title: title, sdlView: viewport.New(0, 0), flow: txflow.New(deps),
		busy: busy.New(deps.Styles)}
}

// NewUpdate builds the review of an existing deployment's SDL: deploying sends an update
// instead of creating a deployment, then re-sends the manifest to its lease.
func NewUpdate(deps app.Deps, sdl []byte, dseq uint64) *Model {
	m := New(deps, sdl, fmt.Sprintf("deployment %d", dseq))
	m.update = dseq
	return m
}

// Start reads the profiles, the account (for the rate) and any deposit grant.
func (m *Model) Start(ctx context.Context) tea.Cmd {
	m.ctx = ctx
	m.sdlView.SetContent(string(m.sdl))
	cmds := []tea.Cmd{m.busy.Start("Reading the SDL's profiles"), readProfiles(m.deps, m.sdl), app.LoadAccount(ctx, m.deps)}
	if m.deps.Grants != nil {
		cmds = append(cmds, loadGrant(ctx, m.deps))
	}
	return tea.Batch(cmds...)
}

// Title is the breadcrumb name.
func (m *Model) Title() string { return "Review" }

func (m *Model) wide() bool { return m.width >= 120 }

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	if m.wide() {
		m.sdlView.Width = w*9/20 - 4
	} else {
		m.sdlView.Width = w - 4
	}
	m.sdlView.Height = max(1, h-5)
	m.fitForm()
}

// fitForm gives the form the rows the editor pane does not need for the profile title, the
// GPU list and the cost.
func (m *Model) fitForm() {
	edW := m.width
	if m.wide() {
		edW = m.width - m.width*9/20 - 1
	}
	gpuLines := 2 // the title and the models on one line
	if len(m.profiles) > 0 && m.gpuFocus {
		gpuLines = 2 + max(1, len(m.profiles[m.sel].GPUModels))
	}
	costLines := 5 // the title, three amounts and the deposit
	if m.account == nil || m.account.ACTPerAKT <= 0 {
		costLines++ // the line saying there is no AKT rate
	}
	m.form.SetSize(min(edW, 48), max(2, m.height-2-1-gpuLines-1-costLines))
}

// CapturingInput is true while the editor or a dialog takes keys.
func (m *Model) CapturingInput() bool {
	return len(m.profiles) > 0 && !m.showSDL || m.flow.Active() || m.deposit != nil
}

// HandleBack leaves the SDL pane, the picker or the GPU list first.
func (m *Model) HandleBack() (bool, tea.Cmd) {
	if m.showSDL {
		m.showSDL = false
		return true, nil
	}
	return false, nil
}

// SDL returns the current document (for tests).
func (m *Model) SDL() []byte { return m.sdl }

// Profiles returns the profiles as edited (for tests).
func (m *Model) Profiles() []svc.Profile { return m.profiles }

func readProfiles(d app.Deps, sdl []byte) tea.Cmd {
	ed := d.Editor
	return func() tea.Msg {
		if ed == nil {
			return profilesReadMsg{sdl: sdl, err: fmt.Errorf("reading profiles: no SDL editor configured")}
		}
		ps, err := ed.Profiles(sdl)
		if err != nil {
			err = fmt.Errorf("reading profiles: %w", err)
		}
		return profilesReadMsg{sdl: sdl, profiles: ps, err: err}
	}
}

func applyEdit(d app.Deps, sdl []byte, p svc.Profile, version int) tea.Cmd {
	ed := d.Editor
	return func() tea.Msg {
		out, err := ed.Apply(sdl, p)
		if err != nil {
			err = fmt.Errorf("editing profile %s: %w", p.Name, err)
		}
		return sdlEditedMsg{version: version, sdl: out, err: err}
	}
}

func loadGrant(ctx context.Context, d app.Deps) tea.Cmd {
	g := d.Grants
	return func() tea.Msg {
		cctx, cancel := d.Call(ctx)
		defer cancel()
		u, err := g.DepositGrantUACT(cctx)
		if err != nil {
			err = fmt.Errorf("reading deposit grants: %w", err)
		}
		return grantLoadedMsg{uact: u, err: err}
	}
}

// profileForm builds the editor fields for p.
func (m *Model) profileForm(p svc.Profile) form.Model {
	f := form.New(m.deps.Styles, m.deps.KeyMap,
		form.Spec{Name: "cpu", Label: "CPU cores", Value: format.Cores(p.CPU), Required: true},
		form.Spec{Name: "memory", Label: "Memory", Value: format.Bytes(p.MemoryBytes), Required: true},
		form.Spec{Name: "storage", Label: "Storage", Value: format.Bytes(p.StorageBytes), Required: true},
		form.Spec{Name: "count", Label: "Replicas", Value: strconv.Itoa(p.Count), Required: true},
		form.Spec{Name: "price", Label: "Max price (uact/block)", Value: format.Cores(p.PriceUACT), Required: true},
		form.Spec{Name: "gpus", Label: "GPUs per replica", Value: strconv.Itoa(p.GPUUnits), Required: true},
	)
	return f
}

// fromForm reads the form into a copy of the selected profile; the error names the field.
func (m *Model) fromForm() (svc.Profile, error) {
	p := m.profiles[m.sel]
	for _, name := range []string{"cpu", "memory", "storage", "count", "price", "gpus"} {
		if err := check(name, m.form.Value(name), &p); err != nil {
			return p, fmt.Errorf("%s: %w", name, err)
		}
	}
	return p, nil
}

// check parses one field into p.
func check(name, v string, p *svc.Profile) error {
	v = strings.TrimSpace(v)
	switch name {
	case "cpu":
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || f > 512 {
			return fmt.Errorf("cores from 0.1 to 512, e.g. 0.5 or 8")
		}
		p.CPU = f
	case "memory", "storage":
		n, err := format.ParseBytes(v)
		if err != nil {
			return err
		}
		if name == "memory" {
			p.MemoryBytes = n
		} else {
			p.StorageBytes = n
		}
	case "count":
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return fmt.Errorf("a whole number from 1 to 100")
		}
		p.Count = n
	case "price":
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 {
			return fmt.Errorf("a positive number of uact per block")
		}
		p.PriceUACT = f
	case "gpus":
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 8 {
			return fmt.Errorf("a whole number from 0 to 8")
		}
		p.GPUUnits = n
	}
	return nil
}

// edit sends the selected profile, as edited, to the editor.
func (m *Model) edit(p svc.Profile) tea.Cmd {
	m.profiles[m.sel] = p
	m.fitForm()
	m.version++
	return applyEdit(m.deps, m.sdl, p, m.version)
}

// Cost is the estimate for all profiles at their maximum prices, in uact.
type Cost struct{ PerBlock, PerHour, PerMonth float64 }

// Estimate sums price × replicas over profiles.
func Estimate(ps []svc.Profile, a *svc.Account) Cost {
	var per float64
	for _, p := range ps {
		per += p.PriceUACT * float64(p.Count)
	}
	var bt = svc.DefaultBlockTime
	if a != nil && a.BlockTime > 0 {
		bt = a.BlockTime
	}
	return Cost{PerBlock: per, PerHour: svc.PerHour(per, bt), PerMonth: svc.PerMonth(per, bt)}
}

// findLease reads the deployment's first active lease, to send it the updated manifest.
func findLease(ctx context.Context, d app.Deps, dseq uint64) tea.Cmd {
	src := d.Details
	return func() tea.Msg {
		if src == nil {
			return leaseFoundMsg{err: app.ErrMissing("deployment detail")}
		}
		cctx, cancel := d.Call(ctx)
		defer cancel()
		det, err := src.Detail(cctx, dseq)
		if err != nil {
			return leaseFoundMsg{err: fmt.Errorf("finding the lease of deployment %d: %w", dseq, err)}
		}
		for i := range det.Leases {
			if det.Leases[i].State == "active" {
				return leaseFoundMsg{lease: &det.Leases[i]}
			}
		}
		return leaseFoundMsg{}
	}
}
