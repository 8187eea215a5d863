package devnet

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"cosmossdk.io/x/feegrant"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	attrv1 "github.com/akt-project/akt/chain/types/base/attributes/v1"
	depositv1 "github.com/akt-project/akt/chain/types/base/deposit/v1"
	rv1beta4 "github.com/akt-project/akt/chain/types/base/resources/v1beta4"
	dv1 "github.com/akt-project/akt/chain/types/deployment/v1"
	dtypes "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	etypes "github.com/akt-project/akt/chain/types/escrow/types/v1"
	escrowv1 "github.com/akt-project/akt/chain/types/escrow/v1"
	mv1 "github.com/akt-project/akt/chain/types/market/v1"
	mtypes "github.com/akt-project/akt/chain/types/market/v1beta5"
)

// deliver broadcasts msgs and waits for their block; it returns the DeliverTx error, if any.
func deliver(ctx context.Context, s *signer, msgs ...sdk.Msg) error {
	res, err := s.broadcast(ctx, msgs...)
	if err != nil {
		return err
	}
	_, err = waitTx(ctx, s.cctx, res.TxHash)
	return err
}

func mustDeliver(t *testing.T, ctx context.Context, s *signer, msgs ...sdk.Msg) {
	t.Helper()
	if err := deliver(ctx, s, msgs...); err != nil {
		t.Fatal(err)
	}
}

// groupSpec is a small web service group priced at pricePerBlock uact.
func groupSpec(name string, pricePerBlock int64, attrs ...attrv1.Attribute) dtypes.GroupSpec {
	return dtypes.GroupSpec{
		Name:         name,
		Requirements: attrv1.PlacementRequirements{Attributes: attrs},
		Resources: dtypes.ResourceUnits{{
			Resource: rv1beta4.Resources{
				ID:        1,
				CPU:       &rv1beta4.CPU{Units: rv1beta4.ResourceValue{Val: sdkmath.NewInt(500)}},
				Memory:    &rv1beta4.Memory{Quantity: rv1beta4.ResourceValue{Val: sdkmath.NewInt(512 << 20)}},
				Storage:   rv1beta4.Volumes{{Name: "default", Quantity: rv1beta4.ResourceValue{Val: sdkmath.NewInt(1 << 30)}}},
				GPU:       &rv1beta4.GPU{Units: rv1beta4.ResourceValue{Val: sdkmath.NewInt(0)}},
				Endpoints: rv1beta4.Endpoints{{Kind: rv1beta4.Endpoint_SHARED_HTTP, SequenceNumber: 0}},
			},
			Count: 1,
			Price: sdk.NewDecCoinFromDec(DenomACT, sdkmath.LegacyNewDec(pricePerBlock)),
		}},
	}
}

func createMsg(owner string, dseq uint64, deposit sdk.Coin, sources depositv1.Sources, spec dtypes.GroupSpec) *dtypes.MsgCreateDeployment {
	hash := sha256.Sum256([]byte(fmt.Sprintf("manifest %s %d", owner, dseq)))
	return &dtypes.MsgCreateDeployment{
		ID:      dv1.DeploymentID{Owner: owner, DSeq: dseq},
		Groups:  dtypes.GroupSpecs{spec},
		Hash:    hash[:],
		Deposit: depositv1.Deposit{Amount: deposit, Sources: sources},
	}
}

// waitBids waits until at least n open bids exist on the deployment and returns them.
func waitBids(t *testing.T, ctx context.Context, owner string, dseq uint64, n int) []mtypes.QueryBidResponse {
	t.Helper()
	q := mtypes.NewQueryClient(shared.ClientContext())
	start := shared.Height()
	for {
		res, err := q.Bids(ctx, &mtypes.QueryBidsRequest{Filters: mtypes.BidFilters{Owner: owner, DSeq: dseq, State: "open"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Bids) >= n {
			t.Logf("%d bids within %d blocks", len(res.Bids), shared.Height()-start)
			return res.Bids
		}
		if shared.Height()-start > 10 {
			t.Fatalf("only %d bids after 10 blocks, want %d", len(res.Bids), n)
		}
		if err := shared.WaitForHeight(ctx, shared.Height()+1); err != nil {
			t.Fatal(err)
		}
	}
}

func cheapest(bids []mtypes.QueryBidResponse) mtypes.Bid {
	best := bids[0].Bid
	for _, b := range bids[1:] {
		if b.Bid.Price.Amount.LT(best.Price.Amount) {
			best = b.Bid
		}
	}
	return best
}

func TestDeploymentBidsLeaseAndPayment(t *testing.T) {
	ctx := testCtx(t)
	s := tenantSigner(t, shared)
	owner := shared.TenantAddress().String()
	dseq := uint64(shared.Height())

	// New deployments must be funded in uact.
	akt := createMsg(owner, dseq, sdk.NewInt64Coin(DenomAKT, 5_000_000), depositv1.Sources{depositv1.SourceBalance}, groupSpec("web", 1000))
	if err := deliver(ctx, s, akt); err == nil || !strings.Contains(err.Error(), "AKT deposits are only allowed") {
		t.Fatalf("uakt deposit: got %v, want the AKT-deposit rejection", err)
	}
	priced := createMsg(owner, dseq, sdk.NewInt64Coin(DenomACT, 5_000_000), depositv1.Sources{depositv1.SourceBalance}, groupSpec("web", 1000))
	priced.Groups[0].Resources[0].Price.Denom = DenomAKT
	if err := deliver(ctx, s, priced); err == nil || !strings.Contains(err.Error(), "unsupported denomination") {
		t.Fatalf("uakt price: got %v, want unsupported denomination", err)
	}
	mustDeliver(t, ctx, s, createMsg(owner, dseq, sdk.NewInt64Coin(DenomACT, 5_000_000), depositv1.Sources{depositv1.SourceBalance}, groupSpec("web", 1000)))

	// Every provider can serve this small group: all five bid within a few blocks.
	bids := waitBids(t, ctx, owner, dseq, len(shared.provs))
	best := cheapest(bids)
	if best.Price.Amount.GT(sdkmath.LegacyNewDec(1000)) || !best.Price.Amount.IsPositive() {
		t.Fatalf("bid price %s outside (0, 1000]", best.Price)
	}
	mustDeliver(t, ctx, s, &mtypes.MsgCreateLease{BidID: best.ID})

	mq := mtypes.NewQueryClient(shared.ClientContext())
	lease, err := mq.Lease(ctx, &mtypes.QueryLeaseRequest{ID: best.ID.LeaseID()})
	if err != nil {
		t.Fatal(err)
	}
	if lease.Lease.State != mv1.LeaseActive || lease.EscrowPayment.State.State != etypes.StateOpen {
		t.Fatalf("lease %s state %s, payment %s", lease.Lease.ID, lease.Lease.State, lease.EscrowPayment.State.State)
	}
	lost, err := mq.Bids(ctx, &mtypes.QueryBidsRequest{Filters: mtypes.BidFilters{Owner: owner, DSeq: dseq, State: "lost"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(lost.Bids) != len(bids)-1 {
		t.Errorf("%d lost bids, want %d", len(lost.Bids), len(bids)-1)
	}

	// The escrow pays the provider every block.
	provider, _ := sdk.AccAddressFromBech32(best.ID.Provider)
	before := balance(t, shared, provider, DenomACT)
	if err := shared.WaitForHeight(ctx, shared.Height()+3); err != nil {
		t.Fatal(err)
	}
	after := balance(t, shared, provider, DenomACT)
	if !after.Amount.GT(before.Amount) {
		t.Errorf("provider balance %s did not grow from %s", after, before)
	}

	// Closing returns the rest of the deposit.
	tenantBefore := balance(t, shared, shared.TenantAddress(), DenomACT)
	mustDeliver(t, ctx, s, &dtypes.MsgCloseDeployment{ID: dv1.DeploymentID{Owner: owner, DSeq: dseq}})
	dq := dtypes.NewQueryClient(shared.ClientContext())
	dep, err := dq.Deployment(ctx, &dtypes.QueryDeploymentRequest{ID: dv1.DeploymentID{Owner: owner, DSeq: dseq}})
	if err != nil {
		t.Fatal(err)
	}
	if dep.Deployment.State != dv1.DeploymentClosed || dep.EscrowAccount.State.State != etypes.StateClosed {
		t.Errorf("after close: deployment %s, escrow %s", dep.Deployment.State, dep.EscrowAccount.State.State)
	}
	if refunded := balance(t, shared, shared.TenantAddress(), DenomACT); !refunded.Amount.GT(tenantBefore.Amount) {
		t.Errorf("tenant uact %s not refunded (was %s)", refunded, tenantBefore)
	}
}

func TestDryEscrowClosesDeployment(t *testing.T) {
	ctx := testCtx(t)
	s := tenantSigner(t, shared)
	owner := shared.TenantAddress().String()
	dseq := uint64(shared.Height()) + 1_000_000
	shared.SetFaults(Faults{EscrowBlocks: 4})
	defer shared.SetFaults(Faults{})

	mustDeliver(t, ctx, s, createMsg(owner, dseq, sdk.NewInt64Coin(DenomACT, 500_000), depositv1.Sources{depositv1.SourceBalance}, groupSpec("dry", 100)))
	best := cheapest(waitBids(t, ctx, owner, dseq, 1))
	mustDeliver(t, ctx, s, &mtypes.MsgCreateLease{BidID: best.ID})

	dq := dtypes.NewQueryClient(shared.ClientContext())
	start := shared.Height()
	for {
		dep, err := dq.Deployment(ctx, &dtypes.QueryDeploymentRequest{ID: dv1.DeploymentID{Owner: owner, DSeq: dseq}})
		if err != nil {
			t.Fatal(err)
		}
		if dep.Deployment.State == dv1.DeploymentClosed {
			if dep.EscrowAccount.State.State != etypes.StateOverdrawn {
				t.Errorf("escrow state %s, want overdrawn", dep.EscrowAccount.State.State)
			}
			if dep.Groups[0].State != dtypes.GroupInsufficientFunds {
				t.Errorf("group state %s, want insufficient funds", dep.Groups[0].State)
			}
			break
		}
		if shared.Height()-start > 12 {
			t.Fatalf("deployment still %s after %d blocks of a 4-block escrow", dep.Deployment.State, shared.Height()-start)
		}
		if err := shared.WaitForHeight(ctx, shared.Height()+1); err != nil {
			t.Fatal(err)
		}
	}
	lease, err := mtypes.NewQueryClient(shared.ClientContext()).Lease(ctx, &mtypes.QueryLeaseRequest{ID: best.ID.LeaseID()})
	if err != nil {
		t.Fatal(err)
	}
	if lease.Lease.State != mv1.LeaseInsufficientFunds || lease.Lease.Reason != mv1.LeaseClosedReasonInsufficientFunds {
		t.Errorf("lease %s reason %s, want insufficient funds", lease.Lease.State, lease.Lease.Reason)
	}
}

func TestDepositGrantSpentByGrantee(t *testing.T) {
	ctx := testCtx(t)
	tenant := tenantSigner(t, shared)
	// The grantee is a fresh key with AKT for fees and no ACT of its own.
	kr := keyring.NewInMemory(shared.enc.Codec)
	grantee, err := seeder{seed: uint64(shared.Height())}.account("grantee") // fresh per run
	if err != nil {
		t.Fatal(err)
	}
	if err := importKey(kr, grantee); err != nil {
		t.Fatal(err)
	}
	mustDeliver(t, ctx, tenant, banktypes.NewMsgSend(shared.TenantAddress(), grantee.addr, sdk.NewCoins(sdk.NewInt64Coin(DenomAKT, 1_000_000))))
	exp := time.Now().Add(time.Hour)
	grant, err := authz.NewMsgGrant(shared.TenantAddress(), grantee.addr,
		escrowv1.NewDepositAuthorization(sdk.NewCoins(sdk.NewInt64Coin(DenomACT, 1_000_000)), escrowv1.DepositScopeDeployment), &exp)
	if err != nil {
		t.Fatal(err)
	}
	mustDeliver(t, ctx, tenant, grant)

	gs := newSigner(shared.ClientContext(), kr, grantee.name, grantee.addr)
	owner := grantee.addr.String()
	dseq := uint64(shared.Height())
	// Balance alone cannot pay: the grantee holds no uact.
	if err := deliver(ctx, gs, createMsg(owner, dseq, sdk.NewInt64Coin(DenomACT, 600_000), depositv1.Sources{depositv1.SourceBalance}, groupSpec("g", 10))); err == nil {
		t.Fatal("deployment funded from an empty balance")
	}
	mustDeliver(t, ctx, gs, createMsg(owner, dseq, sdk.NewInt64Coin(DenomACT, 600_000), escrowv1.GrantThenBalance(), groupSpec("g", 10)))

	dep, err := dtypes.NewQueryClient(shared.ClientContext()).Deployment(ctx, &dtypes.QueryDeploymentRequest{ID: dv1.DeploymentID{Owner: owner, DSeq: dseq}})
	if err != nil {
		t.Fatal(err)
	}
	deps := dep.EscrowAccount.State.Deposits
	if len(deps) != 1 || deps[0].Owner != shared.TenantAddress().String() || deps[0].Source != depositv1.SourceGrant {
		t.Fatalf("depositors %+v, want the granter via grant", deps)
	}
	grants, err := authz.NewQueryClient(shared.ClientContext()).GranteeGrants(ctx, &authz.QueryGranteeGrantsRequest{Grantee: owner})
	if err != nil {
		t.Fatal(err)
	}
	if len(grants.Grants) != 1 {
		t.Fatalf("%d grants left, want 1", len(grants.Grants))
	}
	var left authz.Authorization
	if err := shared.enc.InterfaceRegistry.UnpackAny(grants.Grants[0].Authorization, &left); err != nil {
		t.Fatal(err)
	}
	if got := sdk.Coins(left.(*escrowv1.DepositAuthorization).SpendLimits).AmountOf(DenomACT); got.Int64() != 400_000 {
		t.Errorf("grant has %s uact left, want 400000", got)
	}
}

// TestFeeGrantPaysFees: a grantee with a fee allowance from the tenant sends a tx whose fee
// the tenant pays, through the SDK's feegrant module.
func TestFeeGrantPaysFees(t *testing.T) {
	ctx := testCtx(t)
	tenant := tenantSigner(t, shared)
	kr := keyring.NewInMemory(shared.enc.Codec)
	grantee, err := seeder{seed: uint64(shared.Height())}.account("fee-grantee") // fresh per run
	if err != nil {
		t.Fatal(err)
	}
	if err := importKey(kr, grantee); err != nil {
		t.Fatal(err)
	}
	allowance := &feegrant.BasicAllowance{SpendLimit: sdk.NewCoins(sdk.NewInt64Coin(DenomAKT, 5000))}
	grant, err := feegrant.NewMsgGrantAllowance(allowance, shared.TenantAddress(), grantee.addr)
	if err != nil {
		t.Fatal(err)
	}
	// One uakt creates the grantee's account; it cannot pay a 1000uakt fee itself.
	mustDeliver(t, ctx, tenant, banktypes.NewMsgSend(shared.TenantAddress(), grantee.addr, sdk.NewCoins(sdk.NewInt64Coin(DenomAKT, 1))), grant)
	gs := newSigner(shared.ClientContext(), kr, grantee.name, grantee.addr)
	back := banktypes.NewMsgSend(grantee.addr, shared.TenantAddress(), sdk.NewCoins(sdk.NewInt64Coin(DenomAKT, 1)))
	if err := deliver(ctx, gs, back); err == nil {
		t.Fatal("a tx with an unpayable fee was accepted without a fee granter")
	}
	gs.feeGranter = shared.TenantAddress()
	mustDeliver(t, ctx, gs, back)
	res, err := feegrant.NewQueryClient(shared.ClientContext()).Allowance(ctx, &feegrant.QueryAllowanceRequest{Granter: shared.TenantAddress().String(), Grantee: grantee.addr.String()})
	if err != nil {
		t.Fatal(err)
	}
	var left feegrant.FeeAllowanceI
	if err := shared.enc.InterfaceRegistry.UnpackAny(res.Allowance.Allowance, &left); err != nil {
		t.Fatal(err)
	}
	if got := left.(*feegrant.BasicAllowance).SpendLimit.AmountOf(DenomAKT); got.Int64() != 4000 {
		t.Errorf("allowance left %s uakt, want 4000", got)
	}
}
