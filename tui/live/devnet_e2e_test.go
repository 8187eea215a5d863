package live

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/akt-project/akt/config"
	"github.com/akt-project/akt/devnet"
	"github.com/akt-project/akt/tui/svc"
)

// TestJourneyOnDevnet drives the console's whole journey through the live services against
// an in-process devnet (a real chain with simulated providers): account, template, create a
// deployment (after a preflight), bids from chain events, accept one, send the manifest,
// lease ready, the deployment listed with its spend and its detail, logs, mint ACT, close.
func TestJourneyOnDevnet(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a devnet")
	}
	home := t.TempDir()
	start, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	d, err := devnet.Start(start, devnet.Options{Home: home, BlockTime: 200 * time.Millisecond, Seed: 7, Providers: 2, Ports: devnet.Ports{Auto: true}})
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	eps := d.Endpoints()
	nets := config.BuiltinNetworks()
	net := nets["devnet"]
	net.ChainID, net.RPC, net.GRPC = eps.ChainID, []string{eps.RPC}, []string{eps.GRPC}
	nets["devnet"] = net
	dir := t.TempDir()
	cfg := &config.Config{NetworkName: "devnet", Network: net, Networks: nets, From: eps.KeyName, KeyringBackend: "test", Home: eps.Home,
		File: dir + "/config.yaml", Dirs: config.Dirs{UserHome: dir, Data: dir + "/data", State: dir + "/state", Config: dir}}
	s := New(cfg, Options{PollInterval: 200 * time.Millisecond})
	t.Cleanup(s.Close)
	deps := s.Deps()
	ctx, stop := context.WithTimeout(context.Background(), time.Minute)
	defer stop()

	acc, err := deps.Wallet.Account(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if acc.Key == nil || acc.Key.Address != eps.KeyAddress || acc.Balances.UACT == 0 || acc.Balances.UAKT == 0 {
		t.Fatalf("account %+v", acc)
	}
	doc, err := deps.Catalog.Render(ctx, "container", nil)
	if err != nil {
		t.Fatal(err)
	}
	checks, err := deps.Preflight.Validate(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	answers, yes := 0, 0
	for c := range checks {
		answers++
		if c.WouldBid {
			yes++
		}
	}
	if answers != 2 || yes == 0 {
		t.Fatalf("preflight: %d answers, %d would bid", answers, yes)
	}
	plan, err := deps.Signer.Prepare(ctx, svc.CreateDeployment{SDL: doc, DepositUACT: 5_000_000, Sources: []svc.DepositSource{svc.FromBalance}})
	if err != nil {
		t.Fatal(err)
	}
	created, err := deps.Signer.Broadcast(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	dseq := created.DSeq
	watch, err := deps.Market.WatchBids(ctx, dseq)
	if err != nil {
		t.Fatal(err)
	}
	_, bids, err := deps.Market.Order(ctx, dseq)
	if err != nil {
		t.Fatal(err)
	}
	if len(bids) == 0 {
		select {
		case b := <-watch:
			bids = append(bids, b)
		case <-ctx.Done():
			t.Fatal("no bid arrived")
		}
	}
	b := bids[0]
	if b.Host == "" || b.PricePerBlock <= 0 {
		t.Fatalf("bid %+v", b)
	}
	plan, err = deps.Signer.Prepare(ctx, svc.AcceptBid{DSeq: b.DSeq, GSeq: b.GSeq, OSeq: b.OSeq, Provider: b.Provider})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := deps.Signer.Broadcast(ctx, plan); err != nil {
		t.Fatal(err)
	}
	lease := svc.LeaseID{DSeq: b.DSeq, GSeq: b.GSeq, OSeq: b.OSeq, Provider: b.Provider}
	if err := deps.Providers.SendManifest(ctx, lease, nil); err != nil {
		t.Fatal(err)
	}
	status, err := deps.Providers.WatchStatus(ctx, lease)
	if err != nil {
		t.Fatal(err)
	}
	ready := false
	for st := range status {
		if ready = st.AllReady(); ready {
			break
		}
	}
	if !ready {
		t.Fatal("the lease never became ready")
	}
	list, err := deps.Deployments.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) == 0 || list[0].DSeq != dseq || list[0].State != "active" || list[0].PricePerBlock <= 0 || list[0].EscrowUACT <= 0 || list[0].Provider == "" {
		t.Fatalf("deployments %+v", list)
	}
	detail, err := deps.Details.Detail(ctx, dseq)
	if err != nil || len(detail.Leases) != 1 || detail.Leases[0].State != "active" || detail.Leases[0].ID != lease {
		t.Fatalf("detail %+v, %v", detail, err)
	}
	lines, err := deps.Logs.Logs(ctx, lease, "", false, 5)
	if err != nil {
		t.Fatal(err)
	}
	for range lines {
	}
	plan, err = deps.Signer.Prepare(ctx, svc.MintACT{UAKT: 10_000_000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := deps.Signer.Broadcast(ctx, plan); err != nil {
		t.Fatal(err)
	}
	plan, err = deps.Signer.Prepare(ctx, svc.CloseDeployment{DSeq: dseq})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := deps.Signer.Broadcast(ctx, plan); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.store.path("devnet", dseq)); err != nil {
		t.Fatalf("SDL not stored: %v", err)
	}
}
