package bids_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/internal/frames"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/screens/bids"
	"github.com/akt-project/akt/tui/styles"
	"github.com/akt-project/akt/tui/svc"
	tea "github.com/charmbracelet/bubbletea"
)

const dseq = 21_004_300

func deps() app.Deps {
	d := fake.NewChain().Deps()
	d.Styles = styles.Plain()
	return d.WithDefaults()
}

func drive(m *bids.Model, msgs ...tea.Msg) []tea.Msg {
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

func started(t *testing.T, d app.Deps) *bids.Model {
	t.Helper()
	m := bids.New(d, dseq)
	m.SetSize(120, 40)
	for _, msg := range uitest.Run(m.Start(t.Context())) {
		drive(m, msg)
	}
	return m
}

func TestStreamFillsTable(t *testing.T) {
	t.Parallel()
	m := started(t, deps())
	shown := m.Shown()
	if len(shown) != 10 {
		t.Fatalf("got %d bids, want 8 loaded + 2 streamed", len(shown))
	}
	for i := 1; i < len(shown); i++ {
		if shown[i-1].PricePerBlock > shown[i].PricePerBlock {
			t.Fatalf("not sorted by price at %d", i)
		}
	}
	if !strings.Contains(m.View(), "● live") {
		t.Error("the live marker is missing while the stream is open")
	}
}

func TestDuplicateBidIgnored(t *testing.T) {
	t.Parallel()
	d := deps()
	mk := d.Market.(*fake.Market)
	_, existing, _ := mk.Order(t.Context(), dseq)
	mk.Later = append(mk.Later, existing[0]) // the stream repeats a bid the query returned
	m := started(t, d)
	if got := len(m.Shown()); got != 10 {
		t.Fatalf("got %d bids; a repeated bid must appear once", got)
	}
}

func TestFilters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		keys []tea.Msg
		keep func(svc.Bid) bool
	}{
		{"audited only", []tea.Msg{uitest.Key("A")}, func(b svc.Bid) bool { return b.Audited }},
		{"first region", []tea.Msg{uitest.Key("R")}, func(b svc.Bid) bool { return b.Region == "ap-southeast" }},
		{"gpu h100", []tea.Msg{uitest.Key("M"), uitest.Key("M")}, func(b svc.Bid) bool {
			return strings.Contains(strings.Join(b.GPUModels, ","), "h100")
		}},
		{"max 100 ACT/month", append(append([]tea.Msg{uitest.Key("P")}, uitest.Type("100")...), uitest.Key("enter")),
			func(b svc.Bid) bool { return svc.PerMonth(b.PricePerBlock, 0) <= 100e6 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := started(t, deps())
			drive(m, tt.keys...)
			shown := m.Shown()
			if len(shown) == 0 || len(shown) == 10 {
				t.Fatalf("filter kept %d of 10", len(shown))
			}
			for _, b := range shown {
				if !tt.keep(b) {
					t.Fatalf("filter let %+v through", b)
				}
			}
			if !strings.Contains(m.View(), "showing ") {
				t.Error("no filter summary")
			}
		})
	}
}

func TestAcceptCreatesLeaseAfterConfirm(t *testing.T) {
	t.Parallel()
	d := deps()
	signer := d.Signer.(*fake.Signer)
	m := started(t, d)
	cheapest := m.Shown()[0]
	drive(m, uitest.Key("enter"))
	if !strings.Contains(m.View(), "Attributes") {
		t.Fatalf("enter should open the provider detail:\n%s", m.View())
	}
	drive(m, uitest.Key("a"))
	if !strings.Contains(m.View(), "MsgCreateLease") {
		t.Fatalf("no confirm dialog:\n%s", m.View())
	}
	msgs := drive(m, uitest.Key("y"))
	if rep, ok := uitest.Find[app.SettleMsg](msgs); !ok || rep.Screen.Title() != "Lease 21004300/1/1" {
		t.Fatalf("accepting should open the lease screen, got %#v", msgs)
	}
	want := svc.AcceptBid{DSeq: dseq, GSeq: 1, OSeq: 1, Provider: cheapest.Provider, Host: cheapest.Host}
	if sent := signer.Sent(); len(sent) != 1 || sent[0] != want {
		t.Fatalf("sent = %#v, want %#v", sent, want)
	}
	if !strings.Contains(m.View(), "Lease created with "+cheapest.Host) {
		t.Fatalf("no lease banner:\n%s", m.View())
	}
}

func TestFailedTxShowsCodeAndLog(t *testing.T) {
	t.Parallel()
	d := deps()
	d.Signer.(*fake.Signer).Fail = &svc.TxError{Code: 5, Codespace: "sdk", RawLog: "insufficient funds: 10uakt < 5250uakt"}
	m := started(t, d)
	drive(m, uitest.Key("a"), uitest.Key("y"))
	v := m.View()
	if !strings.Contains(v, "Code     5 (sdk)") || !strings.Contains(v, "insufficient funds") {
		t.Fatalf("failure dialog lacks code and raw log:\n%s", v)
	}
	drive(m, uitest.Key("esc"))
	if m.CapturingInput() {
		t.Fatal("esc should close the failure dialog")
	}
}

func TestReadOnlyCannotAccept(t *testing.T) {
	t.Parallel()
	d := deps()
	d.ReadOnly = true
	m := started(t, d)
	drive(m, uitest.Key("a"))
	if m.CapturingInput() || len(d.Signer.(*fake.Signer).Sent()) != 0 {
		t.Fatal("read-only mode must not offer accept")
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	d := deps()
	broken := deps()
	broken.Market.(*fake.Market).Err = errors.New("rpc error: code = Unavailable desc = connection refused")
	tests := []struct {
		name string
		deps app.Deps
		msgs []tea.Msg
	}{
		{name: "live", deps: d},
		{name: "filtered_sorted", deps: d, msgs: []tea.Msg{uitest.Key("A"), uitest.Key("s"), uitest.Key("S")}},
		{name: "detail", deps: d, msgs: []tea.Msg{uitest.Key("j"), uitest.Key("enter")}},
		{name: "confirm_accept", deps: d, msgs: []tea.Msg{uitest.Key("a")}},
		{name: "error", deps: broken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			frames.Golden(t, tt.deps, func() app.Screen { return bids.New(tt.deps, dseq) }, tt.msgs...)
		})
	}
}

// TestLoopbackProvidersShownByAddress checks that devnet providers, whose hosts are all
// 127.0.0.1, are told apart by their addresses in the table, the summary and the chart.
func TestLoopbackProvidersShownByAddress(t *testing.T) {
	t.Parallel()
	d := deps()
	mk := d.Market.(*fake.Market)
	b := svc.Bid{DSeq: dseq, GSeq: 1, OSeq: 1, Provider: "akash16usc8d83kamknrnp276tsldzz7vz5pkhxr6wpn", Host: "127.0.0.1",
		Region: "eu-central", Uptime: -1, PricePerBlock: 1}
	mk.Later = append(mk.Later, b)
	m := started(t, d)
	view := m.View()
	if n := strings.Count(view, "akash16u…r6wpn"); n < 2 {
		t.Fatalf("the loopback provider is named by its address %d times, want in the row and the summary:\n%s", n, view)
	}
	if strings.Contains(view, "127.0.0.1") {
		t.Fatalf("the view still names a provider 127.0.0.1:\n%s", view)
	}
}
