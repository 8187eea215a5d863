package devnet

import (
	"testing"

	"github.com/akt-project/akt/chain"
)

// TestChainClientReadsDevnet checks that akt's own chain client, over the public RPC, sees
// the devnet as it would see mainnet (a smoke test; the chain package's end-to-end tests go
// further).
func TestChainClientReadsDevnet(t *testing.T) {
	ctx := testCtx(t)
	eps := shared.Endpoints()
	c, err := chain.Dial(ctx, chain.Endpoints{RPC: []string{eps.RPC}, GRPC: []string{eps.GRPC}}, chain.WithChainID(eps.ChainID))
	if err != nil {
		t.Fatal(err)
	}
	provs, err := c.Providers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(provs) != len(shared.provs) {
		t.Fatalf("%d providers, want %d", len(provs), len(shared.provs))
	}
	audited := 0
	for _, p := range provs {
		if len(p.AuditedBy) > 0 {
			audited++
		}
		if p.HostURI == "" || p.Region == "" {
			t.Errorf("provider %+v lacks a host URI or region", p)
		}
	}
	if audited != len(provs)-1 {
		t.Errorf("%d audited providers, want all but one", audited)
	}
	bal, err := c.Balances(ctx, eps.KeyAddress)
	if err != nil {
		t.Fatal(err)
	}
	denoms := map[string]bool{}
	for _, b := range bal {
		denoms[b.Denom] = true
	}
	if !denoms[DenomAKT] || !denoms[DenomACT] {
		t.Errorf("tenant balances %+v lack uakt or uact", bal)
	}
	if st, err := c.BME(ctx); err != nil || !st.MintsAllowed {
		t.Errorf("bme status %+v, %v", st, err)
	}
	if _, err := c.Deployments(ctx, chain.DeploymentFilter{Owner: eps.KeyAddress}); err != nil {
		t.Errorf("listing deployments: %v", err)
	}
}

// TestTenantKeyInAktKeyring: akt's keyring opens the devnet home's test keyring and finds
// the funded key.
func TestTenantKeyInAktKeyring(t *testing.T) {
	t.Parallel()
	kr, err := chain.OpenKeyring("test", shared.Endpoints().Home, nil)
	if err != nil {
		t.Fatal(err)
	}
	k, err := kr.Show(TenantKeyName)
	if err != nil {
		t.Fatal(err)
	}
	if k.Address != shared.TenantAddress().String() {
		t.Errorf("keyring tenant %s, devnet tenant %s", k.Address, shared.TenantAddress())
	}
}
