package detail_test

import (
	"context"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/internal/frames"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/screens/detail"
	"github.com/akt-project/akt/tui/styles"
	"github.com/akt-project/akt/tui/svc"
	tea "github.com/charmbracelet/bubbletea"
)

// dseq is the first fake deployment, which has a lease.
const dseq = 21_004_300

func deps() app.Deps {
	d := fake.NewChain().Deps()
	d.Styles = styles.Plain()
	return d.WithDefaults()
}

func drive(m *detail.Model, msgs ...tea.Msg) []tea.Msg {
	var all []tea.Msg
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		for range 20 {
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

func started(t *testing.T, d app.Deps) *detail.Model {
	t.Helper()
	m := detail.New(d, dseq)
	m.SetSize(120, 40)
	for _, msg := range uitest.Run(m.Start(t.Context())) {
		drive(m, msg)
	}
	return m
}

func services(lines []svc.LogLine) string {
	var s []string
	for _, l := range lines {
		s = append(s, l.Service)
	}
	return strings.Join(s, ",")
}

func TestLogsFollowFilterSearch(t *testing.T) {
	t.Parallel()
	m := started(t, deps())
	if got := services(m.Lines()); got != "web,web,db,web,web,db" {
		t.Fatalf("all-service logs = %s", got)
	}
	v := m.View()
	for _, want := range []string{"k3v9q2hd1l.ingress.provider-03.example.net", "following", "upstream timed out"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	drive(m, uitest.Key("s")) // first service: db
	if got := services(m.Lines()); got != "db,db" {
		t.Fatalf("db logs = %s", got)
	}
	drive(m, uitest.Key("s")) // web
	drive(m, append([]tea.Msg{uitest.Key("/")}, uitest.Type("GET")...)...)
	drive(m, uitest.Key("enter"))
	if got := len(m.Lines()); got != 2 {
		t.Fatalf("search GET in web logs kept %d lines", got)
	}
	if handled, _ := m.HandleBack(); !handled || len(m.Lines()) != 4 {
		t.Fatalf("esc should clear the search first (now %d lines)", len(m.Lines()))
	}
}

func TestEventsPane(t *testing.T) {
	t.Parallel()
	m := started(t, deps())
	drive(m, uitest.Key("e"))
	if v := m.View(); !strings.Contains(v, "Back-off restarting failed container") || !strings.Contains(v, "Events (3)") {
		t.Fatalf("events pane:\n%s", v)
	}
}

func TestShellHandsOverTheTerminal(t *testing.T) {
	t.Parallel()
	d := deps()
	var got svc.LeaseID
	var service string
	d.Shell = func(l svc.LeaseID, s string) tea.ExecCommand {
		got, service = l, s
		return shellCmd{}
	}
	m := started(t, d)
	_, cmd := m.Update(uitest.Key("x"))
	if cmd == nil || got.DSeq != dseq || service != "web" {
		t.Fatalf("shell: cmd %v, lease %v, service %q", cmd != nil, got, service)
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	d := deps()
	tests := []struct {
		name string
		msgs []tea.Msg
	}{
		{name: "logs"},
		{name: "events", msgs: []tea.Msg{uitest.Key("e")}},
		{name: "search", msgs: append([]tea.Msg{uitest.Key("/")}, uitest.Type("error")...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			frames.Golden(t, d, func() app.Screen { return detail.New(d, dseq) }, tt.msgs...)
		})
	}
}

// shellCmd is a tea.ExecCommand that does nothing.
type shellCmd struct{}

func (shellCmd) Run() error          { return nil }
func (shellCmd) SetStdin(io.Reader)  {}
func (shellCmd) SetStdout(io.Writer) {}
func (shellCmd) SetStderr(io.Writer) {}

// fastWallet reports a one-second block time, like a devnet.
type fastWallet struct{ svc.Wallet }

func (w fastWallet) Account(ctx context.Context) (svc.Account, error) {
	a, err := w.Wallet.Account(ctx)
	a.BlockTime = time.Second
	return a, err
}

// TestCostUsesTheNetworksBlockTime checks that the detail prices per hour at the block time
// the account reports, as the deployments list does, not at mainnet's average.
func TestCostUsesTheNetworksBlockTime(t *testing.T) {
	t.Parallel()
	d := deps()
	slow := started(t, d).View()
	d.Wallet = fastWallet{d.Wallet}
	fast := started(t, d).View()
	re := regexp.MustCompile(`([\d,.]+) ACT/h`)
	s, f := re.FindStringSubmatch(slow), re.FindStringSubmatch(fast)
	if s == nil || f == nil {
		t.Fatalf("no ACT/h in the views:\n%s\n%s", slow, fast)
	}
	parse := func(v string) float64 {
		x, _ := strconv.ParseFloat(strings.ReplaceAll(v, ",", ""), 64)
		return x
	}
	if ratio := parse(f[1]) / parse(s[1]); ratio < 6 || ratio > 6.2 {
		t.Fatalf("ACT/h at 1s blocks %s vs at 6.1s %s: ratio %.2f, want about 6.1", f[1], s[1], ratio)
	}
}
