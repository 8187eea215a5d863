// Package provider is the devnet's akash.provider.v1beta4 module: the registry of providers
// with their host URI (the gateway), attributes and contact info.
// Simplification: deleting a provider does not check for its active leases.
package provider

import (
	"context"
	"fmt"
	"net/url"

	corestore "cosmossdk.io/core/store"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	attrv1 "github.com/akt-project/akt/chain/types/base/attributes/v1"
	ptypes "github.com/akt-project/akt/chain/types/provider/v1beta4"
	"github.com/akt-project/akt/devnet/x/internal/kv"
	"github.com/akt-project/akt/devnet/x/internal/modbase"
)

// ModuleName is the module's name.
const ModuleName = "provider"

// Keeper stores providers by owner.
type Keeper struct {
	providers kv.Table[ptypes.Provider, *ptypes.Provider]
}

// NewKeeper returns the provider keeper over the module store svc.
func NewKeeper(cdc codec.BinaryCodec, svc corestore.KVStoreService) *Keeper {
	return &Keeper{providers: kv.NewTable[ptypes.Provider](svc, cdc, "prov")}
}

// Set stores p (used at genesis and by the messages).
func (k *Keeper) Set(ctx context.Context, p *ptypes.Provider) error {
	if _, err := sdk.AccAddressFromBech32(p.Owner); err != nil {
		return fmt.Errorf("provider owner %q: %w", p.Owner, err)
	}
	u, err := url.Parse(p.HostURI)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("provider %s: host_uri %q must be an https URL", p.Owner, p.HostURI)
	}
	return k.providers.Set(ctx, p.Owner, p)
}

// Get returns the provider owned by owner.
func (k *Keeper) Get(ctx context.Context, owner string) (*ptypes.Provider, bool, error) {
	return k.providers.Get(ctx, owner)
}

// ProviderAttributes returns a registered provider's attributes.
func (k *Keeper) ProviderAttributes(ctx context.Context, owner string) (attrv1.Attributes, bool, error) {
	p, ok, err := k.Get(ctx, owner)
	if err != nil || !ok {
		return nil, ok, err
	}
	return p.Attributes, true, nil
}

// AppModule is the provider module.
type AppModule struct {
	modbase.Basic
	k *Keeper
}

// NewAppModule returns the module of k.
func NewAppModule(k *Keeper) AppModule { return AppModule{Basic: ModuleName, k: k} }

// RegisterServices registers akash.provider.v1beta4.Msg and Query.
func (m AppModule) RegisterServices(cfg module.Configurator) {
	ptypes.RegisterMsgServer(cfg.MsgServer(), server{m.k})
	ptypes.RegisterQueryServer(cfg.QueryServer(), server{m.k})
}

type server struct{ k *Keeper }

func (s server) CreateProvider(ctx context.Context, msg *ptypes.MsgCreateProvider) (*ptypes.MsgCreateProviderResponse, error) {
	if s.k.providers.Has(ctx, msg.Owner) {
		return nil, fmt.Errorf("creating provider %s: already registered", msg.Owner)
	}
	p := &ptypes.Provider{Owner: msg.Owner, HostURI: msg.HostURI, Attributes: msg.Attributes, Info: msg.Info}
	if err := s.k.Set(ctx, p); err != nil {
		return nil, err
	}
	return &ptypes.MsgCreateProviderResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&ptypes.EventProviderCreated{Owner: msg.Owner})
}

func (s server) UpdateProvider(ctx context.Context, msg *ptypes.MsgUpdateProvider) (*ptypes.MsgUpdateProviderResponse, error) {
	if !s.k.providers.Has(ctx, msg.Owner) {
		return nil, fmt.Errorf("updating provider %s: not registered", msg.Owner)
	}
	p := &ptypes.Provider{Owner: msg.Owner, HostURI: msg.HostURI, Attributes: msg.Attributes, Info: msg.Info}
	if err := s.k.Set(ctx, p); err != nil {
		return nil, err
	}
	return &ptypes.MsgUpdateProviderResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&ptypes.EventProviderUpdated{Owner: msg.Owner})
}

func (s server) DeleteProvider(ctx context.Context, msg *ptypes.MsgDeleteProvider) (*ptypes.MsgDeleteProviderResponse, error) {
	if !s.k.providers.Has(ctx, msg.Owner) {
		return nil, fmt.Errorf("deleting provider %s: not registered", msg.Owner)
	}
	s.k.providers.Delete(ctx, msg.Owner)
	return &ptypes.MsgDeleteProviderResponse{}, sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&ptypes.EventProviderDeleted{Owner: msg.Owner})
}

func (s server) Providers(ctx context.Context, req *ptypes.QueryProvidersRequest) (*ptypes.QueryProvidersResponse, error) {
	all, err := s.k.providers.All(ctx, "", nil)
	if err != nil {
		return nil, err
	}
	page, pr, err := kv.Page(all, req.Pagination)
	if err != nil {
		return nil, err
	}
	res := &ptypes.QueryProvidersResponse{Pagination: pr}
	for _, p := range page {
		res.Providers = append(res.Providers, *p)
	}
	return res, nil
}

func (s server) Provider(ctx context.Context, req *ptypes.QueryProviderRequest) (*ptypes.QueryProviderResponse, error) {
	p, ok, err := s.k.Get(ctx, req.Owner)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, status.Errorf(codes.NotFound, "provider %s not found", req.Owner)
	}
	return &ptypes.QueryProviderResponse{Provider: *p}, nil
}
