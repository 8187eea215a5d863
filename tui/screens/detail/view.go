package detail

import (
	"fmt"
	"strings"

	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/x/ansi"
)

// headRows is the number of rows above the lower pane, beyond the services.
const headRows = 6

func (m *Model) serviceRows() int {
	if m.status == nil {
		return 1
	}
	return len(m.status.Services) + 1
}

// logRows is the number of log lines that fit.
func (m *Model) logRows() int { return max(1, m.height-headRows-m.serviceRows()-1) }

// View renders the summary, services, and the logs or events pane.
func (m *Model) View() string {
	st := m.deps.Styles
	var b strings.Builder
	b.WriteString("  " + st.Title.Render(fmt.Sprintf("Deployment %d", m.dseq)))
	if m.busy.Active() {
		b.WriteString("  " + m.busy.View())
	}
	b.WriteString("\n")
	if m.err != nil {
		b.WriteString("\n" + st.ErrorBlock(m.err, "Press r to try again.", m.width))
		return b.String()
	}
	if m.detail == nil {
		return b.String()
	}
	d := m.detail
	bt := svc.DefaultBlockTime
	if m.blockTime > 0 {
		bt = m.blockTime // the same rate as the deployments list
	}
	runway := svc.Runway(d.EscrowUACT, d.PricePerBlock, bt)
	b.WriteString("  " + st.Text.Render(d.Name) + st.Muted.Render(" · "+d.State+" · "+format.MicroF(svc.PerHour(d.PricePerBlock, bt))+
		" ACT/h · escrow "+format.MicroF(d.EscrowUACT)+" ACT · runway ") + st.Text.Render(format.Duration(runway)) + "\n")
	if m.lease == nil {
		b.WriteString("\n  " + st.Muted.Render("No active lease: nothing runs, so there are no logs."))
		return b.String()
	}
	b.WriteString("  " + st.Muted.Render("lease "+m.lease.ID.String()+" on ") + st.Text.Render(format.Provider(m.lease.Host, m.lease.ID.Provider)) + "\n\n")
	b.WriteString(m.servicesView() + "\n\n")
	b.WriteString(m.tabs() + "\n")
	if m.pane == EventsPane {
		b.WriteString(m.eventsView())
	} else {
		b.WriteString(m.logsView())
	}
	return b.String()
}

func (m *Model) servicesView() string {
	st := m.deps.Styles
	if m.status == nil {
		return "  " + st.Muted.Render("waiting for the provider's status…")
	}
	lines := []string{"  " + st.TableHeader.Render(fmt.Sprintf("%-14s %-8s %s", "SERVICE", "READY", "ENDPOINTS"))}
	for _, s := range m.status.Services {
		tone := st.Warning
		if s.Ready >= s.Total {
			tone = st.Success
		}
		var eps []string
		eps = append(eps, s.URIs...)
		for _, p := range s.Ports {
			eps = append(eps, fmt.Sprintf("%s (%s %d)", p.Address(), strings.ToUpper(p.Proto), p.Port))
		}
		line := fmt.Sprintf("  %-14s ", s.Name) + tone.Render(fmt.Sprintf("%-8s", fmt.Sprintf("%d/%d", s.Ready, s.Total))) + " " +
			st.Text.Render(strings.Join(eps, "  "))
		lines = append(lines, ansi.Truncate(line, m.width, "…"))
	}
	return strings.Join(lines, "\n")
}

func (m *Model) tabs() string {
	st := m.deps.Styles
	tab := func(name string, on bool) string {
		if on {
			return st.ButtonActive.Render(name)
		}
		return st.Button.Render(name)
	}
	logs := "Logs"
	if m.service != "" {
		logs += " · " + m.service
	}
	s := "  " + tab(logs, m.pane == LogsPane) + " " + tab(fmt.Sprintf("Events (%d)", len(m.events)), m.pane == EventsPane)
	if m.pane == LogsPane {
		switch {
		case m.searching:
			s += "  " + m.search.View()
		case m.search.Value() != "":
			s += "  " + st.Info.Render(fmt.Sprintf("/%s: %d lines", m.search.Value(), len(m.filtered())))
		}
		if m.follow {
			s += "  " + st.Success.Render("following")
		} else {
			s += "  " + st.Muted.Render("paused (F follows)")
		}
	}
	return s
}

func (m *Model) logsView() string {
	st := m.deps.Styles
	lines := m.filtered()
	rows := m.logRows()
	first := m.offset
	if m.follow {
		first = max(0, len(lines)-rows)
	}
	end := min(len(lines), first+rows)
	if len(lines) == 0 {
		return "  " + st.Muted.Render("no log lines yet")
	}
	out := make([]string, 0, end-first)
	podW := 0
	for _, l := range lines[first:end] {
		podW = max(podW, len(l.Pod))
	}
	for _, l := range lines[first:end] {
		text := l.Text
		style := st.Text
		if strings.Contains(strings.ToLower(text), "error") {
			style = st.Danger
		}
		line := "  " + st.Accent.Render(fmt.Sprintf("%-6s", l.Service)) + " " + st.Muted.Render(fmt.Sprintf("%-*s", podW, l.Pod)) + " " + style.Render(text)
		out = append(out, ansi.Truncate(line, m.width, "…"))
	}
	return strings.Join(out, "\n")
}

func (m *Model) eventsView() string {
	st := m.deps.Styles
	if len(m.events) == 0 {
		return "  " + st.Muted.Render("no events yet")
	}
	rows := m.logRows()
	first := max(0, len(m.events)-rows)
	out := make([]string, 0, rows)
	for _, e := range m.events[first:] {
		tone := st.Muted
		if e.Type == "Warning" {
			tone = st.Warning
		}
		line := "  " + tone.Render(fmt.Sprintf("%-8s %-10s", e.Type, e.Reason)) + " " + st.Muted.Render(e.Object) + " " + st.Text.Render(e.Message)
		out = append(out, ansi.Truncate(line, m.width, "…"))
	}
	return strings.Join(out, "\n")
}
