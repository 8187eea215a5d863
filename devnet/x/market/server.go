package market

import (
	"context"
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	dv1 "github.com/akt-project/akt/chain/types/deployment/v1"
	dtypes "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	mv1 "github.com/akt-project/akt/chain/types/market/v1"
	mtypes "github.com/akt-project/akt/chain/types/market/v1beta5"
	"github.com/akt-project/akt/devnet/x/internal/modbase"
)

// AppModule is the market module.
type AppModule struct {
	modbase.Basic
	k *Keeper
	q queryServer
}

// NewAppModule returns the module of k; escrow answers the escrow parts of bid and lease
// queries.
func NewAppModule(k *Keeper, escrow EscrowReader) AppModule {
	return AppModule{Basic: ModuleName, k: k, q: queryServer{k: k, escrow: escrow}}
}

// RegisterServices registers akash.market.v1beta5.Msg and Query.
func (m AppModule) RegisterServices(cfg module.Configurator) {
	mtypes.RegisterMsgServer(cfg.MsgServer(), msgServer{m.k})
	mtypes.RegisterQueryServer(cfg.QueryServer(), m.q)
}

type msgServer struct{ k *Keeper }

func (s msgServer) openOrder(ctx context.Context, id mv1.OrderID) (*mtypes.Order, error) {
	o, ok, err := s.k.orders.Get(ctx, orderKey(id))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("order %s not found", id)
	}
	if o.State != mtypes.OrderOpen {
		return nil, fmt.Errorf("order %s is %s, not open", id, o.State)
	}
	return o, nil
}

// CreateBid places a provider's bid on an open order.
func (s msgServer) CreateBid(ctx context.Context, msg *mtypes.MsgCreateBid) (*mtypes.MsgCreateBidResponse, error) {
	id := msg.ID
	if id.BSeq != 0 {
		return nil, fmt.Errorf("creating bid %s: bseq must be 0", id)
	}
	o, err := s.openOrder(ctx, id.OrderID())
	if err != nil {
		return nil, fmt.Errorf("creating bid %s: %w", id, err)
	}
	if s.k.bids.Has(ctx, bidKey(id)) {
		return nil, fmt.Errorf("creating bid %s: provider already bid on this order", id)
	}
	existing, err := s.k.bids.All(ctx, orderKey(o.ID)+"/", nil)
	if err != nil {
		return nil, err
	}
	if uint32(len(existing)) >= s.k.params.OrderMaxBids {
		return nil, fmt.Errorf("creating bid %s: order already has the maximum of %d bids", id, s.k.params.OrderMaxBids)
	}
	limit := orderPrice(o.Spec)
	if msg.Price.Denom != limit.Denom {
		return nil, fmt.Errorf("creating bid %s: price denom %s differs from the order's %s", id, msg.Price.Denom, limit.Denom)
	}
	if !msg.Price.Amount.IsPositive() || msg.Price.Amount.GT(limit.Amount) {
		return nil, fmt.Errorf("creating bid %s: price %s is not within (0, %s]", id, msg.Price, limit)
	}
	if min := s.k.params.BidMinDeposits.AmountOf(msg.Deposit.Amount.Denom); min.IsZero() || msg.Deposit.Amount.Amount.LT(min) {
		return nil, fmt.Errorf("creating bid %s: deposit %s is below the bid minimum %s", id, msg.Deposit.Amount, s.k.params.BidMinDeposits)
	}
	if err := s.k.meetsRequirements(ctx, id.Provider, o.Spec.Requirements); err != nil {
		return nil, fmt.Errorf("creating bid %s: %w", id, err)
	}
	if err := s.k.escrow.CreateAccount(ctx, BidEscrowID(id), id.Provider, id.Provider, msg.Deposit); err != nil {
		return nil, fmt.Errorf("creating bid %s: deposit: %w", id, err)
	}
	b := &mtypes.Bid{
		ID: id, State: mtypes.BidOpen, Price: msg.Price,
		CreatedAt:         sdk.UnwrapSDKContext(ctx).BlockHeight(),
		ResourcesOffer:    msg.ResourcesOffer,
		ReclamationWindow: msg.ReclamationWindow,
	}
	if err := s.k.bids.Set(ctx, bidKey(id), b); err != nil {
		return nil, err
	}
	return &mtypes.MsgCreateBidResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&mv1.EventBidCreated{ID: id, Price: msg.Price})
}

// CloseBid lets a provider withdraw its bid, or end its lease when the bid won.
func (s msgServer) CloseBid(ctx context.Context, msg *mtypes.MsgCloseBid) (*mtypes.MsgCloseBidResponse, error) {
	b, ok, err := s.k.bids.Get(ctx, bidKey(msg.ID))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("closing bid %s: not found", msg.ID)
	}
	switch b.State {
	case mtypes.BidOpen:
		if err := s.k.finishBid(ctx, b, mtypes.BidClosed); err != nil {
			return nil, err
		}
	case mtypes.BidActive:
		reason := msg.Reason
		if reason == mv1.LeaseClosedInvalid {
			reason = mv1.LeaseClosedReasonUnspecified
		}
		if err := s.endLease(ctx, msg.ID.LeaseID(), reason); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("closing bid %s: it is %s", msg.ID, b.State)
	}
	return &mtypes.MsgCloseBidResponse{}, nil
}

// CreateLease accepts an open bid: the lease starts and the other bids are lost.
func (s msgServer) CreateLease(ctx context.Context, msg *mtypes.MsgCreateLease) (*mtypes.MsgCreateLeaseResponse, error) {
	id := msg.BidID
	b, ok, err := s.k.bids.Get(ctx, bidKey(id))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("creating lease: bid %s not found", id)
	}
	if b.State != mtypes.BidOpen {
		return nil, fmt.Errorf("creating lease: bid %s is %s, not open", id, b.State)
	}
	o, err := s.openOrder(ctx, id.OrderID())
	if err != nil {
		return nil, fmt.Errorf("creating lease for bid %s: %w", id, err)
	}
	g, ok, err := s.k.deployments.GetGroup(ctx, dv1.GroupID{Owner: id.Owner, DSeq: id.DSeq, GSeq: id.GSeq})
	if err != nil || !ok || g.State != dtypes.GroupOpen {
		return nil, fmt.Errorf("creating lease for bid %s: group is not open", id)
	}
	lid := id.LeaseID()
	pay := PaymentID(lid)
	if err := s.k.escrow.CreatePayment(ctx, pay.AID, pay.XID, id.Provider, b.Price); err != nil {
		return nil, fmt.Errorf("creating lease %s: %w", lid, err)
	}
	height := sdk.UnwrapSDKContext(ctx).BlockHeight()
	l := &mv1.Lease{ID: lid, State: mv1.LeaseActive, Price: b.Price, CreatedAt: height}
	if err := s.k.leases.Set(ctx, leaseKey(lid), l); err != nil {
		return nil, err
	}
	b.State = mtypes.BidActive
	if err := s.k.bids.Set(ctx, bidKey(id), b); err != nil {
		return nil, err
	}
	others, err := s.k.bids.All(ctx, orderKey(o.ID)+"/", func(x *mtypes.Bid) bool { return x.State == mtypes.BidOpen })
	if err != nil {
		return nil, err
	}
	for _, x := range others {
		if err := s.k.finishBid(ctx, x, mtypes.BidLost); err != nil {
			return nil, err
		}
	}
	o.State = mtypes.OrderActive
	if err := s.k.orders.Set(ctx, orderKey(o.ID), o); err != nil {
		return nil, err
	}
	return &mtypes.MsgCreateLeaseResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&mv1.EventLeaseCreated{ID: lid, Price: b.Price})
}

// endLease closes a lease, its bid, order and group.
func (s msgServer) endLease(ctx context.Context, id mv1.LeaseID, reason mv1.LeaseClosedReason) error {
	gid := dv1.GroupID{Owner: id.Owner, DSeq: id.DSeq, GSeq: id.GSeq}
	if err := s.k.CloseGroupOrders(ctx, gid, reason); err != nil {
		return fmt.Errorf("closing lease %s: %w", id, err)
	}
	g, ok, err := s.k.deployments.GetGroup(ctx, gid)
	if err != nil || !ok {
		return fmt.Errorf("closing lease %s: group not found (%v)", id, err)
	}
	g.State = dtypes.GroupClosed
	return s.k.deployments.SetGroup(ctx, g)
}

// CloseLease lets the tenant end an active lease.
func (s msgServer) CloseLease(ctx context.Context, msg *mtypes.MsgCloseLease) (*mtypes.MsgCloseLeaseResponse, error) {
	l, ok, err := s.k.leases.Get(ctx, leaseKey(msg.ID))
	if err != nil {
		return nil, err
	}
	if !ok || l.State != mv1.LeaseActive {
		return nil, fmt.Errorf("closing lease %s: not found or not active", msg.ID)
	}
	reason := msg.Reason
	if reason == mv1.LeaseClosedInvalid {
		reason = mv1.LeaseClosedOwner
	}
	if err := s.endLease(ctx, msg.ID, reason); err != nil {
		return nil, err
	}
	return &mtypes.MsgCloseLeaseResponse{}, nil
}

// WithdrawLease is accepted for an active lease; the devnet pays providers every block, so
// there is nothing left to withdraw.
func (s msgServer) WithdrawLease(ctx context.Context, msg *mtypes.MsgWithdrawLease) (*mtypes.MsgWithdrawLeaseResponse, error) {
	l, ok, err := s.k.leases.Get(ctx, leaseKey(msg.ID))
	if err != nil {
		return nil, err
	}
	if !ok || l.State != mv1.LeaseActive {
		return nil, fmt.Errorf("withdrawing lease %s: not found or not active", msg.ID)
	}
	return &mtypes.MsgWithdrawLeaseResponse{}, nil
}

// LeaseStartReclaim is not supported on the devnet.
func (s msgServer) LeaseStartReclaim(context.Context, *mtypes.MsgLeaseStartReclaim) (*mtypes.MsgLeaseStartReclaimResponse, error) {
	return nil, status.Error(codes.Unimplemented, "lease reclamation is not simulated on the devnet")
}

// UpdateParams is refused: parameters are fixed on the devnet.
func (s msgServer) UpdateParams(context.Context, *mtypes.MsgUpdateParams) (*mtypes.MsgUpdateParamsResponse, error) {
	return nil, fmt.Errorf("market parameters are fixed on the devnet")
}
