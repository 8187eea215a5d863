// Package deployment is the devnet's simplified akash.deployment.v1beta4 module:
// deployments with their groups, funded through an escrow account, each open group
// offered to providers as a market order.
//
// Rules kept from Akash: new deployments must be priced and funded in uact (a uakt deposit
// or price is rejected), the deposit must reach the minimum deposit, dseq is unique per
// owner, the hash is the 32-byte manifest version, an update must change it, and a
// deployment closes when its escrow runs dry. Simplifications: resource limits are checked
// loosely and deployment parameters cannot change.
package deployment

import (
	"context"
	"fmt"

	corestore "cosmossdk.io/core/store"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	depositv1 "github.com/akt-project/akt/chain/types/base/deposit/v1"
	dv1 "github.com/akt-project/akt/chain/types/deployment/v1"
	dtypes "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	escrowidv1 "github.com/akt-project/akt/chain/types/escrow/id/v1"
	mv1 "github.com/akt-project/akt/chain/types/market/v1"
	"github.com/akt-project/akt/devnet/x/internal/kv"
)

// ModuleName is the module's name.
const ModuleName = "deployment"

// Escrow is what deployments need from the escrow module.
type Escrow interface {
	CreateAccount(ctx context.Context, id escrowidv1.Account, owner, signer string, dep depositv1.Deposit) error
	CloseAccount(ctx context.Context, id escrowidv1.Account) error
}

// Market is what deployments need from the market module.
type Market interface {
	// CreateOrder offers an open group to providers.
	CreateOrder(ctx context.Context, g *dtypes.Group) error
	// CloseGroupOrders closes the orders, bids and leases of a group with reason.
	CloseGroupOrders(ctx context.Context, gid dv1.GroupID, reason mv1.LeaseClosedReason) error
}

// Keeper stores deployments and groups.
type Keeper struct {
	deployments kv.Table[dv1.Deployment, *dv1.Deployment]
	groups      kv.Table[dtypes.Group, *dtypes.Group]
	escrow      Escrow
	market      Market
	params      dtypes.Params
}

// NewKeeper returns the deployment keeper over the module store svc.
func NewKeeper(cdc codec.BinaryCodec, svc corestore.KVStoreService, escrow Escrow, params dtypes.Params) *Keeper {
	return &Keeper{
		deployments: kv.NewTable[dv1.Deployment](svc, cdc, "dep"),
		groups:      kv.NewTable[dtypes.Group](svc, cdc, "grp"),
		escrow:      escrow,
		params:      params,
	}
}

// DefaultParams are mainnet's deployment parameters since v2.0.0.
func DefaultParams() dtypes.Params {
	return dtypes.Params{MinDeposits: sdk.NewCoins(sdk.NewInt64Coin("uact", 500000), sdk.NewInt64Coin("uakt", 500000))}
}

// SetMarket wires the market module (it depends on this keeper, so it is set afterwards).
func (k *Keeper) SetMarket(m Market) { k.market = m }

// EscrowID returns the escrow account of a deployment: scope deployment, xid owner/dseq.
func EscrowID(id dv1.DeploymentID) escrowidv1.Account {
	return escrowidv1.Account{Scope: escrowidv1.ScopeDeployment, XID: fmt.Sprintf("%s/%d", id.Owner, id.DSeq)}
}

func depKey(id dv1.DeploymentID) string { return id.Owner + "/" + kv.U64(id.DSeq) }

func groupKey(id dv1.GroupID) string { return depKey(id.DeploymentID()) + "/" + kv.U32(id.GSeq) }

// GetDeployment returns the deployment id.
func (k *Keeper) GetDeployment(ctx context.Context, id dv1.DeploymentID) (*dv1.Deployment, bool, error) {
	return k.deployments.Get(ctx, depKey(id))
}

// GetGroup returns the group id.
func (k *Keeper) GetGroup(ctx context.Context, id dv1.GroupID) (*dtypes.Group, bool, error) {
	return k.groups.Get(ctx, groupKey(id))
}

// Groups returns the groups of deployment id in gseq order.
func (k *Keeper) Groups(ctx context.Context, id dv1.DeploymentID) ([]*dtypes.Group, error) {
	return k.groups.All(ctx, depKey(id)+"/", nil)
}

// Deployments returns every deployment accepted by keep.
func (k *Keeper) Deployments(ctx context.Context, prefix string, keep func(*dv1.Deployment) bool) ([]*dv1.Deployment, error) {
	return k.deployments.All(ctx, prefix, keep)
}

// SetGroup stores g.
func (k *Keeper) SetGroup(ctx context.Context, g *dtypes.Group) error {
	return k.groups.Set(ctx, groupKey(g.ID), g)
}

// create stores a new deployment with its groups, funds its escrow and opens the orders.
func (k *Keeper) create(ctx context.Context, msg *dtypes.MsgCreateDeployment) error {
	if err := k.validateCreate(ctx, msg); err != nil {
		return err
	}
	height := sdk.UnwrapSDKContext(ctx).BlockHeight()
	d := &dv1.Deployment{ID: msg.ID, State: dv1.DeploymentActive, Hash: msg.Hash, CreatedAt: height, Reclamation: msg.Reclamation}
	if err := k.deployments.Set(ctx, depKey(d.ID), d); err != nil {
		return err
	}
	if err := k.escrow.CreateAccount(ctx, EscrowID(d.ID), d.ID.Owner, d.ID.Owner, msg.Deposit); err != nil {
		return fmt.Errorf("funding deployment %s: %w", d.ID, err)
	}
	for i, spec := range msg.Groups {
		g := &dtypes.Group{ID: d.ID.GroupID(uint32(i + 1)), State: dtypes.GroupOpen, GroupSpec: spec, CreatedAt: height}
		if err := k.SetGroup(ctx, g); err != nil {
			return err
		}
		if err := k.market.CreateOrder(ctx, g); err != nil {
			return fmt.Errorf("opening the order of group %s: %w", g.ID, err)
		}
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&dv1.EventDeploymentCreated{ID: d.ID, Hash: d.Hash})
}

// validateCreate applies mainnet's create rules.
func (k *Keeper) validateCreate(ctx context.Context, msg *dtypes.MsgCreateDeployment) error {
	if _, err := sdk.AccAddressFromBech32(msg.ID.Owner); err != nil {
		return fmt.Errorf("deployment owner %q: %w", msg.ID.Owner, err)
	}
	if msg.ID.DSeq == 0 {
		return fmt.Errorf("deployment dseq must be positive")
	}
	if k.deployments.Has(ctx, depKey(msg.ID)) {
		return fmt.Errorf("deployment %s already exists", msg.ID)
	}
	if len(msg.Hash) != 32 {
		return fmt.Errorf("deployment hash must be the 32-byte manifest version, got %d bytes", len(msg.Hash))
	}
	if msg.Deposit.Amount.Denom == "uakt" {
		return fmt.Errorf("invalid deposit: AKT deposits are only allowed via AccountDeposit (existing deployment)")
	}
	if msg.Deposit.Amount.Denom != "uact" {
		return fmt.Errorf("invalid deposit: unsupported denomination %q (new deployments are funded in uact)", msg.Deposit.Amount.Denom)
	}
	if min := k.params.MinDeposits.AmountOf(msg.Deposit.Amount.Denom); msg.Deposit.Amount.Amount.LT(min) {
		return fmt.Errorf("invalid deposit: %s is below the minimum %s%s", msg.Deposit.Amount, min, msg.Deposit.Amount.Denom)
	}
	if len(msg.Groups) == 0 || len(msg.Groups) > 20 {
		return fmt.Errorf("a deployment needs 1 to 20 groups, got %d", len(msg.Groups))
	}
	for i, g := range msg.Groups {
		if g.Name == "" {
			return fmt.Errorf("group %d has no name", i)
		}
		if len(g.Resources) == 0 || len(g.Resources) > 20 {
			return fmt.Errorf("group %q needs 1 to 20 resource units, got %d", g.Name, len(g.Resources))
		}
		for j, ru := range g.Resources {
			if ru.Price.Denom != "uact" {
				return fmt.Errorf("group %q resource %d: unsupported denomination %q (price in uact)", g.Name, j, ru.Price.Denom)
			}
			if ru.Count == 0 || ru.Count > 50 {
				return fmt.Errorf("group %q resource %d: count %d is not within 1..50", g.Name, j, ru.Count)
			}
			if ru.Resource.CPU == nil || ru.Resource.Memory == nil || len(ru.Resource.Storage) == 0 {
				return fmt.Errorf("group %q resource %d: cpu, memory and storage are required", g.Name, j)
			}
		}
	}
	return nil
}

// close closes a deployment: its groups (and their orders, bids and leases) and escrow.
func (k *Keeper) close(ctx context.Context, id dv1.DeploymentID, groupState dtypes.Group_State, reason mv1.LeaseClosedReason) error {
	d, ok, err := k.GetDeployment(ctx, id)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("deployment %s not found", id)
	}
	if d.State != dv1.DeploymentActive {
		return fmt.Errorf("deployment %s is already closed", id)
	}
	groups, err := k.Groups(ctx, id)
	if err != nil {
		return err
	}
	for _, g := range groups {
		if g.State == dtypes.GroupClosed || g.State == dtypes.GroupInsufficientFunds {
			continue
		}
		if err := k.market.CloseGroupOrders(ctx, g.ID, reason); err != nil {
			return err
		}
		g.State = groupState
		if err := k.SetGroup(ctx, g); err != nil {
			return err
		}
	}
	if err := k.escrow.CloseAccount(ctx, EscrowID(id)); err != nil {
		return fmt.Errorf("closing the escrow of %s: %w", id, err)
	}
	d.State = dv1.DeploymentClosed
	if err := k.deployments.Set(ctx, depKey(id), d); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&dv1.EventDeploymentClosed{ID: id})
}

// OnAccountOverdrawn closes the deployment whose escrow ran dry, as on mainnet.
func (k *Keeper) OnAccountOverdrawn(ctx context.Context, aid escrowidv1.Account) error {
	if aid.Scope != escrowidv1.ScopeDeployment {
		return nil
	}
	ds, err := k.deployments.All(ctx, "", func(d *dv1.Deployment) bool {
		return d.State == dv1.DeploymentActive && EscrowID(d.ID).XID == aid.XID
	})
	if err != nil || len(ds) == 0 {
		return err
	}
	return k.close(ctx, ds[0].ID, dtypes.GroupInsufficientFunds, mv1.LeaseClosedReasonInsufficientFunds)
}
