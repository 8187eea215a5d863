package lease

import (
	"fmt"
	"strings"
)

// View renders the manifest step, the services and their endpoints.
func (m *Model) View() string {
	st := m.deps.Styles
	var b strings.Builder
	b.WriteString("  " + st.Title.Render(fmt.Sprintf("Lease %s", m.lease)) + st.Muted.Render(" on "+m.host) + "\n\n")
	step := func(done bool, text string) string {
		if done {
			return "  " + st.Success.Render("✓ ") + st.Text.Render(text)
		}
		return "  " + st.Muted.Render("· "+text)
	}
	b.WriteString(step(true, "Lease created") + "\n")
	switch m.phase {
	case SendingManifest:
		b.WriteString("  " + m.busy.View() + "\n")
	case ManifestFailed:
		b.WriteString("  " + st.Danger.Render("✗ The manifest was not accepted") + "\n")
		b.WriteString(st.ErrorBlock(m.sendErr, "The lease is paid for while it waits: press r to send the manifest again.", m.width) + "\n")
	default:
		b.WriteString(step(true, "Manifest sent") + "\n")
	}
	switch {
	case m.phase == Ready:
		b.WriteString(step(true, "All services ready") + "\n")
	case m.phase == Starting && m.streamE != nil:
		b.WriteString(st.ErrorBlock(m.streamE, "The deployment may still be starting; check it from My deployments.", m.width) + "\n")
	case m.phase == Starting:
		b.WriteString("  " + m.busy.View() + "\n")
	}
	if m.status != nil {
		b.WriteString("\n" + m.servicesView())
	}
	return b.String()
}

func (m *Model) servicesView() string {
	st := m.deps.Styles
	lines := []string{"  " + st.TableHeader.Render(fmt.Sprintf("%-16s %-10s %s", "SERVICE", "REPLICAS", "ENDPOINTS"))}
	eps := m.endpoints()
	idx := 0
	for _, s := range m.status.Services {
		tone := st.Warning
		if s.Ready >= s.Total {
			tone = st.Success
		}
		head := fmt.Sprintf("  %-16s ", s.Name) + tone.Render(fmt.Sprintf("%-10s", fmt.Sprintf("%d/%d", s.Ready, s.Total)))
		first := true
		for idx < len(eps) && eps[idx].service == s.Name {
			mark, text := " ", st.Text.Render(eps[idx].text)
			if idx == m.cursor {
				mark, text = st.LabelFocused.Render("›"), st.LabelFocused.Render(eps[idx].text)
			}
			line := mark + text + "  " + st.Muted.Render(eps[idx].note)
			if first {
				lines = append(lines, head+line)
				first = false
			} else {
				lines = append(lines, strings.Repeat(" ", 30)+line)
			}
			idx++
		}
		if first {
			lines = append(lines, head+st.Muted.Render(" no endpoints yet"))
		}
	}
	if len(eps) > 0 {
		lines = append(lines, "", "  "+st.Muted.Render("↑/↓ choose · y copies to the clipboard"))
	}
	return strings.Join(lines, "\n")
}
