package chain

import (
	"context"
	"github.com/akt-project/akt/chain/chaintest"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/cosmos/cosmos-sdk/x/authz"
	"github.com/cosmos/gogoproto/proto"

	auditv1 "github.com/akt-project/akt/chain/types/audit/v1"
	attrv1 "github.com/akt-project/akt/chain/types/base/attributes/v1"
	rv1beta4 "github.com/akt-project/akt/chain/types/base/resources/v1beta4"
	dv1 "github.com/akt-project/akt/chain/types/deployment/v1"
	dv1beta4 "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	escrowidv1 "github.com/akt-project/akt/chain/types/escrow/id/v1"
	escrowtypesv1 "github.com/akt-project/akt/chain/types/escrow/types/v1"
	escrowv1 "github.com/akt-project/akt/chain/types/escrow/v1"
	mv1 "github.com/akt-project/akt/chain/types/market/v1"
	mv1beta5 "github.com/akt-project/akt/chain/types/market/v1beta5"
	pv1beta4 "github.com/akt-project/akt/chain/types/provider/v1beta4"
)

const testProvider = "akash1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq7cdc78"

func dec(s string) sdkmath.LegacyDec { return sdkmath.LegacyMustNewDecFromStr(s) }

func rv(n int64) rv1beta4.ResourceValue { return rv1beta4.ResourceValue{Val: sdkmath.NewInt(n)} }

func testResources() rv1beta4.Resources {
	return rv1beta4.Resources{
		ID:     1,
		CPU:    &rv1beta4.CPU{Units: rv(500)},
		Memory: &rv1beta4.Memory{Quantity: rv(536870912)},
		GPU:    &rv1beta4.GPU{Units: rv(1), Attributes: attrv1.Attributes{{Key: "vendor/nvidia/model/a100", Value: "true"}}},
		Storage: rv1beta4.Volumes{{Name: "default", Quantity: rv(1073741824)},
			{Name: "data", Quantity: rv(5368709120), Attributes: attrv1.Attributes{{Key: "class", Value: "beta2"}, {Key: "persistent", Value: "true"}}}},
		Endpoints: rv1beta4.Endpoints{{Kind: rv1beta4.Endpoint_SHARED_HTTP}},
	}
}

func akashNode(t *testing.T) *chaintest.Node {
	t.Helper()
	n := chaintest.NewNode(t, "test-1")
	n.Handle("/akash.deployment.v1beta4.Query/Deployment", func(req []byte) (proto.Message, uint32, string) {
		var r dv1beta4.QueryDeploymentRequest
		_ = proto.Unmarshal(req, &r)
		if r.ID.DSeq != 42 {
			return nil, 38, "deployment not found"
		}
		return &dv1beta4.QueryDeploymentResponse{
			Deployment: dv1.Deployment{ID: r.ID, State: dv1.DeploymentActive, Hash: make([]byte, 32), CreatedAt: 90},
			Groups: []dv1beta4.Group{{ID: dv1.GroupID{Owner: r.ID.Owner, DSeq: 42, GSeq: 1}, State: dv1beta4.GroupOpen,
				GroupSpec: dv1beta4.GroupSpec{Name: "dc", Resources: dv1beta4.ResourceUnits{{Resource: testResources(), Count: 2, Price: sdk.NewDecCoinFromDec("uact", dec("1.5"))}}}}},
			EscrowAccount: escrowtypesv1.Account{
				ID:    escrowidv1.Account{Scope: escrowidv1.ScopeDeployment, XID: r.ID.Owner + "/42"},
				State: escrowtypesv1.AccountState{Owner: r.ID.Owner, State: escrowtypesv1.StateOpen, Funds: []escrowtypesv1.Balance{{Denom: "uact", Amount: dec("6000")}}},
			},
		}, 0, ""
	})
	n.Handle("/akash.market.v1beta5.Query/Leases", func(req []byte) (proto.Message, uint32, string) {
		var r mv1beta5.QueryLeasesRequest
		_ = proto.Unmarshal(req, &r)
		if r.Filters.State != "active" {
			return nil, 18, "test wants state=active"
		}
		l := mv1.Lease{ID: mv1.LeaseID{Owner: r.Filters.Owner, DSeq: 42, GSeq: 1, OSeq: 1, Provider: testProvider, BSeq: 1},
			State: mv1.LeaseActive, Price: sdk.NewDecCoinFromDec("uact", dec("2.5"))}
		return &mv1beta5.QueryLeasesResponse{Leases: []mv1beta5.QueryLeaseResponse{{Lease: l}}}, 0, ""
	})
	n.Handle("/akash.market.v1beta5.Query/Bids", func(req []byte) (proto.Message, uint32, string) {
		var r mv1beta5.QueryBidsRequest
		_ = proto.Unmarshal(req, &r)
		page := r.Pagination.GetKey()
		bid := mv1beta5.Bid{ID: mv1.BidID{Owner: r.Filters.Owner, DSeq: r.Filters.DSeq, GSeq: 1, OSeq: 1, Provider: testProvider, BSeq: uint32(len(page) + 1)},
			State: mv1beta5.BidOpen, Price: sdk.NewDecCoinFromDec("uact", dec("0.75")),
			ResourcesOffer: mv1beta5.ResourcesOffer{{Resources: testResources(), Count: 2}}}
		resp := &mv1beta5.QueryBidsResponse{Bids: []mv1beta5.QueryBidResponse{{Bid: bid}}}
		if len(page) == 0 {
			resp.Pagination = &query.PageResponse{NextKey: []byte("x")}
		}
		return resp, 0, ""
	})
	n.Handle("/akash.provider.v1beta4.Query/Provider", func(req []byte) (proto.Message, uint32, string) {
		return &pv1beta4.QueryProviderResponse{Provider: pv1beta4.Provider{Owner: testProvider, HostURI: "https://provider.example:8443",
			Attributes: attrv1.Attributes{{Key: "region", Value: "us-west"}, {Key: "capabilities/gpu/vendor/nvidia/model/h100", Value: "true"},
				{Key: "capabilities/gpu/vendor/nvidia/model/a100/ram/80Gi", Value: "true"}}}}, 0, ""
	})
	n.Handle("/akash.audit.v1.Query/ProviderAttributes", func([]byte) (proto.Message, uint32, string) {
		return &auditv1.QueryProvidersResponse{Providers: auditv1.AuditedProviders{{Owner: testProvider, Auditor: testAddress}}}, 0, ""
	})
	n.Handle("/cosmos.authz.v1beta1.Query/GranterGrants", func([]byte) (proto.Message, uint32, string) {
		exp := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
		dep, _ := codectypes.NewAnyWithValue(escrowv1.NewDepositAuthorization(sdk.NewCoins(sdk.NewInt64Coin("uact", 5), sdk.NewInt64Coin("uakt", 7)), escrowv1.DepositScopeDeployment))
		gen, _ := codectypes.NewAnyWithValue(authz.NewGenericAuthorization("/cosmos.bank.v1beta1.MsgSend"))
		return &authz.QueryGranterGrantsResponse{Grants: []*authz.GrantAuthorization{
			{Granter: testAddress, Grantee: testProvider, Authorization: dep, Expiration: &exp},
			{Granter: testAddress, Grantee: testProvider, Authorization: gen},
		}}, 0, ""
	})
	return n
}

func TestAkashQueries(t *testing.T) {
	t.Parallel()
	n := akashNode(t)
	ctx := context.Background()
	c, err := Dial(ctx, Endpoints{RPC: []string{n.URL()}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.Deployment(ctx, testAddress, 42)
	if err != nil {
		t.Fatal(err)
	}
	if d.State != "active" || len(d.Groups) != 1 || d.Groups[0].State != "open" || d.Groups[0].Resources[0].Count != 2 {
		t.Fatalf("deployment %+v", d)
	}
	r := d.Groups[0].Resources[0].Resources
	if r.CPUMillis != 500 || r.MemoryBytes != 536870912 || r.GPUs != 1 || r.GPUModels[0] != "a100" || len(r.Storage) != 2 || r.Storage[1].Class != "beta2" {
		t.Fatalf("resources %+v", r)
	}
	// 6000 uact at 2.5 uact per block: 2400 blocks, 4 hours at 6 s.
	if d.Escrow.RunwayBlocks != 2400 || d.Escrow.RunwayHours != 4 || d.Escrow.SpendPerBlock[0].Denom != "uact" {
		t.Fatalf("escrow %+v", d.Escrow)
	}
	if _, err := c.Deployment(ctx, testAddress, 7); err == nil {
		t.Fatal("missing deployment gave no error")
	}

	bids, err := c.Bids(ctx, testAddress, 42, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(bids) != 2 || bids[1].ID.BSeq != 2 || bids[0].Price.Amount != "0.750000000000000000" || bids[0].State != "open" || bids[0].Offers[0].Count != 2 {
		t.Fatalf("bids %+v", bids)
	}

	p, err := c.Provider(ctx, testProvider)
	if err != nil {
		t.Fatal(err)
	}
	if p.Region != "us-west" || len(p.GPUModels) != 2 || p.GPUModels[0] != "a100" || p.AuditedBy[0] != testAddress {
		t.Fatalf("provider %+v", p)
	}

	grants, err := c.GrantsByGranter(ctx, testAddress)
	if err != nil {
		t.Fatal(err)
	}
	if len(grants) != 2 || grants[0].Kind != "deposit" || grants[0].MsgTypeURL != DepositGrantMsgType ||
		len(grants[0].SpendLimits) != 2 || grants[0].Scopes[0] != "deployment" || grants[0].Expiration == nil ||
		grants[1].Kind != "generic" || grants[1].MsgTypeURL != "/cosmos.bank.v1beta1.MsgSend" {
		t.Fatalf("grants %+v", grants)
	}
}

func TestEscrowRunway(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		bal    []DecCoin
		spend  []DecCoin
		blocks int64
	}{
		{"no spend", []DecCoin{{"uact", "100"}}, nil, -1},
		{"exact", []DecCoin{{"uact", "100"}}, []DecCoin{{"uact", "10"}}, 10},
		{"fraction truncates", []DecCoin{{"uact", "100"}}, []DecCoin{{"uact", "3"}}, 33},
		{"no balance in spend denom", []DecCoin{{"uakt", "100"}}, []DecCoin{{"uact", "1"}}, 0},
		{"shortest wins", []DecCoin{{"uact", "100"}, {"uakt", "10"}}, []DecCoin{{"uact", "1"}, {"uakt", "1"}}, 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := Escrow{Balance: tc.bal, SpendPerBlock: tc.spend}
			e.computeRunway()
			if e.RunwayBlocks != tc.blocks {
				t.Fatalf("runway %d blocks, want %d", e.RunwayBlocks, tc.blocks)
			}
		})
	}
}
