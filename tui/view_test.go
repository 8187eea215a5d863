package tui

import (
	"context"
	"errors"
	"testing"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/internal/uitest"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
)

// TestFrameGolden checks the chrome around a screen: header with breadcrumb, account and
// height, the status line, the footer, and read-only mode, at both sizes.
func TestFrameGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		readOnly bool
		msgs     []tea.Msg
	}{
		{name: "plain"},
		{name: "read_only_with_error", readOnly: true, msgs: []tea.Msg{
			app.PushMsg{Screen: &probe{title: "Deployments"}},
			app.StatusMsg{Kind: app.StatusError, Text: errors.New("loading bids for dseq 42: connection refused").Error() + " — press r to retry"},
		}},
	}
	for _, tt := range tests {
		for _, sz := range []struct {
			name string
			w, h int
		}{{"80x24", 80, 24}, {"120x40", 120, 40}, {"40x10", 40, 10}} {
			t.Run(tt.name+"/"+sz.name, func(t *testing.T) {
				t.Parallel()
				d := testDeps()
				d.ReadOnly = tt.readOnly
				m := newModel(context.Background(), d, &probe{title: "Home"})
				msgs := append([]tea.Msg{tea.WindowSizeMsg{Width: sz.w, Height: sz.h}}, tt.msgs...)
				uitest.Settle(m, m.Init(), msgs...)
				view := m.View()
				if got := lipgloss.Height(view); got != sz.h {
					t.Errorf("frame is %d lines, want %d", got, sz.h)
				}
				if got := lipgloss.Width(view); got > sz.w {
					t.Errorf("frame is %d cells wide, want at most %d", got, sz.w)
				}
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}
