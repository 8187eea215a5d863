package tui

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/styles"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// probe is a screen that records what the root does to it.
type probe struct {
	title     string
	ctx       context.Context
	w, h      int
	got       []tea.Msg
	capturing bool
	back      bool // HandleBack consumes esc
	backs     int
}

func (p *probe) Start(ctx context.Context) tea.Cmd { p.ctx = ctx; return nil }
func (p *probe) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	p.got = append(p.got, msg)
	return p, nil
}
func (p *probe) View() string                { return "body of " + p.title }
func (p *probe) SetSize(w, h int)            { p.w, p.h = w, h }
func (p *probe) Title() string               { return p.title }
func (p *probe) ShortHelp() []key.Binding    { return nil }
func (p *probe) FullHelp() [][]key.Binding   { return nil }
func (p *probe) CapturingInput() bool        { return p.capturing }
func (p *probe) HandleBack() (bool, tea.Cmd) { p.backs++; return p.back, nil }
func (p *probe) received(want tea.Msg) bool {
	for _, g := range p.got {
		if reflect.DeepEqual(g, want) {
			return true
		}
	}
	return false
}

func testDeps() app.Deps {
	d := fake.NewChain().Deps()
	d.Styles = styles.Plain()
	return d
}

func newTestRoot(t *testing.T, home app.Screen) *Model {
	t.Helper()
	m := newModel(context.Background(), testDeps(), home)
	uitest.Settle(m, m.Init(), tea.WindowSizeMsg{Width: 80, Height: 24})
	return m
}

func TestStackPushPopReplace(t *testing.T) {
	t.Parallel()
	home, second, third := &probe{title: "Home"}, &probe{title: "Second"}, &probe{title: "Third"}
	m := newTestRoot(t, home)

	m.Update(app.PushMsg{Screen: second})
	if m.stack.top() != second || second.ctx == nil || second.w != 80 {
		t.Fatalf("push: top=%v ctx=%v w=%d", m.stack.top().Title(), second.ctx, second.w)
	}
	if got := strings.Join(m.stack.titles(), ","); got != "Home,Second" {
		t.Fatalf("titles = %q", got)
	}
	m.Update(app.ReplaceMsg{Screen: third})
	if second.ctx.Err() == nil {
		t.Fatal("replace did not cancel the replaced screen's context")
	}
	m.Update(app.PopMsg{})
	if third.ctx.Err() == nil || m.stack.top() != home {
		t.Fatal("pop did not stop the top screen or did not reveal home")
	}
	m.Update(app.PopMsg{})
	if m.stack.len() != 1 || home.ctx.Err() != nil {
		t.Fatal("the bottom screen must never be popped")
	}
}

func TestSettleLeavesOnlyTheResult(t *testing.T) {
	t.Parallel()
	home, gallery, form, lease := &probe{title: "Home"}, &probe{title: "Gallery"}, &probe{title: "Form"}, &probe{title: "Lease"}
	m := newTestRoot(t, home)
	m.Update(app.PushMsg{Screen: gallery})
	m.Update(app.PushMsg{Screen: form})
	m.Update(app.SettleMsg{Screen: lease})
	if got := strings.Join(m.stack.titles(), ","); got != "Home,Lease" {
		t.Fatalf("titles after settle = %q, want Home,Lease", got)
	}
	if gallery.ctx.Err() == nil || form.ctx.Err() == nil || home.ctx.Err() != nil || lease.ctx == nil {
		t.Fatal("settle must stop the screens it pops and keep home running")
	}
}

func TestGlobalKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		key       string
		capturing bool
		back      bool
		wantQuit  bool
		wantDepth int
		wantToTop bool
	}{
		{name: "q quits", key: "q", wantQuit: true, wantDepth: 2},
		{name: "q goes to a capturing screen", key: "q", capturing: true, wantDepth: 2, wantToTop: true},
		{name: "ctrl+c quits even when capturing", key: "ctrl+c", capturing: true, wantQuit: true, wantDepth: 2},
		{name: "esc pops", key: "esc", wantDepth: 1},
		{name: "esc consumed by the screen", key: "esc", back: true, wantDepth: 2},
		{name: "other keys go to the screen", key: "x", wantDepth: 2, wantToTop: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			top := &probe{title: "Top", capturing: tt.capturing, back: tt.back}
			m := newTestRoot(t, &probe{title: "Home"})
			m.Update(app.PushMsg{Screen: top})
			k := uitest.Key(tt.key)
			_, cmd := m.Update(k)
			_, quit := uitest.Find[tea.QuitMsg](uitest.Run(cmd))
			if quit != tt.wantQuit {
				t.Errorf("quit = %v, want %v", quit, tt.wantQuit)
			}
			if m.stack.len() != tt.wantDepth {
				t.Errorf("depth = %d, want %d", m.stack.len(), tt.wantDepth)
			}
			if got := top.received(k); got != tt.wantToTop {
				t.Errorf("screen got the key = %v, want %v", got, tt.wantToTop)
			}
		})
	}
}

func TestHelpToggleResizesScreens(t *testing.T) {
	t.Parallel()
	home := &probe{title: "Home"}
	m := newTestRoot(t, home)
	before := home.h
	m.Update(uitest.Key("?"))
	if !m.showHelp || home.h >= before {
		t.Fatalf("help shown=%v, body height %d → %d; want smaller", m.showHelp, before, home.h)
	}
	m.Update(uitest.Key("esc"))
	if m.showHelp || home.h != before {
		t.Fatalf("esc should close help and restore height %d, got %d", before, home.h)
	}
	if before != 24-3 {
		t.Fatalf("body height = %d, want 21 (header, status line, footer)", before)
	}
}

func TestStatusExpiresOnlyItsOwnMessage(t *testing.T) {
	t.Parallel()
	m := newTestRoot(t, &probe{title: "Home"})
	m.Update(app.StatusMsg{Kind: app.StatusError, Text: "first"})
	first := m.status.id
	m.Update(app.StatusMsg{Kind: app.StatusInfo, Text: "second"})
	m.Update(statusExpiredMsg{id: first})
	if m.status.text != "second" {
		t.Fatalf("an old expiry cleared the new status: %q", m.status.text)
	}
	if !strings.Contains(m.View(), "• second") {
		t.Fatal("status line not rendered")
	}
	m.Update(statusExpiredMsg{id: m.status.id})
	if m.status.text != "" {
		t.Fatal("status did not expire")
	}
}

func TestNonKeyMessagesReachEveryScreen(t *testing.T) {
	t.Parallel()
	home, top := &probe{title: "Home"}, &probe{title: "Top"}
	m := newTestRoot(t, home)
	m.Update(app.PushMsg{Screen: top})
	type loaded struct{ n int }
	m.Update(loaded{n: 7})
	if !home.received(loaded{n: 7}) || !top.received(loaded{n: 7}) {
		t.Fatal("a result message must reach the screen below the top too")
	}
	k := uitest.Key("x")
	m.Update(k)
	if home.received(k) {
		t.Fatal("keys must go to the top screen only")
	}
}

func TestAccountAndBlocksInHeader(t *testing.T) {
	t.Parallel()
	m := newTestRoot(t, &probe{title: "Home"})
	view := m.View()
	for _, want := range []string{"sandbox (sandbox-2)", "alice akash1qy…9x4z3", "#4,118,221"} {
		if !strings.Contains(view, want) {
			t.Errorf("header lacks %q:\n%s", want, strings.SplitN(view, "\n", 2)[0])
		}
	}
	m.Update(app.AccountLoadedMsg{Err: errors.New("boom")})
	if !strings.Contains(m.View(), "sandbox") {
		t.Error("a failed reload must keep the last known account")
	}
	// A height from a stream replaced by a network switch is ignored.
	stale := make(chan int64)
	m.Update(blockArrivedMsg{ch: stale, height: 99})
	if m.block == 99 {
		t.Error("a stale stream's height was shown")
	}
}

func TestAccountChangedReloads(t *testing.T) {
	t.Parallel()
	deps := testDeps()
	chain := deps.Wallet.(*fake.Chain)
	m := newModel(context.Background(), deps, &probe{title: "Home"})
	uitest.Settle(m, m.Init(), tea.WindowSizeMsg{Width: 100, Height: 30})
	if err := chain.Switch(context.Background(), "mainnet"); err != nil {
		t.Fatal(err)
	}
	uitest.Settle(m, nil, app.AccountChangedMsg{})
	if m.account == nil || m.account.Network.Name != "mainnet" {
		t.Fatalf("account after switch = %+v", m.account)
	}
}

// TestNilServicesDoNotPanic opens every screen reachable from home with empty Deps: each must
// say what is missing instead of crashing.
func TestNilServicesDoNotPanic(t *testing.T) {
	t.Parallel()
	d := app.Deps{Styles: styles.Plain()}
	m := newModel(context.Background(), d, nil)
	uitest.Settle(m, m.Init(), tea.WindowSizeMsg{Width: 100, Height: 30})
	steps := []struct{ key, want string }{
		{"N", "no networks service"}, {"esc", ""},
		{"K", "no keyring service"}, {"esc", ""},
		{"1", "no template catalog service"}, {"esc", ""},
		{"d", "no deployments service"}, {"esc", ""},
		{"w", "no wallet configured"}, {"esc", ""},
	}
	for _, s := range steps {
		uitest.Settle(m, nil, uitest.Key(s.key))
		if v := m.View(); s.want != "" && !strings.Contains(v, s.want) {
			t.Fatalf("after %q the view lacks %q:\n%s", s.key, s.want, v)
		}
	}
	if !strings.Contains(m.View(), "account unavailable") {
		t.Fatalf("header should say the account is unavailable:\n%s", m.View())
	}
}

// TestPopOfAScreenNoLongerOnTop checks that a screen asking twice to be popped (esc typed
// twice before the first pop ran) pops only itself.
func TestPopOfAScreenNoLongerOnTop(t *testing.T) {
	t.Parallel()
	home, second, third := &probe{title: "Home"}, &probe{title: "Second"}, &probe{title: "Third"}
	m := newTestRoot(t, home)
	m.Update(app.PushMsg{Screen: second})
	m.Update(app.PushMsg{Screen: third})
	m.Update(app.PopMsg{Screen: third})
	m.Update(app.PopMsg{Screen: third})
	if got := strings.Join(m.stack.titles(), ","); got != "Home,Second" {
		t.Fatalf("titles after two pops of Third = %q, want Home,Second", got)
	}
}
