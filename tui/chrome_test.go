package tui

import (
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/keys"
	"github.com/charmbracelet/bubbles/key"
)

func TestFitCrumbs(t *testing.T) {
	t.Parallel()
	long := []string{"Home", "AI/ML templates", "LLM inference server (vLLM, OpenAI API)", "Review"}
	tests := []struct {
		titles []string
		w      int
		want   string
	}{
		{long, 200, "Home › AI/ML templates › LLM inference server (vLLM, OpenAI API) › Review"},
		{long, 60, "Home › AI/ML templates › … › Review"},
		{long, 22, "Home › … › Review"},
		{long, 16, "Home › … › Re…"},
		{[]string{"Home", "Deployments"}, 12, "Home › De…"},
		{nil, 10, ""},
	}
	for _, tt := range tests {
		if got := fitCrumbs(tt.titles, tt.w); got != tt.want {
			t.Errorf("fitCrumbs(%q, %d) = %q, want %q", strings.Join(tt.titles, "|"), tt.w, got, tt.want)
		}
	}
}

func TestGlobalKeysAreNotShownTwice(t *testing.T) {
	t.Parallel()
	km := keys.Default()
	global := []key.Binding{km.Back, km.Help, km.Quit}
	screen := []key.Binding{km.NextField, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))}
	got := withoutShown(global, screen)
	if len(got) != 2 || got[0].Help().Key != "?" || got[1].Help().Key != "q" {
		t.Fatalf("kept %v, want ? and q", got)
	}
	if got := withoutShown(global, screen[:1]); len(got) != 3 {
		t.Fatalf("kept %d bindings, want all 3 when the screen lists no esc", len(got))
	}
}
