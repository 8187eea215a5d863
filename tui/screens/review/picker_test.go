package review

import (
	"testing"

	"github.com/akt-project/akt/tui/keys"
	"github.com/akt-project/akt/tui/svc"
	tea "github.com/charmbracelet/bubbletea"
)

func TestPickerFiltersAndKeepsTheCursorInView(t *testing.T) {
	t.Parallel()
	known := []svc.GPUModel{
		{Vendor: "nvidia", Model: "a100", RAM: "80Gi", Interface: "sxm"},
		{Vendor: "nvidia", Model: "h100", RAM: "80Gi", Interface: "pcie"},
		{Vendor: "nvidia", Model: "h100", RAM: "80Gi", Interface: "sxm"},
		{Vendor: "nvidia", Model: "t4", RAM: "16Gi", Interface: "pcie"},
	}
	km := keys.Default()
	p := newPicker(known)
	runes := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	p.update(runes("h100 s"), km.Up, km.Down)
	if g, ok := p.selected(); !ok || len(p.shown) != 1 || g != known[2] {
		t.Fatalf("query %q: shown %v, selected %+v", p.query, p.shown, g)
	}
	p.update(tea.KeyMsg{Type: tea.KeyBackspace}, km.Up, km.Down)
	p.update(tea.KeyMsg{Type: tea.KeyBackspace}, km.Up, km.Down)
	if len(p.shown) != 2 {
		t.Fatalf("query %q: shown %v, want both h100s", p.query, p.shown)
	}
	// j and k are text here, not movement: a model name may hold them.
	p.update(runes("k"), km.Up, km.Down)
	if p.query != "h100k" || len(p.shown) != 0 {
		t.Fatalf("query %q shown %v", p.query, p.shown)
	}
	if _, ok := p.selected(); ok {
		t.Fatal("selected a model when none matches")
	}
	p = newPicker(known)
	for range 3 {
		p.update(tea.KeyMsg{Type: tea.KeyDown}, km.Up, km.Down)
	}
	if first, last := p.window(2); p.cursor != 3 || first != 2 || last != 4 {
		t.Fatalf("cursor %d window %d..%d, want 3 in 2..4", p.cursor, first, last)
	}
	if first, last := p.window(10); first != 0 || last != 4 {
		t.Fatalf("window %d..%d, want all", first, last)
	}
}
