package tui

import (
	"context"
	"time"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/screens/landing"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Deps is what the TUI needs from the outside; see app.Deps for the fields.
type Deps = app.Deps

// status is the message shown in the status bar, with an id so a late expiry of an older
// message does not clear a newer one.
type status struct {
	kind app.StatusKind
	text string
	id   int
}

// statusExpiredMsg clears status id if it is still shown.
type statusExpiredMsg struct{ id int }

// Model is the root model.
type Model struct {
	deps     app.Deps
	ctx      context.Context
	stack    stack
	width    int
	height   int
	account  *svc.Account
	acctErr  error
	block    int64
	blocks   <-chan int64
	blockCtl context.CancelFunc
	status   status
	showHelp bool
	help     help.Model
	home     app.Screen
}

// New builds the root model over deps, starting on the landing screen.
func New(deps Deps) tea.Model { return newModel(context.Background(), deps, nil) }

// newModel builds the root with a parent context and a home screen (the landing screen when
// home is nil).
func newModel(ctx context.Context, deps Deps, home app.Screen) *Model {
	deps = deps.WithDefaults()
	if home == nil {
		home = landing.New(deps)
	}
	h := help.New()
	h.Styles.ShortKey, h.Styles.FullKey = deps.Styles.HelpKey, deps.Styles.HelpKey
	h.Styles.ShortDesc, h.Styles.FullDesc = deps.Styles.HelpDesc, deps.Styles.HelpDesc
	h.Styles.ShortSeparator, h.Styles.FullSeparator = deps.Styles.HelpSep, deps.Styles.HelpSep
	h.Styles.Ellipsis = deps.Styles.HelpSep
	return &Model{deps: deps, ctx: ctx, help: h, home: home}
}

// Init starts the home screen, reads the account and opens the block stream.
func (m *Model) Init() tea.Cmd {
	w, h := m.bodySize()
	return tea.Batch(m.stack.push(m.ctx, m.home, w, h), app.LoadAccount(m.ctx, m.deps), m.watchBlocks())
}

// Update routes a message: the root handles size, global keys, navigation, status and chain
// events; keys go to the top screen; everything else goes to every screen on the stack, so a
// result arriving after the user moved on still reaches the screen that asked for it.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, nil
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.MouseMsg:
		return m, m.toTop(msg)
	case app.PushMsg:
		w, h := m.bodySize()
		return m, m.stack.push(m.ctx, msg.Screen, w, h)
	case app.PopMsg:
		if msg.Screen == nil || msg.Screen == m.stack.top() {
			m.stack.pop()
		}
		return m, nil
	case app.ReplaceMsg:
		w, h := m.bodySize()
		return m, m.stack.replace(m.ctx, msg.Screen, w, h)
	case app.SettleMsg:
		for m.stack.pop() {
		}
		w, h := m.bodySize()
		return m, m.stack.push(m.ctx, msg.Screen, w, h)
	case app.StatusMsg:
		return m, m.handleStatus(msg)
	case statusExpiredMsg:
		if msg.id == m.status.id {
			m.status = status{id: m.status.id}
		}
		return m, nil
	case app.AccountLoadedMsg:
		m.acctErr = msg.Err
		if msg.Err == nil {
			a := msg.Account
			m.account = &a
		}
		return m, m.broadcast(msg)
	case app.AccountChangedMsg:
		m.block = 0
		return m, tea.Batch(app.LoadAccount(m.ctx, m.deps), m.watchBlocks(), m.broadcast(msg))
	case blocksOpenedMsg, blockArrivedMsg, blocksClosedMsg:
		return m, m.handleBlocks(msg)
	}
	return m, m.broadcast(msg)
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	km := m.deps.KeyMap
	if key.Matches(k, km.ForceQuit) {
		return m.quit()
	}
	if c, ok := m.stack.top().(app.InputCapturer); ok && c.CapturingInput() {
		return m.toTop(k)
	}
	switch {
	case key.Matches(k, km.Quit):
		return m.quit()
	case key.Matches(k, km.Help):
		m.showHelp = !m.showHelp
		m.resize()
		return nil
	case key.Matches(k, km.Back):
		if m.showHelp {
			m.showHelp = false
			m.resize()
			return nil
		}
		if b, ok := m.stack.top().(app.BackHandler); ok {
			if handled, cmd := b.HandleBack(); handled {
				return cmd
			}
		}
		m.stack.pop()
		return nil
	}
	return m.toTop(k)
}

func (m *Model) quit() tea.Cmd {
	m.stack.stopAll()
	if m.blockCtl != nil {
		m.blockCtl()
	}
	return tea.Quit
}

func (m *Model) toTop(msg tea.Msg) tea.Cmd {
	if m.stack.len() == 0 {
		return nil
	}
	return m.stack.update(m.stack.len()-1, msg)
}

func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, m.stack.len())
	for i := range m.stack.len() {
		cmds = append(cmds, m.stack.update(i, msg))
	}
	return tea.Batch(cmds...)
}

func (m *Model) handleStatus(msg app.StatusMsg) tea.Cmd {
	d := msg.For
	if d == 0 {
		d = 4 * time.Second
		if msg.Kind == app.StatusError {
			d = 10 * time.Second
		}
	}
	id := m.status.id + 1
	m.status = status{kind: msg.Kind, text: msg.Text, id: id}
	return tea.Tick(d, func(time.Time) tea.Msg { return statusExpiredMsg{id: id} })
}

// resize gives every screen the body size.
func (m *Model) resize() {
	w, h := m.bodySize()
	for _, e := range m.stack.entries {
		e.screen.SetSize(w, h)
	}
}

// bodySize is the window minus the header, the status line and the help footer.
func (m *Model) bodySize() (int, int) {
	return max(0, m.width), max(0, m.height-2-m.footerHeight())
}

// NewAt builds the root model with screen as the bottom of the stack instead of the landing
// screen: for commands that open the TUI on one screen, and for tests.
func NewAt(deps Deps, screen app.Screen) *Model { return newModel(context.Background(), deps, screen) }
