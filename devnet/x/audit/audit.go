// Package audit is the devnet's akash.audit.v1 module: auditors sign attributes of
// providers, and deployments can require providers signed by given auditors.
// Simplification: any account may act as an auditor, as on Akash, and signing replaces the
// auditor's previous attributes for that provider key by key.
package audit

import (
	"context"
	"fmt"

	corestore "cosmossdk.io/core/store"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/types/query"

	atypes "github.com/akt-project/akt/chain/types/audit/v1"
	attrv1 "github.com/akt-project/akt/chain/types/base/attributes/v1"
	"github.com/akt-project/akt/devnet/x/internal/kv"
	"github.com/akt-project/akt/devnet/x/internal/modbase"
)

// ModuleName is the module's name.
const ModuleName = "audit"

// Keeper stores audited attributes by provider and auditor.
type Keeper struct {
	audits kv.Table[atypes.AuditedProvider, *atypes.AuditedProvider]
}

// NewKeeper returns the audit keeper over the module store svc.
func NewKeeper(cdc codec.BinaryCodec, svc corestore.KVStoreService) *Keeper {
	return &Keeper{audits: kv.NewTable[atypes.AuditedProvider](svc, cdc, "aud")}
}

func key(owner, auditor string) string { return owner + "/" + auditor }

// Sign records attributes signed by auditor for provider owner, replacing keys it signed
// before.
func (k *Keeper) Sign(ctx context.Context, owner, auditor string, attrs attrv1.Attributes) error {
	for _, a := range []string{owner, auditor} {
		if _, err := sdk.AccAddressFromBech32(a); err != nil {
			return fmt.Errorf("audit address %q: %w", a, err)
		}
	}
	cur, ok, err := k.audits.Get(ctx, key(owner, auditor))
	if err != nil {
		return err
	}
	if !ok {
		cur = &atypes.AuditedProvider{Owner: owner, Auditor: auditor}
	}
	merged := attrv1.Attributes{}
	newKeys := map[string]bool{}
	for _, a := range attrs {
		newKeys[a.Key] = true
	}
	for _, a := range cur.Attributes {
		if !newKeys[a.Key] {
			merged = append(merged, a)
		}
	}
	cur.Attributes = append(merged, attrs...)
	return k.audits.Set(ctx, key(owner, auditor), cur)
}

// Audited tells whether auditor signed attributes for provider.
func (k *Keeper) Audited(ctx context.Context, provider, auditor string) (bool, error) {
	_, ok, err := k.audits.Get(ctx, key(provider, auditor))
	return ok, err
}

// AppModule is the audit module.
type AppModule struct {
	modbase.Basic
	k *Keeper
}

// NewAppModule returns the module of k.
func NewAppModule(k *Keeper) AppModule { return AppModule{Basic: ModuleName, k: k} }

// RegisterServices registers akash.audit.v1.Msg and Query.
func (m AppModule) RegisterServices(cfg module.Configurator) {
	atypes.RegisterMsgServer(cfg.MsgServer(), server{m.k})
	atypes.RegisterQueryServer(cfg.QueryServer(), server{m.k})
}

type server struct{ k *Keeper }

func (s server) SignProviderAttributes(ctx context.Context, msg *atypes.MsgSignProviderAttributes) (*atypes.MsgSignProviderAttributesResponse, error) {
	if err := s.k.Sign(ctx, msg.Owner, msg.Auditor, msg.Attributes); err != nil {
		return nil, fmt.Errorf("signing attributes of %s: %w", msg.Owner, err)
	}
	return &atypes.MsgSignProviderAttributesResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&atypes.EventTrustedAuditorCreated{Owner: msg.Owner, Auditor: msg.Auditor})
}

func (s server) DeleteProviderAttributes(ctx context.Context, msg *atypes.MsgDeleteProviderAttributes) (*atypes.MsgDeleteProviderAttributesResponse, error) {
	cur, ok, err := s.k.audits.Get(ctx, key(msg.Owner, msg.Auditor))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("deleting attributes of %s: auditor %s signed none", msg.Owner, msg.Auditor)
	}
	drop := map[string]bool{}
	for _, k := range msg.Keys {
		drop[k] = true
	}
	kept := attrv1.Attributes{}
	for _, a := range cur.Attributes {
		if !drop[a.Key] {
			kept = append(kept, a)
		}
	}
	if len(msg.Keys) == 0 || len(kept) == 0 {
		s.k.audits.Delete(ctx, key(msg.Owner, msg.Auditor))
	} else {
		cur.Attributes = kept
		if err := s.k.audits.Set(ctx, key(msg.Owner, msg.Auditor), cur); err != nil {
			return nil, err
		}
	}
	return &atypes.MsgDeleteProviderAttributesResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&atypes.EventTrustedAuditorDeleted{Owner: msg.Owner, Auditor: msg.Auditor})
}

func (s server) answer(ctx context.Context, keep func(*atypes.AuditedProvider) bool, page *query.PageRequest) (*atypes.QueryProvidersResponse, error) {
	all, err := s.k.audits.All(ctx, "", keep)
	if err != nil {
		return nil, err
	}
	items, pr, err := kv.Page(all, page)
	if err != nil {
		return nil, err
	}
	res := &atypes.QueryProvidersResponse{Pagination: pr}
	for _, a := range items {
		res.Providers = append(res.Providers, *a)
	}
	return res, nil
}

func (s server) AllProvidersAttributes(ctx context.Context, req *atypes.QueryAllProvidersAttributesRequest) (*atypes.QueryProvidersResponse, error) {
	return s.answer(ctx, nil, req.Pagination)
}

func (s server) ProviderAttributes(ctx context.Context, req *atypes.QueryProviderAttributesRequest) (*atypes.QueryProvidersResponse, error) {
	return s.answer(ctx, func(a *atypes.AuditedProvider) bool { return a.Owner == req.Owner }, req.Pagination)
}

func (s server) ProviderAuditorAttributes(ctx context.Context, req *atypes.QueryProviderAuditorRequest) (*atypes.QueryProvidersResponse, error) {
	return s.answer(ctx, func(a *atypes.AuditedProvider) bool { return a.Owner == req.Owner && a.Auditor == req.Auditor }, nil)
}

func (s server) AuditorAttributes(ctx context.Context, req *atypes.QueryAuditorAttributesRequest) (*atypes.QueryProvidersResponse, error) {
	return s.answer(ctx, func(a *atypes.AuditedProvider) bool { return a.Auditor == req.Auditor }, req.Pagination)
}
