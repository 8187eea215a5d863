package devnet

import (
	"testing"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	depositv1 "github.com/akt-project/akt/chain/types/base/deposit/v1"
	ptypes "github.com/akt-project/akt/chain/types/provider/v1beta4"

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

// TestChainClientDeploys: akt's chain client, with akt's keyring on the devnet home,
// simulates, signs and broadcasts a MsgCreateDeployment that the devnet includes.
func TestChainClientDeploys(t *testing.T) {
	ctx := testCtx(t)
	eps := shared.Endpoints()
	c, err := chain.Dial(ctx, chain.Endpoints{RPC: []string{eps.RPC}}, chain.WithChainID(eps.ChainID))
	if err != nil {
		t.Fatal(err)
	}
	kr, err := chain.OpenKeyring("test", eps.Home, nil)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := kr.Signer(eps.KeyName)
	if err != nil {
		t.Fatal(err)
	}
	tc, err := chain.NewTxClient(c, signer, chain.WithGasPrice("0.025", DenomAKT))
	if err != nil {
		t.Fatal(err)
	}
	dseq := uint64(shared.Height()) + 5_000_000
	spec := groupSpec("web", 100)
	create := createMsg(eps.KeyAddress, dseq, sdk.NewInt64Coin(DenomACT, 500_000), depositv1.Sources{depositv1.SourceBalance}, spec)
	msg, err := chain.NewCreateDeployment(eps.KeyAddress, dseq, create.Groups, create.Hash,
		chain.Coin{Denom: DenomACT, Amount: "500000"}, []chain.DepositSource{chain.SourceBalance})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := tc.Prepare(ctx, msg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := tc.Broadcast(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tc.Wait(ctx, res.Hash); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Deployment(ctx, eps.KeyAddress, dseq); err != nil {
		t.Fatalf("deployment created through the chain client not found: %v", err)
	}
}

// TestGRPCServesAkashQueries: the gRPC endpoint answers Akash and SDK queries.
func TestGRPCServesAkashQueries(t *testing.T) {
	t.Parallel()
	ctx := testCtx(t)
	cdc := codec.NewProtoCodec(shared.enc.InterfaceRegistry)
	conn, err := grpc.NewClient(shared.Endpoints().GRPC, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(cdc.GRPCCodec())))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	provs, err := ptypes.NewQueryClient(conn).Providers(ctx, &ptypes.QueryProvidersRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(provs.Providers) != len(shared.provs) {
		t.Errorf("gRPC lists %d providers, want %d", len(provs.Providers), len(shared.provs))
	}
	bal, err := banktypes.NewQueryClient(conn).Balance(ctx, &banktypes.QueryBalanceRequest{Address: shared.TenantAddress().String(), Denom: DenomACT})
	if err != nil || !bal.Balance.IsPositive() {
		t.Errorf("gRPC tenant uact balance %v, %v", bal, err)
	}
}
