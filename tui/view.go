package tui

import (
	"fmt"
	"strings"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/format"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// View draws header, the top screen, the status line and the help footer, each clipped to the
// window so the frame is always exactly width x height.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 || m.stack.len() == 0 {
		return ""
	}
	_, bodyH := m.bodySize()
	var b strings.Builder
	b.WriteString(m.headerView())
	b.WriteByte('\n')
	body := strings.Split(m.stack.top().View(), "\n")
	for i := range bodyH {
		line := ""
		if i < len(body) {
			line = ansi.Truncate(body[i], m.width, "")
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	b.WriteString(m.statusView())
	b.WriteByte('\n')
	b.WriteString(m.footerView())
	return b.String()
}

func (m *Model) headerView() string {
	st := m.deps.Styles
	brand := st.HeaderBrand.Render("akt")
	var right []string
	if m.deps.ReadOnly {
		brand += st.HeaderWarn.Render(" READ-ONLY")
	}
	switch {
	case m.account != nil:
		a := m.account
		right = append(right, st.HeaderInfo.Render(a.Network.Name+" ("+a.Network.ChainID+")"))
		if a.Key != nil {
			right = append(right, st.HeaderInfo.Render(a.Key.Name+" "+format.ShortAddress(a.Key.Address)))
		} else {
			right = append(right, st.HeaderWarn.Render("no key"))
		}
	case m.acctErr != nil:
		right = append(right, st.HeaderWarn.Render("account unavailable"))
	default:
		right = append(right, st.HeaderInfo.Render("connecting…"))
	}
	if m.block > 0 {
		right = append(right, st.HeaderInfo.Render("#"+format.Int(m.block)))
	}
	sep := st.HeaderInfo.Render(" · ")
	r := strings.Join(right, sep) + st.HeaderInfo.Render(" ")
	// The breadcrumb keeps at least minCrumb cells; the right side gives way beyond that,
	// first by naming the network without its chain id.
	const minCrumb = 28
	titles := m.stack.titles()
	full := lipgloss.Width(strings.Join(titles, " › ")) + 2
	if m.account != nil && lipgloss.Width(brand)+min(full, minCrumb)+lipgloss.Width(r) > m.width {
		right[0] = st.HeaderInfo.Render(m.account.Network.Name)
		r = strings.Join(right, sep) + st.HeaderInfo.Render(" ")
	}
	crumbs := fitCrumbs(titles, max(min(full, minCrumb), m.width-lipgloss.Width(brand)-lipgloss.Width(r)-1))
	left := brand + st.HeaderCrumb.Render(" "+crumbs+" ")
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(r)
	if gap < 1 {
		// Too narrow even for the shortest breadcrumb: keep it, then as much of the right
		// side as fits.
		avail := max(0, m.width-lipgloss.Width(left)-1)
		r = ansi.TruncateLeft(r, max(0, lipgloss.Width(r)-avail), "…")
		gap = max(0, m.width-lipgloss.Width(left)-lipgloss.Width(r))
	}
	line := left + st.HeaderBar.Render(strings.Repeat(" ", max(0, gap))) + r
	return ansi.Truncate(line, m.width, "")
}

// fitCrumbs joins the breadcrumb in at most w cells (plus its two padding spaces): the middle
// titles give way to "…" first, then the last title is shortened, so where you are and where
// you started stay readable and the network and key beside them are not cut.
func fitCrumbs(titles []string, w int) string {
	w -= 2
	join := func(ts []string) string { return strings.Join(ts, " › ") }
	if len(titles) == 0 || lipgloss.Width(join(titles)) <= w {
		return join(titles)
	}
	ts := titles
	for k := len(titles) - 2; k >= 1; k-- {
		ts = append(append(append([]string(nil), titles[:k]...), "…"), titles[len(titles)-1])
		if lipgloss.Width(join(ts)) <= w {
			return join(ts)
		}
	}
	head := join(ts[:len(ts)-1]) + " › "
	return head + ansi.Truncate(ts[len(ts)-1], max(1, w-lipgloss.Width(head)), "…")
}

func (m *Model) statusView() string {
	st := m.deps.Styles
	if m.status.text == "" {
		return ""
	}
	var s string
	switch m.status.kind {
	case app.StatusError:
		s = st.StatusError.Render("✗ " + m.status.text)
	case app.StatusSuccess:
		s = st.StatusSuccess.Render("✓ " + m.status.text)
	default:
		s = st.StatusInfo.Render("• " + m.status.text)
	}
	return ansi.Truncate(s, m.width, "…")
}

// globalKeys are the root's own keys, shown after the screen's.
func (m *Model) globalKeys() []key.Binding {
	km := m.deps.KeyMap
	out := make([]key.Binding, 0, 3)
	if m.stack.len() > 1 {
		out = append(out, km.Back)
	}
	return append(out, km.Help, km.Quit)
}

func (m *Model) footerHeight() int {
	if !m.showHelp || m.stack.len() == 0 {
		return 1
	}
	return max(1, lipgloss.Height(m.fullHelp()))
}

func (m *Model) fullHelp() string {
	m.help.Width = m.width
	groups := m.stack.top().FullHelp()
	var screen []key.Binding
	for _, g := range groups {
		screen = append(screen, g...)
	}
	return m.help.FullHelpView(append(groups, withoutShown(m.globalKeys(), screen)))
}

func (m *Model) footerView() string {
	if m.showHelp {
		return m.fullHelp()
	}
	// Drop the screen's least important keys (the last ones) until the global keys fit, so
	// "? help" is always visible.
	m.help.Width = 0
	screen := m.stack.top().ShortHelp()
	for n := len(screen); ; n-- {
		v := m.help.ShortHelpView(append(screen[:n:n], withoutShown(m.globalKeys(), screen[:n])...))
		if n == 0 || lipgloss.Width(v) <= m.width {
			return ansi.Truncate(v, m.width, "…")
		}
	}
}

// withoutShown drops the global bindings whose key a screen already lists (screens name esc
// "back" or "cancel" themselves), so no key shows twice.
func withoutShown(global, screen []key.Binding) []key.Binding {
	shown := map[string]bool{}
	for _, b := range screen {
		if b.Enabled() {
			shown[b.Help().Key] = true
		}
	}
	out := make([]key.Binding, 0, len(global))
	for _, b := range global {
		if !shown[b.Help().Key] {
			out = append(out, b)
		}
	}
	return out
}

// String describes the model for debugging.
func (m *Model) String() string {
	return fmt.Sprintf("tui.Model{stack: %v, %dx%d}", m.stack.titles(), m.width, m.height)
}
