package landing_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/internal/frames"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/screens/gallery"
	"github.com/akt-project/akt/tui/screens/keyring"
	"github.com/akt-project/akt/tui/screens/landing"
	"github.com/akt-project/akt/tui/screens/networks"
	"github.com/akt-project/akt/tui/styles"
	tea "github.com/charmbracelet/bubbletea"
)

func deps(c *fake.Chain) app.Deps {
	d := c.Deps()
	d.Styles = styles.Plain()
	return d.WithDefaults()
}

func TestGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		deps app.Deps
		msgs []tea.Msg
	}{
		{name: "with_key", deps: deps(fake.NewChain())},
		{name: "no_key", deps: deps(fake.NewChain().WithoutKeys())},
		{name: "help", deps: deps(fake.NewChain()), msgs: []tea.Msg{uitest.Key("?")}},
		{name: "account_error", deps: func() app.Deps {
			c := fake.NewChain()
			c.Err = errors.New("dial tcp 127.0.0.1:26657: connect: connection refused")
			return deps(c)
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			frames.Golden(t, tt.deps, func() app.Screen { return landing.New(tt.deps) }, tt.msgs...)
		})
	}
}

func TestAccountArrives(t *testing.T) {
	t.Parallel()
	d := deps(fake.NewChain())
	m := landing.New(d)
	m.Start(t.Context())
	cmd := app.LoadAccount(t.Context(), d)
	msg, ok := uitest.Find[app.AccountLoadedMsg](uitest.Run(cmd))
	if !ok || msg.Err != nil {
		t.Fatalf("LoadAccount gave %+v", msg)
	}
	m.Update(msg)
	if m.Account() == nil || m.Account().Key.Name != "alice" {
		t.Fatalf("account = %+v", m.Account())
	}
}

func TestKeysOpenScreens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		chain  *fake.Chain
		key    string
		want   string // type of the pushed screen, "" for none
		wantKR keyring.Mode
	}{
		{name: "N opens networks", chain: fake.NewChain(), key: "N", want: "networks"},
		{name: "K opens keys", chain: fake.NewChain(), key: "K", want: "keyring", wantKR: keyring.ModeList},
		{name: "c creates a key when there is none", chain: fake.NewChain().WithoutKeys(), key: "c", want: "keyring", wantKR: keyring.ModeCreate},
		{name: "R recovers a key when there is none", chain: fake.NewChain().WithoutKeys(), key: "R", want: "keyring", wantKR: keyring.ModeRecover},
		{name: "c does nothing with a key", chain: fake.NewChain(), key: "c"},
		{name: "1 opens the AI gallery", chain: fake.NewChain(), key: "1", want: "AI/ML templates"},
		{name: "enter opens the focused door", chain: fake.NewChain(), key: "enter", want: "AI/ML templates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := deps(tt.chain)
			m := landing.New(d)
			m.Start(t.Context())
			acct, _ := uitest.Find[app.AccountLoadedMsg](uitest.Run(app.LoadAccount(t.Context(), d)))
			m.Update(acct)
			_, cmd := m.Update(uitest.Key(tt.key))
			push, ok := uitest.Find[app.PushMsg](uitest.Run(cmd))
			switch s := push.Screen.(type) {
			case *networks.Model:
				if tt.want != "networks" {
					t.Fatalf("pushed networks, want %q", tt.want)
				}
			case *gallery.Model:
				if tt.want != s.Title() {
					t.Fatalf("pushed gallery %q, want %q", s.Title(), tt.want)
				}
			case *keyring.Model:
				if tt.want != "keyring" || s.Mode() != tt.wantKR {
					t.Fatalf("pushed keyring mode %v, want %q mode %v", s.Mode(), tt.want, tt.wantKR)
				}
			default:
				if tt.want != "" || ok {
					t.Fatalf("pushed %T, want %q", push.Screen, tt.want)
				}
			}
		})
	}
}

func TestArrowsMoveFocusAndWrap(t *testing.T) {
	t.Parallel()
	m := landing.New(deps(fake.NewChain()))
	m.Update(uitest.Key("left"))
	if m.Focus() != 4 {
		t.Fatalf("left from the first door should wrap to the last, got %d", m.Focus())
	}
	m.Update(uitest.Key("right"))
	m.Update(uitest.Key("right"))
	if m.Focus() != 1 {
		t.Fatalf("focus = %d, want 1", m.Focus())
	}
}

func TestOpenSDLFile(t *testing.T) {
	t.Parallel()
	d := deps(fake.NewChain())
	sdl, err := d.Catalog.Render(t.Context(), "nginx", map[string]string{"replicas": "2"})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "web.yaml")
	if err := os.WriteFile(path, sdl, 0o600); err != nil {
		t.Fatal(err)
	}
	m := landing.New(d)
	m.SetSize(100, 30)
	m.Start(t.Context())
	m.Update(uitest.Key("o"))
	if !m.CapturingInput() {
		t.Fatal("o should open the path prompt")
	}
	for _, k := range uitest.Type(path) {
		m.Update(k)
	}
	_, cmd := m.Update(uitest.Key("enter"))
	read := uitest.Run(cmd)
	if len(read) != 1 {
		t.Fatalf("reading gave %#v", read)
	}
	_, cmd = m.Update(read[0])
	push, ok := uitest.Find[app.PushMsg](uitest.Run(cmd))
	if !ok || push.Screen.Title() != "Review" {
		t.Fatalf("opening a file should push the review, got %#v", push)
	}

	// A missing file is an error in the status bar, naming the path.
	m.Update(uitest.Key("o"))
	for _, k := range uitest.Type(path + ".missing") {
		m.Update(k)
	}
	_, cmd = m.Update(uitest.Key("enter"))
	_, cmd = m.Update(uitest.Run(cmd)[0])
	st, ok := uitest.Find[app.StatusMsg](uitest.Run(cmd))
	if !ok || st.Kind != app.StatusError || !strings.Contains(st.Text, "web.yaml.missing") {
		t.Fatalf("status = %#v", st)
	}
}
