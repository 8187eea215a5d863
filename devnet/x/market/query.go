package market

import (
	"context"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	escrowidv1 "github.com/akt-project/akt/chain/types/escrow/id/v1"
	etypes "github.com/akt-project/akt/chain/types/escrow/types/v1"
	mv1 "github.com/akt-project/akt/chain/types/market/v1"
	mtypes "github.com/akt-project/akt/chain/types/market/v1beta5"
	"github.com/akt-project/akt/devnet/x/internal/kv"
)

// EscrowReader reads escrow accounts and payments for query answers.
type EscrowReader interface {
	GetAccount(ctx context.Context, id escrowidv1.Account) (*etypes.Account, bool, error)
	GetPayment(ctx context.Context, id escrowidv1.Payment) (*etypes.Payment, bool, error)
}

type queryServer struct {
	k      *Keeper
	escrow EscrowReader
}

// stateName returns the lower-case name of an enum value as the filters spell it.
func idMatches(owner string, dseq uint64, gseq, oseq uint32, fOwner string, fDSeq uint64, fGSeq, fOSeq uint32) bool {
	return (fOwner == "" || owner == fOwner) && (fDSeq == 0 || dseq == fDSeq) &&
		(fGSeq == 0 || gseq == fGSeq) && (fOSeq == 0 || oseq == fOSeq)
}

// Orders lists orders by owner, dseq, gseq, oseq and state ("open", "active", "closed").
func (q queryServer) Orders(ctx context.Context, req *mtypes.QueryOrdersRequest) (*mtypes.QueryOrdersResponse, error) {
	f := req.Filters
	os, err := q.k.orders.All(ctx, "", func(o *mtypes.Order) bool {
		return idMatches(o.ID.Owner, o.ID.DSeq, o.ID.GSeq, o.ID.OSeq, f.Owner, f.DSeq, f.GSeq, f.OSeq) &&
			(f.State == "" || strings.EqualFold(f.State, orderState(o.State)))
	})
	if err != nil {
		return nil, err
	}
	page, pr, err := kv.Page(os, req.Pagination)
	if err != nil {
		return nil, err
	}
	res := &mtypes.QueryOrdersResponse{Pagination: pr}
	for _, o := range page {
		res.Orders = append(res.Orders, *o)
	}
	return res, nil
}

func orderState(s mtypes.Order_State) string {
	return map[mtypes.Order_State]string{mtypes.OrderOpen: "open", mtypes.OrderActive: "active", mtypes.OrderClosed: "closed"}[s]
}

func bidState(s mtypes.Bid_State) string {
	return map[mtypes.Bid_State]string{mtypes.BidOpen: "open", mtypes.BidActive: "active", mtypes.BidLost: "lost", mtypes.BidClosed: "closed"}[s]
}

func leaseState(s mv1.Lease_State) string {
	return map[mv1.Lease_State]string{mv1.LeaseActive: "active", mv1.LeaseInsufficientFunds: "insufficient_funds",
		mv1.LeaseClosed: "closed", mv1.LeaseReclaiming: "reclaiming"}[s]
}

// Order returns one order.
func (q queryServer) Order(ctx context.Context, req *mtypes.QueryOrderRequest) (*mtypes.QueryOrderResponse, error) {
	o, ok, err := q.k.orders.Get(ctx, orderKey(req.ID))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, status.Errorf(codes.NotFound, "order %s not found", req.ID)
	}
	return &mtypes.QueryOrderResponse{Order: *o}, nil
}

func (q queryServer) bidResponse(ctx context.Context, b *mtypes.Bid) (mtypes.QueryBidResponse, error) {
	r := mtypes.QueryBidResponse{Bid: *b}
	acc, ok, err := q.escrow.GetAccount(ctx, BidEscrowID(b.ID))
	if ok {
		r.EscrowAccount = *acc
	}
	return r, err
}

// Bids lists bids by owner, dseq, gseq, oseq, provider and state.
func (q queryServer) Bids(ctx context.Context, req *mtypes.QueryBidsRequest) (*mtypes.QueryBidsResponse, error) {
	f := req.Filters
	bs, err := q.k.bids.All(ctx, "", func(b *mtypes.Bid) bool {
		return idMatches(b.ID.Owner, b.ID.DSeq, b.ID.GSeq, b.ID.OSeq, f.Owner, f.DSeq, f.GSeq, f.OSeq) &&
			(f.Provider == "" || b.ID.Provider == f.Provider) &&
			(f.State == "" || strings.EqualFold(f.State, bidState(b.State)))
	})
	if err != nil {
		return nil, err
	}
	page, pr, err := kv.Page(bs, req.Pagination)
	if err != nil {
		return nil, err
	}
	res := &mtypes.QueryBidsResponse{Pagination: pr}
	for _, b := range page {
		r, err := q.bidResponse(ctx, b)
		if err != nil {
			return nil, err
		}
		res.Bids = append(res.Bids, r)
	}
	return res, nil
}

// Bid returns one bid with its deposit account.
func (q queryServer) Bid(ctx context.Context, req *mtypes.QueryBidRequest) (*mtypes.QueryBidResponse, error) {
	b, ok, err := q.k.bids.Get(ctx, bidKey(req.ID))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, status.Errorf(codes.NotFound, "bid %s not found", req.ID)
	}
	r, err := q.bidResponse(ctx, b)
	return &r, err
}

func (q queryServer) leaseResponse(ctx context.Context, l *mv1.Lease) (mtypes.QueryLeaseResponse, error) {
	r := mtypes.QueryLeaseResponse{Lease: *l}
	p, ok, err := q.escrow.GetPayment(ctx, PaymentID(l.ID))
	if ok {
		r.EscrowPayment = *p
	}
	return r, err
}

// Leases lists leases by owner, dseq, gseq, oseq, provider and state.
func (q queryServer) Leases(ctx context.Context, req *mtypes.QueryLeasesRequest) (*mtypes.QueryLeasesResponse, error) {
	f := req.Filters
	ls, err := q.k.leases.All(ctx, "", func(l *mv1.Lease) bool {
		return idMatches(l.ID.Owner, l.ID.DSeq, l.ID.GSeq, l.ID.OSeq, f.Owner, f.DSeq, f.GSeq, f.OSeq) &&
			(f.Provider == "" || l.ID.Provider == f.Provider) &&
			(f.State == "" || strings.EqualFold(f.State, leaseState(l.State)))
	})
	if err != nil {
		return nil, err
	}
	page, pr, err := kv.Page(ls, req.Pagination)
	if err != nil {
		return nil, err
	}
	res := &mtypes.QueryLeasesResponse{Pagination: pr}
	for _, l := range page {
		r, err := q.leaseResponse(ctx, l)
		if err != nil {
			return nil, err
		}
		res.Leases = append(res.Leases, r)
	}
	return res, nil
}

// Lease returns one lease with its escrow payment.
func (q queryServer) Lease(ctx context.Context, req *mtypes.QueryLeaseRequest) (*mtypes.QueryLeaseResponse, error) {
	l, ok, err := q.k.leases.Get(ctx, leaseKey(req.ID))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, status.Errorf(codes.NotFound, "lease %s not found", req.ID)
	}
	r, err := q.leaseResponse(ctx, l)
	return &r, err
}

// Params returns the market parameters.
func (q queryServer) Params(context.Context, *mtypes.QueryParamsRequest) (*mtypes.QueryParamsResponse, error) {
	return &mtypes.QueryParamsResponse{Params: q.k.params}, nil
}
