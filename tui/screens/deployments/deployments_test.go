package deployments_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/internal/frames"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/screens/deployments"
	"github.com/akt-project/akt/tui/styles"
	"github.com/akt-project/akt/tui/svc"
	tea "github.com/charmbracelet/bubbletea"
)

func deps() app.Deps {
	d := fake.NewChain().Deps()
	d.Styles = styles.Plain()
	return d.WithDefaults()
}

func drive(m *deployments.Model, msgs ...tea.Msg) []tea.Msg {
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

func started(t *testing.T, d app.Deps) *deployments.Model {
	t.Helper()
	m := deployments.New(d)
	m.SetSize(120, 40)
	for _, msg := range uitest.Run(m.Start(t.Context())) {
		drive(m, msg)
	}
	acct, _ := uitest.Find[app.AccountLoadedMsg](uitest.Run(app.LoadAccount(t.Context(), d)))
	drive(m, acct)
	return m
}

func TestRunwayTone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    time.Duration
		want styles.Tone
	}{
		{time.Hour, styles.ToneDanger}, {23 * time.Hour, styles.ToneDanger},
		{48 * time.Hour, styles.ToneWarning}, {10 * 24 * time.Hour, styles.ToneSuccess},
	}
	for _, tt := range tests {
		if got := deployments.RunwayTone(tt.d); got != tt.want {
			t.Errorf("RunwayTone(%v) = %v, want %v", tt.d, got, tt.want)
		}
	}
}

func TestSortedByRunwayFirst(t *testing.T) {
	t.Parallel()
	m := started(t, deps())
	sel, _ := m.Selected()
	for _, d := range m.Rows() {
		if d.State != "active" {
			continue
		}
		if svc.Runway(d.EscrowUACT, d.PricePerBlock, 0) < svc.Runway(sel.EscrowUACT, sel.PricePerBlock, 0) {
			t.Fatalf("first row %d is not the shortest runway (%d is shorter)", sel.DSeq, d.DSeq)
		}
	}
}

func TestCloseNeedsConfirmation(t *testing.T) {
	t.Parallel()
	d := deps()
	signer := d.Signer.(*fake.Signer)
	m := started(t, d)
	sel, _ := m.Selected()
	drive(m, uitest.Key("c"))
	if !m.CapturingInput() || !strings.Contains(m.View(), "MsgCloseDeployment") || !strings.Contains(m.View(), "0.00525 AKT") {
		t.Fatalf("no confirm dialog with messages and fee:\n%s", m.View())
	}
	if len(signer.Sent()) != 0 {
		t.Fatal("something was broadcast before confirmation")
	}
	drive(m, uitest.Key("n"))
	if m.CapturingInput() || len(signer.Sent()) != 0 {
		t.Fatal("n must cancel without broadcasting")
	}
	msgs := drive(m, uitest.Key("c"), uitest.Key("y"))
	sent := signer.Sent()
	if len(sent) != 1 || sent[0] != (svc.CloseDeployment{DSeq: sel.DSeq}) {
		t.Fatalf("sent = %#v", sent)
	}
	if st, ok := uitest.Find[app.StatusMsg](msgs); !ok || !strings.Contains(st.Text, "included at height 4,118,230") {
		t.Fatalf("no success status: %#v", msgs)
	}
}

func TestAddFundsValidatesAmount(t *testing.T) {
	t.Parallel()
	d := deps()
	signer := d.Signer.(*fake.Signer)
	m := started(t, d)
	sel, _ := m.Selected()
	drive(m, append([]tea.Msg{uitest.Key("f")}, uitest.Type("999")...)...)
	if !strings.Contains(m.View(), "more than your 48.25 ACT") {
		t.Fatalf("no balance check as typed:\n%s", m.View())
	}
	fix := []tea.Msg{uitest.Key("backspace"), uitest.Key("backspace"), uitest.Key("backspace")}
	fix = append(fix, uitest.Type("2.5")...)
	drive(m, append(fix, uitest.Key("enter"), uitest.Key("enter"), uitest.Key("y"))...)
	sent := signer.Sent()
	want := svc.AddFunds{DSeq: sel.DSeq, Denom: "uact", Amount: 2_500_000}
	if len(sent) != 1 || sent[0] != want {
		t.Fatalf("sent = %#v, want %#v", sent, want)
	}
}

func TestReadOnlyHidesSigning(t *testing.T) {
	t.Parallel()
	d := deps()
	d.ReadOnly = true
	m := started(t, d)
	drive(m, uitest.Key("c"), uitest.Key("f"))
	if m.CapturingInput() {
		t.Fatal("read-only mode opened a signing dialog")
	}
	for _, b := range m.ShortHelp() {
		if b.Help().Desc == "close" || b.Help().Desc == "add funds" {
			t.Fatalf("read-only help shows %q", b.Help().Desc)
		}
	}
}

func TestParseACT(t *testing.T) {
	t.Parallel()
	bal := &svc.Balances{UACT: 10_000_000}
	tests := []struct {
		in   string
		want uint64
		ok   bool
	}{
		{"2.5", 2_500_000, true}, {"10", 10_000_000, true}, {"0.000001", 1, true},
		{"10.000001", 0, false}, {"0", 0, false}, {"-1", 0, false}, {"abc", 0, false}, {"1.1234567", 0, false},
	}
	for _, tt := range tests {
		got, err := deployments.ParseACT(tt.in, bal)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseACT(%q) = %d, %v; want %d ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
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
		{name: "list", deps: d},
		{name: "confirm_close", deps: d, msgs: []tea.Msg{uitest.Key("c")}},
		{name: "add_funds", deps: d, msgs: append([]tea.Msg{uitest.Key("f")}, uitest.Type("2.5")...)},
		{name: "read_only_sorted_by_cost", deps: ro, msgs: []tea.Msg{uitest.Key("s"), uitest.Key("s"), uitest.Key("s"), uitest.Key("s"), uitest.Key("S")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			frames.Golden(t, tt.deps, func() app.Screen { return deployments.New(tt.deps) }, tt.msgs...)
		})
	}
}

func TestUpdateOpensReviewOfStoredSDL(t *testing.T) {
	t.Parallel()
	m := started(t, deps())
	msgs := drive(m, uitest.Key("u"))
	push, ok := uitest.Find[app.PushMsg](msgs)
	if !ok || push.Screen.Title() != "Review" {
		t.Fatalf("u should open the review of the stored SDL, got %#v", msgs)
	}
}

func TestFilter(t *testing.T) {
	t.Parallel()
	m := started(t, deps())
	drive(m, append([]tea.Msg{uitest.Key("/")}, uitest.Type("postgres")...)...)
	drive(m, uitest.Key("enter"))
	sel, _ := m.Selected()
	if sel.Name != "postgres" || !strings.Contains(m.View(), "2 shown") {
		t.Fatalf("filter postgres: selected %q\n%s", sel.Name, m.View())
	}
	if handled, _ := m.HandleBack(); !handled || strings.Contains(m.View(), "shown") {
		t.Fatal("esc should clear the filter first")
	}
}

func TestAddFundsInAKT(t *testing.T) {
	t.Parallel()
	d := deps()
	signer := d.Signer.(*fake.Signer)
	m := started(t, d)
	sel, _ := m.Selected()
	msgs := append([]tea.Msg{uitest.Key("f")}, uitest.Type("100")...)
	msgs = append(msgs, uitest.Key("tab"), uitest.Key("right"), uitest.Key("enter"), uitest.Key("y"))
	drive(m, msgs...)
	want := svc.AddFunds{DSeq: sel.DSeq, Denom: "uakt", Amount: 100_000_000}
	if sent := signer.Sent(); len(sent) != 1 || sent[0] != want {
		t.Fatalf("sent %#v, want %#v", sent, want)
	}
}

// listed is a fixed list of deployments.
type listed []svc.Deployment

func (l listed) List(context.Context) ([]svc.Deployment, error) { return l, nil }

// TestLoopbackProviderShownByAddress checks that a devnet provider (host 127.0.0.1) is named
// by its shortened address when the service gives it.
func TestLoopbackProviderShownByAddress(t *testing.T) {
	t.Parallel()
	d := deps()
	d.Deployments = listed{
		{DSeq: 7, Name: "llm", State: "active", Provider: "127.0.0.1", ProviderAddress: "akash16usc8d83kamknrnp276tsldzz7vz5pkhxr6wpn", PricePerBlock: 10, EscrowUACT: 1e6},
		{DSeq: 8, Name: "web", State: "active", Provider: "provider.europlots.com", ProviderAddress: "akash1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq7cdc78", PricePerBlock: 10, EscrowUACT: 1e6},
	}
	view := started(t, d).View()
	if !strings.Contains(view, "akash16u…r6wpn") || !strings.Contains(view, "provider.europlots.com") || strings.Contains(view, "127.0.0.1") {
		t.Fatalf("providers not named by what tells them apart:\n%s", view)
	}
}
