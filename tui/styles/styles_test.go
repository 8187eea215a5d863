package styles

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	_ "github.com/charmbracelet/x/exp/golden" // registers -update for go test ./... -update
	"github.com/muesli/termenv"
)

func withBackground(dark bool) *Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(dark)
	return New(r, DefaultTheme())
}

func TestAdaptiveTheme(t *testing.T) {
	t.Parallel()
	dark, light := withBackground(true), withBackground(false)
	for name, pair := range map[string][2]string{
		"danger": {dark.Danger.Render("x"), light.Danger.Render("x")},
		"title":  {dark.Title.Render("x"), light.Title.Render("x")},
		"muted":  {dark.Muted.Render("x"), light.Muted.Render("x")},
	} {
		if pair[0] == pair[1] {
			t.Errorf("%s renders the same on dark and light backgrounds: %q", name, pair[0])
		}
		if !strings.Contains(pair[0], "\x1b[") {
			t.Errorf("%s has no colour in true-colour mode: %q", name, pair[0])
		}
	}
	if got := Plain().Danger.Render("x"); got != "x" {
		t.Errorf("Plain must render without escapes, got %q", got)
	}
}

func TestErrorBlockWraps(t *testing.T) {
	t.Parallel()
	s := Plain().ErrorBlock(errString(strings.Repeat("word ", 30)), "Press r.", 40)
	for _, line := range strings.Split(s, "\n") {
		if len([]rune(line)) > 40 {
			t.Fatalf("line %q is wider than 40", line)
		}
	}
}

type errString string

func (e errString) Error() string { return string(e) }
