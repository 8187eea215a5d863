package chain

import (
	"context"
	"errors"
	"github.com/akt-project/akt/chain/chaintest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"
)

const testRecipient = "akash1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq7cdc78"

// txEnv is a fake node with the account and simulate handlers, a signer
// and a TxClient.
type txEnv struct {
	node     *chaintest.Node
	client   *Client
	signer   Signer
	tx       *TxClient
	sequence atomic.Uint64
}

func newTxEnv(t *testing.T, opts ...TxOption) *txEnv {
	t.Helper()
	e := &txEnv{node: chaintest.NewNode(t, "test-1")}
	e.sequence.Store(3)
	e.node.Handle("/cosmos.auth.v1beta1.Query/Account", func([]byte) (proto.Message, uint32, string) {
		acc, _ := codectypes.NewAnyWithValue(&authtypes.BaseAccount{Address: testAddress, AccountNumber: 7, Sequence: e.sequence.Load()})
		return &authtypes.QueryAccountResponse{Account: acc}, 0, ""
	})
	e.node.Handle("/cosmos.tx.v1beta1.Service/Simulate", func(req []byte) (proto.Message, uint32, string) {
		var r txtypes.SimulateRequest
		if err := proto.Unmarshal(req, &r); err != nil {
			return nil, 2, err.Error()
		}
		var raw txtypes.TxRaw
		if err := proto.Unmarshal(r.TxBytes, &raw); err != nil || len(raw.BodyBytes) == 0 {
			return nil, 2, "tx parse error"
		}
		return &txtypes.SimulateResponse{GasInfo: &sdk.GasInfo{GasUsed: 100000, GasWanted: 100000}}, 0, ""
	})
	kr, err := OpenKeyring(BackendMemory, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kr.Recover("k", testMnemonic(t)); err != nil {
		t.Fatal(err)
	}
	if e.signer, err = kr.Signer("k"); err != nil {
		t.Fatal(err)
	}
	if e.client, err = Dial(context.Background(), Endpoints{RPC: []string{e.node.URL()}}, WithChainID("test-1"), WithTimeout(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	opts = append([]TxOption{WithWait(5*time.Millisecond, 2*time.Second)}, opts...)
	if e.tx, err = NewTxClient(e.client, e.signer, opts...); err != nil {
		t.Fatal(err)
	}
	return e
}

func sendMsg(t *testing.T) Msg {
	t.Helper()
	m, err := NewSend(testAddress, testRecipient, []Coin{{Denom: "uakt", Amount: "1000"}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// verifyTx decodes a broadcast tx and checks its signature over the
// direct SignDoc for the given sequence.
func verifyTx(t *testing.T, raw []byte, seq uint64) {
	t.Helper()
	var tr txtypes.TxRaw
	if err := proto.Unmarshal(raw, &tr); err != nil {
		t.Fatal(err)
	}
	var ai txtypes.AuthInfo
	if err := proto.Unmarshal(tr.AuthInfoBytes, &ai); err != nil {
		t.Fatal(err)
	}
	if got := ai.SignerInfos[0].Sequence; got != seq {
		t.Fatalf("sequence %d, want %d", got, seq)
	}
	var pk secp256k1.PubKey
	if err := proto.Unmarshal(ai.SignerInfos[0].PublicKey.Value, &pk); err != nil {
		t.Fatal(err)
	}
	doc, _ := proto.Marshal(&txtypes.SignDoc{BodyBytes: tr.BodyBytes, AuthInfoBytes: tr.AuthInfoBytes, ChainId: "test-1", AccountNumber: 7})
	if !pk.VerifySignature(doc, tr.Signatures[0]) {
		t.Fatal("signature does not verify over the SignDoc")
	}
}

func TestTxPrepareBroadcastWait(t *testing.T) {
	t.Parallel()
	e := newTxEnv(t, WithMemo("hello"), WithFeeGranter(testRecipient))
	e.node.IncludeAfter = 2
	ctx := context.Background()
	plan, err := e.tx.Prepare(ctx, sendMsg(t))
	if err != nil {
		t.Fatal(err)
	}
	if plan.Gas != 150000 || !plan.GasEstimated || AmountOf(plan.Fee, "uakt") != "3750" {
		t.Fatalf("plan gas %d fee %v", plan.Gas, plan.Fee)
	}
	if plan.Sequence != 3 || plan.AccountNumber != 7 || plan.ChainID != "test-1" || plan.Signer != testAddress {
		t.Fatalf("plan %+v", plan)
	}
	if len(plan.Messages) != 1 || plan.Messages[0].TypeURL != "/cosmos.bank.v1beta1.MsgSend" {
		t.Fatalf("messages %+v", plan.Messages)
	}
	res, err := e.tx.Broadcast(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.node.Sent()) != 1 {
		t.Fatalf("%d broadcasts", len(e.node.Sent()))
	}
	verifyTx(t, e.node.Sent()[0], 3)
	if res.Hash != TxHash(e.node.Sent()[0]) {
		t.Fatalf("hash %s", res.Hash)
	}
	got, err := e.tx.Wait(ctx, res.Hash)
	if err != nil {
		t.Fatal(err)
	}
	if got.Height != 101 || got.GasUsed != 80000 {
		t.Fatalf("result %+v", got)
	}
	var tr txtypes.TxRaw
	_ = proto.Unmarshal(e.node.Sent()[0], &tr)
	var ai txtypes.AuthInfo
	_ = proto.Unmarshal(tr.AuthInfoBytes, &ai)
	var body txtypes.TxBody
	_ = proto.Unmarshal(tr.BodyBytes, &body)
	if ai.Fee.Granter != testRecipient || body.Memo != "hello" || ai.Fee.GasLimit != 150000 {
		t.Fatalf("fee %+v memo %q", ai.Fee, body.Memo)
	}
}

func TestTxErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("insufficient funds at check", func(t *testing.T) {
		t.Parallel()
		e := newTxEnv(t)
		e.node.CheckTx = func([]byte) (uint32, string, string) {
			return 5, "sdk", "spendable balance 0uakt is smaller than 1000uakt"
		}
		plan, err := e.tx.Prepare(ctx, sendMsg(t))
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.tx.Broadcast(ctx, plan)
		var te *TxError
		if !errors.Is(err, ErrInsufficientFunds) || !errors.As(err, &te) || te.Code != 5 || te.Log == "" {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("out of gas at deliver", func(t *testing.T) {
		t.Parallel()
		e := newTxEnv(t)
		e.node.DeliverCode, e.node.DeliverLog = 11, "out of gas in location: WritePerByte"
		plan, _ := e.tx.Prepare(ctx, sendMsg(t))
		res, err := e.tx.Broadcast(ctx, plan)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.tx.Wait(ctx, res.Hash); !errors.Is(err, ErrOutOfGas) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("unauthorized in simulation", func(t *testing.T) {
		t.Parallel()
		e := newTxEnv(t)
		e.node.Handle("/cosmos.tx.v1beta1.Service/Simulate", func([]byte) (proto.Message, uint32, string) {
			return nil, 4, "signature verification failed"
		})
		if _, err := e.tx.Prepare(ctx, sendMsg(t)); !errors.Is(err, ErrUnauthorized) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("sequence mismatch refetches once", func(t *testing.T) {
		t.Parallel()
		e := newTxEnv(t)
		var checks atomic.Int32
		e.node.CheckTx = func([]byte) (uint32, string, string) {
			if checks.Add(1) == 1 {
				e.sequence.Store(4)
				return 32, "sdk", "account sequence mismatch, expected 4, got 3"
			}
			return 0, "", ""
		}
		plan, _ := e.tx.Prepare(ctx, sendMsg(t))
		if _, err := e.tx.Broadcast(ctx, plan); err != nil {
			t.Fatal(err)
		}
		if len(e.node.Sent()) != 2 || plan.Sequence != 4 {
			t.Fatalf("%d broadcasts, plan sequence %d", len(e.node.Sent()), plan.Sequence)
		}
		verifyTx(t, e.node.Sent()[1], 4)
	})
	t.Run("slow inclusion times out", func(t *testing.T) {
		t.Parallel()
		e := newTxEnv(t, WithWait(5*time.Millisecond, 80*time.Millisecond))
		e.node.IncludeAfter = 1 << 30
		plan, _ := e.tx.Prepare(ctx, sendMsg(t))
		res, err := e.tx.Broadcast(ctx, plan)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.tx.Wait(ctx, res.Hash); !errors.Is(err, ErrTxNotFound) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("lost broadcast answer is looked up, not re-signed", func(t *testing.T) {
		t.Parallel()
		e := newTxEnv(t)
		plan, _ := e.tx.Prepare(ctx, sendMsg(t))
		e.node.Mu.Lock()
		e.node.BroadcastHang = 600 * time.Millisecond
		e.node.Mu.Unlock()
		res, err := e.tx.Broadcast(ctx, plan)
		if err != nil {
			t.Fatal(err)
		}
		if res.Included == nil || len(e.node.Sent()) != 1 {
			t.Fatalf("result %+v after %d broadcasts", res, len(e.node.Sent()))
		}
	})
}

func TestOfflinePlan(t *testing.T) {
	t.Parallel()
	kr, _ := OpenKeyring(BackendMemory, "", nil)
	if _, err := kr.Recover("k", testMnemonic(t)); err != nil {
		t.Fatal(err)
	}
	s, _ := kr.Signer("k")
	if _, err := NewTxClient(nil, s); err == nil {
		t.Fatal("offline client without chain id accepted")
	}
	tc, err := NewTxClient(nil, s, WithTxChainID("akashnet-2"), WithAccount(12, 5), WithGasPrice("0.025", "uakt"))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := tc.Prepare(context.Background(), sendMsg(t))
	if err != nil {
		t.Fatal(err)
	}
	if plan.Gas != DefaultOfflineGas || AmountOf(plan.Fee, "uakt") != "10000" || plan.GasEstimated {
		t.Fatalf("plan %+v", plan)
	}
	sb, err := plan.SignBytes(tc.Encoding())
	if err != nil {
		t.Fatal(err)
	}
	var doc txtypes.SignDoc
	if err := proto.Unmarshal(sb, &doc); err != nil || doc.ChainId != "akashnet-2" || doc.AccountNumber != 12 {
		t.Fatalf("sign doc %+v %v", doc, err)
	}
	js, err := plan.UnsignedJSON(tc.Encoding())
	if err != nil {
		t.Fatal(err)
	}
	if want := `"@type":"/cosmos.bank.v1beta1.MsgSend"`; !strings.Contains(string(js), want) {
		t.Fatalf("unsigned JSON %s lacks %s", js, want)
	}
	if _, err := tc.Broadcast(context.Background(), plan); err == nil {
		t.Fatal("offline broadcast accepted")
	}
	_ = banktypes.MsgSend{}
}

// TestLeaseGasHeadroom: accepting a bid gets extra gas on top of the
// simulated amount (other bids closed at inclusion cost more).
func TestLeaseGasHeadroom(t *testing.T) {
	t.Parallel()
	e := newTxEnv(t)
	m, err := NewCreateLease(LeaseID{Owner: testAddress, DSeq: 5, GSeq: 1, OSeq: 1, Provider: testRecipient})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := e.tx.Prepare(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	if want := uint64(150000 + leaseGasHeadroom); plan.Gas != want {
		t.Fatalf("gas %d, want %d", plan.Gas, want)
	}
}
