// Package app is the devnet's Cosmos SDK application: the SDK's own modules (auth with the
// akash prefix, bank, staking, genutil, consensus, authz, feegrant) wired by hand, plus akt's
// simplified Akash modules. It is a development network, never a substitute for the real
// Akash node.
package app

import (
	"fmt"

	"cosmossdk.io/x/tx/signing"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/std"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	"github.com/cosmos/gogoproto/proto"

	chaincodec "github.com/akt-project/akt/chain/codec"
)

// Bech32 prefixes used by the devnet, the same as Akash mainnet.
const (
	AccountPrefix   = "akash"
	ValidatorPrefix = "akashvaloper"
	ConsensusPrefix = "akashvalcons"
)

// Encoding bundles the codecs the application and its clients share.
type Encoding struct {
	InterfaceRegistry types.InterfaceRegistry
	Codec             codec.Codec
	Amino             *codec.LegacyAmino
	TxConfig          client.TxConfig
}

// SignerOptions returns the signing options with the akash address codecs. Extra custom
// signer functions (for messages whose signer is a nested field) are added by the modules.
func SignerOptions() signing.Options {
	return signing.Options{
		AddressCodec:          address.Bech32Codec{Bech32Prefix: AccountPrefix},
		ValidatorAddressCodec: address.Bech32Codec{Bech32Prefix: ValidatorPrefix},
	}
}

// MakeEncoding builds the interface registry, codecs and tx config with every module's
// interfaces registered.
func MakeEncoding() (Encoding, error) {
	if err := SetAddressPrefixes(); err != nil {
		return Encoding{}, err
	}
	opts := SignerOptions()
	registerCustomSigners(&opts)
	reg, err := types.NewInterfaceRegistryWithOptions(types.InterfaceRegistryOptions{
		ProtoFiles:     proto.HybridResolver,
		SigningOptions: opts,
	})
	if err != nil {
		return Encoding{}, fmt.Errorf("creating interface registry: %w", err)
	}
	cdc := codec.NewProtoCodec(reg)
	amino := codec.NewLegacyAmino()
	std.RegisterLegacyAminoCodec(amino)
	std.RegisterInterfaces(reg)
	basics().RegisterInterfaces(reg)
	basics().RegisterLegacyAminoCodec(amino)
	chaincodec.RegisterInterfaces(reg)
	chaincodec.RegisterLegacyAminoCodec(amino)
	txCfg := authtx.NewTxConfig(cdc, authtx.DefaultSignModes)
	return Encoding{InterfaceRegistry: reg, Codec: cdc, Amino: amino, TxConfig: txCfg}, nil
}

// SetAddressPrefixes makes the SDK's global address configuration use the akash prefixes,
// which sdk.AccAddress.String and friends read. It fails if the configuration was sealed
// with other prefixes.
func SetAddressPrefixes() error {
	cfg := sdk.GetConfig()
	if cfg.GetBech32AccountAddrPrefix() == AccountPrefix {
		return nil
	}
	if err := setPrefixes(cfg); err != nil {
		return fmt.Errorf("setting akash address prefixes (SDK config has %q): %w",
			cfg.GetBech32AccountAddrPrefix(), err)
	}
	return nil
}

func setPrefixes(cfg *sdk.Config) (err error) {
	defer func() {
		if r := recover(); r != nil { // a sealed config panics
			err = fmt.Errorf("%v", r)
		}
	}()
	cfg.SetBech32PrefixForAccount(AccountPrefix, AccountPrefix+"pub")
	cfg.SetBech32PrefixForValidator(ValidatorPrefix, ValidatorPrefix+"pub")
	cfg.SetBech32PrefixForConsensusNode(ConsensusPrefix, ConsensusPrefix+"pub")
	return nil
}
