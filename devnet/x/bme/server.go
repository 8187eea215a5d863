package bme

import (
	"context"
	"fmt"

	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/types/module"

	btypes "github.com/akt-project/akt/chain/types/bme/v1"
	"github.com/akt-project/akt/devnet/x/internal/kv"
	"github.com/akt-project/akt/devnet/x/internal/modbase"
)

// AppModule is the bme module.
type AppModule struct {
	modbase.Basic
	k *Keeper
}

// NewAppModule returns the module of k.
func NewAppModule(k *Keeper) AppModule { return AppModule{Basic: ModuleName, k: k} }

// RegisterServices registers akash.bme.v1.Msg and Query.
func (m AppModule) RegisterServices(cfg module.Configurator) {
	btypes.RegisterMsgServer(cfg.MsgServer(), server{m.k})
	btypes.RegisterQueryServer(cfg.QueryServer(), server{m.k})
}

type server struct{ k *Keeper }

// MintACT burns AKT from owner and mints ACT to `to` (which must be the owner, as on Akash).
func (s server) MintACT(ctx context.Context, msg *btypes.MsgMintACT) (*btypes.MsgMintACTResponse, error) {
	if msg.To != "" && msg.To != msg.Owner {
		return nil, fmt.Errorf("minting ACT: recipient %s must be the signer %s", msg.To, msg.Owner)
	}
	if msg.CoinsToBurn.Denom != DenomAKT {
		return nil, fmt.Errorf("minting ACT: burn %s, not %s", DenomAKT, msg.CoinsToBurn.Denom)
	}
	id, _, err := s.k.Exchange(ctx, msg.Owner, msg.Owner, msg.CoinsToBurn, DenomACT)
	if err != nil {
		return nil, fmt.Errorf("minting ACT: %w", err)
	}
	return &btypes.MsgMintACTResponse{ID: id, Status: btypes.LedgerRecordStatusExecuted}, nil
}

// BurnACT burns ACT from owner and mints AKT to `to`.
func (s server) BurnACT(ctx context.Context, msg *btypes.MsgBurnACT) (*btypes.MsgBurnACTResponse, error) {
	if msg.CoinsToBurn.Denom != DenomACT {
		return nil, fmt.Errorf("burning ACT: burn %s, not %s", DenomACT, msg.CoinsToBurn.Denom)
	}
	to := msg.To
	if to == "" {
		to = msg.Owner
	}
	id, _, err := s.k.Exchange(ctx, msg.Owner, to, msg.CoinsToBurn, DenomAKT)
	if err != nil {
		return nil, fmt.Errorf("burning ACT: %w", err)
	}
	return &btypes.MsgBurnACTResponse{ID: id, Status: btypes.LedgerRecordStatusExecuted}, nil
}

// BurnMint burns coins_to_burn and mints denom_to_mint.
func (s server) BurnMint(ctx context.Context, msg *btypes.MsgBurnMint) (*btypes.MsgBurnMintResponse, error) {
	to := msg.To
	if to == "" {
		to = msg.Owner
	}
	id, _, err := s.k.Exchange(ctx, msg.Owner, to, msg.CoinsToBurn, msg.DenomToMint)
	if err != nil {
		return nil, fmt.Errorf("burn-mint: %w", err)
	}
	return &btypes.MsgBurnMintResponse{ID: id, Status: btypes.LedgerRecordStatusExecuted}, nil
}

// UpdateParams is refused: parameters are fixed on the devnet.
func (s server) UpdateParams(context.Context, *btypes.MsgUpdateParams) (*btypes.MsgUpdateParamsResponse, error) {
	return nil, fmt.Errorf("bme parameters are fixed on the devnet")
}

// FundVault is refused: the devnet has no vault.
func (s server) FundVault(context.Context, *btypes.MsgFundVault) (*btypes.MsgFundVaultResponse, error) {
	return nil, fmt.Errorf("the devnet bme has no vault to fund")
}

// Params returns default-looking parameters.
func (s server) Params(context.Context, *btypes.QueryParamsRequest) (*btypes.QueryParamsResponse, error) {
	return &btypes.QueryParamsResponse{Params: btypes.Params{MinEpochBlocks: 1, MaxPendingAttempts: 1}}, nil
}

// VaultState returns the totals burned and minted.
func (s server) VaultState(ctx context.Context, _ *btypes.QueryVaultStateRequest) (*btypes.QueryVaultStateResponse, error) {
	st, _, err := s.k.state.Get(ctx, "vault")
	if err != nil {
		return nil, err
	}
	if st == nil {
		st = &btypes.State{}
	}
	return &btypes.QueryVaultStateResponse{VaultState: *st}, nil
}

// Status reports minting as healthy and allowed.
func (s server) Status(context.Context, *btypes.QueryStatusRequest) (*btypes.QueryStatusResponse, error) {
	return &btypes.QueryStatusResponse{
		Status: btypes.MintStatusHealthy, CollateralRatio: math.LegacyOneDec(),
		WarnThreshold: math.LegacyZeroDec(), HaltThreshold: math.LegacyZeroDec(),
		MintsAllowed: true, RefundsAllowed: true,
	}, nil
}

// LedgerRecords lists mint and burn records.
func (s server) LedgerRecords(ctx context.Context, req *btypes.QueryLedgerRecordsRequest) (*btypes.QueryLedgerRecordsResponse, error) {
	all, err := s.k.ledger.All(ctx, "", func(e *btypes.QueryLedgerRecordEntry) bool { return ledgerMatches(req.Filters, e) })
	if err != nil {
		return nil, err
	}
	page, pr, err := kv.Page(all, req.Pagination)
	if err != nil {
		return nil, err
	}
	res := &btypes.QueryLedgerRecordsResponse{Pagination: pr}
	for _, e := range page {
		res.Records = append(res.Records, *e)
	}
	return res, nil
}
