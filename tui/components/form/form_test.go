package form

import (
	"errors"
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/keys"
	"github.com/akt-project/akt/tui/styles"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func TestStaleVerdictIsDropped(t *testing.T) {
	t.Parallel()
	m := New(styles.Plain(), keys.Default(), Spec{Name: "n", Label: "N"})
	m, ev, _ := m.Update(runes("a"))
	if ev.Changed != "n" {
		t.Fatalf("event = %+v", ev)
	}
	m, _, _ = m.Update(runes("b"))
	m.SetVerdict("n", "a", errors.New("bad")) // about the old value
	if len(m.Errors()) != 0 {
		t.Fatalf("a verdict about an old value was applied: %v", m.Errors())
	}
	m.SetVerdict("n", "ab", errors.New("bad"))
	if got := m.Errors(); len(got) != 1 || got[0] != "N: bad" {
		t.Fatalf("errors = %v", got)
	}
}

func TestChoiceToggleAndSubmit(t *testing.T) {
	t.Parallel()
	m := New(styles.Plain(), keys.Default(),
		Spec{Name: "gpu", Label: "GPU", Kind: Choice, Options: []string{"a100", "h100"}, Value: "h100"},
		Spec{Name: "tls", Label: "TLS", Kind: Toggle},
		Spec{Name: "name", Label: "Name", Required: true},
	)
	if m.Value("gpu") != "h100" {
		t.Fatalf("initial choice = %q", m.Value("gpu"))
	}
	m, _, _ = m.Update(tea.KeyMsg{Type: tea.KeyRight})
	m, _, _ = m.Update(tea.KeyMsg{Type: tea.KeyTab})
	m, _, _ = m.Update(runes("y"))
	m, _, _ = m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if got := m.Values(); got["gpu"] != "a100" || got["tls"] != "true" || m.Focused() != "name" {
		t.Fatalf("values = %v, focus %q", got, m.Focused())
	}
	if errs := m.Errors(); len(errs) != 1 {
		t.Fatalf("an empty required field must be an error: %v", errs)
	}
	_, ev, _ := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if !ev.Submit {
		t.Fatal("enter on the last field should submit")
	}
}

// TestHelpStaysInTheFieldColumn checks that the focused field's long help wraps indented
// within the form's width, and that other fields show one line of theirs.
func TestHelpStaysInTheFieldColumn(t *testing.T) {
	t.Parallel()
	long := "GPUs on one machine; the model is split across them (tensor parallelism). Use 1, 2, 4 or 8."
	m := New(styles.Plain(), keys.Default(), Spec{Name: "a", Label: "A", Help: long}, Spec{Name: "b", Label: "B", Help: long})
	m.SetSize(40, 20)
	lines := strings.Split(m.View(), "\n")
	var helpA, helpB []string
	for i, l := range lines {
		if lipgloss.Width(l) > 40 {
			t.Errorf("line %d is %d cells wide, over the form's 40: %q", i, lipgloss.Width(l), l)
		}
		switch {
		case i >= 2 && i < len(lines)-3:
			helpA = append(helpA, l)
		case i == len(lines)-1:
			helpB = append(helpB, l)
		}
	}
	if len(helpA) < 2 {
		t.Fatalf("the focused field's help did not wrap:\n%s", m.View())
	}
	for _, l := range append(helpA, helpB...) {
		if !strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "   ") {
			t.Errorf("help line not indented by two: %q", l)
		}
	}
	if !strings.HasSuffix(helpB[0], "…") {
		t.Errorf("the other field's help is not cut to one line: %q", helpB[0])
	}
}
