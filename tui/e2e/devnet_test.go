// Package e2e drives the whole console (tui.New over the live services) on an
// in-process devnet. It lives apart from package tui so the tui benchmarks
// measure a test binary without the chain and the devnet linked in.
package e2e_test

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/akt-project/akt/config"
	"github.com/akt-project/akt/devnet"
	"github.com/akt-project/akt/tui"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/live"
	"github.com/akt-project/akt/tui/styles"
	"github.com/charmbracelet/x/exp/teatest"
)

// devnetConfig points a configuration's devnet network at a started devnet, with its funded
// key in its test keyring and every other directory in a temporary one.
func devnetConfig(t *testing.T, eps devnet.Endpoints) *config.Config {
	t.Helper()
	nets := config.BuiltinNetworks()
	n := nets["devnet"]
	n.ChainID, n.RPC, n.GRPC = eps.ChainID, []string{eps.RPC}, []string{eps.GRPC}
	if eps.REST != "" {
		n.REST = []string{eps.REST}
	}
	nets["devnet"] = n
	dir := t.TempDir()
	return &config.Config{NetworkName: "devnet", Network: n, Networks: nets, From: eps.KeyName,
		KeyringBackend: "test", Home: eps.Home, Output: "text", File: filepath.Join(dir, "config.yaml"),
		Dirs: config.Dirs{UserHome: dir, Config: dir, Data: filepath.Join(dir, "data"), State: filepath.Join(dir, "state")}}
}

// screen follows a teatest program's output. The renderer repaints only the lines that
// changed, so text may arrive before a test asks for it: every byte is kept, and a wait looks
// at the output since the last key press.
type screen struct {
	t     *testing.T
	tm    *teatest.TestModel
	all   []byte
	since int
}

// wait waits (bounded by d) until text shows after the last key press.
func (s *screen) wait(text string, d time.Duration) {
	s.t.Helper()
	s.waitMatch(regexp.MustCompile(regexp.QuoteMeta(text)), d)
}

// waitMatch waits (bounded by d) until re matches the output after the last key press. On a
// timeout it fails naming what it waited for and where the journey was, with the end of the
// output since the last key press.
func (s *screen) waitMatch(re *regexp.Regexp, d time.Duration) {
	s.t.Helper()
	deadline := time.Now().Add(d)
	for {
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(s.tm.Output())
		s.all = append(s.all, buf.Bytes()...)
		if re.Match(s.all[s.since:]) {
			return
		}
		if time.Now().After(deadline) {
			tail := s.all[max(s.since, len(s.all)-3000):]
			s.t.Fatalf("waited %s for %q after the last key press; it did not show. The output's end:\n%s", d, re, tail)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// press sends keys after taking in the output so far.
func (s *screen) press(keys ...string) {
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(s.tm.Output())
	s.all = append(s.all, buf.Bytes()...)
	s.since = len(s.all)
	for _, k := range keys {
		s.tm.Send(uitest.Key(k))
	}
}

// typeText sends one key per rune.
func (s *screen) typeText(text string) {
	for _, r := range text {
		s.tm.Send(uitest.Key(string(r)))
	}
}

// TestConsoleOnDevnet is issue 8's journey through the whole program, with the live services
// on an in-process devnet (a real chain with simulated providers) at 120x40: landing → AI/ML
// → the vLLM template → the review's GPU editor (two T4s instead of the template's list: only
// the eu-central provider has the beta3 and ram storage classes this template asks for, and
// it has T4s) → deposit → confirm → bids from chain events → accept → manifest → services
// ready → my deployments with the runway → close with confirmation.
func TestConsoleOnDevnet(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a devnet")
	}
	start, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	d, err := devnet.Start(start, devnet.Options{Home: t.TempDir(), BlockTime: 200 * time.Millisecond, Seed: 8,
		Providers: 2, Ports: devnet.Ports{Auto: true}})
	cancel()
	if err != nil {
		t.Fatalf("starting the devnet: %v", err)
	}
	t.Cleanup(func() { _ = d.Close() })
	s := live.New(devnetConfig(t, d.Endpoints()), live.Options{PollInterval: 200 * time.Millisecond})
	t.Cleanup(s.Close)
	deps := s.Deps()
	deps.Styles = styles.Plain()

	tm := teatest.NewTestModel(t, tui.New(deps), teatest.WithInitialTermSize(120, 40))
	sc := &screen{t: t, tm: tm}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the last output before the failure:\n%s", sc.all[max(0, len(sc.all)-6000):])
		}
	})
	const short, long = 15 * time.Second, 60 * time.Second

	sc.wait("What would you like to run?", short)
	sc.wait("10,000 ACT", short) // the funded key's balance, read from the chain
	sc.press("1")
	sc.wait("LLM inference server (vLLM, OpenAI API)", short)
	sc.press("/")
	sc.typeText("llm-vllm")
	sc.press("enter")
	sc.wait("1 of 8", short)
	sc.press("enter")
	sc.wait("--tensor-parallel-size=1", short) // the defaults validated and rendered
	sc.press("ctrl+s", "enter")
	sc.wait("Cost at the maximum price", short)

	// The GPU editor: two GPUs per replica, the template's models replaced by the T4.
	sc.press("tab", "tab", "tab", "tab", "tab", "backspace", "2", "tab")
	sc.wait("shift+tab back to the fields", short)
	sc.wait("--tensor-parallel-size=2", short) // the SDL pane: vLLM follows the GPU count
	sc.press("x", "x", "x", "x", "x", "x")
	sc.wait("any model: add one with + to choose", short)
	sc.press("+")
	sc.wait("Add a GPU model", short)
	sc.typeText("t4")
	sc.waitMatch(regexp.MustCompile(`\s1 of \d+ ·`), short)
	sc.press("enter")
	sc.waitMatch(regexp.MustCompile(`nvidia t4\s+16Gi pcie`), short)

	sc.press("ctrl+d")
	sc.wait("Deposit (ACT)", short)
	sc.press("backspace")
	sc.typeText("500") // enough escrow for the test's whole run at 200 ms blocks
	sc.press("enter", "enter")
	sc.wait("Sign and send", long)
	sc.press("y")
	sc.wait("Bids on deployment", long)
	sc.waitMatch(regexp.MustCompile(`eu-central\s+✓\s+\S+\s+t4`), long)
	sc.press("a")
	sc.wait("Accept the bid", long)
	sc.press("y")
	sc.wait("Manifest sent", long)
	sc.wait("All services ready", long)

	// The deploy flow is over: esc from the lease goes straight home.
	sc.press("esc")
	sc.wait("What would you like to run?", short)
	sc.press("d")
	sc.wait("RUNWAY", short)
	sc.waitMatch(regexp.MustCompile(`llm\s+active\s+\S+.*\d+(d|h|m|s)\b`), long)
	sc.press("c")
	sc.wait("Close deployment", long)
	sc.press("y")
	sc.waitMatch(regexp.MustCompile(`llm\s+closed`), long)

	sc.press("ctrl+c")
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	if final := tm.FinalModel(t).(*tui.Model); final.String() != "tui.Model{stack: [Home Deployments], 120x40}" {
		t.Fatalf("final stack: %s", final)
	}
}
