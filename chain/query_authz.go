package chain

import (
	"context"
	"fmt"
	"time"

	"cosmossdk.io/x/feegrant"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/cosmos/cosmos-sdk/x/authz"

	bmev1 "github.com/akt-project/akt/chain/types/bme/v1"
	escrowv1 "github.com/akt-project/akt/chain/types/escrow/v1"
)

// Grant is an authz grant. Kind is "deposit" (DepositAuthorization, with
// spend limits and scopes), "generic" or "other".
type Grant struct {
	Granter     string     `json:"granter"`
	Grantee     string     `json:"grantee"`
	Kind        string     `json:"kind"`
	MsgTypeURL  string     `json:"msg_type_url"`
	SpendLimits []Coin     `json:"spend_limits,omitempty"`
	Scopes      []string   `json:"scopes,omitempty"`
	Expiration  *time.Time `json:"expiration,omitempty"`
}

// GrantsByGranter lists grants given by granter (all pages).
func (c *Client) GrantsByGranter(ctx context.Context, granter string) ([]Grant, error) {
	return c.grants(ctx, "/cosmos.authz.v1beta1.Query/GranterGrants", granter, func(p *query.PageRequest) any {
		return &authz.QueryGranterGrantsRequest{Granter: granter, Pagination: p}
	})
}

// GrantsByGrantee lists grants given to grantee (all pages).
func (c *Client) GrantsByGrantee(ctx context.Context, grantee string) ([]Grant, error) {
	return c.grants(ctx, "/cosmos.authz.v1beta1.Query/GranteeGrants", grantee, func(p *query.PageRequest) any {
		return &authz.QueryGranteeGrantsRequest{Grantee: grantee, Pagination: p}
	})
}

func (c *Client) grants(ctx context.Context, path, addr string, req func(*query.PageRequest) any) ([]Grant, error) {
	if err := ValidateAddress(addr); err != nil {
		return nil, err
	}
	enc, err := c.Encoding()
	if err != nil {
		return nil, err
	}
	var out []Grant
	err = paginate(ctx, func(p *query.PageRequest) (*query.PageResponse, error) {
		// Both answers share the wire layout: grants = 1, pagination = 2.
		var resp authz.QueryGranterGrantsResponse
		r := req(p)
		var qerr error
		switch rq := r.(type) {
		case *authz.QueryGranterGrantsRequest:
			qerr = c.abciQuery(ctx, path, rq, &resp)
		case *authz.QueryGranteeGrantsRequest:
			qerr = c.abciQuery(ctx, path, rq, &resp)
		}
		if qerr != nil {
			return nil, qerr
		}
		for _, g := range resp.Grants {
			out = append(out, toGrant(enc, g))
		}
		return resp.Pagination, nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading authz grants of %s: %w", addr, err)
	}
	return out, nil
}

func toGrant(enc *Encoding, g *authz.GrantAuthorization) Grant {
	out := Grant{Granter: g.Granter, Grantee: g.Grantee, Kind: "other", Expiration: g.Expiration}
	if g.Authorization == nil {
		return out
	}
	out.MsgTypeURL = g.Authorization.TypeUrl
	var a authz.Authorization
	if err := enc.Registry.UnpackAny(g.Authorization, &a); err != nil {
		return out
	}
	out.MsgTypeURL = a.MsgTypeURL()
	switch v := a.(type) {
	case *escrowv1.DepositAuthorization:
		out.Kind = "deposit"
		out.SpendLimits = fromSDKCoins(v.SpendLimits)
		for _, s := range v.Scopes {
			out.Scopes = append(out.Scopes, escrowv1.DepositAuthorization_Scope_name[int32(s)])
		}
	case *authz.GenericAuthorization:
		out.Kind = "generic"
	}
	return out
}

// FeeGrant is a fee allowance. Kind is "basic", "periodic" or "other".
type FeeGrant struct {
	Granter        string        `json:"granter"`
	Grantee        string        `json:"grantee"`
	Kind           string        `json:"kind"`
	SpendLimit     []Coin        `json:"spend_limit,omitempty"`
	Expiration     *time.Time    `json:"expiration,omitempty"`
	Period         time.Duration `json:"period,omitempty"`
	PeriodLimit    []Coin        `json:"period_limit,omitempty"`
	PeriodCanSpend []Coin        `json:"period_can_spend,omitempty"`
	PeriodReset    *time.Time    `json:"period_reset,omitempty"`
}

// FeeGrantsByGrantee lists fee allowances given to grantee.
func (c *Client) FeeGrantsByGrantee(ctx context.Context, grantee string) ([]FeeGrant, error) {
	if err := ValidateAddress(grantee); err != nil {
		return nil, err
	}
	var out []FeeGrant
	err := paginate(ctx, func(p *query.PageRequest) (*query.PageResponse, error) {
		var resp feegrant.QueryAllowancesResponse
		if err := c.abciQuery(ctx, "/cosmos.feegrant.v1beta1.Query/Allowances", &feegrant.QueryAllowancesRequest{Grantee: grantee, Pagination: p}, &resp); err != nil {
			return nil, err
		}
		for _, g := range resp.Allowances {
			out = append(out, c.toFeeGrant(g))
		}
		return resp.Pagination, nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading fee grants to %s: %w", grantee, err)
	}
	return out, nil
}

// FeeGrantsByGranter lists fee allowances given by granter.
func (c *Client) FeeGrantsByGranter(ctx context.Context, granter string) ([]FeeGrant, error) {
	if err := ValidateAddress(granter); err != nil {
		return nil, err
	}
	var out []FeeGrant
	err := paginate(ctx, func(p *query.PageRequest) (*query.PageResponse, error) {
		var resp feegrant.QueryAllowancesByGranterResponse
		if err := c.abciQuery(ctx, "/cosmos.feegrant.v1beta1.Query/AllowancesByGranter", &feegrant.QueryAllowancesByGranterRequest{Granter: granter, Pagination: p}, &resp); err != nil {
			return nil, err
		}
		for _, g := range resp.Allowances {
			out = append(out, c.toFeeGrant(g))
		}
		return resp.Pagination, nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading fee grants from %s: %w", granter, err)
	}
	return out, nil
}

func (c *Client) toFeeGrant(g *feegrant.Grant) FeeGrant {
	out := FeeGrant{Granter: g.Granter, Grantee: g.Grantee, Kind: "other"}
	if g.Allowance == nil {
		return out
	}
	basic := func(b feegrant.BasicAllowance) {
		out.SpendLimit = fromSDKCoins(b.SpendLimit)
		out.Expiration = b.Expiration
	}
	switch g.Allowance.TypeUrl {
	case "/cosmos.feegrant.v1beta1.BasicAllowance":
		var b feegrant.BasicAllowance
		if err := b.Unmarshal(g.Allowance.Value); err == nil {
			out.Kind = "basic"
			basic(b)
		}
	case "/cosmos.feegrant.v1beta1.PeriodicAllowance":
		var p feegrant.PeriodicAllowance
		if err := p.Unmarshal(g.Allowance.Value); err == nil {
			out.Kind = "periodic"
			basic(p.Basic)
			out.Period = p.Period
			out.PeriodLimit = fromSDKCoins(p.PeriodSpendLimit)
			out.PeriodCanSpend = fromSDKCoins(p.PeriodCanSpend)
			reset := p.PeriodReset
			out.PeriodReset = &reset
		}
	}
	return out
}

// BMEStatus is the state of the burn-mint exchange that turns AKT into ACT.
type BMEStatus struct {
	Status          string `json:"status"`
	CollateralRatio string `json:"collateral_ratio"`
	MintsAllowed    bool   `json:"mints_allowed"`
	RefundsAllowed  bool   `json:"refunds_allowed"`
	MintSpreadBps   uint32 `json:"mint_spread_bps"`
	SettleSpreadBps uint32 `json:"settle_spread_bps"`
	MinMint         []Coin `json:"min_mint,omitempty"`
}

// BME returns the burn-mint exchange status and parameters.
func (c *Client) BME(ctx context.Context) (BMEStatus, error) {
	var st bmev1.QueryStatusResponse
	if err := c.abciQuery(ctx, "/akash.bme.v1.Query/Status", &bmev1.QueryStatusRequest{}, &st); err != nil {
		return BMEStatus{}, fmt.Errorf("loading BME status: %w", err)
	}
	var params bmev1.QueryParamsResponse
	if err := c.abciQuery(ctx, "/akash.bme.v1.Query/Params", &bmev1.QueryParamsRequest{}, &params); err != nil {
		return BMEStatus{}, fmt.Errorf("loading BME params: %w", err)
	}
	ratio := ""
	if !st.CollateralRatio.IsNil() {
		ratio = st.CollateralRatio.String()
	}
	return BMEStatus{
		Status: bmev1.MintStatus_name[int32(st.Status)], CollateralRatio: ratio,
		MintsAllowed: st.MintsAllowed, RefundsAllowed: st.RefundsAllowed,
		MintSpreadBps: params.Params.MintSpreadBps, SettleSpreadBps: params.Params.SettleSpreadBps,
		MinMint: fromSDKCoins(params.Params.MinMint),
	}, nil
}
