// Package market is the devnet's simplified akash.market.v1beta5 module: orders for open
// deployment groups, provider bids with an escrowed deposit, leases paid per block from the
// deployment's escrow, and their closing.
//
// Rules kept from Akash: one bid per provider and order (bseq 0), a bid's price is in the
// order's denom and not above the group's price, the deposit reaches the bid minimum, the
// provider must be registered and meet the group's attributes and signed_by auditors, a
// lease is created by the tenant from an open bid (other bids are lost and refunded).
// Simplifications: a closed lease closes its order and group (the tenant re-deploys to get
// a new lease), and lease reclamation is not supported.
package market

import (
	"context"
	"fmt"

	corestore "cosmossdk.io/core/store"
	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	attrv1 "github.com/akt-project/akt/chain/types/base/attributes/v1"
	depositv1 "github.com/akt-project/akt/chain/types/base/deposit/v1"
	dv1 "github.com/akt-project/akt/chain/types/deployment/v1"
	dtypes "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	escrowidv1 "github.com/akt-project/akt/chain/types/escrow/id/v1"
	mv1 "github.com/akt-project/akt/chain/types/market/v1"
	mtypes "github.com/akt-project/akt/chain/types/market/v1beta5"
	"github.com/akt-project/akt/devnet/x/deployment"
	"github.com/akt-project/akt/devnet/x/internal/kv"
)

// ModuleName is the module's name.
const ModuleName = "market"

// Escrow is what the market needs from the escrow module.
type Escrow interface {
	CreateAccount(ctx context.Context, id escrowidv1.Account, owner, signer string, dep depositv1.Deposit) error
	CloseAccount(ctx context.Context, id escrowidv1.Account) error
	CreatePayment(ctx context.Context, aid escrowidv1.Account, xid, provider string, rate sdk.DecCoin) error
	ClosePayment(ctx context.Context, id escrowidv1.Payment) error
}

// Registry answers who may bid: registered providers, their attributes and auditors.
type Registry interface {
	// ProviderAttributes returns a registered provider's attributes.
	ProviderAttributes(ctx context.Context, owner string) (attrv1.Attributes, bool, error)
	// Audited tells whether auditor signed attributes for provider.
	Audited(ctx context.Context, provider, auditor string) (bool, error)
}

// Keeper stores orders, bids and leases.
type Keeper struct {
	orders      kv.Table[mtypes.Order, *mtypes.Order]
	bids        kv.Table[mtypes.Bid, *mtypes.Bid]
	leases      kv.Table[mv1.Lease, *mv1.Lease]
	deployments *deployment.Keeper
	escrow      Escrow
	registry    Registry
	params      mtypes.Params
}

// NewKeeper returns the market keeper over the module store svc.
func NewKeeper(cdc codec.BinaryCodec, svc corestore.KVStoreService, deps *deployment.Keeper, escrow Escrow, reg Registry, params mtypes.Params) *Keeper {
	return &Keeper{
		orders:      kv.NewTable[mtypes.Order](svc, cdc, "ord"),
		bids:        kv.NewTable[mtypes.Bid](svc, cdc, "bid"),
		leases:      kv.NewTable[mv1.Lease](svc, cdc, "lse"),
		deployments: deps,
		escrow:      escrow,
		registry:    reg,
		params:      params,
	}
}

// DefaultParams are mainnet's market parameters since v2.0.0.
func DefaultParams() mtypes.Params {
	return mtypes.Params{
		BidMinDeposit:  sdk.NewInt64Coin("uakt", 500000),
		BidMinDeposits: sdk.NewCoins(sdk.NewInt64Coin("uact", 500000), sdk.NewInt64Coin("uakt", 500000)),
		OrderMaxBids:   20,
	}
}

func orderKey(id mv1.OrderID) string {
	return fmt.Sprintf("%s/%s/%s/%s", id.Owner, kv.U64(id.DSeq), kv.U32(id.GSeq), kv.U32(id.OSeq))
}

func groupPrefix(id dv1.GroupID) string {
	return fmt.Sprintf("%s/%s/%s/", id.Owner, kv.U64(id.DSeq), kv.U32(id.GSeq))
}

func bidKey(id mv1.BidID) string { return orderKey(id.OrderID()) + "/" + id.Provider }

func leaseKey(id mv1.LeaseID) string { return bidKey(id.BidID()) }

// BidEscrowID is the escrow account holding a bid's deposit: scope bid, xid of the bid.
func BidEscrowID(id mv1.BidID) escrowidv1.Account {
	return escrowidv1.Account{Scope: escrowidv1.ScopeBid, XID: fmt.Sprintf("%s/%d/%d/%d/%s", id.Owner, id.DSeq, id.GSeq, id.OSeq, id.Provider)}
}

// PaymentID is the escrow payment of a lease: the deployment's account, xid gseq/oseq/provider.
func PaymentID(id mv1.LeaseID) escrowidv1.Payment {
	return escrowidv1.Payment{
		AID: deployment.EscrowID(dv1.DeploymentID{Owner: id.Owner, DSeq: id.DSeq}),
		XID: fmt.Sprintf("%d/%d/%s", id.GSeq, id.OSeq, id.Provider),
	}
}

// CreateOrder opens the next order of the open group g.
func (k *Keeper) CreateOrder(ctx context.Context, g *dtypes.Group) error {
	existing, err := k.orders.All(ctx, groupPrefix(g.ID), nil)
	if err != nil {
		return err
	}
	o := &mtypes.Order{
		ID:        mv1.OrderID{Owner: g.ID.Owner, DSeq: g.ID.DSeq, GSeq: g.ID.GSeq, OSeq: uint32(len(existing) + 1)},
		State:     mtypes.OrderOpen,
		Spec:      g.GroupSpec,
		CreatedAt: sdk.UnwrapSDKContext(ctx).BlockHeight(),
	}
	if err := k.orders.Set(ctx, orderKey(o.ID), o); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&mv1.EventOrderCreated{ID: o.ID})
}

// CloseGroupOrders closes every order of group gid with its bids and leases.
func (k *Keeper) CloseGroupOrders(ctx context.Context, gid dv1.GroupID, reason mv1.LeaseClosedReason) error {
	orders, err := k.orders.All(ctx, groupPrefix(gid), func(o *mtypes.Order) bool { return o.State != mtypes.OrderClosed })
	if err != nil {
		return err
	}
	for _, o := range orders {
		if err := k.closeOrder(ctx, o, reason); err != nil {
			return err
		}
	}
	return nil
}

// closeOrder closes o, its open bids (refunded) and its active lease (with reason).
func (k *Keeper) closeOrder(ctx context.Context, o *mtypes.Order, reason mv1.LeaseClosedReason) error {
	bids, err := k.bids.All(ctx, orderKey(o.ID)+"/", nil)
	if err != nil {
		return err
	}
	for _, b := range bids {
		switch b.State {
		case mtypes.BidActive:
			if err := k.closeLease(ctx, b.ID.LeaseID(), reason); err != nil {
				return err
			}
			fallthrough
		case mtypes.BidOpen:
			if err := k.finishBid(ctx, b, mtypes.BidClosed); err != nil {
				return err
			}
		}
	}
	o.State = mtypes.OrderClosed
	if err := k.orders.Set(ctx, orderKey(o.ID), o); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&mv1.EventOrderClosed{ID: o.ID})
}

// finishBid moves bid b to state (closed or lost) and refunds its deposit.
func (k *Keeper) finishBid(ctx context.Context, b *mtypes.Bid, state mtypes.Bid_State) error {
	b.State = state
	if err := k.bids.Set(ctx, bidKey(b.ID), b); err != nil {
		return err
	}
	if err := k.escrow.CloseAccount(ctx, BidEscrowID(b.ID)); err != nil {
		return fmt.Errorf("refunding the deposit of bid %s: %w", b.ID, err)
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&mv1.EventBidClosed{ID: b.ID})
}

// closeLease closes an active lease and its escrow payment.
func (k *Keeper) closeLease(ctx context.Context, id mv1.LeaseID, reason mv1.LeaseClosedReason) error {
	l, ok, err := k.leases.Get(ctx, leaseKey(id))
	if err != nil || !ok {
		return fmt.Errorf("lease %s: not found (%v)", id, err)
	}
	if l.State != mv1.LeaseActive {
		return nil
	}
	if err := k.escrow.ClosePayment(ctx, PaymentID(id)); err != nil {
		return fmt.Errorf("closing the payment of lease %s: %w", id, err)
	}
	l.State = mv1.LeaseClosed
	if reason == mv1.LeaseClosedReasonInsufficientFunds {
		l.State = mv1.LeaseInsufficientFunds
	}
	l.Reason = reason
	l.ClosedOn = sdk.UnwrapSDKContext(ctx).BlockHeight()
	if err := k.leases.Set(ctx, leaseKey(id), l); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&mv1.EventLeaseClosed{ID: id, Reason: reason})
}

// orderPrice is the most a group pays per block: the sum of its units' prices times counts.
func orderPrice(spec dtypes.GroupSpec) sdk.DecCoin {
	total := sdk.NewDecCoinFromDec(spec.Resources[0].Price.Denom, math.LegacyZeroDec())
	for _, ru := range spec.Resources {
		total.Amount = total.Amount.Add(ru.Price.Amount.MulInt64(int64(ru.Count)))
	}
	return total
}

// meetsRequirements checks the provider's attributes and auditors against a group.
func (k *Keeper) meetsRequirements(ctx context.Context, provider string, req attrv1.PlacementRequirements) error {
	attrs, ok, err := k.registry.ProviderAttributes(ctx, provider)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("provider %s is not registered", provider)
	}
	have := map[string]string{}
	for _, a := range attrs {
		have[a.Key] = a.Value
	}
	for _, a := range req.Attributes {
		if have[a.Key] != a.Value {
			return fmt.Errorf("provider %s lacks attribute %s=%s", provider, a.Key, a.Value)
		}
	}
	for _, auditor := range req.SignedBy.AllOf {
		if ok, err := k.registry.Audited(ctx, provider, auditor); err != nil || !ok {
			return fmt.Errorf("provider %s is not audited by %s", provider, auditor)
		}
	}
	if len(req.SignedBy.AnyOf) > 0 {
		any := false
		for _, auditor := range req.SignedBy.AnyOf {
			if ok, _ := k.registry.Audited(ctx, provider, auditor); ok {
				any = true
			}
		}
		if !any {
			return fmt.Errorf("provider %s is audited by none of %v", provider, req.SignedBy.AnyOf)
		}
	}
	return nil
}
