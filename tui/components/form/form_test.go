package form

import (
	"errors"
	"testing"

	"github.com/akt-project/akt/tui/keys"
	"github.com/akt-project/akt/tui/styles"
	tea "github.com/charmbracelet/bubbletea"
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
