package tui

import (
	"context"

	"github.com/akt-project/akt/tui/app"
	tea "github.com/charmbracelet/bubbletea"
)

// entry is a screen on the stack with the cancel function of its context.
type entry struct {
	screen app.Screen
	cancel context.CancelFunc
}

// stack is the screen stack. The bottom screen is never popped.
type stack struct {
	entries []entry
}

func (s *stack) top() app.Screen {
	if len(s.entries) == 0 {
		return nil
	}
	return s.entries[len(s.entries)-1].screen
}

func (s *stack) len() int { return len(s.entries) }

// push starts sc with a context derived from parent and sizes it.
func (s *stack) push(parent context.Context, sc app.Screen, w, h int) tea.Cmd {
	ctx, cancel := context.WithCancel(parent)
	sc.SetSize(w, h)
	s.entries = append(s.entries, entry{screen: sc, cancel: cancel})
	return sc.Start(ctx)
}

// pop stops the top screen; it reports false when only the bottom screen is left.
func (s *stack) pop() bool {
	if len(s.entries) <= 1 {
		return false
	}
	last := s.entries[len(s.entries)-1]
	last.cancel()
	s.entries = s.entries[:len(s.entries)-1]
	return true
}

// replace swaps the top screen for sc.
func (s *stack) replace(parent context.Context, sc app.Screen, w, h int) tea.Cmd {
	if n := len(s.entries); n > 0 {
		s.entries[n-1].cancel()
		s.entries = s.entries[:n-1]
	}
	return s.push(parent, sc, w, h)
}

// stopAll cancels every screen's context.
func (s *stack) stopAll() {
	for _, e := range s.entries {
		e.cancel()
	}
}

// update sends msg to the screen at index i and stores the result.
func (s *stack) update(i int, msg tea.Msg) tea.Cmd {
	sc, cmd := s.entries[i].screen.Update(msg)
	s.entries[i].screen = sc
	return cmd
}

// titles is the breadcrumb, bottom first.
func (s *stack) titles() []string {
	out := make([]string, len(s.entries))
	for i, e := range s.entries {
		out[i] = e.screen.Title()
	}
	return out
}
