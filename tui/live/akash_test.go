package live

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	cmttypes "github.com/cometbft/cometbft/types"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
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
	"github.com/akt-project/akt/tui/svc"
)

func rv(n int64) rv1beta4.ResourceValue { return rv1beta4.ResourceValue{Val: sdkmath.NewInt(n)} }

// gpuOffer is one unit with an a100.
func gpuOffer() rv1beta4.Resources {
	return rv1beta4.Resources{ID: 1, CPU: &rv1beta4.CPU{Units: rv(8000)}, Memory: &rv1beta4.Memory{Quantity: rv(32 << 30)},
		GPU: &rv1beta4.GPU{Units: rv(1), Attributes: attrv1.Attributes{{Key: "vendor/nvidia/model/a100", Value: "true"}}}}
}

// deploymentResponse is deployment dseq of the env's key, created at height 90, with one
// group "dcloud" and funds uact in escrow.
func deploymentResponse(e *env, dseq uint64, state dv1.Deployment_State, funds string) dv1beta4.QueryDeploymentResponse {
	return dv1beta4.QueryDeploymentResponse{
		Deployment: dv1.Deployment{ID: dv1.DeploymentID{Owner: e.addr, DSeq: dseq}, State: state, Hash: make([]byte, 32), CreatedAt: 90},
		Groups:     []dv1beta4.Group{{ID: dv1.GroupID{Owner: e.addr, DSeq: dseq, GSeq: 1}, GroupSpec: dv1beta4.GroupSpec{Name: "dcloud"}}},
		EscrowAccount: escrowtypesv1.Account{ID: escrowidv1.Account{Scope: escrowidv1.ScopeDeployment, XID: fmt.Sprintf("%s/%d", e.addr, dseq)},
			State: escrowtypesv1.AccountState{Owner: e.addr, State: escrowtypesv1.StateOpen, Funds: []escrowtypesv1.Balance{{Denom: "uact", Amount: dec(funds)}}}},
	}
}

// withAkash makes the node answer the Akash queries: deployments 42 (active, one lease at
// 2.5 uact per block, 6000 uact escrow, created at height 90) and 41 (closed), an open order
// on 42 with one open bid (bseq 3), the provider, its audit and a deposit grant.
func withAkash(e *env) {
	n := e.node
	dep := func(dseq uint64, state dv1.Deployment_State, funds string) dv1beta4.QueryDeploymentResponse {
		return deploymentResponse(e, dseq, state, funds)
	}
	n.Handle("/akash.deployment.v1beta4.Query/Deployments", func([]byte) (proto.Message, uint32, string) {
		return &dv1beta4.QueryDeploymentsResponse{Deployments: dv1beta4.DeploymentResponses{dep(41, dv1.DeploymentClosed, "0"), dep(42, dv1.DeploymentActive, "6000")}}, 0, ""
	})
	n.Handle("/akash.market.v1beta5.Query/Leases", func([]byte) (proto.Message, uint32, string) {
		l := mv1.Lease{ID: mv1.LeaseID{Owner: e.addr, DSeq: 42, GSeq: 1, OSeq: 1, Provider: testProvider, BSeq: 3},
			State: mv1.LeaseActive, Price: sdk.NewDecCoinFromDec("uact", dec("2.5"))}
		return &mv1beta5.QueryLeasesResponse{Leases: []mv1beta5.QueryLeaseResponse{{Lease: l}}}, 0, ""
	})
	n.Handle("/akash.provider.v1beta4.Query/Provider", func([]byte) (proto.Message, uint32, string) {
		return &pv1beta4.QueryProviderResponse{Provider: pv1beta4.Provider{Owner: testProvider, HostURI: "https://provider.example.org:8443",
			Attributes: attrv1.Attributes{{Key: "region", Value: "us-west"}}}}, 0, ""
	})
	n.Handle("/akash.audit.v1.Query/ProviderAttributes", func([]byte) (proto.Message, uint32, string) {
		return &auditv1.QueryProvidersResponse{Providers: auditv1.AuditedProviders{{Owner: testProvider, Auditor: e.addr}}}, 0, ""
	})
	n.Handle("/akash.market.v1beta5.Query/Orders", func([]byte) (proto.Message, uint32, string) {
		return &mv1beta5.QueryOrdersResponse{Orders: mv1beta5.Orders{
			{ID: mv1.OrderID{Owner: e.addr, DSeq: 42, GSeq: 1, OSeq: 1}, State: mv1beta5.OrderOpen, CreatedAt: 95}}}, 0, ""
	})
	n.Handle("/akash.market.v1beta5.Query/Bids", func([]byte) (proto.Message, uint32, string) {
		b := mv1beta5.Bid{ID: mv1.BidID{Owner: e.addr, DSeq: 42, GSeq: 1, OSeq: 1, Provider: testProvider, BSeq: 3},
			State: mv1beta5.BidOpen, Price: sdk.NewDecCoinFromDec("uact", dec("0.75")), CreatedAt: 98,
			ResourcesOffer: mv1beta5.ResourcesOffer{{Resources: gpuOffer(), Count: 2}}}
		return &mv1beta5.QueryBidsResponse{Bids: []mv1beta5.QueryBidResponse{{Bid: b}}}, 0, ""
	})
	n.Handle("/cosmos.authz.v1beta1.Query/GranteeGrants", func([]byte) (proto.Message, uint32, string) {
		past, future := time.Unix(1, 0), time.Now().Add(time.Hour)
		any := func(a authz.Authorization) *codectypes.Any { v, _ := codectypes.NewAnyWithValue(a); return v }
		dep := func(amt int64) *codectypes.Any {
			return any(escrowv1.NewDepositAuthorization(sdk.NewCoins(sdk.NewInt64Coin("uact", amt), sdk.NewInt64Coin("uakt", 7)), escrowv1.DepositScopeDeployment))
		}
		return &authz.QueryGranteeGrantsResponse{Grants: []*authz.GrantAuthorization{
			{Granter: testProvider, Grantee: e.addr, Authorization: dep(3_000_000), Expiration: &future},
			{Granter: testProvider, Grantee: e.addr, Authorization: dep(5), Expiration: &past},
			{Granter: testProvider, Grantee: e.addr, Authorization: any(authz.NewGenericAuthorization("/cosmos.bank.v1beta1.MsgSend"))},
		}}, 0, ""
	})
}

func TestDeploymentsList(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	withAkash(e)
	if err := e.s.store.Put("testnet", 42, []byte(gpuSDL)); err != nil {
		t.Fatal(err)
	}
	list, err := e.s.Deps().Deployments.List(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].DSeq != 42 || list[1].DSeq != 41 {
		t.Fatalf("deployments %+v", list)
	}
	d := list[0]
	wantCreated := time.Unix(1700000000, 0).Add(-10 * svc.DefaultBlockTime)
	if d.State != "active" || d.PricePerBlock != 2.5 || d.EscrowUACT != 6000 || d.Provider != "provider.example.org" || d.ProviderAddress != testProvider ||
		d.Name != "llm" || !d.CreatedAt.Equal(wantCreated) {
		t.Fatalf("deployment 42 %+v", d)
	}
	if c := list[1]; c.State != "closed" || c.Provider != "" || c.ProviderAddress != "" || c.PricePerBlock != 0 || c.Name != "dcloud" {
		t.Fatalf("deployment 41 %+v", c)
	}
	if got := svc.Runway(d.EscrowUACT, d.PricePerBlock, svc.DefaultBlockTime); got != 2400*svc.DefaultBlockTime {
		t.Fatalf("runway %v", got)
	}
}

func TestDepositGrant(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	withAkash(e)
	got, err := e.s.Deps().Grants.DepositGrantUACT(ctx(t))
	if err != nil || got != 3_000_000 {
		t.Fatalf("deposit grant %d uact, %v; want 3000000 (expired and generic grants left out)", got, err)
	}
}

func TestOrderAndBids(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	withAkash(e)
	now := time.Unix(1700000000, 0)
	e.s.opts.Now = func() time.Time { return now }
	o, bids, err := e.s.Deps().Market.Order(ctx(t), 42)
	if err != nil {
		t.Fatal(err)
	}
	if o.DSeq != 42 || o.GSeq != 1 || o.OSeq != 1 || !o.BidsCloseAt.Equal(now.Add(-5*svc.DefaultBlockTime).Add(BidWindow)) {
		t.Fatalf("order %+v", o)
	}
	if len(bids) != 1 {
		t.Fatalf("bids %+v", bids)
	}
	b := bids[0]
	if b.Provider != testProvider || b.Host != "provider.example.org" || b.Region != "us-west" || !b.Audited || b.Uptime != -1 ||
		b.PricePerBlock != 0.75 || b.GPUs != 2 || len(b.GPUModels) != 1 || b.GPUModels[0] != "a100" || len(b.Attributes) != 1 {
		t.Fatalf("bid %+v", b)
	}
	if _, _, err := e.s.Deps().Market.Order(ctx(t), 0); err == nil {
		t.Fatal("an order for dseq 0")
	}
}

func TestOrderMissing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	withAkash(e)
	e.node.Handle("/akash.market.v1beta5.Query/Orders", func([]byte) (proto.Message, uint32, string) {
		return &mv1beta5.QueryOrdersResponse{Orders: mv1beta5.Orders{{ID: mv1.OrderID{Owner: e.addr, DSeq: 42, GSeq: 1, OSeq: 1}, State: mv1beta5.OrderClosed}}}, 0, ""
	})
	_, _, err := e.s.Deps().Market.Order(ctx(t), 42)
	if err == nil || !strings.Contains(err.Error(), "no open order") || !strings.Contains(err.Error(), "testnet") {
		t.Fatalf("error %v", err)
	}
}

func bidEvent(owner string, dseq int) abci.Event {
	id := `{"owner":"` + owner + `","dseq":"` + strconv.Itoa(dseq) + `","gseq":1,"oseq":1,"provider":"` + testProvider + `","bseq":3}`
	return abci.Event{Type: "akash.market.v1.EventBidCreated", Attributes: []abci.EventAttribute{
		{Key: "id", Value: id}, {Key: "price", Value: `{"denom":"uact","amount":"0.750000000000000000"}`}}}
}

func TestWatchBidsFromEvents(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	withAkash(e)
	block := func(h int64, evs ...abci.Event) cmttypes.EventDataNewBlock {
		return cmttypes.EventDataNewBlock{Block: &cmttypes.Block{Header: cmttypes.Header{Height: h, Time: time.Unix(1700000000+h, 0)}},
			ResultFinalizeBlock: abci.ResponseFinalizeBlock{TxResults: []*abci.ExecTxResult{{Events: evs}}}}
	}
	e.node.ServeNewBlocks([]cmttypes.EventDataNewBlock{
		block(101, bidEvent(e.addr, 7)), // another deployment
		block(102, bidEvent(e.addr, 42)),
		block(103, bidEvent(e.addr, 42)), // the same bid again
	})
	c, cancel := context.WithCancel(ctx(t))
	bids, err := e.s.Deps().Market.WatchBids(c, 42)
	if err != nil {
		t.Fatal(err)
	}
	b := <-bids
	if b.DSeq != 42 || b.Provider != testProvider || b.Host != "provider.example.org" || b.PricePerBlock != 0.75 {
		t.Fatalf("bid %+v", b)
	}
	// The repeated event of block 103 must not send the bid again.
	select {
	case extra, ok := <-bids:
		if ok {
			t.Fatalf("bid sent twice: %+v", extra)
		}
	case <-time.After(200 * time.Millisecond):
	}
	cancel()
	for range bids {
	}
}

// TestWatchBidsPrimedByFirstBlock: a bid placed before the watch started (no bid event
// follows) is sent after the first block.
func TestWatchBidsPrimedByFirstBlock(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	withAkash(e)
	e.node.ServeNewBlocks([]cmttypes.EventDataNewBlock{{Block: &cmttypes.Block{Header: cmttypes.Header{Height: 101, Time: time.Unix(1700000101, 0)}}}})
	c, cancel := context.WithCancel(ctx(t))
	defer cancel()
	bids, err := e.s.Deps().Market.WatchBids(c, 42)
	if err != nil {
		t.Fatal(err)
	}
	if b := <-bids; b.DSeq != 42 || b.Provider != testProvider {
		t.Fatalf("bid %+v", b)
	}
}
