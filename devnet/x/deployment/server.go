package deployment

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	dv1 "github.com/akt-project/akt/chain/types/deployment/v1"
	dtypes "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	escrowidv1 "github.com/akt-project/akt/chain/types/escrow/id/v1"
	etypes "github.com/akt-project/akt/chain/types/escrow/types/v1"
	mv1 "github.com/akt-project/akt/chain/types/market/v1"
	"github.com/akt-project/akt/devnet/x/internal/kv"
	"github.com/akt-project/akt/devnet/x/internal/modbase"
)

// EscrowReader reads escrow accounts for query answers.
type EscrowReader interface {
	GetAccount(ctx context.Context, id escrowidv1.Account) (*etypes.Account, bool, error)
}

// AppModule is the deployment module.
type AppModule struct {
	modbase.Basic
	k      *Keeper
	escrow EscrowReader
}

// NewAppModule returns the module of k.
func NewAppModule(k *Keeper, escrow EscrowReader) AppModule {
	return AppModule{Basic: ModuleName, k: k, escrow: escrow}
}

// RegisterServices registers akash.deployment.v1beta4.Msg and Query.
func (m AppModule) RegisterServices(cfg module.Configurator) {
	dtypes.RegisterMsgServer(cfg.MsgServer(), msgServer{m.k})
	dtypes.RegisterQueryServer(cfg.QueryServer(), queryServer{k: m.k, escrow: m.escrow})
}

type msgServer struct{ k *Keeper }

func (s msgServer) CreateDeployment(ctx context.Context, msg *dtypes.MsgCreateDeployment) (*dtypes.MsgCreateDeploymentResponse, error) {
	if err := s.k.create(ctx, msg); err != nil {
		return nil, fmt.Errorf("creating deployment %s: %w", msg.ID, err)
	}
	return &dtypes.MsgCreateDeploymentResponse{}, nil
}

func (s msgServer) UpdateDeployment(ctx context.Context, msg *dtypes.MsgUpdateDeployment) (*dtypes.MsgUpdateDeploymentResponse, error) {
	d, ok, err := s.k.GetDeployment(ctx, msg.ID)
	if err != nil {
		return nil, err
	}
	if !ok || d.State != dv1.DeploymentActive {
		return nil, fmt.Errorf("updating deployment %s: not found or not active", msg.ID)
	}
	if len(msg.Hash) != 32 {
		return nil, fmt.Errorf("updating deployment %s: hash must be 32 bytes, got %d", msg.ID, len(msg.Hash))
	}
	if bytes.Equal(d.Hash, msg.Hash) {
		return nil, fmt.Errorf("updating deployment %s: the new hash equals the current one (nothing to update)", msg.ID)
	}
	d.Hash = msg.Hash
	if err := s.k.deployments.Set(ctx, depKey(d.ID), d); err != nil {
		return nil, err
	}
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&dv1.EventDeploymentUpdated{ID: d.ID, Hash: d.Hash}); err != nil {
		return nil, err
	}
	return &dtypes.MsgUpdateDeploymentResponse{}, nil
}

func (s msgServer) CloseDeployment(ctx context.Context, msg *dtypes.MsgCloseDeployment) (*dtypes.MsgCloseDeploymentResponse, error) {
	if err := s.k.close(ctx, msg.ID, dtypes.GroupClosed, mv1.LeaseClosedOwner); err != nil {
		return nil, fmt.Errorf("closing deployment %s: %w", msg.ID, err)
	}
	return &dtypes.MsgCloseDeploymentResponse{}, nil
}

// activeGroup returns group id if its deployment is active.
func (s msgServer) activeGroup(ctx context.Context, id dv1.GroupID) (*dtypes.Group, error) {
	d, ok, err := s.k.GetDeployment(ctx, id.DeploymentID())
	if err != nil {
		return nil, err
	}
	if !ok || d.State != dv1.DeploymentActive {
		return nil, fmt.Errorf("deployment %s not found or not active", id.DeploymentID())
	}
	g, ok, err := s.k.GetGroup(ctx, id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("group %s not found", id)
	}
	return g, nil
}

func (s msgServer) CloseGroup(ctx context.Context, msg *dtypes.MsgCloseGroup) (*dtypes.MsgCloseGroupResponse, error) {
	g, err := s.activeGroup(ctx, msg.ID)
	if err != nil {
		return nil, fmt.Errorf("closing group: %w", err)
	}
	if g.State == dtypes.GroupClosed {
		return nil, fmt.Errorf("closing group %s: already closed", g.ID)
	}
	if err := s.k.market.CloseGroupOrders(ctx, g.ID, mv1.LeaseClosedOwner); err != nil {
		return nil, err
	}
	g.State = dtypes.GroupClosed
	if err := s.k.SetGroup(ctx, g); err != nil {
		return nil, err
	}
	return &dtypes.MsgCloseGroupResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&dv1.EventGroupClosed{ID: g.ID})
}

func (s msgServer) PauseGroup(ctx context.Context, msg *dtypes.MsgPauseGroup) (*dtypes.MsgPauseGroupResponse, error) {
	g, err := s.activeGroup(ctx, msg.ID)
	if err != nil {
		return nil, fmt.Errorf("pausing group: %w", err)
	}
	if g.State != dtypes.GroupOpen {
		return nil, fmt.Errorf("pausing group %s: it is %s, not open", g.ID, g.State)
	}
	if err := s.k.market.CloseGroupOrders(ctx, g.ID, mv1.LeaseClosedOwner); err != nil {
		return nil, err
	}
	g.State = dtypes.GroupPaused
	if err := s.k.SetGroup(ctx, g); err != nil {
		return nil, err
	}
	return &dtypes.MsgPauseGroupResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&dv1.EventGroupPaused{ID: g.ID})
}

func (s msgServer) StartGroup(ctx context.Context, msg *dtypes.MsgStartGroup) (*dtypes.MsgStartGroupResponse, error) {
	g, err := s.activeGroup(ctx, msg.ID)
	if err != nil {
		return nil, fmt.Errorf("starting group: %w", err)
	}
	if g.State != dtypes.GroupPaused {
		return nil, fmt.Errorf("starting group %s: it is %s, not paused", g.ID, g.State)
	}
	g.State = dtypes.GroupOpen
	if err := s.k.SetGroup(ctx, g); err != nil {
		return nil, err
	}
	if err := s.k.market.CreateOrder(ctx, g); err != nil {
		return nil, err
	}
	return &dtypes.MsgStartGroupResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&dv1.EventGroupStarted{ID: g.ID})
}

func (s msgServer) UpdateParams(context.Context, *dtypes.MsgUpdateParams) (*dtypes.MsgUpdateParamsResponse, error) {
	return nil, fmt.Errorf("deployment parameters are fixed on the devnet")
}

type queryServer struct {
	k      *Keeper
	escrow EscrowReader
}

func (s queryServer) response(ctx context.Context, d *dv1.Deployment) (dtypes.QueryDeploymentResponse, error) {
	groups, err := s.k.Groups(ctx, d.ID)
	if err != nil {
		return dtypes.QueryDeploymentResponse{}, err
	}
	res := dtypes.QueryDeploymentResponse{Deployment: *d}
	for _, g := range groups {
		res.Groups = append(res.Groups, *g)
	}
	if acc, ok, err := s.escrow.GetAccount(ctx, EscrowID(d.ID)); err != nil {
		return res, err
	} else if ok {
		res.EscrowAccount = *acc
	}
	return res, nil
}

// Deployments lists deployments filtered by owner, dseq and state ("active", "closed").
func (s queryServer) Deployments(ctx context.Context, req *dtypes.QueryDeploymentsRequest) (*dtypes.QueryDeploymentsResponse, error) {
	f := req.Filters
	prefix := ""
	if f.Owner != "" {
		prefix = f.Owner + "/"
	}
	ds, err := s.k.Deployments(ctx, prefix, func(d *dv1.Deployment) bool {
		return (f.DSeq == 0 || d.ID.DSeq == f.DSeq) &&
			(f.State == "" || strings.EqualFold(f.State, deploymentState(d.State)))
	})
	if err != nil {
		return nil, err
	}
	page, pr, err := kv.Page(ds, req.Pagination)
	if err != nil {
		return nil, err
	}
	res := &dtypes.QueryDeploymentsResponse{Pagination: pr}
	for _, d := range page {
		r, err := s.response(ctx, d)
		if err != nil {
			return nil, err
		}
		res.Deployments = append(res.Deployments, r)
	}
	return res, nil
}

func deploymentState(s dv1.Deployment_State) string {
	switch s {
	case dv1.DeploymentActive:
		return "active"
	case dv1.DeploymentClosed:
		return "closed"
	}
	return "invalid"
}

// Deployment returns one deployment with its groups and escrow account.
func (s queryServer) Deployment(ctx context.Context, req *dtypes.QueryDeploymentRequest) (*dtypes.QueryDeploymentResponse, error) {
	d, ok, err := s.k.GetDeployment(ctx, req.ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, status.Errorf(codes.NotFound, "deployment %s not found", req.ID)
	}
	r, err := s.response(ctx, d)
	return &r, err
}

// Group returns one group.
func (s queryServer) Group(ctx context.Context, req *dtypes.QueryGroupRequest) (*dtypes.QueryGroupResponse, error) {
	g, ok, err := s.k.GetGroup(ctx, req.ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, status.Errorf(codes.NotFound, "group %s not found", req.ID)
	}
	return &dtypes.QueryGroupResponse{Group: *g}, nil
}

// Params returns the deployment parameters.
func (s queryServer) Params(context.Context, *dtypes.QueryParamsRequest) (*dtypes.QueryParamsResponse, error) {
	return &dtypes.QueryParamsResponse{Params: s.k.params}, nil
}
