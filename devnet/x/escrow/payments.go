package escrow

import (
	"context"
	"fmt"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	escrowidv1 "github.com/akt-project/akt/chain/types/escrow/id/v1"
	etypes "github.com/akt-project/akt/chain/types/escrow/types/v1"
)

// CreatePayment opens a payment of rate per block from account aid to provider (a lease).
// With the escrow fault on, the rate is raised so the account runs dry within the fault's
// number of blocks.
func (k *Keeper) CreatePayment(ctx context.Context, aid escrowidv1.Account, xid, provider string, rate sdk.DecCoin) error {
	acc, ok, err := k.GetAccount(ctx, aid)
	if err != nil {
		return err
	}
	if !ok || acc.State.State != etypes.StateOpen {
		return fmt.Errorf("escrow account %s is not open", accountKey(aid))
	}
	if rate.Denom != acc.State.Funds[0].Denom {
		return fmt.Errorf("payment rate %s is not in the account's denom %s", rate, acc.State.Funds[0].Denom)
	}
	if n := k.drainBlocks.Load(); n > 0 {
		fast := acc.State.Funds[0].Amount.QuoInt64(n)
		if fast.GT(rate.Amount) {
			rate.Amount = fast
		}
	}
	id := escrowidv1.Payment{AID: aid, XID: xid}
	if k.payments.Has(ctx, paymentKey(id)) {
		return fmt.Errorf("escrow payment %s already exists", paymentKey(id))
	}
	// Settle the other payments first, then start this one at this block.
	if err := k.settle(ctx, acc); err != nil {
		return err
	}
	acc.State.SettledAt = sdk.UnwrapSDKContext(ctx).BlockHeight()
	if err := k.accounts.Set(ctx, accountKey(aid), acc); err != nil {
		return err
	}
	p := &etypes.Payment{ID: id, State: etypes.PaymentState{
		Owner:     provider,
		State:     etypes.StateOpen,
		Rate:      rate,
		Balance:   sdk.NewDecCoinFromDec(rate.Denom, math.LegacyZeroDec()),
		Unsettled: sdk.NewDecCoinFromDec(rate.Denom, math.LegacyZeroDec()),
		Withdrawn: sdk.NewCoin(rate.Denom, math.ZeroInt()),
	}}
	return k.payments.Set(ctx, paymentKey(id), p)
}

// ClosePayment settles the account and closes one payment.
func (k *Keeper) ClosePayment(ctx context.Context, id escrowidv1.Payment) error {
	acc, ok, err := k.GetAccount(ctx, id.AID)
	if err != nil || !ok {
		return fmt.Errorf("escrow account %s: not found (%v)", accountKey(id.AID), err)
	}
	if err := k.settle(ctx, acc); err != nil {
		return err
	}
	if err := k.accounts.Set(ctx, accountKey(id.AID), acc); err != nil {
		return err
	}
	p, ok, err := k.GetPayment(ctx, id)
	if err != nil || !ok {
		return fmt.Errorf("escrow payment %s: not found (%v)", paymentKey(id), err)
	}
	if p.State.State == etypes.StateOpen {
		p.State.State = etypes.StateClosed
	}
	return k.payments.Set(ctx, paymentKey(id), p)
}

// CloseAccount settles the account, closes its payments and refunds what is left to its
// depositors, newest deposit first.
func (k *Keeper) CloseAccount(ctx context.Context, id escrowidv1.Account) error {
	acc, ok, err := k.GetAccount(ctx, id)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("escrow account %s not found", accountKey(id))
	}
	if acc.State.State == etypes.StateClosed {
		return nil
	}
	if acc.State.State == etypes.StateOpen {
		if err := k.settle(ctx, acc); err != nil {
			return err
		}
	}
	pays, err := k.payments.All(ctx, accountKey(id)+"/", nil)
	if err != nil {
		return err
	}
	for _, p := range pays {
		if p.State.State == etypes.StateOpen {
			p.State.State = etypes.StateClosed
			if err := k.payments.Set(ctx, paymentKey(p.ID), p); err != nil {
				return err
			}
		}
	}
	left := acc.State.Funds[0].Amount
	denom := acc.State.Funds[0].Denom
	for i := len(acc.State.Deposits) - 1; i >= 0 && left.IsPositive(); i-- {
		d := &acc.State.Deposits[i]
		back := math.LegacyMinDec(left, d.Balance.Amount).TruncateInt()
		if back.IsPositive() {
			to, err := sdk.AccAddressFromBech32(d.Owner)
			if err != nil {
				return fmt.Errorf("refund to depositor %q: %w", d.Owner, err)
			}
			if err := k.bank.SendCoinsFromModuleToAccount(ctx, ModuleName, to, sdk.NewCoins(sdk.NewCoin(denom, back))); err != nil {
				return fmt.Errorf("refunding %s%s to %s: %w", back, denom, to, err)
			}
		}
		dec := math.LegacyNewDecFromInt(back)
		left = left.Sub(dec)
		d.Balance.Amount = d.Balance.Amount.Sub(dec)
	}
	acc.State.Funds[0].Amount = left
	if acc.State.State == etypes.StateOpen {
		acc.State.State = etypes.StateClosed
	}
	return k.accounts.Set(ctx, accountKey(id), acc)
}

// SettleAll pays every open account's providers for the blocks since it last settled and
// reports the accounts that ran dry to the hooks. Called at the end of every block.
func (k *Keeper) SettleAll(ctx context.Context) error {
	open, err := k.accounts.All(ctx, "", func(a *etypes.Account) bool { return a.State.State == etypes.StateOpen })
	if err != nil {
		return err
	}
	for _, acc := range open {
		before := acc.State.SettledAt
		if err := k.settle(ctx, acc); err != nil {
			return err
		}
		if acc.State.SettledAt == before {
			continue // nothing to pay: leave the record untouched
		}
		if err := k.accounts.Set(ctx, accountKey(acc.ID), acc); err != nil {
			return err
		}
		if acc.State.State == etypes.StateOverdrawn && k.hooks != nil {
			if err := k.hooks.OnAccountOverdrawn(ctx, acc.ID); err != nil {
				return fmt.Errorf("closing overdrawn escrow %s: %w", accountKey(acc.ID), err)
			}
		}
	}
	return nil
}

// settle pays the open payments of acc for the blocks since acc.SettledAt. When the funds
// do not cover them, what is left is shared by rate and the account becomes overdrawn.
func (k *Keeper) settle(ctx context.Context, acc *etypes.Account) error {
	height := sdk.UnwrapSDKContext(ctx).BlockHeight()
	blocks := height - acc.State.SettledAt
	if blocks <= 0 || acc.State.State != etypes.StateOpen {
		return nil
	}
	pays, err := k.payments.All(ctx, accountKey(acc.ID)+"/", func(p *etypes.Payment) bool { return p.State.State == etypes.StateOpen })
	if err != nil || len(pays) == 0 {
		// No open payment: nothing accrued, and the next payment starts from its creation.
		return err
	}
	acc.State.SettledAt = height
	total := math.LegacyZeroDec()
	for _, p := range pays {
		total = total.Add(p.State.Rate.Amount)
	}
	owed := total.MulInt64(blocks)
	funds := acc.State.Funds[0].Amount
	share := math.LegacyOneDec()
	if owed.GT(funds) {
		share = funds.Quo(owed)
		acc.State.State = etypes.StateOverdrawn
	}
	for _, p := range pays {
		amt := p.State.Rate.Amount.MulInt64(blocks).Mul(share)
		if err := k.pay(ctx, acc, p, amt); err != nil {
			return err
		}
		if acc.State.State == etypes.StateOverdrawn {
			p.State.State = etypes.StateOverdrawn
		}
		if err := k.payments.Set(ctx, paymentKey(p.ID), p); err != nil {
			return err
		}
	}
	return nil
}

// pay moves amt from acc's funds to payment p, sending whole units to the provider.
func (k *Keeper) pay(ctx context.Context, acc *etypes.Account, p *etypes.Payment, amt math.LegacyDec) error {
	denom := acc.State.Funds[0].Denom
	amt = math.LegacyMinDec(amt, acc.State.Funds[0].Amount)
	acc.State.Funds[0].Amount = acc.State.Funds[0].Amount.Sub(amt)
	acc.State.Transferred = acc.State.Transferred.Add(sdk.NewDecCoinFromDec(denom, amt))
	p.State.Balance.Amount = p.State.Balance.Amount.Add(amt)
	whole := p.State.Balance.Amount.TruncateInt()
	if !whole.IsPositive() {
		return nil
	}
	to, err := sdk.AccAddressFromBech32(p.State.Owner)
	if err != nil {
		return fmt.Errorf("payment %s owner %q: %w", paymentKey(p.ID), p.State.Owner, err)
	}
	if err := k.bank.SendCoinsFromModuleToAccount(ctx, ModuleName, to, sdk.NewCoins(sdk.NewCoin(denom, whole))); err != nil {
		return fmt.Errorf("paying %s%s to provider %s: %w", whole, denom, to, err)
	}
	p.State.Balance.Amount = p.State.Balance.Amount.Sub(math.LegacyNewDecFromInt(whole))
	p.State.Withdrawn = p.State.Withdrawn.AddAmount(whole)
	return nil
}
