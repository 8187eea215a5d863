package confirm

import (
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/keys"
	"github.com/akt-project/akt/tui/styles"
	tea "github.com/charmbracelet/bubbletea"
)

type closeDeployment struct{ dseq uint64 }

func TestOutcomes(t *testing.T) {
	t.Parallel()
	k := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	tests := []struct {
		name string
		keys []tea.KeyMsg
		want Outcome
	}{
		{"y confirms", []tea.KeyMsg{k("y")}, Confirmed},
		{"n cancels", []tea.KeyMsg{k("n")}, Cancelled},
		{"esc cancels", []tea.KeyMsg{{Type: tea.KeyEsc}}, Cancelled},
		{"enter on the default No cancels", []tea.KeyMsg{{Type: tea.KeyEnter}}, Cancelled},
		{"tab then enter confirms", []tea.KeyMsg{{Type: tea.KeyTab}, {Type: tea.KeyEnter}}, Confirmed},
		{"other keys keep it open", []tea.KeyMsg{k("x")}, Pending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := New(styles.Plain(), keys.Default(), "Close deployment 42?", closeDeployment{dseq: 42})
			var out Outcome
			for _, key := range tt.keys {
				m, out = m.Update(key)
			}
			if out != tt.want {
				t.Fatalf("outcome = %v, want %v", out, tt.want)
			}
			if m.Action.dseq != 42 {
				t.Fatal("payload lost")
			}
		})
	}
}

func TestViewFits(t *testing.T) {
	t.Parallel()
	m := New(styles.Plain(), keys.Default(), "Close deployment 42?", 0, "Messages: MsgCloseDeployment", "Fee: 0.005 AKT")
	m.Danger = true
	v := m.View(50)
	for _, line := range strings.Split(v, "\n") {
		if w := len([]rune(line)); w > 50 {
			t.Fatalf("dialog line %q is %d wide, want ≤ 50", line, w)
		}
	}
	if !strings.Contains(v, "Fee: 0.005 AKT") || !strings.Contains(v, "[No]") {
		t.Fatalf("dialog lacks its content:\n%s", v)
	}
}
