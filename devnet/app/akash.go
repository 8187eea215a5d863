package app

import (
	"context"
	"fmt"

	"cosmossdk.io/core/appmodule"
	corestore "cosmossdk.io/core/store"
	"cosmossdk.io/math"
	"cosmossdk.io/x/tx/signing"
	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	chaincodec "github.com/akt-project/akt/chain/codec"
	atypes "github.com/akt-project/akt/chain/types/audit/v1"
	attrv1 "github.com/akt-project/akt/chain/types/base/attributes/v1"
	ptypes "github.com/akt-project/akt/chain/types/provider/v1beta4"
	"github.com/akt-project/akt/devnet/x/audit"
	"github.com/akt-project/akt/devnet/x/bme"
	"github.com/akt-project/akt/devnet/x/cert"
	"github.com/akt-project/akt/devnet/x/deployment"
	"github.com/akt-project/akt/devnet/x/escrow"
	"github.com/akt-project/akt/devnet/x/market"
	"github.com/akt-project/akt/devnet/x/provider"
)

// CertSeed is a certificate published at genesis.
type CertSeed struct {
	Owner        string
	Cert, Pubkey []byte
}

// AkashConfig configures akt's simplified Akash modules.
type AkashConfig struct {
	// ACTPerAKT is how much ACT burning one AKT mints (default 2).
	ACTPerAKT math.LegacyDec
	// Providers, Audits and Certs are registered at genesis.
	Providers []ptypes.Provider
	Audits    []atypes.AuditedProvider
	Certs     []CertSeed
}

// AkashKeepers holds the keepers of akt's simplified Akash modules.
type AkashKeepers struct {
	Escrow     *escrow.Keeper
	Deployment *deployment.Keeper
	Market     *market.Keeper
	Provider   *provider.Keeper
	Audit      *audit.Keeper
	Cert       *cert.Keeper
	BME        *bme.Keeper
	cfg        AkashConfig
}

func akashModuleNames() []string {
	return []string{escrow.ModuleName, deployment.ModuleName, market.ModuleName, provider.ModuleName,
		audit.ModuleName, cert.ModuleName, bme.ModuleName}
}

func akashBasics() []module.AppModuleBasic { return nil }

func akashModuleAccounts() map[string][]string {
	return map[string][]string{
		escrow.ModuleName: nil,
		bme.ModuleName:    {authtypes.Minter, authtypes.Burner},
	}
}

func akashStoreKeys() []string { return akashModuleNames() }

func registerCustomSigners(opts *signing.Options) { chaincodec.DefineCustomSigners(opts) }

// newAkash creates the Akash keepers and modules.
func (app *App) newAkash(cfg AkashConfig) ([]appmodule.AppModule, error) {
	if cfg.ACTPerAKT.IsNil() {
		cfg.ACTPerAKT = math.LegacyNewDec(2)
	}
	if !cfg.ACTPerAKT.IsPositive() {
		return nil, fmt.Errorf("bme rate %s ACT per AKT must be positive", cfg.ACTPerAKT)
	}
	cdc := app.enc.Codec
	store := func(name string) corestore.KVStoreService { return runtime.NewKVStoreService(app.keys[name]) }
	k := &AkashKeepers{cfg: cfg}
	k.BME = bme.NewKeeper(cdc, store(bme.ModuleName), app.BankKeeper, cfg.ACTPerAKT)
	k.Escrow = escrow.NewKeeper(cdc, store(escrow.ModuleName), app.BankKeeper, app.AuthzKeeper)
	k.Escrow.SetConverter(k.BME)
	k.Provider = provider.NewKeeper(cdc, store(provider.ModuleName))
	k.Audit = audit.NewKeeper(cdc, store(audit.ModuleName))
	k.Cert = cert.NewKeeper(cdc, store(cert.ModuleName))
	k.Deployment = deployment.NewKeeper(cdc, store(deployment.ModuleName), k.Escrow, deployment.DefaultParams())
	reg := registry{providers: k.Provider, audits: k.Audit}
	k.Market = market.NewKeeper(cdc, store(market.ModuleName), k.Deployment, k.Escrow, reg, market.DefaultParams())
	k.Deployment.SetMarket(k.Market)
	k.Escrow.SetHooks(k.Deployment)
	app.Akash = k
	return []appmodule.AppModule{
		escrow.NewAppModule(k.Escrow),
		deployment.NewAppModule(k.Deployment, k.Escrow),
		market.NewAppModule(k.Market, k.Escrow),
		provider.NewAppModule(k.Provider),
		audit.NewAppModule(k.Audit),
		cert.NewAppModule(k.Cert),
		bme.NewAppModule(k.BME),
	}, nil
}

// registry answers the market's questions from the provider and audit modules.
type registry struct {
	providers *provider.Keeper
	audits    *audit.Keeper
}

func (r registry) ProviderAttributes(ctx context.Context, owner string) (attrv1.Attributes, bool, error) {
	return r.providers.ProviderAttributes(ctx, owner)
}

func (r registry) Audited(ctx context.Context, p, auditor string) (bool, error) {
	return r.audits.Audited(ctx, p, auditor)
}

func (app *App) registerAkashServices(module.Configurator) error { return nil }

// seedAkash registers the genesis providers, audits and certificates.
func (app *App) seedAkash(ctx sdk.Context) error {
	k := app.Akash
	for i := range k.cfg.Providers {
		if err := k.Provider.Set(ctx, &k.cfg.Providers[i]); err != nil {
			return fmt.Errorf("genesis provider %d: %w", i, err)
		}
	}
	for _, a := range k.cfg.Audits {
		if err := k.Audit.Sign(ctx, a.Owner, a.Auditor, a.Attributes); err != nil {
			return fmt.Errorf("genesis audit of %s: %w", a.Owner, err)
		}
	}
	for _, c := range k.cfg.Certs {
		if _, err := k.Cert.Create(ctx, c.Owner, c.Cert, c.Pubkey); err != nil {
			return fmt.Errorf("genesis certificate of %s: %w", c.Owner, err)
		}
	}
	return nil
}
