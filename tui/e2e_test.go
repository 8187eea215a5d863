package tui_test

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/akt-project/akt/tui"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/styles"
	"github.com/charmbracelet/x/exp/teatest"
)

// TestJourney drives the whole program through the fakes at 120x40, from the landing screen
// to a ready lease: AI door → template → parameters → review → deposit → confirm → bids →
// accept → confirm → manifest → services ready. It waits for text, never for a fixed time.
func TestJourney(t *testing.T) {
	t.Parallel()
	d := fake.NewChain().Deps()
	d.Styles = styles.Plain()
	tm := teatest.NewTestModel(t, tui.New(d), teatest.WithInitialTermSize(120, 40))
	// The renderer repaints only changed lines, so text can arrive before we ask for it: keep
	// every byte, and look for text anywhere after the last key press.
	var all []byte
	since := 0
	wait := func(text string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			b, _ := io.ReadAll(tm.Output())
			all = append(all, b...)
			if bytes.Contains(all[since:], []byte(text)) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("waited 10s for %q; output since the last key:\n%s", text, all[since:])
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	press := func(keys ...string) {
		b, _ := io.ReadAll(tm.Output())
		all = append(all, b...)
		since = len(all)
		for _, k := range keys {
			tm.Send(uitest.Key(k))
		}
	}

	wait("What would you like to run?")
	press("1")
	wait("vLLM inference server")
	press("enter")
	wait("Hugging Face model id")
	wait("REPLICAS=1") // defaults validated and rendered
	press("ctrl+s", "enter")
	wait("Cost at the maximum price")
	press("ctrl+d")
	wait("Deposit (ACT)")
	press("enter", "enter")
	wait("Sign and send")
	press("y")
	wait("Bids on deployment 21004300")
	wait("provider-00.example.net")
	press("a")
	wait("MsgCreateLease")
	press("y")
	wait("All services ready")
	wait("k3v9q2hd1l.ingress.provider-00.example.net")

	press("ctrl+c")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if final := tm.FinalModel(t).(*tui.Model); final.String() != "tui.Model{stack: [Home Lease 21004300/1/1], 120x40}" {
		t.Fatalf("final stack: %s", final)
	}
}
