package tui

import (
	"context"
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
)

// Run runs the TUI on the terminal until the user quits or ctx is cancelled. It uses the
// alternate screen and mouse wheel events (mouse is optional: every action has a key).
func Run(ctx context.Context, deps Deps) error {
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
