// Package bars draws small horizontal bar charts (bid prices side by side).
package bars

import (
	"math"
	"strings"

	"github.com/akt-project/akt/tui/styles"
	"github.com/charmbracelet/x/ansi"
)

// Item is one bar.
type Item struct {
	// Label names the bar; Text is its value as shown.
	Label, Text string
	// Value sets the bar's length relative to the largest value.
	Value float64
	// Highlight draws the bar in the selection colour.
	Highlight bool
}

// eighths are the partial block characters, so bars grow by an eighth of a cell.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// Render draws the items one per line in width cells: label, bar, value text.
func Render(st *styles.Styles, items []Item, width int) string {
	if len(items) == 0 || width <= 0 {
		return ""
	}
	lw, tw := 0, 0
	top := 0.0
	for _, it := range items {
		lw = max(lw, ansi.StringWidth(it.Label))
		tw = max(tw, ansi.StringWidth(it.Text))
		top = math.Max(top, it.Value)
	}
	lw = min(lw, max(4, width/3))
	bw := max(1, width-lw-tw-2)
	lines := make([]string, 0, len(items))
	for _, it := range items {
		frac := 0.0
		if top > 0 {
			frac = math.Max(0, it.Value) / top
		}
		cells := frac * float64(bw)
		full := int(cells)
		part := int((cells - float64(full)) * 8)
		bar := strings.Repeat("█", full)
		if full < bw {
			bar += eighths[part]
		}
		barSt := st.Bar
		if it.Highlight {
			barSt = st.BarSelected
		}
		pad := strings.Repeat(" ", max(0, bw-ansi.StringWidth(bar)))
		label := ansi.Truncate(it.Label, lw, "…")
		label += strings.Repeat(" ", lw-ansi.StringWidth(label))
		lines = append(lines, st.Muted.Render(label)+" "+barSt.Render(bar)+pad+" "+st.Text.Render(it.Text))
	}
	return strings.Join(lines, "\n")
}
