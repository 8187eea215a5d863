package chain_test

import (
	"errors"
	"testing"

	"github.com/akt-project/akt/chain"
)

// TestE2EBMERate: after minting ACT on the devnet (2 ACT per AKT, no spread), BMERate reads
// that mint back from the ledger with the rate and the prices it was executed at.
func TestE2EBMERate(t *testing.T) {
	c, tc, s, _ := e2eClient(t, false)
	ctx := e2eCtx(t)
	if _, err := c.BMERate(ctx); err != nil && !errors.Is(err, chain.ErrNoRate) {
		t.Fatalf("rate before minting: %v", err)
	}
	amt, err := chain.ParseCoin("1000000uakt")
	if err != nil {
		t.Fatal(err)
	}
	m, err := chain.NewMintACT(s.Address(), amt)
	if err != nil {
		t.Fatal(err)
	}
	p, err := tc.Prepare(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	r, err := tc.Broadcast(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	res, err := tc.Wait(ctx, r.Hash)
	if err != nil {
		t.Fatal(err)
	}
	rate, err := c.BMERate(ctx)
	if err != nil {
		t.Fatalf("rate after minting: %v", err)
	}
	want := chain.BMERate{ACTPerAKT: "2", OracleACTPerAKT: "2", AKTPrice: "2", ACTPrice: "1",
		Burned: chain.Coin{Denom: "uakt", Amount: "1000000"}, Minted: chain.Coin{Denom: "uact", Amount: "2000000"},
		Spread: chain.Coin{Denom: "uact", Amount: "0"}, Height: res.Height, Source: s.Address()}
	rate.Sequence = 0
	if rate != want {
		t.Fatalf("rate = %+v\nwant   %+v", rate, want)
	}
	if rate.Float() != 2 {
		t.Fatalf("Float = %v", rate.Float())
	}
}
