package review

import (
	"fmt"
	"strings"

	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// picker is the "add a GPU model" dialog: the known models filtered by what is typed, with
// a window of rows around the cursor so a long list fits any terminal.
type picker struct {
	known  []svc.GPUModel
	query  string
	shown  []int // indexes into known matching the query
	cursor int   // index into shown
}

func newPicker(known []svc.GPUModel) picker {
	p := picker{known: known}
	p.refilter()
	return p
}

// refilter keeps the models whose label holds every word of the query.
func (p *picker) refilter() {
	words := strings.Fields(strings.ToLower(p.query))
	p.shown = p.shown[:0]
	for i, g := range p.known {
		label := strings.ToLower(g.Label())
		ok := true
		for _, w := range words {
			if !strings.Contains(label, w) {
				ok = false
				break
			}
		}
		if ok {
			p.shown = append(p.shown, i)
		}
	}
	p.cursor = min(p.cursor, max(0, len(p.shown)-1))
}

// selected is the model under the cursor; false when nothing matches.
func (p picker) selected() (svc.GPUModel, bool) {
	if p.cursor >= len(p.shown) {
		return svc.GPUModel{}, false
	}
	return p.known[p.shown[p.cursor]], true
}

// update handles a key that is not enter or esc: arrows move, text filters.
func (p *picker) update(k tea.KeyMsg, up, down key.Binding) {
	switch {
	case k.Type == tea.KeyUp || k.Type != tea.KeyRunes && key.Matches(k, up):
		p.cursor = max(0, p.cursor-1)
	case k.Type == tea.KeyDown || k.Type != tea.KeyRunes && key.Matches(k, down):
		p.cursor = min(max(0, len(p.shown)-1), p.cursor+1)
	case k.Type == tea.KeyBackspace:
		if r := []rune(p.query); len(r) > 0 {
			p.query = string(r[:len(r)-1])
			p.refilter()
		}
	case k.Type == tea.KeyRunes || k.Type == tea.KeySpace:
		p.query += string(k.Runes)
		p.refilter()
	}
}

// window is the range [first, last) of shown rows to draw in rows lines, keeping the cursor
// in view.
func (p picker) window(rows int) (int, int) {
	rows = max(1, rows)
	first := max(0, min(p.cursor-rows/2, len(p.shown)-rows))
	return first, min(len(p.shown), first+rows)
}

// view renders the dialog body in at most height lines.
func (m *Model) pickerView(height int) string {
	st := m.deps.Styles
	p := m.picker
	query := st.Input.Render(p.query) + st.Muted.Render("▏ type to filter")
	lines := []string{st.DialogTitle.Render("Add a GPU model"), "", query, ""}
	// The title, query, blank lines, the count, the key line and the dialog's frame.
	first, last := p.window(height - 10)
	if len(p.shown) == 0 {
		lines = append(lines, st.Muted.Render("no model matches "+fmt.Sprintf("%q", p.query)))
	}
	for i := first; i < last; i++ {
		g := p.known[p.shown[i]]
		mark, text := "  ", st.Text
		if i == p.cursor {
			mark, text = st.LabelFocused.Render("▸ "), st.LabelFocused
		}
		lines = append(lines, mark+text.Render(fmt.Sprintf("%-7s %-10s", g.Vendor, g.Model))+
			st.Muted.Render(fmt.Sprintf(" %6s  %-4s", g.RAM, g.Interface)))
	}
	lines = append(lines, "", st.Muted.Render(fmt.Sprintf("%d of %d · ↑/↓ choose · enter add · esc close", len(p.shown), len(p.known))))
	return st.Dialog.Render(strings.Join(lines, "\n"))
}
