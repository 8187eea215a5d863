package devnet

import (
	"encoding/json"
	"strings"
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	attrv1 "github.com/akt-project/akt/chain/types/base/attributes/v1"
	depositv1 "github.com/akt-project/akt/chain/types/base/deposit/v1"
	rv1beta4 "github.com/akt-project/akt/chain/types/base/resources/v1beta4"
	dtypes "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	mv1 "github.com/akt-project/akt/chain/types/market/v1"
	mtypes "github.com/akt-project/akt/chain/types/market/v1beta5"
	"github.com/akt-project/akt/provider"
)

// TestScarceGPUAndAuditedPlacement: only the provider with H100s bids on an H100 group, the
// others decline with a reason; an unaudited provider says why it would not bid on a group
// that requires the devnet auditor.
func TestScarceGPUAndAuditedPlacement(t *testing.T) {
	ctx := testCtx(t)
	s := tenantSigner(t, shared)
	owner := shared.TenantAddress().String()
	dseq := uint64(shared.Height()) + 3_000_000
	spec := groupSpec("gpu", 5000)
	spec.Resources[0].Resource.GPU = &rv1beta4.GPU{
		Units:      rv1beta4.ResourceValue{Val: sdkmath.NewInt(1)},
		Attributes: attrv1.Attributes{{Key: "vendor/nvidia/model/h100/ram/80Gi/interface/sxm", Value: "true"}},
	}
	mustDeliver(t, ctx, s, createMsg(owner, dseq, sdk.NewInt64Coin(DenomACT, 5_000_000), depositv1.Sources{depositv1.SourceBalance}, spec))
	bids := waitBids(t, ctx, owner, dseq, 1)
	if err := shared.WaitForHeight(ctx, shared.Height()+3); err != nil {
		t.Fatal(err)
	}
	all, err := mtypes.NewQueryClient(shared.ClientContext()).Bids(ctx, &mtypes.QueryBidsRequest{Filters: mtypes.BidFilters{Owner: owner, DSeq: dseq}})
	if err != nil {
		t.Fatal(err)
	}
	h100 := shared.provs[1].acc.addr.String()
	if len(all.Bids) != 1 || bids[0].Bid.ID.Provider != h100 {
		t.Fatalf("%d bids (first from %s), want exactly one from the H100 provider %s", len(all.Bids), bids[0].Bid.ID.Provider, h100)
	}
	order := mv1.OrderID{Owner: owner, DSeq: dseq, GSeq: 1, OSeq: 1}
	if reason, declined := shared.ProviderDecision(0, order); !declined || !strings.Contains(reason, "GPU") {
		t.Errorf("provider-0 decision: declined=%v reason %q, want a GPU reason", declined, reason)
	}

	audited := groupSpec("audited", 100)
	audited.Requirements.SignedBy.AnyOf = []string{shared.auditor.addr.String()}
	body, err := json.Marshal([]dtypes.GroupSpec{audited})
	if err != nil {
		t.Fatal(err)
	}
	client := provider.New(keySigner{shared.tenant}, chainCerts{shared})
	defer client.Close()
	unaudited := shared.provs[2].acc.addr.String()
	res, err := client.Validate(ctx, unaudited, body)
	if err != nil {
		t.Fatal(err)
	}
	if res.WouldBid || !strings.Contains(res.Reason, "not audited") {
		t.Errorf("unaudited provider validate: %+v", res)
	}
	if res, err := client.Validate(ctx, shared.provs[0].acc.addr.String(), body); err != nil || !res.WouldBid {
		t.Errorf("audited provider validate: %+v, %v", res, err)
	}
}
