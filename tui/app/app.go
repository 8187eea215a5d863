// Package app holds what every screen shares: the Screen contract, the dependencies, and the
// navigation and status messages the root model acts on. It sits below the root and the
// screens so both can import it.
package app

import (
	"context"
	"time"

	"github.com/akt-project/akt/tui/keys"
	"github.com/akt-project/akt/tui/styles"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
)

// Screen is one page of the stack. The root starts a screen when it is pushed (with a context
// cancelled when it is popped), sends it every message meant for it, and sizes it.
type Screen interface {
	help.KeyMap
	// Start is called once when the screen is pushed; ctx is cancelled when it is popped.
	Start(ctx context.Context) tea.Cmd
	// Update handles a message and returns the screen (the same one, updated) and a command.
	Update(msg tea.Msg) (Screen, tea.Cmd)
	// View renders the screen in exactly the size last given to SetSize.
	View() string
	// SetSize gives the screen its width and height in cells.
	SetSize(width, height int)
	// Title is the screen's name in the header breadcrumb.
	Title() string
}

// InputCapturer is implemented by screens that sometimes take free text (a filter, a form):
// while CapturingInput is true the root passes every key to the screen, even q and ?.
type InputCapturer interface {
	CapturingInput() bool
}

// Deps is everything the TUI needs from the outside, passed down to every screen.
type Deps struct {
	Wallet      svc.Wallet
	Blocks      svc.Blocks
	Networks    svc.Networks
	Keys        svc.Keys
	Catalog     svc.Catalog
	Deployments svc.Deployments
	Market      svc.Market
	Editor      svc.Editor
	Providers   svc.Providers
	Details     svc.DeploymentDetails
	SDLs        svc.DeploymentSDLs
	Logs        svc.LeaseLogs
	Preflight   svc.Preflight
	// Shell returns the command that opens an interactive shell in a service (run with the
	// terminal handed over, e.g. "akt lease shell"); nil disables the shell.
	Shell  func(lease svc.LeaseID, service string) tea.ExecCommand
	Grants svc.Grants
	// Signer prepares and broadcasts transactions; nil (or ReadOnly) disables every action
	// that signs.
	Signer svc.Signer

	// Styles is the one set of styles; nil means styles.Default().
	Styles *styles.Styles
	// KeyMap is every key binding; the zero value means keys.Default().
	KeyMap keys.Map
	// ReadOnly hides every action that signs a transaction.
	ReadOnly bool
	// Now is the clock; nil means time.Now. Tests fix it so views are stable.
	Now func() time.Time
	// CallTimeout bounds each service call; 0 means 15 seconds.
	CallTimeout time.Duration
	// Copy puts text on the clipboard; nil means OSC 52 through the terminal.
	Copy func(text string) error
}

// CanSign reports whether actions that sign are available.
func (d Deps) CanSign() bool { return !d.ReadOnly && d.Signer != nil }

// WithDefaults fills the zero fields of d with their defaults.
func (d Deps) WithDefaults() Deps {
	if d.Styles == nil {
		d.Styles = styles.Default()
	}
	if len(d.KeyMap.Quit.Keys()) == 0 {
		d.KeyMap = keys.Default()
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.CallTimeout == 0 {
		d.CallTimeout = 15 * time.Second
	}
	if d.Copy == nil {
		d.Copy = func(text string) error {
			termenv.DefaultOutput().Copy(text)
			return nil
		}
	}
	return d
}

// Call derives a context for one service call from a screen's context.
func (d Deps) Call(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d.CallTimeout)
}

// PushMsg asks the root to push a screen on the stack.
type PushMsg struct{ Screen Screen }

// PopMsg asks the root to pop the top screen. With Screen set, the root pops only while that
// screen is on top: keys typed faster than the program runs commands (esc esc) could
// otherwise send two pops from one screen and pop the screen under it as well.
type PopMsg struct{ Screen Screen }

// ReplaceMsg asks the root to replace the top screen.
type ReplaceMsg struct{ Screen Screen }

// SettleMsg asks the root to pop every screen above the bottom one (Home) and push Screen: a
// finished flow (template → form → review → bids) leaves only its result, so esc from it
// goes home instead of back through screens whose work is done.
type SettleMsg struct{ Screen Screen }

// Push returns a command that pushes s.
func Push(s Screen) tea.Cmd { return func() tea.Msg { return PushMsg{Screen: s} } }

// Pop returns a command that pops the top screen.
func Pop() tea.Cmd { return func() tea.Msg { return PopMsg{} } }

// PopScreen returns a command that pops s if it is still the top screen.
func PopScreen(s Screen) tea.Cmd { return func() tea.Msg { return PopMsg{Screen: s} } }

// Replace returns a command that replaces the top screen with s.
func Replace(s Screen) tea.Cmd { return func() tea.Msg { return ReplaceMsg{Screen: s} } }

// Settle returns a command that leaves s alone above the bottom screen.
func Settle(s Screen) tea.Cmd { return func() tea.Msg { return SettleMsg{Screen: s} } }

// BackHandler is implemented by screens with inner state that esc leaves first (a filter, a
// detail pane): HandleBack returns true when it consumed the key, false to let the root pop.
type BackHandler interface {
	HandleBack() (bool, tea.Cmd)
}
