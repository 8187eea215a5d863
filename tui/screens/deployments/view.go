package deployments

import (
	"fmt"
	"strings"
	"time"

	"github.com/akt-project/akt/tui/components/overlay"
	"github.com/akt-project/akt/tui/components/txflow"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/styles"
)

// txResult is the flow's result type, named here for brevity.
type txResult = txflow.Result

// View renders the summary line, the table, and any dialog over it.
func (m *Model) View() string {
	st := m.deps.Styles
	var b strings.Builder
	b.WriteString("  " + st.Title.Render("My deployments") + "  " + m.summary())
	if m.busy.Active() {
		b.WriteString("  " + m.busy.View())
	}
	b.WriteString("\n")
	if m.filtering || m.filter.Value() != "" {
		b.WriteString("  " + m.filter.View())
		if !m.filtering {
			b.WriteString(st.Muted.Render(fmt.Sprintf("  %d shown · esc clears", m.table.Visible())))
		}
	}
	b.WriteString("\n")
	if m.err != nil {
		b.WriteString(st.ErrorBlock(m.err, "Press r to try again.", m.width))
		return b.String()
	}
	b.WriteString(m.table.View())
	view := b.String()
	switch {
	case m.flow.Active():
		view = overlay.Center(view, m.flow.View(m.width), m.width, m.height)
	case m.funding != nil:
		box := st.Dialog.Render(st.DialogTitle.Render(fmt.Sprintf("Add funds to deployment %d", m.funding.DSeq)) +
			"\n\n" + m.form.View())
		view = overlay.Center(view, box, m.width, m.height)
	}
	return view
}

// summary is "12 deployments · 10 active · 1.23 ACT/h · shortest runway 3h 20m".
func (m *Model) summary() string {
	st := m.deps.Styles
	rows := m.table.Rows()
	if len(rows) == 0 {
		return ""
	}
	active, perHour := 0, 0.0
	shortest := time.Duration(1<<63 - 1)
	for _, r := range rows {
		if r.State == "active" {
			active++
			perHour += r.perHour
			shortest = min(shortest, r.runway)
		}
	}
	parts := []string{
		st.Muted.Render(fmt.Sprintf("%d total · %d active · %s ACT/h", len(rows), active, format.MicroF(perHour))),
	}
	if active > 0 {
		tone := RunwayTone(shortest)
		style := st.ToneStyle(tone)
		if tone == styles.ToneSuccess {
			style = st.Muted
		}
		parts = append(parts, style.Render("min runway "+format.Duration(shortest)))
	}
	return strings.Join(parts, st.Muted.Render(" · "))
}
