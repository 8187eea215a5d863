// Package escrowv1 holds akash.escrow.v1: MsgAccountDeposit, the
// DepositAuthorization authz grant, queries and the Msg and Query services.
package escrowv1

import (
	"context"
	"fmt"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"

	depositv1 "github.com/akt-project/akt/chain/types/base/deposit/v1"
	deploymentv1beta4 "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	escrowidv1 "github.com/akt-project/akt/chain/types/escrow/id/v1"
	marketv1beta5 "github.com/akt-project/akt/chain/types/market/v1beta5"
)

// DepositAuthorizationScopes is a list of deposit authorization scopes.
type DepositAuthorizationScopes []DepositAuthorization_Scope

var _ authz.Authorization = (*DepositAuthorization)(nil)

// NewDepositAuthorization returns a grant letting the grantee deposit up to
// limits for the given scopes. The deprecated single spend_limit is set to
// zero of the first limit's denom, as the chain requires.
func NewDepositAuthorization(limits sdk.Coins, scopes ...DepositAuthorization_Scope) *DepositAuthorization {
	zero := sdk.Coin{Denom: "uakt", Amount: math.ZeroInt()}
	if len(limits) > 0 {
		zero.Denom = limits[0].Denom
	}
	return &DepositAuthorization{SpendLimit: zero, Scopes: scopes, SpendLimits: limits}
}

// MsgTypeURL returns the message type the grant is keyed on:
// /akash.escrow.v1.MsgAccountDeposit.
func (m *DepositAuthorization) MsgTypeURL() string {
	return sdk.MsgTypeURL(&MsgAccountDeposit{})
}

// ValidateBasic checks the grant: the deprecated spend_limit is zero, the
// spend limits are valid and positive, and scopes are known and unique.
func (m *DepositAuthorization) ValidateBasic() error {
	if !m.SpendLimit.IsNil() && !m.SpendLimit.IsZero() {
		return fmt.Errorf("deposit authorization: deprecated spend_limit must be zero, got %s", m.SpendLimit)
	}
	limits := sdk.Coins(m.SpendLimits)
	if len(limits) == 0 {
		return fmt.Errorf("deposit authorization: spend_limits is empty")
	}
	if err := limits.Validate(); err != nil {
		return fmt.Errorf("deposit authorization: spend_limits %s: %w", limits, err)
	}
	if len(m.Scopes) == 0 {
		return fmt.Errorf("deposit authorization: scopes is empty")
	}
	seen := map[DepositAuthorization_Scope]bool{}
	for _, s := range m.Scopes {
		if s != DepositScopeDeployment && s != DepositScopeBid {
			return fmt.Errorf("deposit authorization: invalid scope %d", s)
		}
		if seen[s] {
			return fmt.Errorf("deposit authorization: duplicate scope %s", s)
		}
		seen[s] = true
	}
	return nil
}

// Accept spends the deposit of msg (MsgAccountDeposit, MsgCreateDeployment or
// MsgCreateBid) from the grant's limits when the grant covers its scope.
func (m *DepositAuthorization) Accept(_ context.Context, msg sdk.Msg) (authz.AcceptResponse, error) {
	var (
		scope  DepositAuthorization_Scope
		amount sdk.Coin
	)
	switch msg := msg.(type) {
	case *MsgAccountDeposit:
		switch msg.ID.Scope {
		case escrowidv1.ScopeDeployment:
			scope = DepositScopeDeployment
		case escrowidv1.ScopeBid:
			scope = DepositScopeBid
		default:
			return authz.AcceptResponse{}, fmt.Errorf("deposit authorization: account scope %s cannot be funded by a grant", msg.ID.Scope)
		}
		amount = msg.Deposit.Amount
	case *deploymentv1beta4.MsgCreateDeployment:
		scope, amount = DepositScopeDeployment, msg.Deposit.Amount
	case *marketv1beta5.MsgCreateBid:
		scope, amount = DepositScopeBid, msg.Deposit.Amount
	default:
		return authz.AcceptResponse{}, fmt.Errorf("deposit authorization: cannot authorize %s", sdk.MsgTypeURL(msg))
	}
	updated, exhausted, err := m.Spend(scope, amount)
	if err != nil {
		return authz.AcceptResponse{}, err
	}
	if exhausted {
		return authz.AcceptResponse{Accept: true, Delete: true}, nil
	}
	return authz.AcceptResponse{Accept: true, Updated: updated}, nil
}

// Spend returns the grant left after spending amount for scope, and whether
// nothing is left. It fails if the scope is not granted or the limit is too low.
func (m *DepositAuthorization) Spend(scope DepositAuthorization_Scope, amount sdk.Coin) (*DepositAuthorization, bool, error) {
	allowed := false
	for _, s := range m.Scopes {
		allowed = allowed || s == scope
	}
	if !allowed {
		return nil, false, fmt.Errorf("deposit authorization: scope %s is not granted", scope)
	}
	left, negative := sdk.Coins(m.SpendLimits).SafeSub(amount)
	if negative {
		return nil, false, fmt.Errorf("deposit authorization: %s exceeds the spend limit %s", amount, sdk.Coins(m.SpendLimits))
	}
	updated := *m
	updated.SpendLimits = left
	return &updated, left.IsZero(), nil
}

// Sources of a deposit that may spend grants; kept here so callers building
// grant-funded deposits do not need the deposit package for the common case.
var grantFirst = depositv1.Sources{depositv1.SourceGrant, depositv1.SourceBalance}

// GrantThenBalance returns the deposit sources that spend grants first, then
// the signer's own balance.
func GrantThenBalance() depositv1.Sources {
	return append(depositv1.Sources(nil), grantFirst...)
}
