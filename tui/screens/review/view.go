package review

import (
	"fmt"
	"strings"

	"github.com/akt-project/akt/tui/components/overlay"
	"github.com/akt-project/akt/tui/components/txflow"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// txResult is the flow's result type, named here for brevity.
type txResult = txflow.Result

// View renders the SDL and the editor side by side when wide, one of them when narrow, and
// any dialog over them.
func (m *Model) View() string {
	st := m.deps.Styles
	head := "  " + st.Title.Render("Review "+m.title)
	if m.busy.Active() {
		head += "  " + m.busy.View()
	}
	if m.err != nil {
		return head + "\n\n" + st.ErrorBlock(m.err, "esc goes back to the form.", m.width)
	}
	if m.profiles == nil {
		return head
	}
	var body string
	switch {
	case m.wide():
		left := m.sdlPane()
		body = lipgloss.JoinHorizontal(lipgloss.Top, left, " ", m.editorPane(m.width-lipgloss.Width(left)-1))
	case m.showSDL:
		body = m.sdlPane()
	default:
		body = m.editorPane(m.width)
	}
	view := head + "\n\n" + body
	switch {
	case m.flow.Active():
		view = overlay.Center(view, m.flow.View(m.width), m.width, m.height)
	case m.deposit != nil:
		box := st.Dialog.Render(st.DialogTitle.Render("Deploy "+m.title) + "\n\n" + m.deposit.View() + "\n\n" +
			"  " + m.depositLasts() + "\n\n" +
			st.Muted.Render("enter on the last field continues to the confirmation · esc cancels"))
		view = overlay.Center(view, box, m.width, m.height)
	case m.picking:
		view = overlay.Center(view, m.pickerView(m.height), m.width, m.height)
	}
	return view
}

func (m *Model) sdlPane() string {
	st := m.deps.Styles
	box := st.Panel
	if m.showSDL {
		box = st.PanelFocused
	}
	title := st.PanelTitle.Render("SDL") + st.Muted.Render(fmt.Sprintf("  %d lines", strings.Count(string(m.sdl), "\n")))
	if m.editErr != nil {
		title += "  " + st.Danger.Render(m.editErr.Error())
	}
	return box.Width(m.sdlView.Width + 2).Render(title + "\n" + m.sdlView.View())
}

func (m *Model) editorPane(w int) string {
	st := m.deps.Styles
	p := m.profiles[m.sel]
	var b strings.Builder
	name := fmt.Sprintf("Profile %s (service %s)", p.Name, p.Service)
	if len(m.profiles) > 1 {
		name += st.Muted.Render(fmt.Sprintf("  %d of %d · ctrl+n next", m.sel+1, len(m.profiles)))
	}
	b.WriteString("  " + st.Subtitle.Render(name) + "\n")
	b.WriteString(m.form.View() + "\n")
	b.WriteString(m.gpuView() + "\n\n")
	b.WriteString(m.costView())
	return lipgloss.NewStyle().Width(max(20, w)).Render(b.String())
}

func (m *Model) gpuView() string {
	st := m.deps.Styles
	p := m.profiles[m.sel]
	label := st.Label
	if m.gpuFocus {
		label = st.LabelFocused
	}
	lines := []string{"  " + label.Render("GPU models (any of)")}
	if len(p.GPUModels) == 0 {
		what := "none: add one with +"
		if p.GPUUnits > 0 {
			what = "any model: add one with + to choose"
		}
		lines = append(lines, "  "+st.Muted.Render(what))
	}
	if !m.gpuFocus && len(p.GPUModels) > 0 {
		// Unfocused, the models take one line: the form keeps the rows on a small terminal.
		names := make([]string, len(p.GPUModels))
		for i, g := range p.GPUModels {
			names[i] = strings.TrimSpace(g.Model + " " + g.RAM)
		}
		line := p.GPUModels[0].Vendor + " " + strings.Join(names, " · ")
		return strings.Join(append(lines, "  "+st.Text.Render(ansi.Truncate(line, max(10, m.width-4), "…"))), "\n")
	}
	for i, g := range p.GPUModels {
		mark := "  "
		if m.gpuFocus && i == m.gpuCur {
			mark = st.LabelFocused.Render("▌ ")
		}
		lines = append(lines, mark+st.Text.Render(fmt.Sprintf("%s %-9s", g.Vendor, g.Model))+" "+st.Muted.Render(strings.TrimSpace(g.RAM+" "+g.Interface)))
	}
	if m.gpuFocus {
		lines = append(lines, "  "+st.FieldHelp.Render("+ add · x remove · shift+tab back to the fields"))
	}
	return strings.Join(lines, "\n")
}

func (m *Model) costView() string {
	st := m.deps.Styles
	c := Estimate(m.profiles, m.account)
	lines := []string{
		"  " + st.Subtitle.Render("Cost at the maximum price") + st.Muted.Render(" (bids are usually lower)"),
		"  " + st.Label.Render("per block ") + " " + st.Text.Render(format.Price(c.PerBlock)+" uact"),
		"  " + st.Label.Render("per hour  ") + " " + m.actAKT(c.PerHour),
		"  " + st.Label.Render("per month ") + " " + m.actAKT(c.PerMonth),
	}
	if m.account == nil || m.account.ACTPerAKT <= 0 {
		lines = append(lines, "  "+st.Muted.Render("no AKT equivalent: the network reports no ACT rate"))
	}
	lines = append(lines, "  "+st.Label.Render("deposit   ")+" "+st.Text.Render(format.Micro(defaultDepositUACT)+" ACT")+
		st.Muted.Render(" "+m.lasts(defaultDepositUACT)))
	return strings.Join(lines, "\n")
}

// actAKT renders an amount of uact in ACT, with its AKT equivalent at the chain's rate when
// the network reports one.
func (m *Model) actAKT(uact float64) string {
	st := m.deps.Styles
	s := st.Accent.Render(format.MicroF(uact)) + st.Muted.Render(" ACT")
	if m.account != nil && m.account.ACTPerAKT > 0 {
		s += st.Muted.Render(" ≈ " + format.MicroF(uact/m.account.ACTPerAKT) + " AKT")
	}
	return s
}

// lasts says how long a deposit of uact pays for the profiles at their maximum price.
func (m *Model) lasts(uact uint64) string {
	c := Estimate(m.profiles, m.account)
	if c.PerBlock <= 0 {
		return "no price set"
	}
	bt := svc.DefaultBlockTime
	if m.account != nil && m.account.BlockTime > 0 {
		bt = m.account.BlockTime
	}
	return "lasts " + format.Duration(svc.Runway(float64(uact), c.PerBlock, bt)) + " at the maximum price"
}

// ShortHelp lists the main keys of the current state.
func (m *Model) ShortHelp() []key.Binding {
	km := m.deps.KeyMap
	switch {
	case m.flow.Active():
		return m.flow.KeyBindings()
	case m.deposit != nil:
		return []key.Binding{km.NextField, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next / confirm")), km.Back}
	case m.picking:
		return []key.Binding{key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "choose")),
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "add")), km.Back}
	case m.gpuFocus:
		return []key.Binding{km.AddGPU, km.RemoveGPU, km.PrevField}
	}
	out := []key.Binding{km.NextField, km.Preflight}
	if m.deps.CanSign() {
		d := km.Deploy
		if m.update != 0 {
			d = key.NewBinding(key.WithKeys(d.Keys()...), key.WithHelp(d.Help().Key, "send update"))
		}
		out = append(out, d)
	}
	out = append(out, km.ToggleSDL)
	if len(m.profiles) > 1 {
		out = append(out, km.NextProfile)
	}
	return append(out, km.Back)
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	km := m.deps.KeyMap
	return [][]key.Binding{m.ShortHelp(), {km.AddGPU, km.RemoveGPU, km.NextProfile, km.ToggleSDL}}
}

// depositLasts is the deposit dialog's line about the amount typed: its AKT equivalent when
// known and how long it pays at the maximum price.
func (m *Model) depositLasts() string {
	st := m.deps.Styles
	u, err := format.ParseMicro(m.deposit.Value("amount"))
	if err != nil || u == 0 {
		return st.Muted.Render("type an amount of ACT")
	}
	var s string
	if m.account != nil && m.account.ACTPerAKT > 0 {
		s = st.Muted.Render("≈ " + format.MicroF(float64(u)/m.account.ACTPerAKT) + " AKT; ")
	}
	lasts := m.lasts(u)
	if c := Estimate(m.profiles, m.account); c.PerHour > float64(u) {
		return s + st.Warning.Render(lasts+": less than an hour")
	}
	return s + st.Muted.Render(lasts)
}
