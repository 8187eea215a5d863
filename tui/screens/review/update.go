package review

import (
	"fmt"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/form"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/screens/bids"
	"github.com/akt-project/akt/tui/screens/lease"
	"github.com/akt-project/akt/tui/screens/preflight"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// defaultDepositUACT is the deposit the dialog proposes: 5 ACT, the usual minimum.
const defaultDepositUACT = 5_000_000

// Deposit source choices, as the dialog words them.
const (
	srcBalance      = "balance"
	srcGrant        = "grant"
	srcGrantBalance = "grant, then balance"
)

// Update handles results and keys.
func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case profilesReadMsg:
		m.busy.Stop()
		m.err = msg.err
		if msg.err == nil {
			m.profiles, m.sel = msg.profiles, 0
			if len(m.profiles) > 0 {
				m.form = m.profileForm(m.profiles[0])
				m.fitForm()
			}
		}
		return m, nil
	case sdlEditedMsg:
		if msg.version != m.version {
			return m, nil // a newer edit is on its way
		}
		m.editErr = msg.err
		if msg.err == nil {
			m.sdl = msg.sdl
			m.sdlView.SetContent(string(msg.sdl))
		}
		return m, nil
	case leaseFoundMsg:
		switch {
		case msg.err != nil:
			return m, app.Error(msg.err, "send the manifest from the deployment's lease")
		case msg.lease == nil:
			return m, tea.Batch(app.Info("deployment %d has no active lease: no manifest to send", m.update), app.PopScreen(m))
		}
		return m, app.Settle(lease.New(m.deps, msg.lease.ID, msg.lease.Host, m.sdl))
	case grantLoadedMsg:
		if msg.err == nil {
			m.grant = msg.uact
		}
		return m, nil
	case app.AccountLoadedMsg:
		if msg.Err == nil {
			a := msg.Account
			m.account = &a
			m.fitForm()
		}
		return m, nil
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.MouseMsg:
		var cmd tea.Cmd
		m.sdlView, cmd = m.sdlView.Update(msg)
		return m, cmd
	}
	var flowCmd, busyCmd tea.Cmd
	var done *txResult
	m.flow, flowCmd, done = m.flow.Update(m.ctx, msg)
	m.busy, busyCmd = m.busy.Update(msg)
	return m, tea.Batch(flowCmd, busyCmd, m.afterTx(done))
}

// afterTx replaces the review with the bids of the new deployment, or after an update goes
// on to send the new manifest to the lease.
func (m *Model) afterTx(done *txResult) tea.Cmd {
	if done == nil {
		return nil
	}
	if m.update != 0 {
		return findLease(m.ctx, m.deps, m.update)
	}
	if done.Tx.DSeq == 0 {
		return nil
	}
	return app.Replace(bids.New(m.deps, done.Tx.DSeq).WithSDL(m.sdl))
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	km := m.deps.KeyMap
	switch {
	case m.flow.Active():
		var cmd tea.Cmd
		var done *txResult
		m.flow, cmd, done = m.flow.Update(m.ctx, k)
		return tea.Batch(cmd, m.afterTx(done))
	case m.deposit != nil:
		return m.handleDepositKey(k)
	case m.picking:
		return m.handlePickerKey(k)
	case key.Matches(k, km.ToggleSDL):
		m.showSDL = !m.showSDL
		return nil
	case m.showSDL:
		var cmd tea.Cmd
		m.sdlView, cmd = m.sdlView.Update(k)
		return cmd
	case key.Matches(k, km.Back):
		return app.PopScreen(m)
	case key.Matches(k, km.Deploy):
		return m.openDeposit()
	case key.Matches(k, km.Preflight):
		return app.Push(preflight.New(m.deps, m.sdl))
	case key.Matches(k, km.NextProfile) && len(m.profiles) > 1:
		m.sel = (m.sel + 1) % len(m.profiles)
		m.form, m.gpuFocus = m.profileForm(m.profiles[m.sel]), false
		m.fitForm()
		return nil
	case len(m.profiles) == 0:
		return nil
	case m.gpuFocus:
		return m.handleGPUKey(k)
	case key.Matches(k, km.NextField) && k.Type == tea.KeyTab && m.form.AtLast():
		m.gpuFocus, m.gpuCur = true, 0
		m.form.Blur()
		m.fitForm()
		return nil
	}
	var ev form.Event
	var cmd tea.Cmd
	m.form, ev, cmd = m.form.Update(k)
	if ev.Changed == "" {
		return cmd
	}
	v := m.form.Value(ev.Changed)
	probe := m.profiles[m.sel]
	err := check(ev.Changed, v, &probe)
	m.form.SetVerdict(ev.Changed, v, err)
	if err != nil {
		return cmd
	}
	p, err := m.fromForm()
	if err != nil {
		return cmd // another field is still invalid; its error is shown
	}
	return tea.Batch(cmd, m.edit(p))
}

func (m *Model) handleGPUKey(k tea.KeyMsg) tea.Cmd {
	km := m.deps.KeyMap
	p := m.profiles[m.sel]
	switch {
	case key.Matches(k, km.PrevField) && (k.Type == tea.KeyShiftTab || m.gpuCur == 0):
		m.gpuFocus = false
		m.form.Focus(false)
		m.fitForm()
	case key.Matches(k, km.Up):
		m.gpuCur = max(0, m.gpuCur-1)
	case key.Matches(k, km.Down):
		m.gpuCur = min(len(p.GPUModels)-1, m.gpuCur+1)
	case key.Matches(k, km.AddGPU):
		m.picking, m.picker = true, newPicker(m.deps.Editor.KnownGPUs())
	case key.Matches(k, km.RemoveGPU) && m.gpuCur < len(p.GPUModels):
		models := append([]svc.GPUModel(nil), p.GPUModels[:m.gpuCur]...)
		p.GPUModels = append(models, p.GPUModels[m.gpuCur+1:]...)
		m.gpuCur = max(0, min(m.gpuCur, len(p.GPUModels)-1))
		return m.edit(p)
	}
	return nil
}

func (m *Model) handlePickerKey(k tea.KeyMsg) tea.Cmd {
	km := m.deps.KeyMap
	switch {
	case key.Matches(k, km.Back):
		m.picking = false
	case key.Matches(k, km.Enter):
		g, ok := m.picker.selected()
		if !ok {
			return nil
		}
		m.picking = false
		p := m.profiles[m.sel]
		for _, have := range p.GPUModels {
			if have == g {
				return app.Info("%s is already accepted", g.Label())
			}
		}
		p.GPUModels = append(append([]svc.GPUModel(nil), p.GPUModels...), g)
		if p.GPUUnits == 0 {
			p.GPUUnits = 1
			m.form.SetValue("gpus", "1")
		}
		m.gpuCur = len(p.GPUModels) - 1
		return m.edit(p)
	default:
		m.picker.update(k, km.Up, km.Down)
	}
	return nil
}

func (m *Model) openDeposit() tea.Cmd {
	if !m.deps.CanSign() {
		return app.Info("read-only mode: deploying is disabled")
	}
	if errs := m.form.Errors(); len(errs) > 0 || m.editErr != nil {
		return app.Info("fix the profile first")
	}
	if m.update != 0 {
		return m.flow.Begin(m.ctx, svc.UpdateDeployment{DSeq: m.update, SDL: m.sdl})
	}
	opts := []string{srcBalance}
	if m.grant > 0 {
		opts = []string{srcGrantBalance, srcGrant, srcBalance}
	}
	f := form.New(m.deps.Styles, m.deps.KeyMap,
		form.Spec{Name: "amount", Label: "Deposit (ACT)", Value: format.Micro(defaultDepositUACT), Required: true,
			Help: "Held in escrow and paid out per block; the rest is refunded on close"},
		form.Spec{Name: "source", Label: "Paid from", Kind: form.Choice, Options: opts, Value: opts[0]},
	)
	f.SetSize(max(40, min(72, m.width-8)), 8)
	m.deposit = &f
	return nil
}

func (m *Model) handleDepositKey(k tea.KeyMsg) tea.Cmd {
	if key.Matches(k, m.deps.KeyMap.Back) {
		m.deposit = nil
		return nil
	}
	f, ev, cmd := m.deposit.Update(k)
	m.deposit = &f
	amount, err := m.parseDeposit()
	if ev.Changed == "amount" || ev.Submit {
		m.deposit.SetVerdict("amount", m.deposit.Value("amount"), err)
	}
	if !ev.Submit || err != nil {
		return cmd
	}
	var sources []svc.DepositSource
	switch m.deposit.Value("source") {
	case srcGrant:
		sources = []svc.DepositSource{svc.FromGrant}
	case srcGrantBalance:
		sources = []svc.DepositSource{svc.FromGrant, svc.FromBalance}
	default:
		sources = []svc.DepositSource{svc.FromBalance}
	}
	m.deposit = nil
	return tea.Batch(cmd, m.flow.Begin(m.ctx, svc.CreateDeployment{SDL: m.sdl, DepositUACT: amount, Sources: sources}))
}

// parseDeposit reads the deposit and checks it against what the chosen source can pay.
func (m *Model) parseDeposit() (uint64, error) {
	u, err := format.ParseMicro(m.deposit.Value("amount"))
	if err != nil {
		return 0, err
	}
	var avail uint64
	src := m.deposit.Value("source")
	if src != srcBalance {
		avail += m.grant
	}
	if src != srcGrant && m.account != nil {
		avail += m.account.Balances.UACT
	}
	if (src != srcGrant && m.account != nil || src == srcGrant) && u > avail {
		hint := ""
		if src != srcGrant {
			hint = "; get more ACT by minting it from AKT in the wallet (w from Home, then m)"
		}
		return 0, fmt.Errorf("more than the %.6g ACT available from %s%s", float64(avail)/1e6, src, hint)
	}
	return u, nil
}
