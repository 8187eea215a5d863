// Package landing is the first screen: where you are (network, key, balances) and the doors
// to everything else.
package landing

import (
	"context"
	"fmt"
	"strings"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/busy"
	"github.com/akt-project/akt/tui/components/form"
	"github.com/akt-project/akt/tui/components/overlay"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/screens/keyring"
	"github.com/akt-project/akt/tui/screens/networks"
	"github.com/akt-project/akt/tui/screens/wallet"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// door is one way forward from the landing screen.
type door struct {
	title, blurb string
	key          key.Binding
	// open builds the command that opens it; nil means not available, reason says why.
	open   func(m *Model) tea.Cmd
	reason string
}

// Model is the landing screen.
type Model struct {
	deps    app.Deps
	ctx     context.Context
	account *svc.Account
	err     error
	busy    busy.Model
	doors   []door
	focus   int
	opening *form.Model // the path prompt of "open an SDL file"
	width   int
	height  int
}

// New builds the landing screen.
func New(deps app.Deps) *Model {
	km := deps.KeyMap
	m := &Model{deps: deps, busy: busy.New(deps.Styles)}
	m.doors = []door{
		{title: "AI/ML", blurb: "LLMs, training and notebooks on GPUs", key: km.DoorAI,
			open: segmentDoor(svc.SegmentAI)},
		{title: "Web", blurb: "Sites, APIs, databases and apps", key: km.DoorWeb,
			open: segmentDoor(svc.SegmentWeb)},
		{title: "Node operator", blurb: "Blockchain nodes, validators, RPC", key: km.DoorNode,
			open: segmentDoor(svc.SegmentNode)},
		{title: "My deployments", blurb: "State, cost, escrow and runway", key: km.MyDeployments,
			open: deploymentsDoor},
		{title: "Open an SDL file", blurb: "Review, edit and deploy your own SDL", key: km.OpenSDL,
			open: openSDLDoor},
	}
	return m
}

// Start shows a spinner until the root's account read arrives.
func (m *Model) Start(ctx context.Context) tea.Cmd {
	m.ctx = ctx
	return m.busy.Start("Reading the account")
}

// Title is the breadcrumb name.
func (m *Model) Title() string { return "Home" }

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// CapturingInput is true while the path prompt is open.
func (m *Model) CapturingInput() bool { return m.opening != nil }

// Account returns the account shown, if any (for tests).
func (m *Model) Account() *svc.Account { return m.account }

// Focus is the index of the focused door.
func (m *Model) Focus() int { return m.focus }

// Update handles account results and keys.
func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case app.AccountLoadedMsg:
		m.busy.Stop()
		m.err = msg.Err
		if msg.Err == nil {
			a := msg.Account
			m.account = &a
		}
		return m, nil
	case app.AccountChangedMsg:
		return m, m.busy.Start("Reading the account")
	case sdlFileReadMsg:
		return m, m.handleSDLRead(msg)
	case tea.KeyMsg:
		if m.opening != nil {
			return m, m.handleOpenKey(msg)
		}
		return m, m.handleKey(msg)
	}
	var cmd tea.Cmd
	m.busy, cmd = m.busy.Update(msg)
	return m, cmd
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	km := m.deps.KeyMap
	noKey := m.account != nil && m.account.Key == nil
	switch {
	case key.Matches(k, km.Refresh):
		return tea.Batch(m.busy.Start("Reading the account"), app.LoadAccount(m.ctx, m.deps))
	case key.Matches(k, km.Networks):
		return app.Push(networks.New(m.deps))
	case key.Matches(k, km.Keys):
		return app.Push(keyring.New(m.deps, keyring.ModeList))
	case key.Matches(k, km.Wallet):
		return app.Push(wallet.New(m.deps))
	case noKey && key.Matches(k, km.CreateKey):
		return app.Push(keyring.New(m.deps, keyring.ModeCreate))
	case noKey && key.Matches(k, km.RecoverKey):
		return app.Push(keyring.New(m.deps, keyring.ModeRecover))
	case key.Matches(k, km.Left), key.Matches(k, km.Up):
		m.focus = (m.focus + len(m.doors) - 1) % len(m.doors)
	case key.Matches(k, km.Right), key.Matches(k, km.Down), key.Matches(k, km.NextField):
		m.focus = (m.focus + 1) % len(m.doors)
	case key.Matches(k, km.Enter):
		return m.openDoor(m.focus)
	default:
		for i, d := range m.doors {
			if key.Matches(k, d.key) {
				m.focus = i
				return m.openDoor(i)
			}
		}
	}
	return nil
}

func (m *Model) openDoor(i int) tea.Cmd {
	d := m.doors[i]
	if d.open == nil {
		return app.Info("%s: %s", d.title, d.reason)
	}
	return d.open(m)
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	km := m.deps.KeyMap
	out := []key.Binding{km.Enter, km.DoorAI, km.DoorWeb, km.DoorNode, km.MyDeployments}
	if m.account != nil && m.account.Key == nil {
		out = append([]key.Binding{km.CreateKey, km.RecoverKey}, out...)
	}
	return out
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	km := m.deps.KeyMap
	return [][]key.Binding{
		{km.DoorAI, km.DoorWeb, km.DoorNode, km.MyDeployments, km.OpenSDL},
		{km.Networks, km.Keys, km.Wallet, km.CreateKey, km.RecoverKey, km.Refresh},
		{km.Left, km.Right, km.Enter},
	}
}

// View renders the account card and the doors.
func (m *Model) View() string {
	st := m.deps.Styles
	var b strings.Builder
	b.WriteString("\n" + m.accountView() + "\n\n")
	b.WriteString("  " + st.Subtitle.Render("What would you like to run?") + "\n")
	b.WriteString(m.doorsView())
	km := m.deps.KeyMap
	b.WriteString("\n\n  " + st.HelpKey.Render(km.Networks.Help().Key) + " " + st.Muted.Render("networks") +
		"   " + st.HelpKey.Render(km.Keys.Help().Key) + " " + st.Muted.Render("keys") +
		"   " + st.HelpKey.Render(km.Wallet.Help().Key) + " " + st.Muted.Render("wallet") +
		"   " + st.HelpKey.Render(km.Refresh.Help().Key) + " " + st.Muted.Render("refresh"))
	if m.opening != nil {
		box := st.Dialog.Render(st.DialogTitle.Render("Open an SDL file") + "\n\n" + m.opening.View())
		return overlay.Center(b.String(), box, m.width, m.height)
	}
	return b.String()
}

func (m *Model) accountView() string {
	st := m.deps.Styles
	row := func(label, value string) string {
		return "  " + st.Label.Render(fmt.Sprintf("%-9s", label)) + " " + value
	}
	switch {
	case m.account == nil && m.err != nil:
		return wrap(st.Danger, "Could not read the account: "+m.err.Error(), m.width) + "\n  " +
			st.Muted.Render("Check the network (N) or press r to try again.")
	case m.account == nil:
		return "  " + m.busy.View()
	}
	a := m.account
	lines := []string{row("Network", st.Text.Render(a.Network.Name)+" "+st.Muted.Render(a.Network.ChainID))}
	if a.Key == nil {
		km := m.deps.KeyMap
		lines = append(lines,
			row("Key", st.Warning.Render("no key yet")),
			"",
			"  "+st.Text.Render("You need a key to deploy.")+"  "+st.HelpKey.Render(km.CreateKey.Help().Key)+
				st.Muted.Render(" create a new key   ")+st.HelpKey.Render(km.RecoverKey.Help().Key)+
				st.Muted.Render(" recover from a mnemonic"))
		return strings.Join(lines, "\n")
	}
	lines = append(lines, row("Key", st.Text.Render(a.Key.Name)+"  "+st.Muted.Render(a.Key.Address)))
	bal := st.Accent.Render(format.Micro(a.Balances.UAKT)) + st.Muted.Render(" AKT") + "   " +
		st.Accent.Render(format.Micro(a.Balances.UACT)) + st.Muted.Render(" ACT")
	if a.ACTPerAKT > 0 {
		bal += st.Muted.Render(fmt.Sprintf("   (1 AKT → %.4g ACT)", a.ACTPerAKT))
	}
	lines = append(lines, row("Balance", bal))
	if a.Balances.UAKT == 0 && a.Balances.UACT == 0 {
		lines = append(lines, wrap(st.Warning, "This key has no funds yet: send AKT to its address to deploy.", m.width))
	}
	return strings.Join(lines, "\n")
}

func (m *Model) doorsView() string {
	st := m.deps.Styles
	cardW := (m.width - 4) / 3
	if cardW >= 22 {
		bodies := make([]string, 3)
		tall := 0
		inner := cardW - st.Card.GetHorizontalFrameSize() - 1
		for i, d := range m.doors[:3] {
			bodies[i] = st.HelpKey.Render(d.key.Help().Key) + "  " + st.Subtitle.Render(d.title) + "\n" +
				st.Muted.Width(max(1, inner-st.Card.GetHorizontalPadding())).Render(d.blurb)
			tall = max(tall, lipgloss.Height(bodies[i]))
		}
		cards := make([]string, 3)
		for i, body := range bodies {
			box := st.Card
			if i == m.focus {
				box = st.CardFocused
			}
			cards[i] = box.Width(inner).Height(tall).Render(body)
		}
		row := lipgloss.JoinHorizontal(lipgloss.Top, cards[0], " ", cards[1], " ", cards[2])
		lines := []string{indent(row), ""}
		for i, d := range m.doors[3:] {
			lines = append(lines, m.doorLine(i+3, d))
		}
		return strings.Join(lines, "\n")
	}
	lines := make([]string, 0, len(m.doors))
	for i, d := range m.doors {
		lines = append(lines, m.doorLine(i, d))
	}
	return strings.Join(lines, "\n")
}

func (m *Model) doorLine(i int, d door) string {
	st := m.deps.Styles
	mark := "  "
	title := st.Text.Render(d.title)
	if i == m.focus {
		mark = st.LabelFocused.Render("▸ ")
		title = st.LabelFocused.Render(d.title)
	}
	blurb := d.blurb
	if d.open == nil {
		blurb = d.reason
	}
	pad := strings.Repeat(" ", max(0, 18-len(d.title)))
	return "  " + mark + st.HelpKey.Render(fmt.Sprintf("%-3s", d.key.Help().Key)) + title + pad + st.Muted.Render(blurb)
}

func indent(s string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		lines[i] = "  " + lines[i]
	}
	return strings.Join(lines, "\n")
}

// wrap renders text in style, wrapped to the screen width and indented.
func wrap(style lipgloss.Style, text string, width int) string {
	return indent(style.Width(max(20, width-4)).Render(text))
}
