// Package frames renders whole TUI frames (header, screen, status, footer) for golden tests.
package frames

import (
	"testing"

	"github.com/akt-project/akt/tui"
	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/internal/uitest"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
)

// Sizes are the terminal sizes every screen is checked at: the smallest we support and a
// comfortable one.
var Sizes = []struct {
	Name string
	W, H int
}{{"80x24", 80, 24}, {"120x40", 120, 40}}

// Render starts screen at the bottom of a root model of size w x h, lets its start settle,
// then delivers msgs one at a time, each settled, and returns the root and its frame.
func Render(deps app.Deps, screen app.Screen, w, h int, msgs ...tea.Msg) (*tui.Model, string) {
	m := tui.NewAt(deps, screen)
	uitest.Settle(m, m.Init(), tea.WindowSizeMsg{Width: w, Height: h})
	for _, msg := range msgs {
		uitest.Settle(m, nil, msg)
	}
	return m, m.View()
}

// Golden checks the frame of a fresh screen at every size against
// testdata/<test>/<size>.golden; run the tests with -update to rewrite the files.
func Golden(t *testing.T, deps app.Deps, newScreen func() app.Screen, msgs ...tea.Msg) {
	t.Helper()
	for _, sz := range Sizes {
		t.Run(sz.Name, func(t *testing.T) {
			_, view := Render(deps, newScreen(), sz.W, sz.H, msgs...)
			golden.RequireEqual(t, []byte(view))
		})
	}
}
