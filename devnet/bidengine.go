package devnet

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	depositv1 "github.com/akt-project/akt/chain/types/base/deposit/v1"
	dtypes "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	mv1 "github.com/akt-project/akt/chain/types/market/v1"
	mtypes "github.com/akt-project/akt/chain/types/market/v1beta5"
)

// bidDeposit is what each bid escrows (the mainnet minimum).
var bidDeposit = sdk.NewInt64Coin(DenomAKT, 500000)

// simProvider is one simulated provider: an account, an inventory and a bid engine.
type simProvider struct {
	index   int
	name    string
	acc     account
	inv     Inventory
	hostURI string
	signer  *signer
	dn      *Devnet

	mu       sync.Mutex
	rng      *rand.Rand
	seen     map[string]bool
	pending  map[string]pendingBid
	declined map[string]string // order id → reason
	lastErr  error
}

type pendingBid struct {
	order   mtypes.Order
	atBlock int64
}

// Decision is what a provider says about a group: whether it would bid, and if not, why.
type Decision struct {
	Bid    bool   `json:"bid"`
	Reason string `json:"reason,omitempty"`
}

// decide tells whether the provider can serve spec given what it already has in use.
func (p *simProvider) decide(spec dtypes.GroupSpec, used usage) Decision {
	attrs := map[string]string{}
	for _, a := range p.inv.attributes() {
		attrs[a.Key] = a.Value
	}
	for _, a := range spec.Requirements.Attributes {
		if attrs[a.Key] != a.Value {
			return Decision{Reason: fmt.Sprintf("placement requires %s=%s; this provider has %s=%q", a.Key, a.Value, a.Key, attrs[a.Key])}
		}
	}
	signed := len(spec.Requirements.SignedBy.AllOf)+len(spec.Requirements.SignedBy.AnyOf) > 0
	if signed && !p.inv.Audited {
		return Decision{Reason: "placement requires audited providers; this provider is not audited"}
	}
	if signed {
		auditor := p.dn.auditor.addr.String()
		for _, a := range spec.Requirements.SignedBy.AllOf {
			if a != auditor {
				return Decision{Reason: fmt.Sprintf("not audited by %s", a)}
			}
		}
		if len(spec.Requirements.SignedBy.AnyOf) > 0 {
			found := false
			for _, a := range spec.Requirements.SignedBy.AnyOf {
				found = found || a == auditor
			}
			if !found {
				return Decision{Reason: "audited by none of the required auditors"}
			}
		}
	}
	if len(spec.Resources) == 0 || spec.Resources[0].Price.Denom != DenomACT {
		return Decision{Reason: "only uact-priced groups are served"}
	}
	n, reason := p.inv.need(spec)
	if reason != "" {
		return Decision{Reason: reason}
	}
	if reason := p.inv.fits(n, used); reason != "" {
		return Decision{Reason: reason}
	}
	return Decision{Bid: true}
}

// run is the bid engine: at every new block it reads the open orders, decides on the new
// ones and places bids for those it can fill one to two blocks later.
func (p *simProvider) run(ctx context.Context) {
	tick := time.NewTicker(max(p.dn.opts.BlockTime/3, 30*time.Millisecond))
	defer tick.Stop()
	var last int64
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		h := p.dn.Height()
		if h == last || p.dn.faults.providerDown(p.index) {
			continue
		}
		last = h
		if err := p.step(ctx, h); err != nil && ctx.Err() == nil {
			p.mu.Lock()
			p.lastErr = err
			p.mu.Unlock()
		}
	}
}

func (p *simProvider) step(ctx context.Context, height int64) error {
	q := mtypes.NewQueryClient(p.dn.ClientContext())
	orders, err := q.Orders(ctx, &mtypes.QueryOrdersRequest{Filters: mtypes.OrderFilters{State: "open"}, Pagination: &query.PageRequest{Limit: 1000}})
	if err != nil {
		return fmt.Errorf("provider %s reading open orders: %w", p.name, err)
	}
	used, err := p.inUse(ctx)
	if err != nil {
		return err
	}
	p.mu.Lock()
	for _, o := range orders.Orders {
		key := o.ID.String()
		if p.seen[key] {
			continue
		}
		p.seen[key] = true
		d := p.decide(o.Spec, used)
		if !d.Bid {
			p.declined[key] = d.Reason
			continue
		}
		n, _ := p.inv.need(o.Spec)
		used.add(n)
		p.pending[key] = pendingBid{order: o, atBlock: height + 1 + int64(p.rng.IntN(2))}
	}
	var due []mtypes.Order
	for key, pb := range p.pending {
		if pb.atBlock <= height {
			due = append(due, pb.order)
			delete(p.pending, key)
		}
	}
	p.mu.Unlock()
	var errs []error
	for _, o := range due {
		// An order may have closed meanwhile; keep bidding on the others.
		if err := p.bid(ctx, o); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// inUse sums the resources of this provider's open bids and active leases.
func (p *simProvider) inUse(ctx context.Context) (usage, error) {
	q := mtypes.NewQueryClient(p.dn.ClientContext())
	var used usage
	bids, err := q.Bids(ctx, &mtypes.QueryBidsRequest{Filters: mtypes.BidFilters{Provider: p.acc.addr.String()}, Pagination: &query.PageRequest{Limit: 1000}})
	if err != nil {
		return used, fmt.Errorf("provider %s reading its bids: %w", p.name, err)
	}
	for _, b := range bids.Bids {
		if b.Bid.State != mtypes.BidOpen && b.Bid.State != mtypes.BidActive {
			continue
		}
		o, err := q.Order(ctx, &mtypes.QueryOrderRequest{ID: b.Bid.ID.OrderID()})
		if err != nil {
			return used, fmt.Errorf("provider %s reading order %s: %w", p.name, b.Bid.ID.OrderID(), err)
		}
		n, _ := p.inv.need(o.Order.Spec)
		used.add(n)
	}
	return used, nil
}

// bid places a real MsgCreateBid at a price drawn from the provider's range.
func (p *simProvider) bid(ctx context.Context, o mtypes.Order) error {
	p.mu.Lock()
	frac := p.inv.PriceMin + p.rng.Float64()*(p.inv.PriceMax-p.inv.PriceMin)
	p.mu.Unlock()
	limit := sdkmath.LegacyZeroDec()
	for _, ru := range o.Spec.Resources {
		limit = limit.Add(ru.Price.Amount.MulInt64(int64(ru.Count)))
	}
	price := limit.Mul(sdkmath.LegacyMustNewDecFromStr(fmt.Sprintf("%.4f", frac)))
	// Keep prices readable: round to a whole uact when the group's price allows it.
	if limit.GTE(sdkmath.LegacyNewDec(10)) {
		price = sdkmath.LegacyNewDecFromInt(price.Ceil().TruncateInt())
	}
	price = sdkmath.LegacyMinDec(sdkmath.LegacyMaxDec(price, sdkmath.LegacyNewDecWithPrec(1, 6)), limit)
	offers := make(mtypes.ResourcesOffer, 0, len(o.Spec.Resources))
	for _, ru := range o.Spec.Resources {
		res := ru.Resource
		if res.GPU != nil && len(res.GPU.Attributes) > 0 {
			gpu := *res.GPU
			gpu.Attributes = p.inv.offeredGPU(gpu.Attributes)
			res.GPU = &gpu
		}
		offers = append(offers, mtypes.ResourceOffer{Resources: res, Count: ru.Count})
	}
	msg := &mtypes.MsgCreateBid{
		ID:             mv1.BidID{Owner: o.ID.Owner, DSeq: o.ID.DSeq, GSeq: o.ID.GSeq, OSeq: o.ID.OSeq, Provider: p.acc.addr.String()},
		Price:          sdk.NewDecCoinFromDec(o.Spec.Resources[0].Price.Denom, price),
		Deposit:        depositv1.Deposit{Amount: bidDeposit, Sources: depositv1.Sources{depositv1.SourceBalance}},
		ResourcesOffer: offers,
	}
	if _, err := p.signer.broadcast(ctx, msg); err != nil {
		return fmt.Errorf("provider %s bidding on %s: %w", p.name, o.ID, err)
	}
	return nil
}

// declineReason returns why the provider did not bid on an order, if it declined it.
func (p *simProvider) declineReason(id mv1.OrderID) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	r, ok := p.declined[id.String()]
	return r, ok
}
