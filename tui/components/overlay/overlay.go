// Package overlay draws a box over rendered content, so dialogs float above the screen they
// belong to instead of replacing it.
package overlay

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Center draws fg centred over bg, which is width x height cells.
func Center(bg, fg string, width, height int) string {
	fw, fh := lipgloss.Width(fg), lipgloss.Height(fg)
	return At(bg, fg, max(0, (width-fw)/2), max(0, (height-fh)/2), width, height)
}

// At draws fg over bg with its top-left corner at (x, y).
func At(bg, fg string, x, y, width, height int) string {
	bgLines := strings.Split(bg, "\n")
	for len(bgLines) < height {
		bgLines = append(bgLines, "")
	}
	for i, line := range strings.Split(fg, "\n") {
		row := y + i
		if row < 0 || row >= len(bgLines) {
			continue
		}
		base := bgLines[row]
		if w := ansi.StringWidth(base); w < width {
			base += strings.Repeat(" ", width-w)
		}
		lw := ansi.StringWidth(line)
		left := ansi.Truncate(base, x, "")
		right := ansi.TruncateLeft(base, x+lw, "")
		bgLines[row] = ansi.Truncate(left+line+right, width, "")
	}
	return strings.Join(bgLines, "\n")
}
