// Package codec builds the Cosmos SDK codecs akt needs as a chain client: an
// interface registry with the SDK modules a client touches (auth, vesting,
// bank, authz, feegrant, crypto keys, tx) and every akt type, the proto
// codec, the legacy amino codec and a TxConfig whose signing context knows
// the signers of Akash messages. Nothing here runs at package init: call New.
package codec

import (
	"fmt"

	"cosmossdk.io/x/feegrant"
	"cosmossdk.io/x/tx/signing"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/std"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	vestingtypes "github.com/cosmos/cosmos-sdk/x/auth/vesting/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"
)

// Bech32 prefixes of Akash addresses.
const (
	// AccountPrefix is the prefix of account addresses ("akash1...").
	AccountPrefix = "akash"
	// ValidatorPrefix is the prefix of validator operator addresses.
	ValidatorPrefix = "akashvaloper"
	// ConsensusPrefix is the prefix of validator consensus addresses.
	ConsensusPrefix = "akashvalcons"
)

// Codec bundles the codecs of one client.
type Codec struct {
	// InterfaceRegistry resolves Any type URLs and message signers.
	InterfaceRegistry codectypes.InterfaceRegistry
	// Proto is the binary and JSON protobuf codec.
	Proto *codec.ProtoCodec
	// Amino is the legacy amino codec (JSON sign mode, Ledger).
	Amino *codec.LegacyAmino
	// TxConfig builds, signs, encodes and decodes transactions.
	TxConfig client.TxConfig
}

// SigningOptions returns x/tx signing options for Akash: bech32 address
// codecs with the akash prefixes and the custom signers of SignerFields.
func SigningOptions() signing.Options {
	opts := signing.Options{
		AddressCodec:          addresscodec.NewBech32Codec(AccountPrefix),
		ValidatorAddressCodec: addresscodec.NewBech32Codec(ValidatorPrefix),
	}
	DefineCustomSigners(&opts)
	return opts
}

// NewInterfaceRegistry returns an interface registry with the SDK client
// modules and every akt type registered, resolving proto files from both the
// gogoproto and the google.golang.org/protobuf registries.
func NewInterfaceRegistry() (codectypes.InterfaceRegistry, error) {
	registry, err := codectypes.NewInterfaceRegistryWithOptions(codectypes.InterfaceRegistryOptions{
		ProtoFiles:     proto.HybridResolver,
		SigningOptions: SigningOptions(),
	})
	if err != nil {
		return nil, fmt.Errorf("creating the interface registry: %w", err)
	}
	std.RegisterInterfaces(registry)
	authtypes.RegisterInterfaces(registry)
	vestingtypes.RegisterInterfaces(registry)
	banktypes.RegisterInterfaces(registry)
	authz.RegisterInterfaces(registry)
	feegrant.RegisterInterfaces(registry)
	RegisterInterfaces(registry)
	return registry, nil
}

// NewLegacyAmino returns a legacy amino codec with the SDK client modules and
// every akt message registered.
func NewLegacyAmino() *codec.LegacyAmino {
	cdc := codec.NewLegacyAmino()
	std.RegisterLegacyAminoCodec(cdc)
	authtypes.RegisterLegacyAminoCodec(cdc)
	vestingtypes.RegisterLegacyAminoCodec(cdc)
	banktypes.RegisterLegacyAminoCodec(cdc)
	authz.RegisterLegacyAminoCodec(cdc)
	feegrant.RegisterLegacyAminoCodec(cdc)
	RegisterLegacyAminoCodec(cdc)
	return cdc
}

// New builds the codecs. It is not cheap (it merges proto registries), so
// call it once when a command first needs the chain, never at init.
func New() (*Codec, error) {
	registry, err := NewInterfaceRegistry()
	if err != nil {
		return nil, err
	}
	protoCodec := codec.NewProtoCodec(registry)
	txConfig, err := authtx.NewTxConfigWithOptions(protoCodec, authtx.ConfigOptions{
		EnabledSignModes: authtx.DefaultSignModes,
		SigningContext:   registry.SigningContext(),
	})
	if err != nil {
		return nil, fmt.Errorf("creating the tx config: %w", err)
	}
	return &Codec{
		InterfaceRegistry: registry,
		Proto:             protoCodec,
		Amino:             NewLegacyAmino(),
		TxConfig:          txConfig,
	}, nil
}
