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
	vctx, cancel := context.WithTimeout(ctx, pf.s.opts.RPCTimeout)
	defer cancel()
	res, err := client.ValidateGroups(vctx, addr, groups)
	if err != nil {
		return false, err.Error()
	}
	return res.WouldBid, res.Reason
}

// preflight implements svc.Preflight: every provider registered on chain is asked, through
// its gateway, whether it would bid on each of the SDL's groups.
type preflight struct{ s *Session }

var _ svc.Preflight = preflight{}

// Validate implements svc.Preflight. Answers are sent as they arrive; a provider that cannot
// be reached answers "no" with the reason.
func (pf preflight) Validate(ctx context.Context, doc []byte) (<-chan svc.ProviderCheck, error) {
	s := pf.s
	groups, err := chain.ValidationGroups(doc)
	if err != nil {
		return nil, fmt.Errorf("reading the SDL: %w", err)
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
