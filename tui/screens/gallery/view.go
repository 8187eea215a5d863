package gallery

import (
	"fmt"
	"strings"

	"github.com/akt-project/akt/tui/components/table"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/lipgloss"
)

// View renders the search line, the list and, when wide enough, the detail pane.
func (m *Model) View() string {
	st := m.deps.Styles
	var b strings.Builder
	b.WriteString("  " + st.Title.Render(m.segment.Label()+" templates"))
	if m.busy.Active() {
		b.WriteString("  " + m.busy.View())
	} else if m.err == nil {
		b.WriteString("  " + st.Muted.Render(fmt.Sprintf("%d of %d", len(m.shown), len(m.all))))
	}
	b.WriteString("\n")
	if m.searching || m.search.Value() != "" {
		b.WriteString("  " + m.search.View())
	}
	b.WriteString("\n\n")
	if m.err != nil {
		b.WriteString(st.ErrorBlock(m.err, "Press r to try again.", m.width))
		return b.String()
	}
	if len(m.shown) == 0 && !m.busy.Active() {
		b.WriteString("  " + st.Muted.Render("No template matches. Press esc to clear the search."))
		return b.String()
	}
	listW := m.width
	showDetail := m.width >= 100
	if showDetail {
		listW = m.width * 11 / 20
	}
	list := m.listView(listW)
	if showDetail {
		if t, ok := m.selected(); ok {
			list = lipgloss.JoinHorizontal(lipgloss.Top, list, m.detailView(t, m.width-listW-1))
		}
	}
	b.WriteString(list)
	return b.String()
}

func (m *Model) listView(w int) string {
	st := m.deps.Styles
	lines := make([]string, 0, m.listHeight()*perItem)
	end := min(len(m.shown), m.offset+m.listHeight())
	for i := m.offset; i < end; i++ {
		t := m.all[m.shown[i]]
		mark, name := "  ", st.Subtitle.Render(table.Fit(t.Name, w-4))
		if i == m.cursor {
			mark, name = st.LabelFocused.Render("▌ "), st.LabelFocused.Render(table.Fit(t.Name, w-4))
		}
		lines = append(lines,
			mark+name,
			mark+st.Text.Render(table.Fit(t.Summary, w-4)),
			mark+st.Muted.Render(table.Fit(resources(t.Resources), w-4)))
	}
	return strings.Join(lines, "\n")
}

func (m *Model) detailView(t svc.TemplateSummary, w int) string {
	st := m.deps.Styles
	inner := max(10, w-st.Panel.GetHorizontalFrameSize())
	row := func(label, value string) string {
		return st.Label.Render(fmt.Sprintf("%-9s", label)) + " " + st.Text.Render(value)
	}
	r := t.Resources
	lines := []string{
		st.PanelTitle.Render(t.Name),
		st.Muted.Width(inner).Render(t.Summary),
		"",
		row("CPU", format.Cores(r.CPU)+" cores"),
		row("Memory", format.Bytes(r.MemoryBytes)),
		row("Storage", format.Bytes(r.StorageBytes)),
	}
	if r.GPUs > 0 {
		lines = append(lines, row("GPU", fmt.Sprintf("%d × %s", r.GPUs, strings.Join(r.GPUModels, " | "))))
	}
	if len(t.Tags) > 0 {
		tags := make([]string, len(t.Tags))
		for i, tag := range t.Tags {
			tags[i] = st.Badge.Render(tag)
		}
		lines = append(lines, "", strings.Join(tags, " "))
	}
	lines = append(lines, "", st.Muted.Render("enter: set parameters"))
	return st.Panel.Width(inner).Render(strings.Join(lines, "\n"))
}
