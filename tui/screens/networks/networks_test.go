package networks_test

import (
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/internal/frames"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/screens/networks"
	"github.com/akt-project/akt/tui/styles"
	tea "github.com/charmbracelet/bubbletea"
)

func deps(c *fake.Chain) app.Deps {
	d := c.Deps()
	d.Styles = styles.Plain()
	return d.WithDefaults()
}

func started(t *testing.T, c *fake.Chain) *networks.Model {
	t.Helper()
	m := networks.New(deps(c))
	m.SetSize(100, 30)
	for _, msg := range uitest.Run(m.Start(t.Context())) {
		m.Update(msg)
	}
	return m
}

func settle(m *networks.Model, msgs ...tea.Msg) []tea.Msg {
	var all []tea.Msg
	var cmds []tea.Cmd
	for _, msg := range msgs {
		_, c := m.Update(msg)
		cmds = append(cmds, c)
	}
	for range 5 {
		got := uitest.Run(tea.Batch(cmds...))
		if len(got) == 0 {
			break
		}
		cmds = cmds[:0]
		for _, msg := range got {
			all = append(all, msg)
			_, c := m.Update(msg)
			cmds = append(cmds, c)
		}
	}
	return all
}

func TestLoadsNetworks(t *testing.T) {
	t.Parallel()
	m := started(t, fake.NewChain())
	rows := m.Rows()
	if len(rows) != 3 || !rows[1].Active || rows[1].Name != "sandbox" {
		t.Fatalf("rows = %+v", rows)
	}
}

func TestSwitchAnnouncesAccountChange(t *testing.T) {
	t.Parallel()
	c := fake.NewChain()
	m := started(t, c)
	// Cursor is on mainnet (first row); enter switches to it.
	msgs := settle(m, uitest.Key("enter"))
	if _, ok := uitest.Find[app.AccountChangedMsg](msgs); !ok {
		t.Fatalf("no AccountChangedMsg after switching; got %#v", msgs)
	}
	if a, _ := c.Account(t.Context()); a.Network.Name != "mainnet" {
		t.Fatalf("active network = %q, want mainnet", a.Network.Name)
	}
	if !m.Rows()[0].Active {
		t.Fatal("the list was not reloaded after the switch")
	}
}

func TestProbeFillsLatency(t *testing.T) {
	t.Parallel()
	m := started(t, fake.NewChain())
	settle(m, uitest.Key("p"))
	if v := m.View(); !strings.Contains(v, "182 ms") || !strings.Contains(v, "27,481,903") {
		t.Fatalf("probe results missing from view:\n%s", v)
	}
}

func TestAddCustomValidatesAsYouType(t *testing.T) {
	t.Parallel()
	c := fake.NewChain()
	m := started(t, c)
	settle(m, uitest.Key("a"))
	if !m.CapturingInput() {
		t.Fatal("the add form should capture input")
	}
	msgs := append(uitest.Type("sandbox"), uitest.Key("tab"))
	msgs = append(msgs, uitest.Type("ftp://x")...)
	settle(m, msgs...)
	v := m.View()
	for _, want := range []string{`"sandbox" already exists`, `the scheme must be http or https, not "ftp"`} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	// Submitting an invalid form adds nothing.
	settle(m, uitest.Key("ctrl+s"))
	if list, _ := c.List(t.Context()); len(list) != 3 {
		t.Fatalf("an invalid network was added: %+v", list)
	}
	// Fix both fields and submit.
	fix := []tea.Msg{uitest.Key("shift+tab")}
	for range 7 {
		fix = append(fix, uitest.Key("backspace"))
	}
	fix = append(fix, uitest.Type("home")...)
	fix = append(fix, uitest.Key("tab"))
	for range 7 {
		fix = append(fix, uitest.Key("backspace"))
	}
	fix = append(fix, uitest.Type("http://10.0.0.5:26657")...)
	fix = append(fix, uitest.Key("enter"))
	settle(m, fix...)
	list, _ := c.List(t.Context())
	if len(list) != 4 || list[3].Name != "home" || list[3].RPC != "http://10.0.0.5:26657" || !list[3].Custom {
		t.Fatalf("networks after add = %+v", list)
	}
	if m.CapturingInput() || len(m.Rows()) != 4 {
		t.Fatal("the form should close and the list reload")
	}
}

func TestValidateRPC(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in string
		ok bool
	}{
		{"https://rpc.akt.dev/rpc", true},
		{"http://127.0.0.1:26657", true},
		{"rpc.akt.dev", false},
		{"tcp://127.0.0.1:26657", false},
		{"", false},
	}
	for _, tt := range tests {
		if err := networks.ValidateRPC(tt.in); (err == nil) != tt.ok {
			t.Errorf("ValidateRPC(%q) = %v, want ok=%v", tt.in, err, tt.ok)
		}
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	d := deps(fake.NewChain())
	t.Run("probed", func(t *testing.T) {
		t.Parallel()
		frames.Golden(t, d, func() app.Screen { return networks.New(d) }, uitest.Key("p"), uitest.Key("j"))
	})
	t.Run("add_form", func(t *testing.T) {
		t.Parallel()
		msgs := append([]tea.Msg{uitest.Key("a")}, uitest.Type("sandbox")...)
		frames.Golden(t, d, func() app.Screen { return networks.New(d) }, msgs...)
	})
}
