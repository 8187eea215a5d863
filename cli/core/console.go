package core

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// runConsole starts the interactive console.
func runConsole(ctx context.Context, a *App) error {
	cfg, err := a.Config()
	if err != nil {
		return err
	}
	a.Logger().Info("starting console", "network", cfg.NetworkName)
	m := newStartModel(cfg.NetworkName, cfg.Network.ChainID, cfg.From, cfg.KeyringBackend, cfg.Home)
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(a.In), tea.WithOutput(a.Out), tea.WithAltScreen())
	if _, err := p.Run(); err != nil {
		return fmt.Errorf("running the console: %w", err)
	}
	return nil
}

// startModel is the first screen of the console: the active network and
// key, and how to quit.
type startModel struct {
	network, chainID, key, backend, home string
	width                                int
	quit                                 key.Binding
}

func newStartModel(network, chainID, keyName, backend, home string) startModel {
	return startModel{
		network: network, chainID: chainID, key: keyName, backend: backend, home: home,
		quit: key.NewBinding(key.WithKeys("q", "ctrl+c", "esc"), key.WithHelp("q", "quit")),
	}
}

// Init implements tea.Model.
func (m startModel) Init() tea.Cmd { return nil }

// Update implements tea.Model.
func (m startModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width = msg.Width
	case tea.KeyMsg:
		if key.Matches(msg, m.quit) {
			return m, tea.Quit
		}
	}
	return m, nil
}

// View implements tea.Model.
func (m startModel) View() string {
	title := lipgloss.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#B0126B", Dark: "#FF5FAF"})
	label := lipgloss.NewStyle().Faint(true)
	keyName := m.key
	if keyName == "" {
		keyName = "no key selected"
	}
	var b strings.Builder
	b.WriteString(title.Render("akt — the terminal console for Akash Network") + "\n\n")
	fmt.Fprintf(&b, "%s %s (%s)\n", label.Render("network"), m.network, m.chainID)
	fmt.Fprintf(&b, "%s %s (%s keyring in %s)\n\n", label.Render("key    "), keyName, m.backend, m.home)
	b.WriteString(label.Render(m.quit.Help().Key + " " + m.quit.Help().Desc))
	return lipgloss.NewStyle().Padding(1, 2).Render(b.String())
}
