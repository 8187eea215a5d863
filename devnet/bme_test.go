package devnet

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	depositv1 "github.com/akt-project/akt/chain/types/base/deposit/v1"
	bmev1 "github.com/akt-project/akt/chain/types/bme/v1"
	dv1 "github.com/akt-project/akt/chain/types/deployment/v1"
	dtypes "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	escrowidv1 "github.com/akt-project/akt/chain/types/escrow/id/v1"
	escrowv1 "github.com/akt-project/akt/chain/types/escrow/v1"
)

// TestMintACTAndTopUpInAKT: burning AKT mints ACT at the devnet rate (2 ACT per AKT), ACT
// burns back to AKT, and AKT deposited into an existing deployment is converted to ACT.
func TestMintACTAndTopUpInAKT(t *testing.T) {
	ctx := testCtx(t)
	s := tenantSigner(t, shared)
	owner := shared.TenantAddress().String()
	before := balance(t, shared, shared.TenantAddress(), DenomACT)
	mustDeliver(t, ctx, s, &bmev1.MsgMintACT{Owner: owner, To: owner, CoinsToBurn: sdk.NewInt64Coin(DenomAKT, 1_000_000)})
	if got := balance(t, shared, shared.TenantAddress(), DenomACT).Amount.Sub(before.Amount); got.Int64() != 2_000_000 {
		t.Errorf("minting from 1 AKT gave %s uact, want 2000000", got)
	}
	aktBefore := balance(t, shared, shared.TenantAddress(), DenomAKT)
	mustDeliver(t, ctx, s, &bmev1.MsgBurnACT{Owner: owner, To: owner, CoinsToBurn: sdk.NewInt64Coin(DenomACT, 2_000_000)})
	// The signer also pays the 1000uakt fee, so the gain is 1 AKT minus the fee.
	if gain := balance(t, shared, shared.TenantAddress(), DenomAKT).Amount.Sub(aktBefore.Amount); gain.LT(sdkmath.NewInt(990_000)) {
		t.Errorf("burning 2 ACT returned %s uakt, want about 1000000", gain)
	}

	dseq := uint64(shared.Height()) + 4_000_000
	mustDeliver(t, ctx, s, createMsg(owner, dseq, sdk.NewInt64Coin(DenomACT, 500_000), depositv1.Sources{depositv1.SourceBalance}, groupSpec("topup", 10)))
	mustDeliver(t, ctx, s, &escrowv1.MsgAccountDeposit{
		Signer:  owner,
		ID:      escrowidv1.Account{Scope: escrowidv1.ScopeDeployment, XID: owner + "/" + itoa(dseq)},
		Deposit: depositv1.Deposit{Amount: sdk.NewInt64Coin(DenomAKT, 100_000), Sources: depositv1.Sources{depositv1.SourceBalance}},
	})
	dep, err := dtypes.NewQueryClient(shared.ClientContext()).Deployment(ctx, &dtypes.QueryDeploymentRequest{ID: dv1.DeploymentID{Owner: owner, DSeq: dseq}})
	if err != nil {
		t.Fatal(err)
	}
	funds := dep.EscrowAccount.State.Funds[0]
	if funds.Denom != DenomACT || !funds.Amount.Equal(sdkmath.LegacyNewDec(700_000)) {
		t.Errorf("escrow funds %s %s, want 700000 uact (500000 + 100000uakt converted)", funds.Amount, funds.Denom)
	}
	mustDeliver(t, ctx, s, &dtypes.MsgCloseDeployment{ID: dv1.DeploymentID{Owner: owner, DSeq: dseq}})
}

func itoa(n uint64) string { return sdkmath.NewIntFromUint64(n).String() }
