package live

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/sdl"
	"github.com/akt-project/akt/tui/svc"
)

// deployments implements svc.Deployments and svc.Grants with chain queries.
type deployments struct{ s *Session }

var (
	_ svc.Deployments = deployments{}
	_ svc.Grants      = deployments{}
)

// List implements svc.Deployments: the active key's deployments with their escrow balance,
// the per-block spend of their active leases (uact) and the first lease's provider host.
func (d deployments) List(ctx context.Context) ([]svc.Deployment, error) {
	s := d.s
	addr, _, err := s.address()
	if err != nil {
		return nil, err
	}
	ctx, cancel := s.call(ctx)
	defer cancel()
	c, st, err := s.chainClient(ctx)
	if err != nil {
		return nil, err
	}
	where := fmt.Sprintf("of %s on %s", addr, st.netName)
	deps, err := c.Deployments(ctx, chain.DeploymentFilter{Owner: addr})
	if err != nil {
		return nil, fmt.Errorf("querying deployments %s: %w", where, err)
	}
	leases, err := c.Leases(ctx, chain.LeaseFilter{Owner: addr, State: "active"})
	if err != nil {
		return nil, fmt.Errorf("querying leases %s: %w", where, err)
	}
	status, err := c.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the latest block of %s: %w", st.netName, err)
	}
	firstLease := map[uint64]string{}
	for _, l := range leases {
		if _, ok := firstLease[l.ID.DSeq]; !ok {
			firstLease[l.ID.DSeq] = l.ID.Provider
		}
	}
	out := make([]svc.Deployment, 0, len(deps))
	for _, dep := range deps {
		row := svc.Deployment{
			DSeq: dep.DSeq, State: dep.State,
			PricePerBlock: decAmount(dep.Escrow.SpendPerBlock, chain.DenomACT),
			EscrowUACT:    decAmount(dep.Escrow.Balance, chain.DenomACT),
			CreatedAt:     heightTime(dep.CreatedAt, status, s.blockTime()),
			Name:          s.deploymentName(st.netName, dep),
		}
		if p, ok := firstLease[dep.DSeq]; ok {
			row.Provider, row.ProviderAddress = d.host(ctx, c, p), p
		}
		out = append(out, row)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].DSeq > out[j].DSeq })
	return out, nil
}

// host returns a provider's host name, or its address when the lookup fails.
func (d deployments) host(ctx context.Context, c *chain.Client, addr string) string {
	p, err := d.s.provider(ctx, c, addr)
	if err != nil || p.HostURI == "" {
		if err != nil {
			d.s.log.Debug("provider lookup failed", "provider", addr, "err", err)
		}
		return addr
	}
	return hostOf(p.HostURI)
}

// deploymentName is the first service of the stored SDL, or the first group's name.
func (s *Session) deploymentName(network string, dep chain.Deployment) string {
	if doc, err := s.store.Get(network, dep.DSeq); err == nil {
		if parsed, err := sdl.Parse(doc); err == nil && len(parsed.Services) > 0 {
			return parsed.Services[0].Name
		}
	}
	if len(dep.Groups) > 0 {
		return dep.Groups[0].Name
	}
	return ""
}

// decAmount sums the amounts of denom in coins (decimal texts).
func decAmount(coins []chain.DecCoin, denom string) float64 {
	var sum float64
	for _, c := range coins {
		if c.Denom == denom {
			if f, err := strconv.ParseFloat(c.Amount, 64); err == nil {
				sum += f
			}
		}
	}
	return sum
}

// heightTime estimates when a block was made from the latest block's height and time.
func heightTime(h int64, st chain.NodeStatus, bt time.Duration) time.Time {
	if h <= 0 || st.LatestTime.IsZero() {
		return time.Time{}
	}
	return st.LatestTime.Add(-time.Duration(st.LatestHeight-h) * bt)
}

// DepositGrantUACT implements svc.Grants: the uact the active key may still spend from
// unexpired deposit grants scoped to deployments.
func (d deployments) DepositGrantUACT(ctx context.Context) (uint64, error) {
	s := d.s
	addr, _, err := s.address()
	if err != nil {
		return 0, err
	}
	ctx, cancel := s.call(ctx)
	defer cancel()
	c, st, err := s.chainClient(ctx)
	if err != nil {
		return 0, err
	}
	grants, err := c.GrantsByGrantee(ctx, addr)
	if err != nil {
		return 0, fmt.Errorf("querying deposit grants to %s on %s: %w", addr, st.netName, err)
	}
	now := s.opts.Now()
	var total uint64
	for _, g := range grants {
		if g.Kind != "deposit" || (g.Expiration != nil && g.Expiration.Before(now)) || !hasScope(g.Scopes, "deployment") {
			continue
		}
		for _, l := range g.SpendLimits {
			if l.Denom != chain.DenomACT {
				continue
			}
			if n, err := strconv.ParseUint(l.Amount, 10, 64); err == nil {
				total += n
			}
		}
	}
	return total, nil
}

func hasScope(scopes []string, want string) bool {
	if len(scopes) == 0 {
		return true
	}
	for _, s := range scopes {
		if s == want {
			return true
		}
	}
	return false
}
