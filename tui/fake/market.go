package fake

import (
	"context"
	"fmt"
	"time"

	"github.com/akt-project/akt/tui/svc"
)

// Deployments is an in-memory list of deployments.
type Deployments struct {
	list []svc.Deployment
	// Catalog renders the SDLs that SDL returns; nil means none are stored.
	Catalog *Catalog
	// Err, when set, is returned by List.
	Err error
}

// NewDeployments returns n deployments with varied prices and escrow, so runway covers every
// colour: weeks, days, hours, and closed ones.
func NewDeployments(n int) *Deployments {
	names := []string{"vllm-llama", "wordpress", "postgres", "comfyui", "akash-node", "nginx-site", "jupyter", "geth"}
	providers := []string{"provider.europlots.com", "akash.pro.cloudmos.io", "provider.hurricane.akash.pub",
		"gpu.spheron.network", "provider.akashprovid.com"}
	out := make([]svc.Deployment, n)
	for i := range out {
		price := 0.5 + float64((i*37)%400)*2.5 // uact per block
		blocksLeft := float64((i*7919)%20000) + 50
		state := "active"
		if i%9 == 8 {
			state = "closed"
		}
		out[i] = svc.Deployment{
			DSeq:          uint64(21_004_300 + i*17),
			Name:          names[i%len(names)],
			State:         state,
			Provider:      providers[i%len(providers)],
			PricePerBlock: price,
			EscrowUACT:    price * blocksLeft,
			CreatedAt:     Epoch.Add(-time.Duration(i+1) * 37 * time.Hour),
		}
		if state == "closed" {
			out[i].EscrowUACT = 0
			out[i].Provider = ""
		}
	}
	return &Deployments{list: out}
}

// List implements svc.Deployments.
func (d *Deployments) List(ctx context.Context) ([]svc.Deployment, error) {
	if d.Err != nil {
		return nil, d.Err
	}
	return append([]svc.Deployment(nil), d.list...), nil
}

// Market is an in-memory order with bids; Later bids arrive through WatchBids.
type Market struct {
	order svc.Order
	bids  []svc.Bid
	// Later are sent by WatchBids, one per receive.
	Later []svc.Bid
	// Err, when set, is returned by Order.
	Err error
}

// NewMarket returns an order with n bids already placed and two more to come.
func NewMarket(n int) *Market {
	m := &Market{order: svc.Order{DSeq: 21_004_300, GSeq: 1, OSeq: 1, BidsCloseAt: Epoch.Add(4*time.Minute + 30*time.Second)}}
	all := Bids(n+2, m.order)
	m.bids, m.Later = all[:n], all[n:]
	return m
}

// Bids generates n varied bids on order o.
func Bids(n int, o svc.Order) []svc.Bid {
	regions := []string{"us-west", "eu-central", "us-east", "ap-southeast", ""}
	models := [][]string{{"h100"}, {"a100"}, {"rtx4090"}, {"a100", "h100"}, {"rtx3090"}}
	out := make([]svc.Bid, n)
	for i := range out {
		out[i] = svc.Bid{
			DSeq: o.DSeq, GSeq: o.GSeq, OSeq: o.OSeq,
			Provider:      fmt.Sprintf("akash1prov%034d", i),
			Host:          fmt.Sprintf("provider-%02d.example.net", i),
			Region:        regions[i%len(regions)],
			Audited:       i%3 != 2,
			Uptime:        []float64{0.998, 0.97, -1, 0.9993, 0.91}[i%5],
			GPUModels:     models[i%len(models)],
			GPUs:          1,
			PricePerBlock: 40 + float64((i*53)%300),
			Attributes:    []svc.Attribute{{Key: "region", Value: regions[i%len(regions)]}, {Key: "tier", Value: "community"}},
			CreatedAt:     Epoch.Add(time.Duration(i) * 7 * time.Second),
		}
	}
	return out
}

// Order implements svc.Market.
func (m *Market) Order(ctx context.Context, dseq uint64) (svc.Order, []svc.Bid, error) {
	if m.Err != nil {
		return svc.Order{}, nil, m.Err
	}
	if dseq != m.order.DSeq {
		return svc.Order{}, nil, fmt.Errorf("no open order for deployment %d", dseq)
	}
	return m.order, append([]svc.Bid(nil), m.bids...), nil
}

// WatchBids implements svc.Market: it sends Later, then waits for ctx.
func (m *Market) WatchBids(ctx context.Context, dseq uint64) (<-chan svc.Bid, error) {
	later := append([]svc.Bid(nil), m.Later...)
	ch := make(chan svc.Bid)
	go func() {
		defer close(ch)
		for _, b := range later {
			select {
			case ch <- b:
			case <-ctx.Done():
				return
			}
		}
		<-ctx.Done()
	}()
	return ch, nil
}
