package bids

import (
	"fmt"
	"strings"
	"time"

	"github.com/akt-project/akt/tui/components/bars"
	"github.com/akt-project/akt/tui/components/overlay"
	"github.com/akt-project/akt/tui/components/txflow"
	"github.com/akt-project/akt/tui/format"
	"github.com/charmbracelet/lipgloss"
)

// txResult is the flow's result type, named here for brevity.
type txResult = txflow.Result

// Layout constants.
const (
	headLines  = 3  // title, filters, blank
	chartSide  = 42 // width of the chart pane beside the table
	chartRows  = 8  // bars in the chart below the table
	sideMinW   = 150
	bottomMinH = 34
)

// chartPlace says where the chart goes at the current size.
func (m *Model) chartPlace() string {
	switch {
	case m.width >= sideMinW:
		return "side"
	case m.height >= bottomMinH:
		return "bottom"
	}
	return ""
}

// SetSize sets the screen size and lays out table and chart.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	tw, th := w, max(0, h-headLines)
	switch m.chartPlace() {
	case "side":
		tw = w - chartSide - 2
	case "bottom":
		th -= chartRows + 2
	}
	if m.leased != nil {
		th -= 2
	}
	m.table.SetSize(tw, max(0, th))
	m.maxInput.Width = 12
}

// View renders the header lines, the table, the chart and any dialog.
func (m *Model) View() string {
	st := m.deps.Styles
	var b strings.Builder
	b.WriteString("  " + st.Title.Render(fmt.Sprintf("Bids on deployment %d", m.dseq)))
	if m.order != nil {
		b.WriteString(st.Muted.Render(fmt.Sprintf(" (order %d/%d)", m.order.GSeq, m.order.OSeq)))
	}
	if m.live {
		b.WriteString("  " + st.Success.Render("● live"))
	}
	b.WriteString("  " + m.countdown())
	if m.busy.Active() {
		b.WriteString("  " + m.busy.View())
	}
	b.WriteString("\n  ")
	switch {
	case m.editingMax:
		b.WriteString(m.maxInput.View() + st.Muted.Render("  enter applies · empty for no limit"))
	case m.filterSummary() != "":
		b.WriteString(st.Info.Render(m.filterSummary()))
	default:
		b.WriteString(st.Muted.Render(m.stats()))
	}
	b.WriteString("\n\n")
	if m.err != nil {
		b.WriteString(st.ErrorBlock(m.err, "Press r to try again.", m.width))
		return b.String()
	}
	body := m.table.View()
	switch m.chartPlace() {
	case "side":
		// One bar per row on screen, beside its row.
		body = lipgloss.JoinHorizontal(lipgloss.Top, body, "  ", m.chart(chartSide, max(0, m.height-headLines-2)))
	case "bottom":
		body += "\n\n" + m.chart(m.width-2, chartRows)
	}
	if m.leased != nil {
		body += "\n\n  " + st.Success.Render("✓ Lease created with "+format.Provider(m.leased.Host, m.leased.Provider)+".") +
			st.Muted.Render(" Opening the lease…")
	}
	view := b.String() + body
	switch {
	case m.flow.Active():
		view = overlay.Center(view, m.flow.View(m.width), m.width, m.height)
	case m.detail:
		view = overlay.Center(view, m.detailView(), m.width, m.height)
	}
	return view
}

func (m *Model) countdown() string {
	st := m.deps.Styles
	if m.order == nil {
		return ""
	}
	left := m.order.BidsCloseAt.Sub(m.now)
	switch {
	case left <= 0:
		return st.Danger.Render("bidding closed")
	case left < time.Minute:
		return st.Warning.Render("bids close in " + format.Duration(left))
	}
	return st.Muted.Render("bids close in " + format.Duration(left))
}

func (m *Model) stats() string {
	rows := m.table.Rows()
	if len(rows) == 0 {
		return "no bids yet"
	}
	low := rows[0]
	for _, r := range rows {
		if r.PricePerBlock < low.PricePerBlock {
			low = r
		}
	}
	noun := "bids"
	if len(rows) == 1 {
		noun = "bid"
	}
	return fmt.Sprintf("%d %s · lowest %s ACT/h (%s ACT/month) from %s", len(rows), noun,
		format.MicroF(low.perHour), format.MicroF(low.perMonth), low.name)
}

// chart draws the monthly price of the first n visible bids, in table order, the selected one
// highlighted.
func (m *Model) chart(width, n int) string {
	st := m.deps.Styles
	rows := m.table.VisibleRows(m.table.Offset(), min(n, max(0, m.table.Visible()-m.table.Offset())))
	if len(rows) == 0 {
		return ""
	}
	sel, _ := m.table.Selected()
	items := make([]bars.Item, len(rows))
	for i, r := range rows {
		items[i] = bars.Item{Label: r.name, Value: r.perMonth, Text: format.MicroF(r.perMonth), Highlight: r == sel}
	}
	return st.Subtitle.Render("ACT per month") + "\n" + bars.Render(st, items, width)
}

func (m *Model) detailView() string {
	st := m.deps.Styles
	r, ok := m.table.Selected()
	if !ok {
		return ""
	}
	row := func(label, value string) string {
		return st.Label.Render(fmt.Sprintf("%-10s", label)) + " " + st.Text.Render(value)
	}
	audited := "no"
	if r.Audited {
		audited = "yes"
	}
	uptime := "unknown"
	if r.Uptime >= 0 {
		uptime = fmt.Sprintf("%.2f%%", r.Uptime*100)
	}
	lines := []string{
		st.DialogTitle.Render(r.name),
		st.Muted.Render(r.Provider),
		"",
		row("Region", orDash(r.Region)),
		row("Audited", audited),
		row("Uptime", uptime),
		row("GPU", fmt.Sprintf("%d × %s", r.GPUs, orDash(strings.Join(r.GPUModels, " / ")))),
		row("Price", fmt.Sprintf("%s uACT/block", format.Price(r.PricePerBlock))),
		row("", fmt.Sprintf("%s ACT/hour · %s ACT/month", format.MicroF(r.perHour), format.MicroF(r.perMonth))),
	}
	if len(r.Attributes) > 0 {
		lines = append(lines, "", st.Subtitle.Render("Attributes"))
		for _, a := range r.Attributes {
			lines = append(lines, st.Muted.Render(a.Key+" = ")+st.Text.Render(a.Value))
		}
	}
	hint := "esc close"
	if m.deps.CanSign() {
		hint = "a accept this bid · " + hint
	}
	lines = append(lines, "", st.Muted.Render(hint))
	return st.Dialog.Render(strings.Join(lines, "\n"))
}
