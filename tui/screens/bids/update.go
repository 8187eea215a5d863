package bids

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/screens/lease"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Update handles results, stream events, ticks and keys.
func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case orderLoadedMsg:
		if msg.dseq != m.dseq {
			return m, nil
		}
		m.busy.Stop()
		m.err = msg.err
		if msg.err == nil {
			o := msg.order
			m.order = &o
			for _, b := range msg.bids {
				m.add(b)
			}
		}
		return m, nil
	case bidStreamOpenedMsg:
		if msg.dseq != m.dseq {
			return m, nil
		}
		if msg.err != nil {
			return m, app.Error(msg.err, "new bids will not appear; press r to reload")
		}
		m.stream, m.live = msg.ch, true
		return m, waitBid(msg.ch)
	case bidArrivedMsg:
		if msg.ch != m.stream {
			return m, nil
		}
		m.add(msg.bid)
		return m, waitBid(msg.ch)
	case bidStreamClosedMsg:
		if msg.ch == m.stream {
			m.live = false
		}
		return m, nil
	case tickMsg:
		if msg.owner != m {
			return m, nil
		}
		m.now = m.deps.Now()
		if m.order != nil && !m.now.Before(m.order.BidsCloseAt) {
			return m, nil // bidding is over: stop ticking
		}
		return m, m.tick()
	case app.AccountLoadedMsg:
		if bt := msg.Account.BlockTime; msg.Err == nil && bt > 0 && bt != m.blockTime {
			m.blockTime = bt
			rows := m.table.Rows()
			for i, r := range rows {
				rows[i] = m.newRow(r.Bid)
			}
			m.table.SetRows(rows)
		}
		return m, nil
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.MouseMsg:
		m.table, _ = m.table.Update(msg)
		return m, nil
	}
	var flowCmd, busyCmd tea.Cmd
	var done *txResult
	m.flow, flowCmd, done = m.flow.Update(m.ctx, msg)
	m.busy, busyCmd = m.busy.Update(msg)
	return m, tea.Batch(flowCmd, busyCmd, m.afterTx(done))
}

// afterTx moves on to the lease once the bid is accepted.
func (m *Model) afterTx(done *txResult) tea.Cmd {
	if done == nil {
		return nil
	}
	m.markLeased(done)
	if m.leased == nil || m.deps.Providers == nil {
		return nil
	}
	l := svc.LeaseID{DSeq: m.leased.DSeq, GSeq: m.leased.GSeq, OSeq: m.leased.OSeq, Provider: m.leased.Provider}
	return app.Settle(lease.New(m.deps, l, m.leased.Host, m.sdl))
}

// add puts a bid in the table once, however it arrived.
func (m *Model) add(b svc.Bid) {
	k := bidKey(b)
	if m.seen[k] {
		return
	}
	m.seen[k] = true
	m.table.Append(m.newRow(b))
}

func (m *Model) markLeased(done *txResult) {
	a, ok := done.Action.(svc.AcceptBid)
	if !ok {
		return
	}
	for _, r := range m.table.Rows() {
		if r.Provider == a.Provider && r.GSeq == a.GSeq && r.OSeq == a.OSeq {
			b := r.Bid
			m.leased = &b
		}
	}
	m.detail = false
	m.SetSize(m.width, m.height)
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	km := m.deps.KeyMap
	if m.flow.Active() {
		var cmd tea.Cmd
		var done *txResult
		m.flow, cmd, done = m.flow.Update(m.ctx, k)
		return tea.Batch(cmd, m.afterTx(done))
	}
	if m.editingMax {
		return m.handleMaxKey(k)
	}
	if m.detail {
		switch {
		case key.Matches(k, km.Back), key.Matches(k, km.Enter):
			m.detail = false
		case key.Matches(k, km.AcceptBid):
			return m.accept()
		}
		return nil
	}
	switch {
	case key.Matches(k, km.Enter):
		if _, ok := m.table.Selected(); ok {
			m.detail = true
		}
	case key.Matches(k, km.AcceptBid):
		return m.accept()
	case key.Matches(k, km.Sort):
		m.table.NextSort()
	case key.Matches(k, km.SortReverse):
		c, desc := m.table.Sort()
		m.table.SortBy(c, !desc)
	case key.Matches(k, km.AuditedOnly):
		m.audited = !m.audited
		m.applyFilter()
	case key.Matches(k, km.CycleRegion):
		m.region = m.cycle(m.region, func(r *row) []string { return []string{r.Region} })
		m.applyFilter()
	case key.Matches(k, km.CycleGPU):
		m.gpu = m.cycle(m.gpu, func(r *row) []string { return r.GPUModels })
		m.applyFilter()
	case key.Matches(k, km.MaxPrice):
		m.editingMax = true
		m.maxInput.SetValue("")
		if m.maxMonth > 0 {
			m.maxInput.SetValue(strconv.FormatFloat(m.maxMonth/1e6, 'f', -1, 64))
		}
		return m.maxInput.Focus()
	case key.Matches(k, km.Refresh):
		return tea.Batch(m.busy.Start("Reloading bids"), loadOrder(m.ctx, m.deps, m.dseq))
	default:
		var cmd tea.Cmd
		m.table, cmd = m.table.Update(k)
		return cmd
	}
	return nil
}

func (m *Model) accept() tea.Cmd {
	if !m.deps.CanSign() {
		return nil
	}
	if m.leased != nil {
		return app.Info("a lease already exists for this order")
	}
	r, ok := m.table.Selected()
	if !ok {
		return nil
	}
	return m.flow.Begin(m.ctx, svc.AcceptBid{DSeq: r.DSeq, GSeq: r.GSeq, OSeq: r.OSeq, Provider: r.Provider, Host: r.name})
}

func (m *Model) handleMaxKey(k tea.KeyMsg) tea.Cmd {
	km := m.deps.KeyMap
	switch {
	case key.Matches(k, km.Back):
		m.editingMax = false
		m.maxInput.Blur()
		return nil
	case key.Matches(k, km.Enter):
		v := strings.TrimSpace(m.maxInput.Value())
		if v == "" {
			m.maxMonth = 0
		} else {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f <= 0 {
				return app.Info("max price: enter ACT per month such as 150, or nothing for no limit")
			}
			m.maxMonth = f * 1e6
		}
		m.editingMax = false
		m.maxInput.Blur()
		m.applyFilter()
		return nil
	}
	var cmd tea.Cmd
	m.maxInput, cmd = m.maxInput.Update(k)
	return cmd
}

// filterSummary is "audited · eu-central · h100 · ≤ 150 ACT/mo" or "".
func (m *Model) filterSummary() string {
	var parts []string
	if m.audited {
		parts = append(parts, "audited")
	}
	if m.region != "" {
		parts = append(parts, "region "+m.region)
	}
	if m.gpu != "" {
		parts = append(parts, "gpu "+m.gpu)
	}
	if m.maxMonth > 0 {
		parts = append(parts, "≤ "+format.MicroF(m.maxMonth)+" ACT/mo")
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("showing %d of %d: %s", m.table.Visible(), len(m.table.Rows()), strings.Join(parts, " · "))
}

// ShortHelp lists the main keys; accept is absent in read-only mode.
func (m *Model) ShortHelp() []key.Binding {
	km := m.deps.KeyMap
	switch {
	case m.flow.Active():
		return m.flow.KeyBindings()
	case m.editingMax:
		return []key.Binding{km.Enter, km.Back}
	case m.detail:
		out := []key.Binding{km.Back}
		if m.deps.CanSign() {
			out = append(out, km.AcceptBid)
		}
		return out
	}
	out := []key.Binding{km.Enter}
	if m.deps.CanSign() {
		out = append(out, km.AcceptBid)
	}
	return append(out, km.Sort, km.AuditedOnly, km.CycleRegion, km.CycleGPU, km.MaxPrice)
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	km := m.deps.KeyMap
	act := []key.Binding{km.Enter, km.Refresh}
	if m.deps.CanSign() {
		act = append(act, km.AcceptBid)
	}
	return [][]key.Binding{act, {km.Sort, km.SortReverse}, {km.AuditedOnly, km.CycleRegion, km.CycleGPU, km.MaxPrice},
		m.table.KeyBindings()}
}
