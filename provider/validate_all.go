package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
)

// ValidateGroups asks one provider about each group of a deployment (a gateway screens one
// group spec per request): it would bid when it would bid on every group. A refusal of one
// group of several names the group ("group 2: ...").
func (c *Client) ValidateGroups(ctx context.Context, provider string, groups []json.RawMessage) (*ValidateResult, error) {
	res := &ValidateResult{Provider: provider, WouldBid: true}
	for i, g := range groups {
		r, err := c.Validate(ctx, provider, g)
		if err != nil {
			return nil, err
		}
		if !r.WouldBid {
			if len(groups) > 1 {
				r.Reason = fmt.Sprintf("group %d: %s", i+1, r.Reason)
			}
			return r, nil
		}
		res.Detail = r.Detail
	}
	return res, nil
}

// ValidateAll asks every provider whether it would bid on the groups (ValidateGroups), at most
// parallel at a time, and returns one result per provider in the order given. A provider that
// cannot be asked (lookup, TLS or transport failure) gets WouldBid false and the error text as
// Reason, with Err set.
func (c *Client) ValidateAll(ctx context.Context, providers []string, groups []json.RawMessage, parallel int) []ValidateAnswer {
	if parallel < 1 {
		parallel = 8
	}
	out := make([]ValidateAnswer, len(providers))
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i, p := range providers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				out[i] = ValidateAnswer{ValidateResult: ValidateResult{Provider: p, Reason: ctx.Err().Error()}, Err: ctx.Err()}
				return
			}
			defer func() { <-sem }()
			res, err := c.ValidateGroups(ctx, p, groups)
			if err != nil {
				out[i] = ValidateAnswer{ValidateResult: ValidateResult{Provider: p, Reason: err.Error()}, Err: err}
				return
			}
			out[i] = ValidateAnswer{ValidateResult: *res}
		}()
	}
	wg.Wait()
	return out
}

// ValidateAnswer is one provider's answer in ValidateAll; Err is set when the provider could
// not be asked at all.
type ValidateAnswer struct {
	ValidateResult
	Err error `json:"-"`
}
