package keyring_test

import (
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/internal/frames"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/screens/keyring"
	"github.com/akt-project/akt/tui/styles"
	tea "github.com/charmbracelet/bubbletea"
)

func deps(c *fake.Chain) app.Deps {
	d := c.Deps()
	d.Styles = styles.Plain()
	return d.WithDefaults()
}

// drive delivers msgs one by one and settles the commands of each, returning every message
// the commands produced.
func drive(m *keyring.Model, msgs ...tea.Msg) []tea.Msg {
	var all []tea.Msg
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		for range 5 {
			got := uitest.Run(cmd)
			if len(got) == 0 {
				break
			}
			var next []tea.Cmd
			for _, g := range got {
				all = append(all, g)
				_, c := m.Update(g)
				next = append(next, c)
			}
			cmd = tea.Batch(next...)
		}
	}
	return all
}

func started(t *testing.T, c *fake.Chain, mode keyring.Mode) *keyring.Model {
	t.Helper()
	m := keyring.New(deps(c), mode)
	m.SetSize(100, 30)
	for _, msg := range uitest.Run(m.Start(t.Context())) {
		m.Update(msg)
	}
	return m
}

func TestCreateShowsMnemonicOnceAndNeedsConfirmation(t *testing.T) {
	t.Parallel()
	c := fake.NewChain().WithoutKeys()
	m := started(t, c, keyring.ModeCreate)

	drive(m, append(uitest.Type("main"), uitest.Key("enter"))...)
	if m.Mode() != keyring.ModeShowMnemonic {
		t.Fatalf("mode = %v, want ModeShowMnemonic", m.Mode())
	}
	if !strings.Contains(m.View(), "24 art") {
		t.Fatalf("the mnemonic is not shown:\n%s", m.View())
	}
	if keys, _ := c.Keys().List(t.Context()); len(keys) != 0 {
		t.Fatal("the key must not be stored before the words are confirmed")
	}

	drive(m, uitest.Key("enter"))
	if m.Mode() != keyring.ModeConfirmMnemonic || strings.Contains(m.View(), "abandon") {
		t.Fatalf("mode = %v; the confirmation must not show the words:\n%s", m.Mode(), m.View())
	}
	words := strings.Fields(fake.Mnemonic)
	q := m.Quiz()

	// A wrong word is refused as it is typed, and submitting stores nothing.
	drive(m, append(uitest.Type("zoo"), uitest.Key("ctrl+s"))...)
	if !strings.Contains(m.View(), "that is not the word") {
		t.Fatalf("no error for a wrong word:\n%s", m.View())
	}
	if keys, _ := c.Keys().List(t.Context()); len(keys) != 0 {
		t.Fatal("stored a key with a wrong confirmation")
	}

	fix := []tea.Msg{uitest.Key("backspace"), uitest.Key("backspace"), uitest.Key("backspace")}
	fix = append(fix, uitest.Type(words[q[0]-1])...)
	fix = append(fix, uitest.Key("tab"))
	fix = append(fix, uitest.Type(words[q[1]-1])...)
	msgs := drive(m, append(fix, uitest.Key("enter"))...)

	keys, _ := c.Keys().List(t.Context())
	if len(keys) != 1 || keys[0].Name != "main" || !keys[0].Active {
		t.Fatalf("keys = %+v, want main, active", keys)
	}
	if _, ok := uitest.Find[app.AccountChangedMsg](msgs); !ok {
		t.Error("no AccountChangedMsg after creating the key")
	}
	if _, ok := uitest.Find[app.PopMsg](msgs); !ok {
		t.Error("a flow opened from the landing screen should pop when done")
	}
	if strings.Contains(m.View(), "abandon") {
		t.Error("the mnemonic is still visible after storing")
	}
}

func TestCancelForgetsMnemonic(t *testing.T) {
	t.Parallel()
	c := fake.NewChain()
	m := started(t, c, keyring.ModeList)
	drive(m, uitest.Key("c"))
	drive(m, append(uitest.Type("spare"), uitest.Key("enter"))...)
	if m.Mode() != keyring.ModeShowMnemonic {
		t.Fatalf("mode = %v", m.Mode())
	}
	handled, _ := m.HandleBack()
	if !handled || m.Mode() != keyring.ModeList || strings.Contains(m.View(), "abandon") {
		t.Fatalf("esc should return to the list and forget the words; mode %v", m.Mode())
	}
	if keys, _ := c.Keys().List(t.Context()); len(keys) != 1 {
		t.Fatalf("cancelling stored a key: %+v", keys)
	}
}

func TestRecover(t *testing.T) {
	t.Parallel()
	c := fake.NewChain()
	m := started(t, c, keyring.ModeRecover)
	msgs := append(uitest.Type("old"), uitest.Key("tab"))
	msgs = append(msgs, uitest.Type("abandon abandon abandon")...)
	drive(m, msgs...)
	if !strings.Contains(m.View(), "3 words: a mnemonic has 12, 15, 18, 21 or 24") {
		t.Fatalf("no word-count error as typed:\n%s", m.View())
	}
	if strings.Contains(m.View(), "abandon") {
		t.Fatal("the mnemonic must be masked while typed")
	}
	drive(m, append(uitest.Type(strings.TrimPrefix(fake.Mnemonic, "abandon abandon abandon")), uitest.Key("enter"))...)
	keys, _ := c.Keys().List(t.Context())
	if len(keys) != 2 || keys[1].Name != "old" || !keys[1].Active {
		t.Fatalf("keys = %+v", keys)
	}
}

func TestSelectKey(t *testing.T) {
	t.Parallel()
	c := fake.NewChain()
	if _, err := c.Keys().Import(t.Context(), "bob", fake.Mnemonic); err != nil {
		t.Fatal(err)
	}
	m := started(t, c, keyring.ModeList)
	msgs := drive(m, uitest.Key("j"), uitest.Key("enter"))
	if _, ok := uitest.Find[app.AccountChangedMsg](msgs); !ok {
		t.Fatal("selecting a key must announce an account change")
	}
	if a, _ := c.Account(t.Context()); a.Key == nil || a.Key.Name != "bob" {
		t.Fatalf("active key = %+v", a.Key)
	}
}

func TestValidateName(t *testing.T) {
	t.Parallel()
	for in, ok := range map[string]bool{"main": true, "my-key_2": true, "": false, "has space": false,
		strings.Repeat("x", 33): false} {
		if err := keyring.ValidateName(in); (err == nil) != ok {
			t.Errorf("ValidateName(%q) = %v, want ok=%v", in, err, ok)
		}
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		mode keyring.Mode
		msgs []tea.Msg
	}{
		{name: "list", mode: keyring.ModeList},
		{name: "mnemonic", mode: keyring.ModeCreate, msgs: append(uitest.Type("main"), uitest.Key("enter"))},
		{name: "recover", mode: keyring.ModeRecover, msgs: append(uitest.Type("old"), uitest.Key("tab"), uitest.Key("x"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := deps(fake.NewChain())
			frames.Golden(t, d, func() app.Screen { return keyring.New(d, tt.mode) }, tt.msgs...)
		})
	}
}
