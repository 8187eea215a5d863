package chain

import (
	"context"
	"errors"
	"github.com/akt-project/akt/chain/chaintest"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"
	"github.com/cosmos/cosmos-sdk/types/query"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"
)

func TestDialChainIDAndFailover(t *testing.T) {
	t.Parallel()
	good := chaintest.NewNode(t, "akashnet-2")
	wrong := chaintest.NewNode(t, "sandbox-2")
	ctx := context.Background()

	c, err := Dial(ctx, Endpoints{RPC: []string{chaintest.DeadURL(t), wrong.URL(), good.URL()}}, WithChainID("akashnet-2"), WithTimeout(2*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if c.Endpoint() != good.URL() {
		t.Fatalf("endpoint %s, want the healthy %s", c.Endpoint(), good.URL())
	}
	// The healthy endpoint is remembered: the dead one is not tried again.
	before := wrong.CallCount("status")
	if _, err := c.Status(ctx); err != nil {
		t.Fatal(err)
	}
	if wrong.CallCount("status") != before {
		t.Fatal("client went back to the wrong-chain endpoint")
	}

	_, err = Dial(ctx, Endpoints{RPC: []string{wrong.URL()}}, WithChainID("akashnet-2"))
	if !errors.Is(err, ErrChainIDMismatch) {
		t.Fatalf("got %v, want ErrChainIDMismatch", err)
	}
	_, err = Dial(ctx, Endpoints{RPC: []string{chaintest.DeadURL(t)}}, WithChainID("akashnet-2"))
	if !errors.Is(err, ErrNoEndpoint) {
		t.Fatalf("got %v, want ErrNoEndpoint", err)
	}
}

func TestFailoverAfterEndpointGoesDown(t *testing.T) {
	t.Parallel()
	first := chaintest.NewNode(t, "test-1")
	second := chaintest.NewNode(t, "test-1")
	ctx := context.Background()
	c, err := Dial(ctx, Endpoints{RPC: []string{first.URL(), second.URL()}}, WithChainID("test-1"))
	if err != nil {
		t.Fatal(err)
	}
	first.Srv.Close()
	st, err := c.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Endpoint != second.URL() || c.Endpoint() != second.URL() {
		t.Fatalf("did not fail over: %s", st.Endpoint)
	}
}

func TestBalancesPaginatedAndAccount(t *testing.T) {
	t.Parallel()
	n := chaintest.NewNode(t, "test-1")
	n.Handle("/cosmos.bank.v1beta1.Query/AllBalances", func(req []byte) (proto.Message, uint32, string) {
		var r banktypes.QueryAllBalancesRequest
		if err := proto.Unmarshal(req, &r); err != nil {
			return nil, 2, err.Error()
		}
		if r.Address != testAddress {
			return nil, 7, "wrong address"
		}
		if len(r.Pagination.GetKey()) == 0 {
			return &banktypes.QueryAllBalancesResponse{
				Balances:   sdk.NewCoins(sdk.NewInt64Coin("uakt", 1500000)),
				Pagination: &query.PageResponse{NextKey: []byte("page2")},
			}, 0, ""
		}
		return &banktypes.QueryAllBalancesResponse{Balances: sdk.Coins{sdk.Coin{Denom: "uact", Amount: sdkmath.NewInt(42)}}}, 0, ""
	})
	n.Handle("/cosmos.auth.v1beta1.Query/Account", func(req []byte) (proto.Message, uint32, string) {
		var r authtypes.QueryAccountRequest
		_ = proto.Unmarshal(req, &r)
		if r.Address != testAddress {
			return nil, 22, "account " + r.Address + " not found"
		}
		acc := &authtypes.BaseAccount{Address: testAddress, AccountNumber: 7, Sequence: 3}
		anyAcc, err := codectypes.NewAnyWithValue(acc)
		if err != nil {
			return nil, 1, err.Error()
		}
		return &authtypes.QueryAccountResponse{Account: anyAcc}, 0, ""
	})
	ctx := context.Background()
	c, err := Dial(ctx, Endpoints{RPC: []string{n.URL()}})
	if err != nil {
		t.Fatal(err)
	}
	bal, err := c.Balances(ctx, testAddress)
	if err != nil {
		t.Fatal(err)
	}
	if AmountOf(bal, "uakt") != "1500000" || AmountOf(bal, "uact") != "42" || len(bal) != 2 {
		t.Fatalf("balances %+v", bal)
	}
	acc, err := c.Account(ctx, testAddress)
	if err != nil {
		t.Fatal(err)
	}
	if acc.Number != 7 || acc.Sequence != 3 {
		t.Fatalf("account %+v", acc)
	}
	other, err := bech32.ConvertAndEncode(AccountPrefix, make([]byte, 20))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Account(ctx, other); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown account: got %v, want ErrNotFound", err)
	}
	if _, err := c.Balances(ctx, "cosmos1xyz"); err == nil {
		t.Fatal("bad address accepted")
	}
}
