package live

import (
	"errors"
	"os"
	"strings"
	"testing"

	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	"github.com/cosmos/gogoproto/proto"

	dv1beta4 "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	mv1beta5 "github.com/akt-project/akt/chain/types/market/v1beta5"
	"github.com/akt-project/akt/tui/svc"
)

// sentMsg decodes the only message of the i-th broadcast tx.
func sentMsg(t *testing.T, e *env, i int, into proto.Message) string {
	t.Helper()
	sent := e.node.Sent()
	if len(sent) <= i {
		t.Fatalf("%d txs broadcast, want more than %d", len(sent), i)
	}
	var raw txtypes.TxRaw
	if err := proto.Unmarshal(sent[i], &raw); err != nil {
		t.Fatal(err)
	}
	var body txtypes.TxBody
	if err := proto.Unmarshal(raw.BodyBytes, &body); err != nil {
		t.Fatal(err)
	}
	if len(body.Messages) != 1 {
		t.Fatalf("%d messages", len(body.Messages))
	}
	if into != nil {
		if err := proto.Unmarshal(body.Messages[0].Value, into); err != nil {
			t.Fatal(err)
		}
	}
	return body.Messages[0].TypeUrl
}

func TestCreateDeploymentPrepareThenBroadcast(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sg := e.s.Deps().Signer
	plan, err := sg.Prepare(ctx(t), svc.CreateDeployment{SDL: []byte(gpuSDL), DepositUACT: 5_000_000, Sources: []svc.DepositSource{svc.FromGrant, svc.FromBalance}})
	if err != nil {
		t.Fatal(err)
	}
	if len(e.node.Sent()) != 0 {
		t.Fatal("Prepare broadcast something")
	}
	// 100000 gas simulated × 1.5 at 0.025 uakt.
	if plan.Gas != 150_000 || plan.FeeUAKT != 3750 || plan.ChainID != testChainID || !strings.Contains(plan.From, "alice") ||
		!strings.Contains(plan.From, e.addr) || len(plan.Messages) != 1 {
		t.Fatalf("plan %+v", plan)
	}
	res, err := sg.Broadcast(ctx(t), plan)
	if err != nil {
		t.Fatal(err)
	}
	if res.DSeq != 100 || res.Height != 101 || len(res.Hash) != 64 {
		t.Fatalf("result %+v", res)
	}
	var m dv1beta4.MsgCreateDeployment
	if url := sentMsg(t, e, 0, &m); url != "/akash.deployment.v1beta4.MsgCreateDeployment" {
		t.Fatalf("sent %s", url)
	}
	if m.ID.DSeq != 100 || m.ID.Owner != e.addr || m.Deposit.Amount.String() != "5000000uact" || len(m.Deposit.Sources) != 2 || len(m.Hash) != 32 {
		t.Fatalf("message %+v", m)
	}
	// The SDL is kept for the manifest, on disk and private.
	path := e.s.store.path("testnet", 100)
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("stored SDL %s: %v %v", path, fi, err)
	}
	if doc, err := newSDLStore(e.s.store.dir).Get("testnet", 100); err != nil || string(doc) != gpuSDL {
		t.Fatalf("a later session reads %q, %v", doc, err)
	}
}

func TestAcceptBidUsesTheBidSequence(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	withAkash(e)
	sg := e.s.Deps().Signer
	plan, err := sg.Prepare(ctx(t), svc.AcceptBid{DSeq: 42, GSeq: 1, OSeq: 1, Provider: testProvider})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sg.Broadcast(ctx(t), plan); err != nil {
		t.Fatal(err)
	}
	var m mv1beta5.MsgCreateLease
	if url := sentMsg(t, e, 0, &m); url != "/akash.market.v1beta5.MsgCreateLease" || m.BidID.BSeq != 3 || m.BidID.Provider != testProvider {
		t.Fatalf("sent %s %+v", url, m)
	}
	_, err = sg.Prepare(ctx(t), svc.AcceptBid{DSeq: 42, GSeq: 2, OSeq: 1, Provider: testProvider})
	if err == nil || !strings.Contains(err.Error(), "no open bid") {
		t.Fatalf("accepting a missing bid: %v", err)
	}
}

func TestSignerActions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sg := e.s.Deps().Signer
	tests := []struct {
		action svc.Action
		url    string
	}{
		{svc.CloseDeployment{DSeq: 42}, "/akash.deployment.v1beta4.MsgCloseDeployment"},
		{svc.AddFunds{DSeq: 42, Denom: "uact", Amount: 1_000_000}, "/akash.escrow.v1.MsgAccountDeposit"},
		{svc.AddFunds{DSeq: 42, Denom: "uakt", Amount: 1_000_000}, "/akash.escrow.v1.MsgAccountDeposit"},
		{svc.MintACT{UAKT: 10_000_000}, "/akash.bme.v1.MsgMintACT"},
		{svc.BurnACT{UACT: 1_000_000}, "/akash.bme.v1.MsgBurnACT"},
		{svc.UpdateDeployment{DSeq: 42, SDL: []byte(gpuSDL)}, "/akash.deployment.v1beta4.MsgUpdateDeployment"},
	}
	for i, tc := range tests {
		plan, err := sg.Prepare(ctx(t), tc.action)
		if err != nil {
			t.Fatalf("%s: %v", tc.action.Summary(), err)
		}
		if _, err := sg.Broadcast(ctx(t), plan); err != nil {
			t.Fatalf("%s: %v", tc.action.Summary(), err)
		}
		if url := sentMsg(t, e, i, nil); url != tc.url {
			t.Fatalf("%s sent %s, want %s", tc.action.Summary(), url, tc.url)
		}
	}
	if doc, err := e.s.Deps().SDLs.SDL(ctx(t), 42); err != nil || string(doc) != gpuSDL {
		t.Fatalf("SDL after the update: %q, %v", doc, err)
	}
	if _, err := sg.Prepare(ctx(t), svc.AddFunds{DSeq: 42, Denom: "uatom", Amount: 1}); err == nil || !strings.Contains(err.Error(), "uatom") {
		t.Fatalf("a foreign denom: %v", err)
	}
}

func TestBroadcastRejectedAndStale(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sg := e.s.Deps().Signer
	e.node.CheckTx = func([]byte) (uint32, string, string) {
		return 5, "sdk", "insufficient funds: 1uact is smaller than 5000000uact"
	}
	plan, err := sg.Prepare(ctx(t), svc.CloseDeployment{DSeq: 42})
	if err != nil {
		t.Fatal(err)
	}
	_, err = sg.Broadcast(ctx(t), plan)
	var te *svc.TxError
	if !errors.As(err, &te) || te.Code != 5 || te.Codespace != "sdk" || !strings.Contains(te.RawLog, "insufficient funds") {
		t.Fatalf("rejection %v", err)
	}

	plan, err = sg.Prepare(ctx(t), svc.CloseDeployment{DSeq: 42})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.s.Deps().Networks.Switch(ctx(t), "sandbox"); err != nil {
		t.Fatal(err)
	}
	if _, err := sg.Broadcast(ctx(t), plan); err == nil || !strings.Contains(err.Error(), "prepare it again") {
		t.Fatalf("broadcast after a switch: %v", err)
	}
	if _, err := sg.Broadcast(ctx(t), svc.Plan{Ref: "x"}); err == nil {
		t.Fatal("broadcast a foreign plan")
	}
}
