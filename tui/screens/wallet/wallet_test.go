package wallet_test

import (
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/internal/frames"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/screens/wallet"
	"github.com/akt-project/akt/tui/styles"
	"github.com/akt-project/akt/tui/svc"
	tea "github.com/charmbracelet/bubbletea"
)

func deps() app.Deps {
	d := fake.NewChain().Deps()
	d.Styles = styles.Plain()
	return d.WithDefaults()
}

func drive(m *wallet.Model, msgs ...tea.Msg) []tea.Msg {
	var all []tea.Msg
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		for range 6 {
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

func started(t *testing.T, d app.Deps) *wallet.Model {
	t.Helper()
	m := wallet.New(d)
	m.SetSize(100, 30)
	for _, msg := range uitest.Run(m.Start(t.Context())) {
		drive(m, msg)
	}
	return m
}

func TestConvert(t *testing.T) {
	t.Parallel()
	if got := wallet.Convert(10_000_000, 2.5, true); got != 25_000_000 {
		t.Errorf("mint 10 AKT at 2.5 = %d", got)
	}
	if got := wallet.Convert(10_000_000, 2.5, false); got != 4_000_000 {
		t.Errorf("burn 10 ACT at 2.5 = %d", got)
	}
	if got := wallet.Convert(1, 0, true); got != 0 {
		t.Errorf("unknown rate = %d", got)
	}
}

func TestMintPreviewAndConfirm(t *testing.T) {
	t.Parallel()
	d := deps()
	m := started(t, d)
	drive(m, append([]tea.Msg{uitest.Key("m")}, uitest.Type("10")...)...)
	if !strings.Contains(m.View(), "You receive about 24.135 ACT") {
		t.Fatalf("no preview at the rate:\n%s", m.View())
	}
	msgs := drive(m, uitest.Key("enter"), uitest.Key("y"))
	sent := d.Signer.(*fake.Signer).Sent()
	if len(sent) != 1 || sent[0] != (svc.MintACT{UAKT: 10_000_000}) {
		t.Fatalf("sent %#v", sent)
	}
	if _, ok := uitest.Find[app.AccountChangedMsg](msgs); !ok {
		t.Error("balances are not reloaded after minting")
	}
	if !strings.Contains(m.View(), "settles at the next epoch") {
		t.Error("no settlement notice")
	}
}

func TestBurnCheckedAgainstBalance(t *testing.T) {
	t.Parallel()
	m := started(t, deps())
	drive(m, append([]tea.Msg{uitest.Key("b")}, uitest.Type("100")...)...)
	if !strings.Contains(m.View(), "more than your 48.25 ACT") {
		t.Fatalf("no balance check:\n%s", m.View())
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	d := deps()
	ro := deps()
	ro.ReadOnly = true
	tests := []struct {
		name string
		deps app.Deps
		msgs []tea.Msg
	}{
		{name: "balances", deps: d},
		{name: "mint", deps: d, msgs: append([]tea.Msg{uitest.Key("m")}, uitest.Type("10")...)},
		{name: "read_only", deps: ro, msgs: []tea.Msg{uitest.Key("m")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			frames.Golden(t, tt.deps, func() app.Screen { return wallet.New(tt.deps) }, tt.msgs...)
		})
	}
}
