package chain_test

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/devnet"
)

// The devnet is a real single-validator chain on 127.0.0.1 with akt's
// Akash modules and simulated providers; one is shared by the e2e tests
// and started on first use (seconds).
var (
	devOnce sync.Once
	devNet  *devnet.Devnet
	devErr  error
)

func startDevnet(t *testing.T) devnet.Endpoints {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test against a local devnet (skipped with -short)")
	}
	devOnce.Do(func() {
		home, err := os.MkdirTemp("", "akt-chain-e2e-")
		if err != nil {
			devErr = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		devNet, devErr = devnet.Start(ctx, devnet.Options{Home: home, BlockTime: 200 * time.Millisecond, Seed: 7, Ports: devnet.Ports{Auto: true}})
	})
	if devErr != nil {
		t.Fatalf("starting devnet: %v", devErr)
	}
	return devNet.Endpoints()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if devNet != nil {
		home := devNet.Endpoints().Home
		_ = devNet.Close()
		_ = os.RemoveAll(home)
	}
	os.Exit(code)
}

func e2eCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// e2eClient dials the devnet (RPC, plus gRPC when withGRPC) and returns a
// tx client for the funded tenant key from the devnet's test keyring.
func e2eClient(t *testing.T, withGRPC bool) (*chain.Client, *chain.TxClient, chain.Signer, devnet.Endpoints) {
	t.Helper()
	eps := startDevnet(t)
	ep := chain.Endpoints{RPC: []string{eps.RPC}}
	if withGRPC {
		ep.GRPC = []string{eps.GRPC}
	}
	c, err := chain.Dial(e2eCtx(t), ep, chain.WithChainID(eps.ChainID))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	kr, err := chain.OpenKeyring(chain.BackendTest, eps.Home, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := kr.Signer(eps.KeyName)
	if err != nil {
		t.Fatal(err)
	}
	tc, err := chain.NewTxClient(c, s, chain.WithGasPrice("0.025", chain.DenomAKT), chain.WithWait(100*time.Millisecond, 30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	return c, tc, s, eps
}

// e2eSDL is a small web service priced in uact, with no placement
// constraints so the devnet's providers bid on it.
const e2eSDL = `version: "2.0"
services:
  web:
    image: nginx:1.27
    expose:
      - port: 80
        as: 80
        to:
          - global: true
profiles:
  compute:
    web:
      resources:
        cpu:
          units: 0.5
        memory:
          size: 512Mi
        storage:
          size: 1Gi
  placement:
    dc:
      pricing:
        web:
          denom: uact
          amount: 100
deployment:
  web:
    dc:
      profile: web
      count: 1
`

// TestE2EDeploymentLifecycle: create a deployment from a corpus SDL, see
// the providers' bids arrive as events, lease the cheapest, check the
// escrow's spend and runway, then close it.
func TestE2EDeploymentLifecycle(t *testing.T) {
	c, tc, s, _ := e2eClient(t, true)
	ctx := e2eCtx(t)
	groups, version, _, err := chain.DeploymentFromSDL([]byte(e2eSDL))
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dseq := uint64(st.LatestHeight)
	events := c.Subscribe(ctx, chain.SubscribeOptions{Owner: s.Address(), PollInterval: 100 * time.Millisecond})

	msg, err := chain.NewCreateDeployment(s.Address(), dseq, groups, version, chain.Coin{Denom: chain.DenomACT, Amount: "5000000"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := tc.Prepare(ctx, msg)
	if err != nil {
		t.Fatal(err)
	}
	if !plan.GasEstimated || plan.Gas == 0 {
		t.Fatalf("plan gas %d estimated %v", plan.Gas, plan.GasEstimated)
	}
	res, err := tc.Broadcast(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tc.Wait(ctx, res.Hash); err != nil {
		t.Fatal(err)
	}

	// Bids for our deployment arrive as events.
	var bid chain.ChainEvent
	for ev := range events {
		if ev.Kind == chain.EventBidCreated && ev.ID.DSeq == dseq {
			bid = ev
			break
		}
	}
	if bid.ID.Provider == "" {
		t.Fatal("no bid event")
	}
	bids, err := c.Bids(ctx, s.Address(), dseq, "open")
	if err != nil || len(bids) == 0 {
		t.Fatalf("bids %v %v", bids, err)
	}
	if len(bids[0].Offers) == 0 || bids[0].Offers[0].Resources.CPUMillis == 0 {
		t.Fatalf("bid without offered resources: %+v", bids[0])
	}
	lease, err := chain.NewCreateLease(bids[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if plan, err = tc.Prepare(ctx, lease); err != nil {
		t.Fatal(err)
	}
	if res, err = tc.Broadcast(ctx, plan); err != nil {
		t.Fatal(err)
	}
	if _, err := tc.Wait(ctx, res.Hash); err != nil {
		t.Fatal(err)
	}
	d, err := c.Deployment(ctx, s.Address(), dseq)
	if err != nil {
		t.Fatal(err)
	}
	if d.State != "active" || len(d.Escrow.SpendPerBlock) == 0 || d.Escrow.RunwayBlocks <= 0 || d.Escrow.RunwayHours <= 0 {
		t.Fatalf("deployment after lease: %+v", d)
	}

	closeMsg, _ := chain.NewCloseDeployment(s.Address(), dseq)
	if plan, err = tc.Prepare(ctx, closeMsg); err != nil {
		t.Fatal(err)
	}
	if res, err = tc.Broadcast(ctx, plan); err != nil {
		t.Fatal(err)
	}
	if _, err := tc.Wait(ctx, res.Hash); err != nil {
		t.Fatal(err)
	}
	for ev := range events {
		if ev.Kind == chain.EventDeploymentClosed && ev.ID.DSeq == dseq {
			return
		}
	}
	t.Fatal("no deployment-closed event")
}

// TestE2ESendSequenceAndRejection: a stale plan (its sequence already
// used) is re-signed once after the chain's sequence mismatch; a send
// beyond the balance is a typed insufficient-funds error.
func TestE2ESendSequenceAndRejection(t *testing.T) {
	c, tc, s, eps := e2eClient(t, false)
	ctx := e2eCtx(t)
	to := eps.Providers[0].Address
	send := func(amount string) chain.Msg {
		coins, err := chain.ParseCoins(amount)
		if err != nil {
			t.Fatal(err)
		}
		m, err := chain.NewSend(s.Address(), to, coins)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	before, err := c.Balances(ctx, to)
	if err != nil {
		t.Fatal(err)
	}
	p1, err := tc.Prepare(ctx, send("1000uakt"))
	if err != nil {
		t.Fatal(err)
	}
	p2, err := tc.Prepare(ctx, send("2000uakt")) // same sequence as p1
	if err != nil {
		t.Fatal(err)
	}
	r1, err := tc.Broadcast(ctx, p1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tc.Wait(ctx, r1.Hash); err != nil {
		t.Fatal(err)
	}
	r2, err := tc.Broadcast(ctx, p2)
	if err != nil {
		t.Fatalf("stale plan not retried: %v", err)
	}
	if p2.Sequence == p1.Sequence {
		t.Fatalf("stale plan kept sequence %d", p2.Sequence)
	}
	if _, err := tc.Wait(ctx, r2.Hash); err != nil {
		t.Fatal(err)
	}
	after, err := c.Balances(ctx, to)
	if err != nil {
		t.Fatal(err)
	}
	if diff := amountInt(t, chain.AmountOf(after, "uakt")) - amountInt(t, chain.AmountOf(before, "uakt")); diff != 3000 {
		t.Fatalf("recipient got %d uakt, want 3000", diff)
	}

	_, err = tc.Prepare(ctx, send("999999999999999uakt"))
	var te *chain.TxError
	if !errors.Is(err, chain.ErrInsufficientFunds) || !errors.As(err, &te) || te.Log == "" {
		t.Fatalf("overspend: %v", err)
	}
}

func amountInt(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("amount %q", s)
		}
		n = n*10 + int64(r-'0')
	}
	return n
}

// ledgerLike signs like a Ledger would: amino-JSON sign bytes.
type ledgerLike struct{ chain.Signer }

func (ledgerLike) SignMode() chain.SignMode { return chain.SignModeAminoJSON }

// TestE2EAminoJSONSigner: a signer in amino-JSON mode (the Ledger path)
// gets its send and create-deployment accepted by the chain, with no
// change for callers.
func TestE2EAminoJSONSigner(t *testing.T) {
	c, _, s, eps := e2eClient(t, false)
	ctx := e2eCtx(t)
	tc, err := chain.NewTxClient(c, ledgerLike{s}, chain.WithGasPrice("0.025", chain.DenomAKT), chain.WithWait(100*time.Millisecond, 30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	send, err := chain.NewSend(s.Address(), eps.Providers[0].Address, []chain.Coin{{Denom: "uakt", Amount: "17"}})
	if err != nil {
		t.Fatal(err)
	}
	groups, version, _, err := chain.DeploymentFromSDL([]byte(e2eSDL))
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	create, err := chain.NewCreateDeployment(s.Address(), uint64(st.LatestHeight), groups, version, chain.Coin{Denom: chain.DenomACT, Amount: "5000000"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []chain.Msg{send, create} {
		plan, err := tc.Prepare(ctx, m)
		if err != nil {
			t.Fatalf("%s: %v", chainTypeURL(m), err)
		}
		res, err := tc.Broadcast(ctx, plan)
		if err != nil {
			t.Fatalf("%s: %v", chainTypeURL(m), err)
		}
		if _, err := tc.Wait(ctx, res.Hash); err != nil {
			t.Fatalf("%s: %v", chainTypeURL(m), err)
		}
	}
}

func chainTypeURL(m chain.Msg) string { return chain.Describe(m).TypeURL }
