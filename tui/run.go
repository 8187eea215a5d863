package tui

import (
	"context"
	"errors"
	"fmt"

	"github.com/akt-project/akt/tui/styles"
	tea "github.com/charmbracelet/bubbletea"
)

// Run runs the TUI on the terminal until the user quits or ctx is cancelled. It uses the
// alternate screen and mouse wheel events (mouse is optional: every action has a key).
func Run(ctx context.Context, deps Deps) error {
	if deps.Styles == nil {
		deps.Styles = styles.Default()
	}
	// Ask the terminal for its background now: once Bubble Tea reads stdin, the answer to that
	// query would be read as key presses, and adaptive colours would wait for it.
	deps.Styles.Renderer.HasDarkBackground()
	m := newModel(ctx, deps, nil)
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithAltScreen(), tea.WithMouseCellMotion())
	if _, err := p.Run(); err != nil {
		if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
			return nil // the caller cancelled: a normal way to stop
		}
		return fmt.Errorf("running the terminal UI: %w", err)
	}
	return nil
}
