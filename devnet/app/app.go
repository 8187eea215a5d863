package app

import (
	"encoding/json"
	"fmt"
	"io"

	"cosmossdk.io/core/appmodule"
	"cosmossdk.io/log"
	storetypes "cosmossdk.io/store/types"
	"cosmossdk.io/x/feegrant"
	feegrantkeeper "cosmossdk.io/x/feegrant/keeper"
	feegrantmodule "cosmossdk.io/x/feegrant/module"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/x/auth"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	authzkeeper "github.com/cosmos/cosmos-sdk/x/authz/keeper"
	authzmodule "github.com/cosmos/cosmos-sdk/x/authz/module"
	"github.com/cosmos/cosmos-sdk/x/bank"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/consensus"
	consensuskeeper "github.com/cosmos/cosmos-sdk/x/consensus/keeper"
	consensustypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/cosmos/cosmos-sdk/x/staking"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// Name is the application name reported by the node.
const Name = "akt-devnet"

// GovModuleName names the (absent) governance module whose address is the authority of
// every keeper, so no account can change parameters on the devnet.
const GovModuleName = "gov"

// App is the devnet application.
type App struct {
	*baseapp.BaseApp

	enc  Encoding
	keys map[string]*storetypes.KVStoreKey

	AccountKeeper   authkeeper.AccountKeeper
	BankKeeper      bankkeeper.BaseKeeper
	StakingKeeper   *stakingkeeper.Keeper
	ConsensusKeeper consensuskeeper.Keeper
	AuthzKeeper     authzkeeper.Keeper
	FeeGrantKeeper  feegrantkeeper.Keeper

	Akash *AkashKeepers

	mm *module.Manager
}

// basics lists the module basics of every module of the app.
func basics() module.BasicManager {
	return module.NewBasicManager(append([]module.AppModuleBasic{
		auth.AppModuleBasic{},
		bank.AppModuleBasic{},
		staking.AppModuleBasic{},
		genutil.NewAppModuleBasic(genutiltypes.DefaultMessageValidator),
		consensus.AppModuleBasic{},
		authzmodule.AppModuleBasic{},
		feegrantmodule.AppModuleBasic{},
	}, akashBasics()...)...)
}

// moduleAccountPermissions lists the module accounts and what they may do.
func moduleAccountPermissions() map[string][]string {
	perms := map[string][]string{
		authtypes.FeeCollectorName:     nil,
		stakingtypes.BondedPoolName:    {authtypes.Burner, authtypes.Staking},
		stakingtypes.NotBondedPoolName: {authtypes.Burner, authtypes.Staking},
	}
	for name, p := range akashModuleAccounts() {
		perms[name] = p
	}
	return perms
}

// Options tune the application.
type Options struct {
	// ChainID is the chain id the app accepts at InitChain.
	ChainID string
	// MinGasPrices is the node's minimum gas price for CheckTx, e.g. "0.00025uakt".
	MinGasPrices string
	// Akash configures akt's simplified Akash modules.
	Akash AkashConfig
}

// New builds the application over db.
func New(logger log.Logger, db dbm.DB, traceStore io.Writer, opts Options) (*App, error) {
	enc, err := MakeEncoding()
	if err != nil {
		return nil, err
	}
	baseOpts := []func(*baseapp.BaseApp){baseapp.SetChainID(opts.ChainID)}
	if opts.MinGasPrices != "" {
		baseOpts = append(baseOpts, baseapp.SetMinGasPrices(opts.MinGasPrices))
	}
	bApp := baseapp.NewBaseApp(Name, logger, db, enc.TxConfig.TxDecoder(), baseOpts...)
	bApp.SetCommitMultiStoreTracer(traceStore)
	bApp.SetVersion("devnet")
	bApp.SetInterfaceRegistry(enc.InterfaceRegistry)
	bApp.SetTxEncoder(enc.TxConfig.TxEncoder())

	storeNames := []string{
		authtypes.StoreKey, banktypes.StoreKey, stakingtypes.StoreKey, consensustypes.StoreKey,
		authzkeeper.StoreKey, feegrant.StoreKey,
	}
	storeNames = append(storeNames, akashStoreKeys()...)
	keys := storetypes.NewKVStoreKeys(storeNames...)

	app := &App{BaseApp: bApp, enc: enc, keys: keys}
	authority := authtypes.NewModuleAddress(GovModuleName).String()
	accCodec := address.NewBech32Codec(AccountPrefix)
	cdc := enc.Codec

	app.ConsensusKeeper = consensuskeeper.NewKeeper(cdc,
		runtime.NewKVStoreService(keys[consensustypes.StoreKey]), authority, runtime.EventService{})
	bApp.SetParamStore(app.ConsensusKeeper.ParamsStore)

	app.AccountKeeper = authkeeper.NewAccountKeeper(cdc, runtime.NewKVStoreService(keys[authtypes.StoreKey]),
		authtypes.ProtoBaseAccount, moduleAccountPermissions(), accCodec, AccountPrefix, authority)
	blocked := map[string]bool{}
	for name := range moduleAccountPermissions() {
		blocked[authtypes.NewModuleAddress(name).String()] = true
	}
	app.BankKeeper = bankkeeper.NewBaseKeeper(cdc, runtime.NewKVStoreService(keys[banktypes.StoreKey]),
		app.AccountKeeper, blocked, authority, logger)
	app.StakingKeeper = stakingkeeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[stakingtypes.StoreKey]),
		app.AccountKeeper, app.BankKeeper, authority,
		address.NewBech32Codec(ValidatorPrefix), address.NewBech32Codec(ConsensusPrefix))
	app.FeeGrantKeeper = feegrantkeeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[feegrant.StoreKey]), app.AccountKeeper)
	app.AuthzKeeper = authzkeeper.NewKeeper(runtime.NewKVStoreService(keys[authzkeeper.StoreKey]), cdc,
		bApp.MsgServiceRouter(), app.AccountKeeper)

	akashMods, err := app.newAkash(opts.Akash)
	if err != nil {
		return nil, err
	}

	mods := []appmodule.AppModule{
		auth.NewAppModule(cdc, app.AccountKeeper, nil, nil),
		bank.NewAppModule(cdc, app.BankKeeper, app.AccountKeeper, nil),
		staking.NewAppModule(cdc, app.StakingKeeper, app.AccountKeeper, app.BankKeeper, nil),
		genutil.NewAppModule(app.AccountKeeper, app.StakingKeeper, app, enc.TxConfig),
		consensus.NewAppModule(cdc, app.ConsensusKeeper),
		authzmodule.NewAppModule(cdc, app.AuthzKeeper, app.AccountKeeper, app.BankKeeper, enc.InterfaceRegistry),
		feegrantmodule.NewAppModule(cdc, app.AccountKeeper, app.BankKeeper, app.FeeGrantKeeper, enc.InterfaceRegistry),
	}
	mods = append(mods, akashMods...)
	byName := map[string]appmodule.AppModule{}
	for _, m := range mods {
		byName[m.(interface{ Name() string }).Name()] = m
	}
	app.mm = module.NewManagerFromMap(byName)

	sdkOrder := []string{authtypes.ModuleName, banktypes.ModuleName, stakingtypes.ModuleName,
		authz.ModuleName, feegrant.ModuleName, genutiltypes.ModuleName, consensustypes.ModuleName}
	order := append(append([]string{}, sdkOrder...), akashModuleNames()...)
	app.mm.SetOrderInitGenesis(order...)
	app.mm.SetOrderExportGenesis(order...)
	app.mm.SetOrderBeginBlockers(order...)
	app.mm.SetOrderEndBlockers(order...)

	cfg := module.NewConfigurator(cdc, bApp.MsgServiceRouter(), bApp.GRPCQueryRouter())
	if err := app.mm.RegisterServices(cfg); err != nil {
		return nil, fmt.Errorf("registering module services: %w", err)
	}
	if err := app.registerAkashServices(cfg); err != nil {
		return nil, err
	}

	app.MountKVStores(keys)
	anteHandler, err := ante.NewAnteHandler(ante.HandlerOptions{
		AccountKeeper:   app.AccountKeeper,
		BankKeeper:      app.BankKeeper,
		FeegrantKeeper:  app.FeeGrantKeeper,
		SignModeHandler: enc.TxConfig.SignModeHandler(),
		SigGasConsumer:  ante.DefaultSigVerificationGasConsumer,
	})
	if err != nil {
		return nil, fmt.Errorf("building ante handler: %w", err)
	}
	app.SetAnteHandler(anteHandler)
	app.SetInitChainer(app.initChainer)
	app.SetBeginBlocker(app.mm.BeginBlock)
	app.SetEndBlocker(app.mm.EndBlock)

	if err := app.LoadLatestVersion(); err != nil {
		return nil, fmt.Errorf("loading latest version: %w", err)
	}
	return app, nil
}

// Encoding returns the codecs of the app.
func (app *App) Encoding() Encoding { return app.enc }

func (app *App) initChainer(ctx sdk.Context, req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
	var state map[string]json.RawMessage
	if err := json.Unmarshal(req.AppStateBytes, &state); err != nil {
		return nil, fmt.Errorf("decoding genesis app state: %w", err)
	}
	res, err := app.mm.InitGenesis(ctx, app.enc.Codec, state)
	if err != nil {
		return nil, err
	}
	if err := app.seedAkash(ctx); err != nil {
		return nil, err
	}
	return res, nil
}

// DefaultGenesis returns every module's default genesis state.
func DefaultGenesis(enc Encoding) map[string]json.RawMessage {
	return basics().DefaultGenesis(enc.Codec)
}
