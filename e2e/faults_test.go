package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/devnet"
)

// manifestWait bounds a manifest send that is bound to fail: akt retries a provider's
// failures for about half a minute (provider.DefaultRetry), longer than a test should wait.
const manifestWait = 5 * time.Second

// leaseChain is the tenant's view of a deployment on chain: its state, escrow and leases.
func leaseChain(t *testing.T, dseq uint64) string {
	t.Helper()
	d := showDeployment(t, dseq)
	var leases []string
	for _, l := range d.Leases {
		leases = append(leases, l.State)
	}
	return fmt.Sprintf("deployment %s, escrow %s, leases %v", d.Deployment.State, d.Deployment.Escrow.State, leases)
}

// openLease creates a deployment with a lease on the cheapest bid, without sending the
// manifest; it returns the SDL, the provider and its index.
func openLease(t *testing.T, dseq uint64) (string, string, int) {
	t.Helper()
	sdlPath := siteSDL(t)
	tx(t, "deploy", "create", sdlPath, "--dseq", fmt.Sprint(dseq), "--deposit", "5000000uact")
	closeDeployment(t, dseq)
	p := cheapest(t, waitBids(t, dseq, 5)).ID.Provider
	tx(t, "lease", "create", fmt.Sprint(dseq), "--provider", p)
	return sdlPath, p, providerIndex(t, p)
}

// TestProviderDown: with the lease's provider down, manifest send and lease status fail
// naming the provider and the failure, nothing changes on chain, and both work once the
// provider is back.
func TestProviderDown(t *testing.T) {
	dseq := newDSeq()
	sdlPath, prov, idx := openLease(t, dseq)
	before := leaseChain(t, dseq)
	withFaults(t, devnet.Faults{ProvidersDown: []int{idx}})
	waitGateway(t, prov, false)

	for _, args := range [][]string{
		{"manifest", "send", fmt.Sprint(dseq), sdlPath},
		{"lease", "status", fmt.Sprint(dseq)},
	} {
		// manifest send retries refused connections for about 30s: 5s show the error.
		r := runAktWithin(t, manifestWait, nil, args...)
		if r.code == 0 {
			t.Fatalf("succeeded with the provider down: %s", r)
		}
		if !strings.Contains(r.stderr, prov) && !strings.Contains(r.stderr, hostOf(t, prov)) {
			t.Errorf("akt %s with the provider down does not name it (%s): %s", strings.Join(args, " "), prov, r.stderr)
		}
		if !strings.Contains(strings.ToLower(r.stderr), "refused") {
			t.Errorf("akt %s with the provider down does not say the connection was refused: %s", strings.Join(args, " "), r.stderr)
		}
		t.Logf("akt %s: %s", args[0]+" "+args[1], strings.TrimSpace(r.stderr))
	}
	// JSON output puts the error on stderr as {"error": ...} and nothing on stdout.
	r := runAkt(t, nil, "lease", "status", fmt.Sprint(dseq), "-o", "json")
	var e struct {
		Error string `json:"error"`
	}
	if r.code == 0 || r.stdout != "" || json.Unmarshal([]byte(r.stderr), &e) != nil || e.Error == "" {
		t.Errorf("lease status -o json with the provider down: %s", r)
	}
	if after := leaseChain(t, dseq); after != before {
		t.Errorf("the chain changed while the provider was down: %s, then %s", before, after)
	}

	setFaults(t, devnet.Faults{})
	waitGateway(t, prov, true)
	akt(t, "manifest", "send", fmt.Sprint(dseq), sdlPath)
	var st []leaseStatus
	aktJSON(t, &st, "lease", "status", fmt.Sprint(dseq))
	if len(st) != 1 || st[0].Status.Services["web"].ReadyReplicas != 1 {
		t.Errorf("lease status once the provider is back: %+v", st)
	}
}

// TestManifestFail: a provider that fails the manifest makes manifest send report its error;
// after the fault is cleared the same command succeeds.
func TestManifestFail(t *testing.T) {
	dseq := newDSeq()
	sdlPath, prov, idx := openLease(t, dseq)
	withFaults(t, devnet.Faults{ManifestFail: []int{idx}})
	// The provider's 500 is retried for about 30s; within 5s the error already says why.
	r := runAktWithin(t, manifestWait, nil, "manifest", "send", fmt.Sprint(dseq), sdlPath)
	if r.code == 0 {
		t.Fatalf("manifest send succeeded on a failing provider: %s", r)
	}
	if !strings.Contains(r.stderr, "manifest deployment failed") {
		t.Errorf("manifest send does not pass on the provider's error: %s", r.stderr)
	}
	if !strings.Contains(r.stderr, prov) && !strings.Contains(r.stderr, hostOf(t, prov)) {
		t.Errorf("manifest send does not name the provider %s: %s", prov, r.stderr)
	}
	t.Logf("manifest send: %s", strings.TrimSpace(r.stderr))
	t.Run("manifest send says it is retrying", func(t *testing.T) {
		if !strings.Contains(strings.ToLower(r.stderr), "retrying") {
			t.Errorf("5s of retries left no word on stderr: %s", r.stderr)
		}
	})
	if s := leaseChain(t, dseq); !strings.Contains(s, "deployment active") || !strings.Contains(s, "[active]") {
		t.Errorf("after the failed manifest: %s, want the deployment and lease still active", s)
	}

	setFaults(t, devnet.Faults{})
	var sent []struct {
		Provider string `json:"provider"`
		Status   string `json:"status"`
	}
	aktJSON(t, &sent, "manifest", "send", fmt.Sprint(dseq), sdlPath)
	if len(sent) != 1 || sent[0].Status != "sent" {
		t.Fatalf("manifest send after the fault: %+v", sent)
	}
	var st []leaseStatus
	aktJSON(t, &st, "lease", "status", fmt.Sprint(dseq))
	if len(st) != 1 || st[0].Status.Services["web"].ReadyReplicas != 1 {
		t.Errorf("lease status after the retry: %+v", st)
	}
}

// TestRPCSlow: with every RPC request delayed well within akt's per-request timeout, queries
// and transactions still work; with a delay beyond it, a command fails naming the endpoint.
func TestRPCSlow(t *testing.T) {
	withFaults(t, devnet.Faults{RPCDelayMS: 300})
	start := time.Now()
	if b := balance(t, "", "uact"); b.Sign() <= 0 {
		t.Errorf("balance through a slow RPC: %s", b)
	}
	addr := newKey(t, "e2e-slow")
	tx(t, "send", addr, "1000uakt")
	if got := balance(t, addr, "uakt"); got.Cmp(num(1000)) != 0 {
		t.Errorf("the send through a slow RPC delivered %s uakt, want 1000", got)
	}
	t.Logf("balance, send and two balances took %s with a 300ms RPC delay", time.Since(start).Round(time.Millisecond))

	// Beyond the timeout (8s per request) the command gives up and names the endpoint.
	setFaults(t, devnet.Faults{RPCDelayMS: 12_000})
	r := aktFail(t, "balance")
	if !strings.Contains(r.stderr, dn.Endpoints().RPC) {
		t.Errorf("balance on a stalled RPC does not name %s: %s", dn.Endpoints().RPC, r.stderr)
	}
	t.Logf("stalled RPC: %s", strings.TrimSpace(r.stderr))
}

// TestRPCDropWebsocket: with the node's websockets cut, bids list --wait still finds the bids
// (it polls) and the event stream akt's console uses falls back to polling and still
// delivers the deployment's bids.
func TestRPCDropWebsocket(t *testing.T) {
	withFaults(t, devnet.Faults{RPCDropWebsockets: true})
	eps := dn.Endpoints()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	c, err := chain.Dial(ctx, chain.Endpoints{RPC: []string{eps.RPC}}, chain.WithChainID(eps.ChainID))
	if err != nil {
		t.Fatal(err)
	}
	events := c.Subscribe(ctx, chain.SubscribeOptions{Owner: eps.KeyAddress, PollInterval: 200 * time.Millisecond})

	dseq := newDSeq()
	tx(t, "deploy", "create", siteSDL(t), "--dseq", fmt.Sprint(dseq), "--deposit", "5000000uact")
	closeDeployment(t, dseq)
	if bids := waitBids(t, dseq, 1); len(bids) == 0 {
		t.Fatal("no bids with websockets dropped")
	}

	polling, bidSeen := false, false
	for !(polling && bidSeen) {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatalf("the event stream ended (polling %v, bid seen %v): %v", polling, bidSeen, ctx.Err())
			}
			if ev.Kind == chain.EventTransport && strings.HasPrefix(ev.Detail, "polling") {
				polling = true
			}
			if ev.Kind == chain.EventBidCreated && ev.ID.DSeq == dseq {
				bidSeen = true
			}
		case <-ctx.Done():
			t.Fatalf("the event stream did not switch to polling (%v) and deliver a bid of %d (%v)", polling, dseq, bidSeen)
		}
	}
}

// hostOf returns the host:port of a provider's gateway.
func hostOf(t *testing.T, addr string) string {
	t.Helper()
	for _, p := range dn.Endpoints().Providers {
		if p.Address == addr {
			return strings.TrimPrefix(strings.TrimPrefix(p.HostURI, "https://"), "http://")
		}
	}
	t.Fatalf("provider %s unknown", addr)
	return ""
}
