package escrowv1

import (
	"context"
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	depositv1 "github.com/akt-project/akt/chain/types/base/deposit/v1"
	deploymentv1beta4 "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	escrowidv1 "github.com/akt-project/akt/chain/types/escrow/id/v1"
	marketv1beta5 "github.com/akt-project/akt/chain/types/market/v1beta5"
)

func deposit(scope escrowidv1.Scope, amount int64) *MsgAccountDeposit {
	return &MsgAccountDeposit{
		Signer:  "akash1grantee",
		ID:      escrowidv1.Account{Scope: scope, XID: "akash1owner/1"},
		Deposit: depositv1.NewDeposit(sdk.NewInt64Coin("uact", amount), depositv1.SourceGrant),
	}
}

func TestDepositAuthorizationAccept(t *testing.T) {
	t.Parallel()
	limits := sdk.NewCoins(sdk.NewInt64Coin("uact", 100))
	cases := []struct {
		name       string
		scopes     []DepositAuthorization_Scope
		msg        sdk.Msg
		wantErr    bool
		wantDelete bool
		wantLeft   int64
	}{
		{"deposit within limit", []DepositAuthorization_Scope{DepositScopeDeployment}, deposit(escrowidv1.ScopeDeployment, 40), false, false, 60},
		{"deposit exhausts limit", []DepositAuthorization_Scope{DepositScopeDeployment}, deposit(escrowidv1.ScopeDeployment, 100), false, true, 0},
		{"deposit over limit", []DepositAuthorization_Scope{DepositScopeDeployment}, deposit(escrowidv1.ScopeDeployment, 101), true, false, 0},
		{"scope not granted", []DepositAuthorization_Scope{DepositScopeBid}, deposit(escrowidv1.ScopeDeployment, 1), true, false, 0},
		{"create deployment", []DepositAuthorization_Scope{DepositScopeDeployment},
			&deploymentv1beta4.MsgCreateDeployment{Deposit: depositv1.NewDeposit(sdk.NewInt64Coin("uact", 30))}, false, false, 70},
		{"create bid", []DepositAuthorization_Scope{DepositScopeBid},
			&marketv1beta5.MsgCreateBid{Deposit: depositv1.NewDeposit(sdk.NewInt64Coin("uact", 10))}, false, false, 90},
		{"wrong denom", []DepositAuthorization_Scope{DepositScopeDeployment},
			&deploymentv1beta4.MsgCreateDeployment{Deposit: depositv1.NewDeposit(sdk.NewInt64Coin("uakt", 1))}, true, false, 0},
		{"other message", []DepositAuthorization_Scope{DepositScopeDeployment}, &deploymentv1beta4.MsgCloseGroup{}, true, false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			auth := NewDepositAuthorization(limits, tc.scopes...)
			res, err := auth.Accept(context.Background(), tc.msg)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("want an error, got %+v", res)
				}
				return
			}
			if err != nil {
				t.Fatalf("accept: %v", err)
			}
			if !res.Accept || res.Delete != tc.wantDelete {
				t.Fatalf("response %+v, want accept and delete=%v", res, tc.wantDelete)
			}
			if tc.wantDelete {
				return
			}
			left := res.Updated.(*DepositAuthorization).SpendLimits.AmountOf("uact")
			if !left.Equal(math.NewInt(tc.wantLeft)) {
				t.Fatalf("left %s, want %d", left, tc.wantLeft)
			}
			if !auth.SpendLimits.AmountOf("uact").Equal(math.NewInt(100)) {
				t.Fatal("Accept changed the original grant")
			}
		})
	}
}

func TestDepositAuthorizationValidateBasic(t *testing.T) {
	t.Parallel()
	good := NewDepositAuthorization(sdk.NewCoins(sdk.NewInt64Coin("uact", 5)), DepositScopeDeployment, DepositScopeBid)
	if err := good.ValidateBasic(); err != nil {
		t.Fatalf("valid grant: %v", err)
	}
	bad := map[string]*DepositAuthorization{
		"nonzero spend_limit": {SpendLimit: sdk.NewInt64Coin("uakt", 1), Scopes: good.Scopes, SpendLimits: good.SpendLimits},
		"no limits":           NewDepositAuthorization(nil, DepositScopeDeployment),
		"no scopes":           NewDepositAuthorization(good.SpendLimits),
		"duplicate scope":     NewDepositAuthorization(good.SpendLimits, DepositScopeBid, DepositScopeBid),
		"invalid scope":       NewDepositAuthorization(good.SpendLimits, DepositScopeInvalid),
	}
	for name, a := range bad {
		if err := a.ValidateBasic(); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
	if got := good.MsgTypeURL(); got != "/akash.escrow.v1.MsgAccountDeposit" {
		t.Errorf("MsgTypeURL = %q", got)
	}
}
