package chain

import (
	"context"
	"fmt"
	"strings"

	"github.com/cosmos/cosmos-sdk/types/query"

	attrv1 "github.com/akt-project/akt/chain/types/base/attributes/v1"
	rv1beta4 "github.com/akt-project/akt/chain/types/base/resources/v1beta4"
	mv1beta5 "github.com/akt-project/akt/chain/types/market/v1beta5"
)

// Order is an open request for bids on a deployment group.
type Order struct {
	Owner     string `json:"owner"`
	DSeq      uint64 `json:"dseq"`
	GSeq      uint32 `json:"gseq"`
	OSeq      uint32 `json:"oseq"`
	State     string `json:"state"`
	CreatedAt int64  `json:"created_at"`
}

// Orders lists the orders of a deployment (dseq 0: all of owner's).
func (c *Client) Orders(ctx context.Context, owner string, dseq uint64) ([]Order, error) {
	var out []Order
	err := paginate(ctx, func(p *query.PageRequest) (*query.PageResponse, error) {
		var resp mv1beta5.QueryOrdersResponse
		req := &mv1beta5.QueryOrdersRequest{Filters: mv1beta5.OrderFilters{Owner: owner, DSeq: dseq}, Pagination: p}
		if err := c.abciQuery(ctx, "/akash.market.v1beta5.Query/Orders", req, &resp); err != nil {
			return nil, err
		}
		for _, o := range resp.Orders {
			out = append(out, Order{Owner: o.ID.Owner, DSeq: o.ID.DSeq, GSeq: o.ID.GSeq, OSeq: o.ID.OSeq,
				State: mv1beta5.Order_State_name[int32(o.State)], CreatedAt: o.CreatedAt})
		}
		return resp.Pagination, nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading orders of deployment %d: %w", dseq, err)
	}
	return out, nil
}

// Bid is a provider's offer for an order.
type Bid struct {
	ID        LeaseID `json:"id"`
	State     string  `json:"state"`
	Price     DecCoin `json:"price"`
	CreatedAt int64   `json:"created_at"`
	// Offers are the resources the provider offers for the price.
	Offers []ResourceOffer `json:"offers,omitempty"`
}

// ResourceOffer is count units of resources a provider offers.
type ResourceOffer struct {
	Count     uint32    `json:"count"`
	Resources Resources `json:"resources"`
}

// Bids lists the bids on deployment dseq of owner (all pages). state may be
// "open", "active", "lost", "closed" or "" for all.
func (c *Client) Bids(ctx context.Context, owner string, dseq uint64, state string) ([]Bid, error) {
	var out []Bid
	err := paginate(ctx, func(p *query.PageRequest) (*query.PageResponse, error) {
		var resp mv1beta5.QueryBidsResponse
		req := &mv1beta5.QueryBidsRequest{Filters: mv1beta5.BidFilters{Owner: owner, DSeq: dseq, State: state}, Pagination: p}
		if err := c.abciQuery(ctx, "/akash.market.v1beta5.Query/Bids", req, &resp); err != nil {
			return nil, err
		}
		for _, b := range resp.Bids {
			out = append(out, toBid(b.Bid))
		}
		return resp.Pagination, nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading bids for deployment %d: %w", dseq, err)
	}
	return out, nil
}

func toBid(b mv1beta5.Bid) Bid {
	out := Bid{
		ID:    LeaseID{Owner: b.ID.Owner, DSeq: b.ID.DSeq, GSeq: b.ID.GSeq, OSeq: b.ID.OSeq, Provider: b.ID.Provider, BSeq: b.ID.BSeq},
		State: mv1beta5.Bid_State_name[int32(b.State)], Price: fromSDKDecCoin(b.Price), CreatedAt: b.CreatedAt,
	}
	for _, o := range b.ResourcesOffer {
		out.Offers = append(out.Offers, ResourceOffer{Count: o.Count, Resources: toResources(o.Resources)})
	}
	return out
}

func toResources(r rv1beta4.Resources) Resources {
	var out Resources
	if r.CPU != nil {
		out.CPUMillis = r.CPU.Units.Val.Uint64()
		out.Attributes = append(out.Attributes, toAttrs(r.CPU.Attributes)...)
	}
	if r.Memory != nil {
		out.MemoryBytes = r.Memory.Quantity.Val.Uint64()
	}
	if r.GPU != nil {
		out.GPUs = r.GPU.Units.Val.Uint64()
		out.GPUModels = gpuModels(r.GPU.Attributes)
	}
	for _, s := range r.Storage {
		v := Volume{Name: s.Name, Bytes: s.Quantity.Val.Uint64()}
		for _, a := range s.Attributes {
			if a.Key == "class" {
				v.Class = a.Value
			}
		}
		out.Storage = append(out.Storage, v)
	}
	out.Endpoints = len(r.Endpoints)
	return out
}

// gpuModels extracts models from attributes such as
// "vendor/nvidia/model/a100" (or ".../model/a100/ram/80Gi").
func gpuModels(as attrv1.Attributes) []string {
	var out []string
	for _, a := range as {
		parts := strings.Split(a.Key, "/")
		for i := 0; i+1 < len(parts); i++ {
			if parts[i] == "model" {
				out = append(out, parts[i+1])
				break
			}
		}
	}
	return out
}

func toAttrs(as attrv1.Attributes) []Attribute {
	out := make([]Attribute, 0, len(as))
	for _, a := range as {
		out = append(out, Attribute{Key: a.Key, Value: a.Value})
	}
	return out
}
