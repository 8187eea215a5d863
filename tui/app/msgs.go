package app

import (
	"context"
	"fmt"
	"time"

	"github.com/akt-project/akt/tui/svc"
	tea "github.com/charmbracelet/bubbletea"
)

// StatusKind is the kind of a status-bar message.
type StatusKind int

// Status kinds.
const (
	StatusInfo StatusKind = iota
	StatusSuccess
	StatusError
)

// StatusMsg shows a recoverable message in the status bar until it times out.
type StatusMsg struct {
	Kind StatusKind
	Text string
	// For is how long to show it; 0 means a default by kind.
	For time.Duration
}

// Info returns a command showing an informational status.
func Info(format string, args ...any) tea.Cmd {
	text := fmt.Sprintf(format, args...)
	return func() tea.Msg { return StatusMsg{Kind: StatusInfo, Text: text} }
}

// Success returns a command showing a success status.
func Success(format string, args ...any) tea.Cmd {
	text := fmt.Sprintf(format, args...)
	return func() tea.Msg { return StatusMsg{Kind: StatusSuccess, Text: text} }
}

// Error returns a command showing err in the status bar; hint says what to do about it.
func Error(err error, hint string) tea.Cmd {
	text := err.Error()
	if hint != "" {
		text += " — " + hint
	}
	return func() tea.Msg { return StatusMsg{Kind: StatusError, Text: text} }
}

// AccountLoadedMsg carries the active account; the root shows it in the header and passes it
// to every screen on the stack.
type AccountLoadedMsg struct {
	Account svc.Account
	Err     error
}

// LoadAccount returns a command that reads the active account.
func LoadAccount(ctx context.Context, d Deps) tea.Cmd {
	w := d.Wallet
	return func() tea.Msg {
		if w == nil {
			return AccountLoadedMsg{Err: fmt.Errorf("reading account: no wallet configured")}
		}
		cctx, cancel := d.Call(ctx)
		defer cancel()
		a, err := w.Account(cctx)
		if err != nil {
			err = fmt.Errorf("reading account: %w", err)
		}
		return AccountLoadedMsg{Account: a, Err: err}
	}
}

// AccountChangedMsg tells the root the network or key changed, so it reloads the account and
// restarts the block stream.
type AccountChangedMsg struct{}

// AccountChanged returns a command announcing a network or key change.
func AccountChanged() tea.Cmd { return func() tea.Msg { return AccountChangedMsg{} } }

// BlockMsg is a new block height of the active network, relayed to every screen.
type BlockMsg struct{ Height int64 }

// ErrMissing is the error of a screen whose service was not configured (nil in Deps).
func ErrMissing(service string) error {
	return fmt.Errorf("no %s service is configured in this build of akt", service)
}
