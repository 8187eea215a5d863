package escrow

import (
	"context"
	"fmt"
	"strings"

	"github.com/cosmos/cosmos-sdk/types/module"

	etypes "github.com/akt-project/akt/chain/types/escrow/types/v1"
	escrowv1 "github.com/akt-project/akt/chain/types/escrow/v1"
	"github.com/akt-project/akt/devnet/x/internal/kv"
	"github.com/akt-project/akt/devnet/x/internal/modbase"
)

// AppModule is the escrow module.
type AppModule struct {
	modbase.Basic
	k *Keeper
}

// NewAppModule returns the module of k.
func NewAppModule(k *Keeper) AppModule { return AppModule{Basic: ModuleName, k: k} }

// RegisterServices registers akash.escrow.v1.Msg and Query.
func (m AppModule) RegisterServices(cfg module.Configurator) {
	escrowv1.RegisterMsgServer(cfg.MsgServer(), msgServer{m.k})
	escrowv1.RegisterQueryServer(cfg.QueryServer(), queryServer{m.k})
}

// EndBlock pays providers for the block.
func (m AppModule) EndBlock(ctx context.Context) error { return m.k.SettleAll(ctx) }

type msgServer struct{ k *Keeper }

// AccountDeposit adds funds to an open escrow account; anyone may deposit.
func (s msgServer) AccountDeposit(ctx context.Context, msg *escrowv1.MsgAccountDeposit) (*escrowv1.MsgAccountDepositResponse, error) {
	if err := s.k.Deposit(ctx, msg.ID, msg.Signer, msg.Deposit); err != nil {
		return nil, fmt.Errorf("depositing into %s: %w", msg.ID.XID, err)
	}
	return &escrowv1.MsgAccountDepositResponse{}, nil
}

type queryServer struct{ k *Keeper }

func stateMatches(filter string, st etypes.State) bool {
	if filter == "" {
		return true
	}
	names := map[etypes.State]string{etypes.StateOpen: "open", etypes.StateClosed: "closed", etypes.StateOverdrawn: "overdrawn"}
	return strings.EqualFold(filter, names[st])
}

// Accounts lists escrow accounts, filtered by state and by xid prefix.
func (s queryServer) Accounts(ctx context.Context, req *escrowv1.QueryAccountsRequest) (*escrowv1.QueryAccountsResponse, error) {
	accs, err := s.k.Accounts(ctx, func(a *etypes.Account) bool {
		return stateMatches(req.State, a.State.State) && strings.HasPrefix(a.ID.XID, req.XID)
	})
	if err != nil {
		return nil, err
	}
	page, pr, err := kv.Page(accs, req.Pagination)
	if err != nil {
		return nil, err
	}
	res := &escrowv1.QueryAccountsResponse{Pagination: pr}
	for _, a := range page {
		res.Accounts = append(res.Accounts, *a)
	}
	return res, nil
}

// Payments lists escrow payments, filtered by state and by a prefix of
// "<account xid>/<payment xid>".
func (s queryServer) Payments(ctx context.Context, req *escrowv1.QueryPaymentsRequest) (*escrowv1.QueryPaymentsResponse, error) {
	pays, err := s.k.Payments(ctx, func(p *etypes.Payment) bool {
		return stateMatches(req.State, p.State.State) && strings.HasPrefix(p.ID.AID.XID+"/"+p.ID.XID, req.XID)
	})
	if err != nil {
		return nil, err
	}
	page, pr, err := kv.Page(pays, req.Pagination)
	if err != nil {
		return nil, err
	}
	res := &escrowv1.QueryPaymentsResponse{Pagination: pr}
	for _, p := range page {
		res.Payments = append(res.Payments, *p)
	}
	return res, nil
}
