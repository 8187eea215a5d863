package styles

import (
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Tone is the semantic weight of a piece of text; components map it to a style.
type Tone int

// Tones, from neutral to alarming.
const (
	ToneNormal Tone = iota
	ToneMuted
	ToneAccent
	ToneSuccess
	ToneWarning
	ToneDanger
	ToneInfo
)

// Styles is every style the TUI renders with, built once from a Theme.
type Styles struct {
	// Theme is the palette these styles were built from.
	Theme Theme
	// Renderer is the lipgloss renderer the styles are bound to (colour profile, background).
	Renderer *lipgloss.Renderer

	// Header bar.
	HeaderBar, HeaderBrand, HeaderCrumb, HeaderInfo, HeaderWarn lipgloss.Style
	// Body text by role.
	Title, Subtitle, Text, Muted, Accent, Bold lipgloss.Style
	Success, Warning, Danger, Info             lipgloss.Style
	// Status bar messages.
	StatusInfo, StatusSuccess, StatusError lipgloss.Style
	// Help footer.
	HelpKey, HelpDesc, HelpSep lipgloss.Style
	// Tables and lists.
	TableHeader, TableHeaderSorted, TableCell, TableSelected lipgloss.Style
	// Panels (boxed regions) and cards.
	Panel, PanelFocused, PanelTitle, Card, CardFocused lipgloss.Style
	// Dialogs and their buttons.
	Dialog, DialogDanger, DialogTitle, Button, ButtonActive, ButtonDanger lipgloss.Style
	// Form fields.
	Label, LabelFocused, Input, Placeholder, FieldError, FieldOK, FieldHelp lipgloss.Style
	// Badges: small inverse tags (AUDITED, GPU).
	Badge, BadgeSuccess, BadgeWarning lipgloss.Style
	// Bar is the filled part of a chart bar; BarEmpty the rest.
	Bar, BarEmpty, BarSelected lipgloss.Style
	// Spinner colours the busy indicator.
	Spinner lipgloss.Style
	// Secret frames a mnemonic shown once.
	Secret lipgloss.Style
}

// Default builds the default theme for the terminal on stdout.
func Default() *Styles { return New(lipgloss.DefaultRenderer(), DefaultTheme()) }

// Plain builds the default theme with no colours or attributes at all, as golden tests need.
func Plain() *Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return New(r, DefaultTheme())
}

// New builds Styles from a theme, bound to a renderer.
func New(r *lipgloss.Renderer, t Theme) *Styles {
	st := func() lipgloss.Style { return r.NewStyle() }
	fg := func(c lipgloss.AdaptiveColor) lipgloss.Style { return st().Foreground(c) }
	s := &Styles{Theme: t, Renderer: r}

	s.HeaderBar = st().Background(t.Subtle).Foreground(t.Text)
	s.HeaderBrand = st().Background(t.Primary).Foreground(t.OnPrimary).Bold(true).Padding(0, 1)
	s.HeaderCrumb = st().Background(t.Subtle).Foreground(t.Text).Bold(true)
	s.HeaderInfo = st().Background(t.Subtle).Foreground(t.Muted)
	s.HeaderWarn = st().Background(t.Subtle).Foreground(t.Warning).Bold(true)

	s.Title = fg(t.Primary).Bold(true)
	s.Subtitle = fg(t.Text).Bold(true)
	s.Text = fg(t.Text)
	s.Muted = fg(t.Muted)
	s.Accent = fg(t.Accent).Bold(true)
	s.Bold = st().Bold(true)
	s.Success = fg(t.Success)
	s.Warning = fg(t.Warning)
	s.Danger = fg(t.Danger).Bold(true)
	s.Info = fg(t.Info)

	s.StatusInfo = fg(t.Info)
	s.StatusSuccess = fg(t.Success)
	s.StatusError = fg(t.Danger).Bold(true)

	s.HelpKey = fg(t.Accent)
	s.HelpDesc = fg(t.Muted)
	s.HelpSep = fg(t.Subtle)

	s.TableHeader = fg(t.Muted).Bold(true)
	s.TableHeaderSorted = fg(t.Primary).Bold(true)
	s.TableCell = fg(t.Text)
	s.TableSelected = st().Background(t.Selection).Foreground(t.OnSelection).Bold(true)

	s.Panel = st().Border(lipgloss.RoundedBorder()).BorderForeground(t.Subtle).Padding(0, 1)
	s.PanelFocused = s.Panel.BorderForeground(t.Primary)
	s.PanelTitle = fg(t.Text).Bold(true)
	s.Card = s.Panel
	s.CardFocused = st().Border(lipgloss.ThickBorder()).BorderForeground(t.Primary).Padding(0, 1)

	s.Dialog = st().Border(lipgloss.RoundedBorder()).BorderForeground(t.Primary).Padding(1, 2)
	s.DialogDanger = s.Dialog.BorderForeground(t.Danger)
	s.DialogTitle = fg(t.Text).Bold(true)
	s.Button = fg(t.Muted).Padding(0, 2)
	s.ButtonActive = st().Background(t.Primary).Foreground(t.OnPrimary).Bold(true).Padding(0, 2)
	s.ButtonDanger = st().Background(t.Danger).Foreground(t.OnPrimary).Bold(true).Padding(0, 2)

	s.Label = fg(t.Muted)
	s.LabelFocused = fg(t.Primary).Bold(true)
	s.Input = fg(t.Text)
	s.Placeholder = fg(t.Subtle)
	s.FieldError = fg(t.Danger)
	s.FieldOK = fg(t.Success)
	s.FieldHelp = fg(t.Muted).Italic(true)

	s.Badge = st().Background(t.Subtle).Foreground(t.Text).Padding(0, 1)
	s.BadgeSuccess = st().Background(t.Success).Foreground(t.OnPrimary).Padding(0, 1)
	s.BadgeWarning = st().Background(t.Warning).Foreground(t.OnPrimary).Padding(0, 1)

	s.Bar = fg(t.Info)
	s.BarEmpty = fg(t.Subtle)
	s.BarSelected = fg(t.Primary)
	s.Spinner = fg(t.Primary)
	s.Secret = st().Border(lipgloss.DoubleBorder()).BorderForeground(t.Warning).Padding(1, 2)
	return s
}

// ToneStyle returns the text style for a tone.
func (s *Styles) ToneStyle(t Tone) lipgloss.Style {
	switch t {
	case ToneMuted:
		return s.Muted
	case ToneAccent:
		return s.Accent
	case ToneSuccess:
		return s.Success
	case ToneWarning:
		return s.Warning
	case ToneDanger:
		return s.Danger
	case ToneInfo:
		return s.Info
	default:
		return s.Text
	}
}

// ErrorBlock renders an error and what to do about it, wrapped to width and indented two
// cells, as screens show a failed load in place of their content.
func (s *Styles) ErrorBlock(err error, hint string, width int) string {
	w := max(20, width-4)
	text := s.Danger.Width(w).Render(err.Error())
	if hint != "" {
		text += "\n" + s.Muted.Width(w).Render(hint)
	}
	lines := strings.Split(text, "\n")
	for i := range lines {
		lines[i] = "  " + lines[i]
	}
	return strings.Join(lines, "\n")
}
