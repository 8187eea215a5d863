// Package styles turns a semantic Theme into the one Styles struct every screen renders with.
//
// Screens never build colours themselves: they ask for a role (Danger, Muted, Selected) so a
// theme change, a light terminal or a colourless golden test all go through one place.
package styles

import "github.com/charmbracelet/lipgloss"

// Theme names colours by the role they play, each adaptive to light and dark terminals.
type Theme struct {
	// Primary is the brand colour: header, focused borders, active tab.
	Primary lipgloss.AdaptiveColor
	// OnPrimary is text drawn on top of Primary.
	OnPrimary lipgloss.AdaptiveColor
	// Accent highlights numbers and keys the eye should find first.
	Accent lipgloss.AdaptiveColor
	// Text is body text.
	Text lipgloss.AdaptiveColor
	// Muted is secondary text: labels, hints, units.
	Muted lipgloss.AdaptiveColor
	// Subtle is for borders and rules.
	Subtle lipgloss.AdaptiveColor
	// Selection is the background of the selected row.
	Selection lipgloss.AdaptiveColor
	// OnSelection is text on the selected row.
	OnSelection lipgloss.AdaptiveColor
	// Success, Warning, Danger and Info carry state.
	Success lipgloss.AdaptiveColor
	Warning lipgloss.AdaptiveColor
	Danger  lipgloss.AdaptiveColor
	Info    lipgloss.AdaptiveColor
}

// DefaultTheme is akt's palette: Akash red as the brand, calm neutrals, clear state colours.
func DefaultTheme() Theme {
	return Theme{
		Primary:     lipgloss.AdaptiveColor{Light: "#C4302B", Dark: "#FF5A4E"},
		OnPrimary:   lipgloss.AdaptiveColor{Light: "#FFFFFF", Dark: "#1A1A1A"},
		Accent:      lipgloss.AdaptiveColor{Light: "#6B3FD4", Dark: "#B89CFF"},
		Text:        lipgloss.AdaptiveColor{Light: "#1F2328", Dark: "#E6E6E6"},
		Muted:       lipgloss.AdaptiveColor{Light: "#6E7781", Dark: "#8B949E"},
		Subtle:      lipgloss.AdaptiveColor{Light: "#D0D7DE", Dark: "#3A3F47"},
		Selection:   lipgloss.AdaptiveColor{Light: "#DDE6FF", Dark: "#2D3650"},
		OnSelection: lipgloss.AdaptiveColor{Light: "#0B1F4D", Dark: "#FFFFFF"},
		Success:     lipgloss.AdaptiveColor{Light: "#1A7F37", Dark: "#3FB950"},
		Warning:     lipgloss.AdaptiveColor{Light: "#9A6700", Dark: "#D29922"},
		Danger:      lipgloss.AdaptiveColor{Light: "#CF222E", Dark: "#F85149"},
		Info:        lipgloss.AdaptiveColor{Light: "#0969DA", Dark: "#58A6FF"},
	}
}
