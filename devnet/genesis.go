package devnet

import (
	"encoding/json"
	"fmt"
	"time"

	"cosmossdk.io/math"
	cmtcrypto "github.com/cometbft/cometbft/crypto"
	cmttypes "github.com/cometbft/cometbft/types"
	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/akt-project/akt/devnet/app"
)

// Denominations of the devnet, the same as Akash mainnet.
const (
	// DenomAKT is the staking and fee denomination.
	DenomAKT = "uakt"
	// DenomACT is the denomination deployments are priced and funded in; it cannot be sent
	// between accounts.
	DenomACT = "uact"
)

// validatorBond is the self-delegation of the single validator (1,000,000 AKT).
var validatorBond = math.NewInt(1_000_000_000_000)

// genesisAccount is an account funded at genesis.
type genesisAccount struct {
	addr  sdk.AccAddress
	coins sdk.Coins
}

// genesisInput is what the app genesis is built from.
type genesisInput struct {
	chainID   string
	time      time.Time
	validator account
	consPub   cmtcrypto.PubKey
	accounts  []genesisAccount
	modules   map[string]json.RawMessage
}

// buildGenesis returns the CometBFT genesis document of the devnet.
func buildGenesis(enc app.Encoding, in genesisInput) (*cmttypes.GenesisDoc, error) {
	state := app.DefaultGenesis(enc)
	cdc := enc.Codec

	// auth: every funded account, numbered in order.
	var accs authtypes.GenesisAccounts
	var balances []banktypes.Balance
	supply := sdk.NewCoins()
	all := append([]genesisAccount{{addr: in.validator.addr, coins: sdk.NewCoins(sdk.NewInt64Coin(DenomAKT, 1_000_000_000))}}, in.accounts...)
	seen := map[string]bool{}
	for _, ga := range all {
		key := ga.addr.String()
		if seen[key] {
			return nil, fmt.Errorf("genesis account %s listed twice", key)
		}
		seen[key] = true
		accs = append(accs, authtypes.NewBaseAccount(ga.addr, nil, uint64(len(accs)), 0))
		balances = append(balances, banktypes.Balance{Address: key, Coins: ga.coins})
		supply = supply.Add(ga.coins...)
	}
	// staking: one bonded validator, its tokens held by the bonded pool.
	bondedPool := authtypes.NewModuleAddress(stakingtypes.BondedPoolName)
	bond := sdk.NewCoins(sdk.NewCoin(DenomAKT, validatorBond))
	balances = append(balances, banktypes.Balance{Address: bondedPool.String(), Coins: bond})
	supply = supply.Add(bond...)

	authGen := authtypes.NewGenesisState(authtypes.DefaultParams(), accs)
	raw, err := cdc.MarshalJSON(authGen)
	if err != nil {
		return nil, fmt.Errorf("encoding auth genesis: %w", err)
	}
	state[authtypes.ModuleName] = raw

	bankGen := banktypes.NewGenesisState(banktypes.DefaultParams(), balances, supply, denomMetadata(),
		[]banktypes.SendEnabled{{Denom: DenomACT, Enabled: false}})
	if raw, err = cdc.MarshalJSON(bankGen); err != nil {
		return nil, fmt.Errorf("encoding bank genesis: %w", err)
	}
	state[banktypes.ModuleName] = raw

	sdkPub, err := cryptocodec.FromCmtPubKeyInterface(in.consPub)
	if err != nil {
		return nil, fmt.Errorf("converting validator consensus key: %w", err)
	}
	valAddr := sdk.ValAddress(in.validator.addr).String()
	val, err := stakingtypes.NewValidator(valAddr, sdkPub, stakingtypes.Description{Moniker: "devnet-validator"})
	if err != nil {
		return nil, fmt.Errorf("creating genesis validator: %w", err)
	}
	val.Status = stakingtypes.Bonded
	val.Tokens = validatorBond
	val.DelegatorShares = math.LegacyNewDecFromInt(validatorBond)
	val.Commission = stakingtypes.NewCommission(math.LegacyZeroDec(), math.LegacyOneDec(), math.LegacyOneDec())
	val.MinSelfDelegation = math.OneInt()
	params := stakingtypes.DefaultParams()
	params.BondDenom = DenomAKT
	stakingGen := stakingtypes.NewGenesisState(params, []stakingtypes.Validator{val},
		[]stakingtypes.Delegation{stakingtypes.NewDelegation(in.validator.addr.String(), valAddr, val.DelegatorShares)})
	if raw, err = cdc.MarshalJSON(stakingGen); err != nil {
		return nil, fmt.Errorf("encoding staking genesis: %w", err)
	}
	state[stakingtypes.ModuleName] = raw
	for name, st := range in.modules {
		state[name] = st
	}

	appState, err := json.MarshalIndent(state, "", " ")
	if err != nil {
		return nil, fmt.Errorf("encoding app genesis: %w", err)
	}
	cons := cmttypes.DefaultConsensusParams()
	cons.Block.MaxGas = -1
	doc := &cmttypes.GenesisDoc{
		ChainID:         in.chainID,
		GenesisTime:     in.time,
		InitialHeight:   1,
		ConsensusParams: cons,
		AppState:        appState,
	}
	if err := doc.ValidateAndComplete(); err != nil {
		return nil, fmt.Errorf("validating genesis: %w", err)
	}
	return doc, nil
}

// denomMetadata describes AKT and ACT for wallets and explorers.
func denomMetadata() []banktypes.Metadata {
	mk := func(base, milli, display, name string) banktypes.Metadata {
		return banktypes.Metadata{
			Description: name + " on the akt devnet",
			Base:        base,
			Display:     display,
			Name:        name,
			Symbol:      name,
			DenomUnits: []*banktypes.DenomUnit{
				{Denom: base, Exponent: 0},
				{Denom: milli, Exponent: 3},
				{Denom: display, Exponent: 6},
			},
		}
	}
	return []banktypes.Metadata{mk(DenomACT, "mact", "act", "ACT"), mk(DenomAKT, "makt", "akt", "AKT")}
}
