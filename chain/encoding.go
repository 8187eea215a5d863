package chain

import (
	"fmt"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"

	akcodec "github.com/akt-project/akt/chain/codec"
)

// Bech32 prefixes of Akash addresses.
const (
	AccountPrefix   = akcodec.AccountPrefix
	ValidatorPrefix = akcodec.ValidatorPrefix
)

// Encoding bundles the protobuf codec and tx configuration akt uses to
// build, sign and decode transactions. It is built on demand (never in
// package init) because registering every type costs start-up time.
type Encoding struct {
	Registry codectypes.InterfaceRegistry
	Codec    *codec.ProtoCodec
	Amino    *codec.LegacyAmino
	TxConfig client.TxConfig
}

// Registrar registers extra message and interface types in an interface
// registry.
type Registrar func(codectypes.InterfaceRegistry)

// NewEncoding builds the codec with the Cosmos SDK types akt signs and
// queries and every Akash type, plus those added by the given registrars.
func NewEncoding(extra ...Registrar) (*Encoding, error) {
	c, err := akcodec.New()
	if err != nil {
		return nil, fmt.Errorf("building the chain codec: %w", err)
	}
	for _, r := range extra {
		r(c.InterfaceRegistry)
	}
	return &Encoding{Registry: c.InterfaceRegistry, Codec: c.Proto, Amino: c.Amino, TxConfig: c.TxConfig}, nil
}

// keyringCodec returns the small codec the keyring needs to store and load
// key records (public key and private key interfaces only).
func keyringCodec() codec.Codec {
	reg := codectypes.NewInterfaceRegistry()
	cryptocodec.RegisterInterfaces(reg)
	return codec.NewProtoCodec(reg)
}
