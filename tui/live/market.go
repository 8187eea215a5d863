package live

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/tui/svc"
)

// BidWindow is how long after its order the console treats bids as arriving. The chain
// itself closes no bidding window (an order takes bids until a lease is made or the
// deployment closes); providers bid within seconds, so five minutes is akt's convention for
// the countdown.
const BidWindow = 5 * time.Minute

// errZeroDSeq rejects a deployment sequence of 0 (which the chain reads as "every one").
var errZeroDSeq = errors.New("the deployment sequence (dseq) must be positive")

// market implements svc.Market with chain queries and the chain's event subscription.
type market struct{ s *Session }

var _ svc.Market = market{}

// Order implements svc.Market: the deployment's first open order and the open bids on the
// deployment's orders.
func (m market) Order(ctx context.Context, dseq uint64) (svc.Order, []svc.Bid, error) {
	s := m.s
	if dseq == 0 {
		return svc.Order{}, nil, errZeroDSeq
	}
	addr, _, err := s.address()
	if err != nil {
		return svc.Order{}, nil, err
	}
	ctx, cancel := s.call(ctx)
	defer cancel()
	c, st, err := s.chainClient(ctx)
	if err != nil {
		return svc.Order{}, nil, err
	}
	orders, err := c.Orders(ctx, addr, dseq)
	if err != nil {
		return svc.Order{}, nil, fmt.Errorf("querying orders of deployment %d of %s on %s: %w", dseq, addr, st.netName, err)
	}
	var open *chain.Order
	for i := range orders {
		if orders[i].State == "open" {
			open = &orders[i]
			break
		}
	}
	if open == nil {
		return svc.Order{}, nil, fmt.Errorf("deployment %d of %s on %s has no open order", dseq, addr, st.netName)
	}
	status, err := c.Status(ctx)
	if err != nil {
		return svc.Order{}, nil, fmt.Errorf("reading the latest block of %s: %w", st.netName, err)
	}
	order := svc.Order{DSeq: open.DSeq, GSeq: open.GSeq, OSeq: open.OSeq,
		BidsCloseAt: heightTime(open.CreatedAt, status, s.blockTime()).Add(BidWindow)}
	if order.BidsCloseAt.Before(s.opts.Now()) && open.CreatedAt > 0 {
		order.BidsCloseAt = s.opts.Now().Add(BidWindow) // an old order reopened for bids
	}
	bids, err := m.openBids(ctx, c, addr, dseq, status)
	if err != nil {
		return svc.Order{}, nil, fmt.Errorf("querying bids on deployment %d on %s: %w", dseq, st.netName, err)
	}
	return order, bids, nil
}

// openBids returns the open bids on a deployment with their providers' details.
func (m market) openBids(ctx context.Context, c *chain.Client, owner string, dseq uint64, status chain.NodeStatus) ([]svc.Bid, error) {
	bids, err := c.Bids(ctx, owner, dseq, "open")
	if err != nil {
		return nil, err
	}
	out := make([]svc.Bid, 0, len(bids))
	for _, b := range bids {
		out = append(out, m.toBid(ctx, c, b, status))
	}
	return out, nil
}

// toBid converts a chain bid, looking its provider up (cached for the session).
func (m market) toBid(ctx context.Context, c *chain.Client, b chain.Bid, status chain.NodeStatus) svc.Bid {
	out := svc.Bid{DSeq: b.ID.DSeq, GSeq: b.ID.GSeq, OSeq: b.ID.OSeq, Provider: b.ID.Provider, Uptime: -1,
		CreatedAt: heightTime(b.CreatedAt, status, m.s.blockTime())}
	if b.Price.Denom == chain.DenomACT {
		out.PricePerBlock, _ = strconv.ParseFloat(b.Price.Amount, 64)
	}
	seen := map[string]bool{}
	for _, o := range b.Offers {
		out.GPUs += int(o.Resources.GPUs) * int(max(o.Count, 1))
		for _, g := range o.Resources.GPUModels {
			if !seen[g] {
				seen[g] = true
				out.GPUModels = append(out.GPUModels, g)
			}
		}
	}
	if p, err := m.s.provider(ctx, c, b.ID.Provider); err == nil {
		out.Host, out.Region, out.Audited = hostOf(p.HostURI), p.Region, len(p.AuditedBy) > 0
		for _, a := range p.Attributes {
			out.Attributes = append(out.Attributes, svc.Attribute{Key: a.Key, Value: a.Value})
		}
	} else {
		m.s.log.Debug("provider lookup failed", "provider", b.ID.Provider, "err", err)
	}
	return out
}

// provider returns a provider's on-chain record, cached for the session per network.
func (s *Session) provider(ctx context.Context, c *chain.Client, addr string) (chain.Provider, error) {
	name, _ := s.Network()
	key := name + "/" + addr
	s.mu.Lock()
	p, ok := s.providers[key]
	s.mu.Unlock()
	if ok {
		return p, nil
	}
	p, err := c.Provider(ctx, addr)
	if err != nil {
		return chain.Provider{}, err
	}
	s.mu.Lock()
	s.providers[key] = p
	s.mu.Unlock()
	return p, nil
}

// hostOf is the host name of a provider's host URI.
func hostOf(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Hostname() == "" {
		return uri
	}
	return u.Hostname()
}

// WatchBids implements svc.Market: every bid-created event on the deployment (from the
// chain's event subscription) triggers one query of its open bids, and bids not sent before
// are sent with their details. The first block after the subscription starts triggers the
// query too, so a bid that landed between Order and WatchBids is not lost.
func (m market) WatchBids(ctx context.Context, dseq uint64) (<-chan svc.Bid, error) {
	s := m.s
	if dseq == 0 {
		return nil, errZeroDSeq
	}
	addr, _, err := s.address()
	if err != nil {
		return nil, err
	}
	dctx, cancel := s.call(ctx)
	c, st, err := s.chainClient(dctx)
	cancel()
	if err != nil {
		return nil, err
	}
	events := c.Subscribe(ctx, chain.SubscribeOptions{Owner: addr})
	out := make(chan svc.Bid)
	go func() {
		defer close(out)
		sent := map[chain.LeaseID]bool{}
		primed := false
		for ev := range events {
			newBid := ev.Kind == chain.EventBidCreated && ev.ID.DSeq == dseq && !sent[ev.ID]
			prime := !primed && ev.Kind == chain.EventNewBlock
			if !newBid && !prime {
				continue
			}
			primed = true
			qctx, cancel := s.call(ctx)
			bids, err := c.Bids(qctx, addr, dseq, "open")
			var status chain.NodeStatus
			if err == nil {
				status, err = c.Status(qctx)
			}
			if err != nil {
				cancel()
				s.log.Warn("loading new bids", "dseq", dseq, "network", st.netName, "err", err)
				continue
			}
			for _, b := range bids {
				if sent[b.ID] {
					continue
				}
				sent[b.ID] = true
				bid := m.toBid(qctx, c, b, status)
				select {
				case out <- bid:
				case <-ctx.Done():
					cancel()
					return
				}
			}
			cancel()
		}
	}()
	return out, nil
}
