package chain

import (
	"context"
	"encoding/hex"
	"fmt"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	dv1 "github.com/akt-project/akt/chain/types/deployment/v1"
	dv1beta4 "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	escrowtypesv1 "github.com/akt-project/akt/chain/types/escrow/types/v1"
	mv1 "github.com/akt-project/akt/chain/types/market/v1"
	mv1beta5 "github.com/akt-project/akt/chain/types/market/v1beta5"
)

// AverageBlockTime is Akash's typical block interval, used to turn blocks
// of escrow runway into hours.
const AverageBlockTime = 6 * time.Second

// Deployment is a deployment with its groups and escrow account.
type Deployment struct {
	Owner     string  `json:"owner"`
	DSeq      uint64  `json:"dseq"`
	State     string  `json:"state"`
	Version   string  `json:"version"`
	CreatedAt int64   `json:"created_at"`
	Groups    []Group `json:"groups"`
	Escrow    Escrow  `json:"escrow"`
}

// Group is a deployment group and what it asks for.
type Group struct {
	GSeq      uint32          `json:"gseq"`
	Name      string          `json:"name"`
	State     string          `json:"state"`
	CreatedAt int64           `json:"created_at"`
	Resources []ResourceUnits `json:"resources"`
}

// ResourceUnits is count identical units of resources at a price per block.
type ResourceUnits struct {
	Count     uint32    `json:"count"`
	Resources Resources `json:"resources"`
	Price     DecCoin   `json:"price"`
}

// Resources of one unit: CPU in millicores, memory and storage in bytes.
type Resources struct {
	CPUMillis   uint64      `json:"cpu_millis"`
	MemoryBytes uint64      `json:"memory_bytes"`
	GPUs        uint64      `json:"gpus"`
	GPUModels   []string    `json:"gpu_models,omitempty"`
	Storage     []Volume    `json:"storage,omitempty"`
	Endpoints   int         `json:"endpoints"`
	Attributes  []Attribute `json:"attributes,omitempty"`
}

// Volume is one storage volume of a unit.
type Volume struct {
	Name  string `json:"name"`
	Bytes uint64 `json:"bytes"`
	Class string `json:"class,omitempty"`
}

// Escrow is a deployment's escrow account: what is left and what it
// spends per block (the sum of its active leases' prices).
type Escrow struct {
	State         string    `json:"state"`
	Balance       []DecCoin `json:"balance"`
	Transferred   []DecCoin `json:"transferred,omitempty"`
	SettledAt     int64     `json:"settled_at"`
	SpendPerBlock []DecCoin `json:"spend_per_block,omitempty"`
	// RunwayBlocks is how many blocks the balance lasts at the current
	// spend (-1 when nothing is spent).
	RunwayBlocks int64 `json:"runway_blocks"`
	// RunwayHours is RunwayBlocks at AverageBlockTime.
	RunwayHours float64 `json:"runway_hours"`
}

// computeRunway fills RunwayBlocks/RunwayHours from Balance and SpendPerBlock
// (denoms matched; the shortest runway wins).
func (e *Escrow) computeRunway() {
	e.RunwayBlocks = -1
	for _, s := range e.SpendPerBlock {
		rate, err := sdkmath.LegacyNewDecFromStr(s.Amount)
		if err != nil || !rate.IsPositive() {
			continue
		}
		bal := sdkmath.LegacyZeroDec()
		for _, b := range e.Balance {
			if b.Denom == s.Denom {
				if d, err := sdkmath.LegacyNewDecFromStr(b.Amount); err == nil {
					bal = d
				}
			}
		}
		blocks := bal.Quo(rate).TruncateInt64()
		if e.RunwayBlocks < 0 || blocks < e.RunwayBlocks {
			e.RunwayBlocks = blocks
		}
	}
	if e.RunwayBlocks >= 0 {
		e.RunwayHours = float64(e.RunwayBlocks) * AverageBlockTime.Hours()
	}
}

// DeploymentFilter selects deployments; State is "active", "closed" or "".
type DeploymentFilter struct {
	Owner string
	State string
}

// Deployments lists the deployments of an owner (all pages), with groups,
// escrow and the per-block spend of active leases.
func (c *Client) Deployments(ctx context.Context, f DeploymentFilter) ([]Deployment, error) {
	if err := ValidateAddress(f.Owner); err != nil {
		return nil, err
	}
	var out []Deployment
	err := paginate(ctx, func(p *query.PageRequest) (*query.PageResponse, error) {
		var resp dv1beta4.QueryDeploymentsResponse
		req := &dv1beta4.QueryDeploymentsRequest{Filters: dv1beta4.DeploymentFilters{Owner: f.Owner, State: f.State}, Pagination: p}
		if err := c.abciQuery(ctx, "/akash.deployment.v1beta4.Query/Deployments", req, &resp); err != nil {
			return nil, err
		}
		for _, d := range resp.Deployments {
			out = append(out, toDeployment(d.Deployment, d.Groups, d.EscrowAccount))
		}
		return resp.Pagination, nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading deployments of %s: %w", f.Owner, err)
	}
	leases, err := c.Leases(ctx, LeaseFilter{Owner: f.Owner, State: "active"})
	if err != nil {
		return nil, err
	}
	for i := range out {
		applySpend(&out[i], leases)
	}
	return out, nil
}

// Deployment returns one deployment with its groups, escrow and spend.
func (c *Client) Deployment(ctx context.Context, owner string, dseq uint64) (Deployment, error) {
	id, err := deploymentID(owner, dseq)
	if err != nil {
		return Deployment{}, err
	}
	var resp dv1beta4.QueryDeploymentResponse
	if err := c.abciQuery(ctx, "/akash.deployment.v1beta4.Query/Deployment", &dv1beta4.QueryDeploymentRequest{ID: id}, &resp); err != nil {
		return Deployment{}, fmt.Errorf("loading deployment %d of %s: %w", dseq, owner, err)
	}
	d := toDeployment(resp.Deployment, resp.Groups, resp.EscrowAccount)
	leases, err := c.Leases(ctx, LeaseFilter{Owner: owner, DSeq: dseq, State: "active"})
	if err != nil {
		return Deployment{}, err
	}
	applySpend(&d, leases)
	return d, nil
}

func applySpend(d *Deployment, leases []Lease) {
	var spend sdk.DecCoins
	for _, l := range leases {
		if l.ID.DSeq != d.DSeq || l.State != "active" {
			continue
		}
		amt, err := sdkmath.LegacyNewDecFromStr(l.Price.Amount)
		if err != nil {
			continue
		}
		spend = spend.Add(sdk.NewDecCoinFromDec(l.Price.Denom, amt))
	}
	d.Escrow.SpendPerBlock = fromSDKDecCoins(spend)
	d.Escrow.computeRunway()
}

func toDeployment(d dv1.Deployment, groups []dv1beta4.Group, acc escrowtypesv1.Account) Deployment {
	out := Deployment{
		Owner: d.ID.Owner, DSeq: d.ID.DSeq, State: dv1.Deployment_State_name[int32(d.State)],
		Version: hex.EncodeToString(d.Hash), CreatedAt: d.CreatedAt,
	}
	for _, g := range groups {
		out.Groups = append(out.Groups, toGroup(g))
	}
	out.Escrow = Escrow{
		State:       escrowtypesv1.State_name[int32(acc.State.State)],
		Transferred: fromSDKDecCoins(acc.State.Transferred),
		SettledAt:   acc.State.SettledAt,
	}
	for _, b := range acc.State.Funds {
		out.Escrow.Balance = append(out.Escrow.Balance, DecCoin{Denom: b.Denom, Amount: b.Amount.String()})
	}
	out.Escrow.computeRunway()
	return out
}

func toGroup(g dv1beta4.Group) Group {
	out := Group{GSeq: g.ID.GSeq, Name: g.GroupSpec.Name, State: dv1beta4.Group_State_name[int32(g.State)], CreatedAt: g.CreatedAt}
	for _, ru := range g.GroupSpec.Resources {
		out.Resources = append(out.Resources, ResourceUnits{Count: ru.Count, Resources: toResources(ru.Resource), Price: fromSDKDecCoin(ru.Price)})
	}
	return out
}

// Lease is a lease with its escrow payment.
type Lease struct {
	ID        LeaseID `json:"id"`
	State     string  `json:"state"`
	Price     DecCoin `json:"price"`
	CreatedAt int64   `json:"created_at"`
	ClosedOn  int64   `json:"closed_on,omitempty"`
	Reason    string  `json:"reason,omitempty"`
	// Withdrawn is what the provider has withdrawn so far.
	Withdrawn Coin `json:"withdrawn"`
}

// LeaseFilter selects leases; zero fields match everything.
type LeaseFilter struct {
	Owner    string
	DSeq     uint64
	Provider string
	State    string // active, insufficient_funds, closed
}

// Leases lists leases (all pages).
func (c *Client) Leases(ctx context.Context, f LeaseFilter) ([]Lease, error) {
	var out []Lease
	err := paginate(ctx, func(p *query.PageRequest) (*query.PageResponse, error) {
		var resp mv1beta5.QueryLeasesResponse
		req := &mv1beta5.QueryLeasesRequest{Filters: mv1.LeaseFilters{Owner: f.Owner, DSeq: f.DSeq, Provider: f.Provider, State: f.State}, Pagination: p}
		if err := c.abciQuery(ctx, "/akash.market.v1beta5.Query/Leases", req, &resp); err != nil {
			return nil, err
		}
		for _, l := range resp.Leases {
			out = append(out, toLease(l.Lease, l.EscrowPayment.State.Withdrawn))
		}
		return resp.Pagination, nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading leases of %s: %w", f.Owner, err)
	}
	return out, nil
}

func toLease(l mv1.Lease, withdrawn sdk.Coin) Lease {
	out := Lease{
		ID:    LeaseID{Owner: l.ID.Owner, DSeq: l.ID.DSeq, GSeq: l.ID.GSeq, OSeq: l.ID.OSeq, Provider: l.ID.Provider, BSeq: l.ID.BSeq},
		State: mv1.Lease_State_name[int32(l.State)], Price: fromSDKDecCoin(l.Price), CreatedAt: l.CreatedAt, ClosedOn: l.ClosedOn,
	}
	if l.Reason != mv1.LeaseClosedInvalid {
		out.Reason = mv1.LeaseClosedReason_name[int32(l.Reason)]
	}
	if withdrawn.Denom != "" {
		out.Withdrawn = Coin{Denom: withdrawn.Denom, Amount: withdrawn.Amount.String()}
	}
	return out
}
