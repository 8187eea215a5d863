// Package keyring is the keys screen: list and select keys, create one (its mnemonic is shown
// once and must be confirmed before the key is stored), or recover one from a mnemonic.
package keyring

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/busy"
	"github.com/akt-project/akt/tui/components/form"
	"github.com/akt-project/akt/tui/components/table"
	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/styles"
	"github.com/akt-project/akt/tui/svc"
	tea "github.com/charmbracelet/bubbletea"
)

// Mode is what the screen is doing.
type Mode int

// Modes. The create flow walks ModeCreate → ModeShowMnemonic → ModeConfirmMnemonic.
const (
	ModeList Mode = iota
	ModeCreate
	ModeShowMnemonic
	ModeConfirmMnemonic
	ModeRecover
)

// Messages, each the result of one command.
type (
	keysLoadedMsg struct {
		keys []svc.Key
		err  error
	}
	mnemonicMadeMsg struct {
		mnemonic string
		err      error
	}
	keyStoredMsg struct {
		key svc.Key
		err error
	}
	keySelectedMsg struct {
		name string
		err  error
	}
)

// Model is the keys screen.
type Model struct {
	deps     app.Deps
	ctx      context.Context
	mode     Mode
	start    Mode // the mode the screen was opened in; finishing a flow started elsewhere pops
	table    table.Model[svc.Key]
	busy     busy.Model
	form     form.Model
	name     string
	mnemonic string // held only between generation and storage, never logged
	quiz     [2]int // 0-based word positions the user must type back
	err      error
	width    int
	height   int
}

// New builds the keys screen in a mode: ModeList, ModeCreate or ModeRecover.
func New(deps app.Deps, mode Mode) *Model {
	cols := []table.Column[svc.Key]{
		{Title: " ", Width: 1, Cell: func(k svc.Key) string {
			if k.Active {
				return "●"
			}
			return ""
		}, Tone: func(svc.Key) styles.Tone { return styles.ToneSuccess }},
		{Title: "NAME", Width: 16, Cell: func(k svc.Key) string { return k.Name },
			Less: func(a, b svc.Key) bool { return a.Name < b.Name }},
		{Title: "ADDRESS", Min: 20, Cell: func(k svc.Key) string { return k.Address }},
	}
	t := table.New(deps.Styles, deps.KeyMap, cols)
	t.Empty = "No keys yet. Press c to create one or R to recover one."
	m := &Model{deps: deps, table: t, busy: busy.New(deps.Styles), start: mode}
	m.setMode(mode)
	return m
}

// Mode returns the current mode (for tests).
func (m *Model) Mode() Mode { return m.mode }

// Quiz returns the 1-based word numbers the user must type back to confirm a new mnemonic.
func (m *Model) Quiz() [2]int { return [2]int{m.quiz[0] + 1, m.quiz[1] + 1} }

func (m *Model) setMode(mode Mode) {
	m.mode = mode
	km, st := m.deps.KeyMap, m.deps.Styles
	switch mode {
	case ModeCreate:
		m.form = form.New(st, km, form.Spec{Name: "name", Label: "Key name",
			Help: "Letters, digits, - and _; e.g. main", Required: true})
	case ModeRecover:
		m.form = form.New(st, km,
			form.Spec{Name: "name", Label: "Key name", Help: "Letters, digits, - and _", Required: true},
			form.Spec{Name: "mnemonic", Label: "Mnemonic", Kind: form.Secret,
				Help: "12 or 24 words separated by spaces; hidden as you type", Required: true})
	case ModeConfirmMnemonic:
		m.form = form.New(st, km,
			form.Spec{Name: "w1", Label: fmt.Sprintf("Word #%d", m.quiz[0]+1), Required: true},
			form.Spec{Name: "w2", Label: fmt.Sprintf("Word #%d", m.quiz[1]+1), Required: true})
	}
	m.form.SetSize(m.width, max(0, m.height-6))
}

// Start loads the keys.
func (m *Model) Start(ctx context.Context) tea.Cmd {
	m.ctx = ctx
	return tea.Batch(m.busy.Start("Loading keys"), loadKeys(ctx, m.deps))
}

// Title is the breadcrumb name.
func (m *Model) Title() string { return "Keys" }

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, max(0, h-3))
	m.form.SetSize(w, max(0, h-6))
}

// CapturingInput is true while a form takes text.
func (m *Model) CapturingInput() bool { return m.mode != ModeList && m.mode != ModeShowMnemonic }

// HandleBack leaves a flow, forgetting any mnemonic; it lets the root pop when the screen was
// opened straight into the flow.
func (m *Model) HandleBack() (bool, tea.Cmd) {
	if m.mode == ModeList {
		return false, nil
	}
	m.forget()
	if m.start != ModeList {
		return true, app.PopScreen(m)
	}
	m.setMode(ModeList)
	return true, nil
}

func (m *Model) forget() {
	m.mnemonic, m.name = "", ""
	m.form = form.Model{}
}

func loadKeys(ctx context.Context, d app.Deps) tea.Cmd {
	k := d.Keys
	return func() tea.Msg {
		if k == nil {
			return keysLoadedMsg{err: app.ErrMissing("keyring")}
		}
		cctx, cancel := d.Call(ctx)
		defer cancel()
		list, err := k.List(cctx)
		if err != nil {
			err = fmt.Errorf("listing keys: %w", err)
		}
		return keysLoadedMsg{keys: list, err: err}
	}
}

func makeMnemonic(ctx context.Context, d app.Deps) tea.Cmd {
	k := d.Keys
	return func() tea.Msg {
		cctx, cancel := d.Call(ctx)
		defer cancel()
		mn, err := k.NewMnemonic(cctx)
		if err != nil {
			err = fmt.Errorf("generating a mnemonic: %w", err)
		}
		return mnemonicMadeMsg{mnemonic: mn, err: err}
	}
}

// storeKey imports the key and makes it the active one.
func storeKey(ctx context.Context, d app.Deps, name, mnemonic string) tea.Cmd {
	k := d.Keys
	return func() tea.Msg {
		cctx, cancel := d.Call(ctx)
		defer cancel()
		key, err := k.Import(cctx, name, mnemonic)
		if err != nil {
			return keyStoredMsg{err: fmt.Errorf("storing key %q: %w", name, err)}
		}
		if err := k.Select(cctx, name); err != nil {
			return keyStoredMsg{key: key, err: fmt.Errorf("selecting key %q: %w", name, err)}
		}
		return keyStoredMsg{key: key}
	}
}

func selectKey(ctx context.Context, d app.Deps, name string) tea.Cmd {
	k := d.Keys
	return func() tea.Msg {
		cctx, cancel := d.Call(ctx)
		defer cancel()
		err := k.Select(cctx, name)
		if err != nil {
			err = fmt.Errorf("selecting key %q: %w", name, err)
		}
		return keySelectedMsg{name: name, err: err}
	}
}

// ValidateName checks a key name: 1-32 letters, digits, '-' or '_'.
func ValidateName(name string) error {
	if name == "" {
		return fmt.Errorf("required")
	}
	if len(name) > 32 {
		return fmt.Errorf("at most 32 characters")
	}
	for _, r := range name {
		ok := r == '-' || r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
		if !ok {
			return fmt.Errorf("%q is not allowed: use letters, digits, - and _", r)
		}
	}
	return nil
}

// ValidateMnemonic checks the shape of a mnemonic (the keyring checks the checksum).
func ValidateMnemonic(s string) error {
	n := len(strings.Fields(s))
	switch n {
	case 12, 15, 18, 21, 24:
		return nil
	case 0:
		return fmt.Errorf("required")
	}
	if n == 1 {
		return fmt.Errorf("1 word so far: a mnemonic has 12, 15, 18, 21 or 24")
	}
	return fmt.Errorf("%d words: a mnemonic has 12, 15, 18, 21 or 24", n)
}

func pickQuiz(words int) [2]int {
	a := rand.IntN(words)
	b := rand.IntN(words - 1)
	if b >= a {
		b++
	}
	if a > b {
		a, b = b, a
	}
	return [2]int{a, b}
}

// mnemonicGrid lays the words out numbered in columns, as people write them on paper.
func mnemonicGrid(words []string, cols int) string {
	rows := (len(words) + cols - 1) / cols
	var b strings.Builder
	for r := range rows {
		for c := range cols {
			i := c*rows + r
			if i < len(words) {
				b.WriteString(fmt.Sprintf("%2d %-10s", i+1, words[i]))
			}
		}
		if r < rows-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// shortAddr is used by the success message.
func shortAddr(a string) string { return format.ShortAddress(a) }
