package live

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/provider"
	"github.com/akt-project/akt/tui/svc"
)

// preflightParallel is how many providers are asked at the same time.
const preflightParallel = 8

// ask screens every group with one provider: it would bid when it would bid on each.
func (pf preflight) ask(ctx context.Context, client *provider.Client, addr string, groups []json.RawMessage) (bool, string) {
	for i, g := range groups {
		vctx, cancel := context.WithTimeout(ctx, pf.s.opts.RPCTimeout)
		res, err := client.Validate(vctx, addr, g)
		cancel()
		reason := ""
		switch {
		case err != nil:
			reason = err.Error()
		case !res.WouldBid:
			reason = res.Reason
		}
		if err != nil || !res.WouldBid {
			if len(groups) > 1 {
				reason = fmt.Sprintf("group %d: %s", i+1, reason)
			}
			return false, reason
		}
	}
	return true, ""
}

// preflight implements svc.Preflight: every provider registered on chain is asked, through
// its gateway, whether it would bid on each of the SDL's groups.
type preflight struct{ s *Session }

var _ svc.Preflight = preflight{}

// Validate implements svc.Preflight. Answers are sent as they arrive; a provider that cannot
// be reached answers "no" with the reason.
func (pf preflight) Validate(ctx context.Context, doc []byte) (<-chan svc.ProviderCheck, error) {
	s := pf.s
	specs, _, _, err := chain.DeploymentFromSDL(doc)
	if err != nil {
		return nil, fmt.Errorf("reading the SDL: %w", err)
	}
	// A gateway screens one group spec per request, decoded by Go's encoding/json (resource
	// quantities as decimal strings), so each spec goes as that JSON.
	groups := make([]json.RawMessage, 0, len(specs))
	for _, g := range specs {
		b, err := json.Marshal(g)
		if err != nil {
			return nil, fmt.Errorf("encoding group %q: %w", g.Name, err)
		}
		groups = append(groups, b)
	}
	client, _, network, err := s.gateways.gateway(ctx)
	if err != nil {
		return nil, err
	}
	qctx, cancel := s.call(ctx)
	c, _, err := s.chainClient(qctx)
	if err != nil {
		cancel()
		return nil, err
	}
	provs, err := c.Providers(qctx)
	cancel()
	if err != nil {
		return nil, fmt.Errorf("listing the providers of %s: %w", network, err)
	}
	out := make(chan svc.ProviderCheck)
	go func() {
		defer close(out)
		sem := make(chan struct{}, preflightParallel)
		var wg sync.WaitGroup
		for _, p := range provs {
			check := svc.ProviderCheck{Provider: p.Address, Host: hostOf(p.HostURI), Region: p.Region, Audited: len(p.AuditedBy) > 0}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				wg.Wait()
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				check.WouldBid, check.Reason = pf.ask(ctx, client, check.Provider, groups)
				select {
				case out <- check:
				case <-ctx.Done():
				}
			}()
		}
		wg.Wait()
	}()
	return out, nil
}
