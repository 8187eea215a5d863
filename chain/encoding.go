package chain

import (
	"fmt"

	"cosmossdk.io/x/feegrant"
	"cosmossdk.io/x/tx/signing"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	vestingtypes "github.com/cosmos/cosmos-sdk/x/auth/vesting/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"
)

// Bech32 prefixes of Akash addresses.
const (
	AccountPrefix   = "akash"
	ValidatorPrefix = "akashvaloper"
)

// Encoding bundles the protobuf codec and tx configuration akt uses to
// build, sign and decode transactions. It is built on demand (never in
// package init) because registering every type costs start-up time.
type Encoding struct {
	Registry codectypes.InterfaceRegistry
	Codec    *codec.ProtoCodec
	TxConfig client.TxConfig
}

// Registrar registers extra message and interface types (e.g. the Akash
// messages) in an interface registry.
type Registrar func(codectypes.InterfaceRegistry)

// NewEncoding builds the codec with the Cosmos SDK types akt signs and
// queries (auth, bank, authz, feegrant, crypto keys) plus those added by
// the given registrars.
func NewEncoding(extra ...Registrar) (*Encoding, error) {
	reg, err := codectypes.NewInterfaceRegistryWithOptions(codectypes.InterfaceRegistryOptions{
		ProtoFiles: proto.HybridResolver,
		SigningOptions: signing.Options{
			AddressCodec:          addresscodec.NewBech32Codec(AccountPrefix),
			ValidatorAddressCodec: addresscodec.NewBech32Codec(ValidatorPrefix),
		},
	})
	if err != nil {
		return nil, fmt.Errorf("creating interface registry: %w", err)
	}
	std := []Registrar{
		cryptocodec.RegisterInterfaces,
		sdkRegisterInterfaces,
		authtypes.RegisterInterfaces,
		vestingtypes.RegisterInterfaces,
		banktypes.RegisterInterfaces,
		authz.RegisterInterfaces,
		feegrant.RegisterInterfaces,
	}
	for _, r := range append(std, extra...) {
		r(reg)
	}
	cdc := codec.NewProtoCodec(reg)
	txCfg, err := authtx.NewTxConfigWithOptions(cdc, authtx.ConfigOptions{EnabledSignModes: authtx.DefaultSignModes})
	if err != nil {
		return nil, fmt.Errorf("creating tx config: %w", err)
	}
	return &Encoding{Registry: reg, Codec: cdc, TxConfig: txCfg}, nil
}

func sdkRegisterInterfaces(reg codectypes.InterfaceRegistry) {
	sdk.RegisterInterfaces(reg)
}

// keyringCodec returns the small codec the keyring needs to store and load
// key records (public key and private key interfaces only).
func keyringCodec() codec.Codec {
	reg := codectypes.NewInterfaceRegistry()
	cryptocodec.RegisterInterfaces(reg)
	return codec.NewProtoCodec(reg)
}
