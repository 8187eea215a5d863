// Package escrow is the devnet's simplified akash.escrow.v1 module: escrow accounts for
// deployments (and provider bids), deposits from the signer's balance or from authz
// DepositAuthorization grants in the order of the deposit sources, per-block payment to
// the providers of a deployment's leases, and the refund of what is left at close.
//
// Simplifications against Akash: payments settle every block (Akash settles lazily and on
// withdraw); refunds go to depositors newest first; AKT deposits into an ACT account are
// converted at the devnet's fixed bme rate.
package escrow

import (
	"context"
	"fmt"
	"sort"
	"sync/atomic"
	"time"

	corestore "cosmossdk.io/core/store"
	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"

	depositv1 "github.com/akt-project/akt/chain/types/base/deposit/v1"
	escrowidv1 "github.com/akt-project/akt/chain/types/escrow/id/v1"
	etypes "github.com/akt-project/akt/chain/types/escrow/types/v1"
	escrowv1 "github.com/akt-project/akt/chain/types/escrow/v1"
	"github.com/akt-project/akt/devnet/x/internal/kv"
)

// ModuleName is the module's name and the name of the module account holding escrowed funds.
const ModuleName = "escrow"

// BankKeeper is what the escrow module needs from x/bank.
type BankKeeper interface {
	SpendableCoins(ctx context.Context, addr sdk.AccAddress) sdk.Coins
	SendCoinsFromAccountToModule(ctx context.Context, from sdk.AccAddress, to string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, from string, to sdk.AccAddress, amt sdk.Coins) error
}

// AuthzKeeper is what the escrow module needs from x/authz.
type AuthzKeeper interface {
	IterateGrants(ctx context.Context, handler func(granter, grantee sdk.AccAddress, grant authz.Grant) bool)
	SaveGrant(ctx context.Context, grantee, granter sdk.AccAddress, a authz.Authorization, exp *time.Time) error
	DeleteGrant(ctx context.Context, grantee, granter sdk.AccAddress, msgType string) error
}

// Converter turns escrowed AKT into ACT (the bme module); it moves coins held by the
// escrow module account.
type Converter interface {
	ConvertEscrowed(ctx context.Context, from string, coin sdk.Coin, toDenom string) (sdk.Coin, error)
}

// Hooks let the owning modules react when an account runs dry.
type Hooks interface {
	// OnAccountOverdrawn is called once when an account cannot pay its leases any more.
	OnAccountOverdrawn(ctx context.Context, id escrowidv1.Account) error
}

// Keeper stores escrow accounts and payments.
type Keeper struct {
	accounts  kv.Table[etypes.Account, *etypes.Account]
	payments  kv.Table[etypes.Payment, *etypes.Payment]
	bank      BankKeeper
	authz     AuthzKeeper
	converter Converter
	hooks     Hooks
	cdc       codec.BinaryCodec
	// drainBlocks, when positive, makes new payments drain their account within that many
	// blocks (the "escrow runs out" fault).
	drainBlocks *atomic.Int64
}

// NewKeeper returns the escrow keeper over the module store svc.
func NewKeeper(cdc codec.BinaryCodec, svc corestore.KVStoreService, bank BankKeeper, az AuthzKeeper) *Keeper {
	return &Keeper{
		accounts:    kv.NewTable[etypes.Account](svc, cdc, "acc"),
		payments:    kv.NewTable[etypes.Payment](svc, cdc, "pay"),
		bank:        bank,
		authz:       az,
		cdc:         cdc,
		drainBlocks: new(atomic.Int64),
	}
}

// SetConverter sets the AKT→ACT converter (the bme keeper).
func (k *Keeper) SetConverter(c Converter) { k.converter = c }

// SetHooks sets the hooks called when an account runs dry.
func (k *Keeper) SetHooks(h Hooks) { k.hooks = h }

// SetDrainBlocks sets the escrow fault: payments created from now on drain their account
// within n blocks (0 turns the fault off).
func (k *Keeper) SetDrainBlocks(n int64) { k.drainBlocks.Store(n) }

func accountKey(id escrowidv1.Account) string { return fmt.Sprintf("%d/%s", id.Scope, id.XID) }

func paymentKey(id escrowidv1.Payment) string { return accountKey(id.AID) + "/" + id.XID }

// GetAccount returns the account id.
func (k *Keeper) GetAccount(ctx context.Context, id escrowidv1.Account) (*etypes.Account, bool, error) {
	return k.accounts.Get(ctx, accountKey(id))
}

// Accounts returns every account accepted by keep.
func (k *Keeper) Accounts(ctx context.Context, keep func(*etypes.Account) bool) ([]*etypes.Account, error) {
	return k.accounts.All(ctx, "", keep)
}

// Payments returns every payment accepted by keep.
func (k *Keeper) Payments(ctx context.Context, keep func(*etypes.Payment) bool) ([]*etypes.Payment, error) {
	return k.payments.All(ctx, "", keep)
}

// GetPayment returns the payment id.
func (k *Keeper) GetPayment(ctx context.Context, id escrowidv1.Payment) (*etypes.Payment, bool, error) {
	return k.payments.Get(ctx, paymentKey(id))
}

// CreateAccount opens account id owned by owner, holding denom, and funds it with dep
// taken from signer's sources.
func (k *Keeper) CreateAccount(ctx context.Context, id escrowidv1.Account, owner, signer string, dep depositv1.Deposit) error {
	if k.accounts.Has(ctx, accountKey(id)) {
		return fmt.Errorf("escrow account %s already exists", accountKey(id))
	}
	sctx := sdk.UnwrapSDKContext(ctx)
	acc := &etypes.Account{ID: id, State: etypes.AccountState{
		Owner:     owner,
		State:     etypes.StateOpen,
		SettledAt: sctx.BlockHeight(),
		Funds:     []etypes.Balance{{Denom: dep.Amount.Denom, Amount: math.LegacyZeroDec()}},
	}}
	if err := k.deposit(ctx, acc, signer, dep); err != nil {
		return err
	}
	return k.accounts.Set(ctx, accountKey(id), acc)
}

// Deposit adds dep, taken from signer's sources, to the open account id.
func (k *Keeper) Deposit(ctx context.Context, id escrowidv1.Account, signer string, dep depositv1.Deposit) error {
	acc, ok, err := k.GetAccount(ctx, id)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("escrow account %s not found", accountKey(id))
	}
	if acc.State.State != etypes.StateOpen {
		return fmt.Errorf("escrow account %s is %s, not open", accountKey(id), acc.State.State)
	}
	if err := k.deposit(ctx, acc, signer, dep); err != nil {
		return err
	}
	return k.accounts.Set(ctx, accountKey(id), acc)
}

// deposit collects dep from signer's sources in order into the module account and records
// the depositors on acc.
func (k *Keeper) deposit(ctx context.Context, acc *etypes.Account, signer string, dep depositv1.Deposit) error {
	if !dep.Amount.IsValid() || !dep.Amount.IsPositive() {
		return fmt.Errorf("deposit amount %s must be positive", dep.Amount)
	}
	if len(dep.Sources) == 0 {
		return fmt.Errorf("deposit of %s names no sources (balance or grant)", dep.Amount)
	}
	signerAddr, err := sdk.AccAddressFromBech32(signer)
	if err != nil {
		return fmt.Errorf("deposit signer %q: %w", signer, err)
	}
	height := sdk.UnwrapSDKContext(ctx).BlockHeight()
	denom := dep.Amount.Denom
	remaining := dep.Amount.Amount
	for _, src := range dep.Sources {
		if remaining.IsZero() {
			break
		}
		switch src {
		case depositv1.SourceBalance:
			take := math.MinInt(remaining, k.bank.SpendableCoins(ctx, signerAddr).AmountOf(denom))
			if take.IsPositive() {
				if err := k.collect(ctx, acc, signerAddr, sdk.NewCoin(denom, take), depositv1.SourceBalance, height); err != nil {
					return err
				}
				remaining = remaining.Sub(take)
			}
		case depositv1.SourceGrant:
			took, err := k.fromGrants(ctx, acc, signerAddr, sdk.NewCoin(denom, remaining), height)
			if err != nil {
				return err
			}
			remaining = remaining.Sub(took)
		default:
			return fmt.Errorf("deposit source %s is not balance or grant", src)
		}
	}
	if remaining.IsPositive() {
		return fmt.Errorf("insufficient funds: deposit of %s from sources %v lacks %s%s", dep.Amount, dep.Sources, remaining, denom)
	}
	return nil
}

// fromGrants spends up to want from the DepositAuthorization grants given to grantee.
func (k *Keeper) fromGrants(ctx context.Context, acc *etypes.Account, grantee sdk.AccAddress, want sdk.Coin, height int64) (math.Int, error) {
	type found struct {
		granter sdk.AccAddress
		auth    *escrowv1.DepositAuthorization
		exp     *time.Time
	}
	var grants []found
	msgType := sdk.MsgTypeURL(&escrowv1.MsgAccountDeposit{})
	k.authz.IterateGrants(ctx, func(granter, g sdk.AccAddress, grant authz.Grant) bool {
		if !g.Equals(grantee) || grant.Authorization == nil {
			return false
		}
		a, err := grant.GetAuthorization()
		if err != nil {
			return false
		}
		auth, ok := a.(*escrowv1.DepositAuthorization)
		if ok && auth.MsgTypeURL() == msgType {
			grants = append(grants, found{granter: granter, auth: auth, exp: grant.Expiration})
		}
		return false
	})
	sort.SliceStable(grants, func(i, j int) bool { return grants[i].granter.String() < grants[j].granter.String() })
	scope := escrowv1.DepositScopeDeployment
	if acc.ID.Scope == escrowidv1.ScopeBid {
		scope = escrowv1.DepositScopeBid
	}
	took := math.ZeroInt()
	for _, g := range grants {
		left := want.Amount.Sub(took)
		if !left.IsPositive() {
			break
		}
		if sdk.UnwrapSDKContext(ctx).BlockTime().After(derefTime(g.exp)) && g.exp != nil {
			continue
		}
		limit := sdk.Coins(g.auth.SpendLimits).AmountOf(want.Denom)
		take := math.MinInt(left, math.MinInt(limit, k.bank.SpendableCoins(ctx, g.granter).AmountOf(want.Denom)))
		if !take.IsPositive() {
			continue
		}
		updated, exhausted, err := g.auth.Spend(scope, sdk.NewCoin(want.Denom, take))
		if err != nil {
			continue // this grant does not cover the account's scope
		}
		if exhausted {
			err = k.authz.DeleteGrant(ctx, grantee, g.granter, msgType)
		} else {
			err = k.authz.SaveGrant(ctx, grantee, g.granter, updated, g.exp)
		}
		if err != nil {
			return took, fmt.Errorf("updating deposit grant %s→%s: %w", g.granter, grantee, err)
		}
		if err := k.collect(ctx, acc, g.granter, sdk.NewCoin(want.Denom, take), depositv1.SourceGrant, height); err != nil {
			return took, err
		}
		took = took.Add(take)
	}
	return took, nil
}

// collect moves coin from owner into the module account, converting AKT into the
// account's denom when they differ, and records owner as a depositor.
func (k *Keeper) collect(ctx context.Context, acc *etypes.Account, owner sdk.AccAddress, coin sdk.Coin, src depositv1.Source, height int64) error {
	if err := k.bank.SendCoinsFromAccountToModule(ctx, owner, ModuleName, sdk.NewCoins(coin)); err != nil {
		return fmt.Errorf("moving %s from %s into escrow: %w", coin, owner, err)
	}
	denom := acc.State.Funds[0].Denom
	if coin.Denom != denom {
		if k.converter == nil {
			return fmt.Errorf("cannot deposit %s into an account held in %s", coin.Denom, denom)
		}
		conv, err := k.converter.ConvertEscrowed(ctx, ModuleName, coin, denom)
		if err != nil {
			return fmt.Errorf("converting %s deposit to %s: %w", coin, denom, err)
		}
		coin = conv
	}
	amt := math.LegacyNewDecFromInt(coin.Amount)
	acc.State.Funds[0].Amount = acc.State.Funds[0].Amount.Add(amt)
	acc.State.Deposits = append(acc.State.Deposits, etypes.Depositor{
		Owner: owner.String(), Height: height, Source: src,
		Balance: sdk.NewDecCoinFromDec(denom, amt),
	})
	return nil
}

func derefTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
