package e2e

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	stdnet "net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/akt-project/akt/cli"
	"github.com/akt-project/akt/cli/core"
	"github.com/akt-project/akt/devnet"
)

// commandTimeout bounds one akt command; every wait inside a command is shorter.
const commandTimeout = 90 * time.Second

// result is what one run of akt printed and returned.
type result struct {
	args   []string
	code   int
	stdout string
	stderr string
}

func (r result) String() string {
	return fmt.Sprintf("akt %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(r.args, " "), r.code, r.stdout, r.stderr)
}

// runAkt runs one akt command line in-process, as the akt-core executable would, against the
// shared devnet (--network devnet --home HOME come first; later flags override them).
func runAkt(t *testing.T, stdin io.Reader, args ...string) result {
	t.Helper()
	return runAktWithin(t, commandTimeout, stdin, args...)
}

// runAktWithin is runAkt with the command's context bounded by timeout (for commands that
// retry for longer than a test should wait).
func runAktWithin(t *testing.T, timeout time.Duration, stdin io.Reader, args ...string) result {
	t.Helper()
	return runAktOn(t, home, timeout, stdin, args...)
}

// runAktOn runs one akt command line in-process against the devnet whose home is dir.
func runAktOn(t *testing.T, dir string, timeout time.Duration, stdin io.Reader, args ...string) result {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errb bytes.Buffer
	app := cli.NewApp(stdin, &out, &errb, cli.BuildInfo{Version: "e2e"})
	core.Register(app)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	full := append([]string{"--network", "devnet", "--home", dir}, args...)
	code := app.Execute(ctx, full)
	return result{args: args, code: code, stdout: out.String(), stderr: errb.String()}
}

// akt runs a command that must succeed and returns its output.
func akt(t *testing.T, args ...string) result {
	t.Helper()
	r := runAkt(t, nil, args...)
	if r.code != 0 {
		t.Fatalf("%s", r)
	}
	return r
}

// aktJSON runs a command that must succeed with --output json and decodes its stdout into v.
func aktJSON(t *testing.T, v any, args ...string) result {
	t.Helper()
	r := akt(t, append(args, "-o", "json")...)
	if err := json.Unmarshal([]byte(r.stdout), v); err != nil {
		t.Fatalf("decoding the JSON of %s: %v", r, err)
	}
	return r
}

// aktFail runs a command that must fail and returns its result.
func aktFail(t *testing.T, args ...string) result {
	t.Helper()
	r := runAkt(t, nil, args...)
	if r.code == 0 {
		t.Fatalf("succeeded, want a failure: %s", r)
	}
	return r
}

// txResult is what a transaction command prints with --output json.
type txResult struct {
	Hash     string `json:"hash"`
	Included bool   `json:"included"`
	Height   int64  `json:"height"`
	Events   []struct {
		Type       string `json:"type"`
		Attributes []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"attributes"`
	} `json:"events"`
}

// tx runs a transaction command with --yes and checks it was included in a block.
func tx(t *testing.T, args ...string) txResult {
	t.Helper()
	var res txResult
	aktJSON(t, &res, append(args, "--yes")...)
	if !res.Included || res.Height <= 0 {
		t.Fatalf("akt %s: tx %s not included: %+v", strings.Join(args, " "), res.Hash, res)
	}
	return res
}

// coin is a coin as akt prints it (amounts are decimal strings).
type coin struct {
	Denom  string `json:"denom"`
	Amount string `json:"amount"`
}

// amount parses a coin amount (integer or decimal) into a big.Float.
func amount(t *testing.T, s string) *big.Float {
	t.Helper()
	f, ok := new(big.Float).SetPrec(200).SetString(s)
	if !ok {
		t.Fatalf("amount %q is not a number", s)
	}
	return f
}

// amountOf returns the amount of denom in coins (0 when absent).
func amountOf(t *testing.T, coins []coin, denom string) *big.Float {
	t.Helper()
	for _, c := range coins {
		if c.Denom == denom {
			return amount(t, c.Amount)
		}
	}
	return new(big.Float)
}

// sub returns a-b.
func sub(a, b *big.Float) *big.Float { return new(big.Float).Sub(a, b) }

// num makes a big.Float of n.
func num(n int64) *big.Float { return new(big.Float).SetInt64(n) }

// balance returns the denom balance of an address or key name, through `akt balance`.
func balance(t *testing.T, who, denom string) *big.Float {
	t.Helper()
	var out struct {
		Address  string `json:"address"`
		Balances []coin `json:"balances"`
	}
	args := []string{"balance"}
	if who != "" {
		args = append(args, who)
	}
	aktJSON(t, &out, args...)
	return amountOf(t, out.Balances, denom)
}

// deployment is the part of `deploy show --output json` the tests check.
type deployment struct {
	Deployment struct {
		Owner  string `json:"owner"`
		DSeq   uint64 `json:"dseq"`
		State  string `json:"state"`
		Groups []struct {
			State string `json:"state"`
		} `json:"groups"`
		Escrow struct {
			State        string `json:"state"`
			Balance      []coin `json:"balance"`
			RunwayBlocks int64  `json:"runway_blocks"`
		} `json:"escrow"`
	} `json:"deployment"`
	Leases []struct {
		State    string `json:"state"`
		Reason   string `json:"reason"`
		Provider string `json:"-"`
	} `json:"leases"`
}

// showDeployment runs `akt deploy show DSEQ` (extra flags such as --from may follow).
func showDeployment(t *testing.T, dseq uint64, extra ...string) deployment {
	t.Helper()
	var d deployment
	aktJSON(t, &d, append([]string{"deploy", "show", fmt.Sprint(dseq)}, extra...)...)
	return d
}

// bid is one bid as `akt bids list --output json` prints it.
type bid struct {
	ID struct {
		Owner    string `json:"owner"`
		DSeq     uint64 `json:"dseq"`
		GSeq     uint32 `json:"gseq"`
		OSeq     uint32 `json:"oseq"`
		Provider string `json:"provider"`
		BSeq     uint32 `json:"bseq"`
	} `json:"id"`
	State string `json:"state"`
	Price coin   `json:"price"`
}

// waitBids waits (with `bids list --wait`) for the first bid on dseq, then for want open bids
// or a few more blocks, whichever comes first, and returns the bids seen.
func waitBids(t *testing.T, dseq uint64, want int, extra ...string) []bid {
	t.Helper()
	var bids []bid
	aktJSON(t, &bids, append([]string{"bids", "list", fmt.Sprint(dseq), "--wait", "30s", "--state", "open"}, extra...)...)
	if len(bids) == 0 {
		t.Fatalf("no bid on deployment %d within 30s", dseq)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for stop := dn.Height() + 10; len(bids) < want && dn.Height() < stop; {
		if err := dn.WaitForHeight(ctx, dn.Height()+1); err != nil {
			t.Fatalf("waiting for %d bids on deployment %d (have %d): %v", want, dseq, len(bids), err)
		}
		aktJSON(t, &bids, append([]string{"bids", "list", fmt.Sprint(dseq), "--state", "open"}, extra...)...)
	}
	return bids
}

// cheapest returns the bid with the lowest price (the first of equals).
func cheapest(t *testing.T, bids []bid) bid {
	t.Helper()
	best := bids[0]
	for _, b := range bids[1:] {
		if amount(t, b.Price.Amount).Cmp(amount(t, best.Price.Amount)) < 0 {
			best = b
		}
	}
	return best
}

// dseqs hands each test its own deployment sequences, far above the chain's heights so they
// never meet the default (the latest height).
var dseqs atomic.Uint64

func init() { dseqs.Store(5_000_000) }

// newDSeq returns an unused deployment sequence.
func newDSeq() uint64 { return dseqs.Add(1) }

// siteSDL renders the static-site template (akt templates render) into a temporary file.
func siteSDL(t *testing.T, sets ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "site.yaml")
	args := []string{"templates", "render", "static-site", "-f", path}
	for _, s := range sets {
		args = append(args, "--set", s)
	}
	akt(t, args...)
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("templates render wrote no SDL to %s: %v", path, err)
	}
	return path
}

// leaseUp creates a deployment of sdlPath with dseq, takes the cheapest (or the given
// provider's) bid and sends the manifest. It returns the provider's address.
func leaseUp(t *testing.T, sdlPath string, dseq uint64, provider string) string {
	t.Helper()
	tx(t, "deploy", "create", sdlPath, "--dseq", fmt.Sprint(dseq), "--deposit", "5000000uact")
	bids := waitBids(t, dseq, 5)
	if provider == "" {
		provider = cheapest(t, bids).ID.Provider
	}
	tx(t, "lease", "create", fmt.Sprint(dseq), "--provider", provider)
	akt(t, "manifest", "send", fmt.Sprint(dseq), sdlPath)
	return provider
}

// closeDeployment closes dseq at the end of a test (errors only logged: the test may have
// closed it already).
func closeDeployment(t *testing.T, dseq uint64, extra ...string) {
	t.Helper()
	t.Cleanup(func() {
		// A generous gas adjustment: bids may still be arriving (each one closed costs gas).
		r := runAkt(t, nil, append([]string{"deploy", "close", fmt.Sprint(dseq), "--yes", "--gas-adjustment", "3"}, extra...)...)
		if r.code != 0 && !strings.Contains(r.stderr, "closed") {
			t.Logf("closing deployment %d at cleanup: %s", dseq, r.stderr)
		}
	})
}

// setFaults replaces the devnet's faults through its control endpoint, as an operator would.
func setFaults(t *testing.T, f devnet.Faults) {
	t.Helper()
	body, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPut, dn.Endpoints().Control+"/faults", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("PUT %s/faults: %v", dn.Endpoints().Control, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("PUT %s/faults: %s: %s", dn.Endpoints().Control, resp.Status, b)
	}
}

// withFaults sets f for the rest of the test and clears every fault at its end.
func withFaults(t *testing.T, f devnet.Faults) {
	t.Helper()
	setFaults(t, f)
	t.Cleanup(func() { setFaults(t, devnet.Faults{}) })
}

// providerIndex returns the index (provider-I) of a provider address.
func providerIndex(t *testing.T, addr string) int {
	t.Helper()
	for i, p := range dn.Endpoints().Providers {
		if p.Address == addr {
			return i
		}
	}
	t.Fatalf("provider %s is not one of the devnet's", addr)
	return -1
}

// jsonUnmarshal decodes s into v.
func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

// waitGateway waits until the gateway of provider addr accepts connections (up) or refuses
// them (down): the devnet applies provider-down within a tick of the fault being set.
func waitGateway(t *testing.T, addr string, up bool) {
	t.Helper()
	host := hostOf(t, addr)
	deadline := time.Now().Add(10 * time.Second)
	for {
		// A full TLS handshake (the certificate is not checked: this only asks whether the
		// gateway listens) keeps the gateway from logging half-open probes.
		conn, err := tls.DialWithDialer(&stdnet.Dialer{Timeout: time.Second}, "tcp", host, &tls.Config{InsecureSkipVerify: true})
		if conn != nil {
			conn.Close()
		}
		if (err == nil) == up {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the gateway of %s at %s is not %s after 10s (dial: %v)", addr, host, map[bool]string{true: "up", false: "down"}[up], err)
		}
		time.Sleep(20 * time.Millisecond) // polling interval, bounded by the deadline above
	}
}
