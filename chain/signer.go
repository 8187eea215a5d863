package chain

import (
	"context"
	"fmt"

	sdkkeyring "github.com/cosmos/cosmos-sdk/crypto/keyring"
	signingtypes "github.com/cosmos/cosmos-sdk/types/tx/signing"
)

// SignMode says which bytes a signer signs in a transaction.
type SignMode int

// Sign modes. A keyring key signs the protobuf SignDoc (direct); a Ledger
// signs the amino JSON document.
const (
	SignModeDirect SignMode = iota
	SignModeAminoJSON
)

func (m SignMode) sdk() signingtypes.SignMode {
	if m == SignModeAminoJSON {
		return signingtypes.SignMode_SIGN_MODE_LEGACY_AMINO_JSON
	}
	return signingtypes.SignMode_SIGN_MODE_DIRECT
}

// Signer signs bytes for one account. Sign returns a 64-byte r||s
// secp256k1 signature over sha256(msg), low-S, as the Cosmos SDK keyring
// does; that is what transactions and provider JWTs need. The tx pipeline
// asks SignMode which sign bytes to hand over, so a Ledger signer (amino
// JSON) plugs in without touching callers.
type Signer interface {
	Address() string
	// PubKey is the 33-byte compressed secp256k1 public key.
	PubKey() []byte
	Sign(ctx context.Context, msg []byte) ([]byte, error)
	SignMode() SignMode
}

type keyringSigner struct {
	kr   sdkkeyring.Keyring
	info KeyInfo
}

func (s *keyringSigner) Address() string    { return s.info.Address }
func (s *keyringSigner) PubKey() []byte     { return append([]byte(nil), s.info.PubKey...) }
func (s *keyringSigner) SignMode() SignMode { return SignModeDirect }

func (s *keyringSigner) Sign(ctx context.Context, msg []byte) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sig, _, err := s.kr.Sign(s.info.Name, msg, signingtypes.SignMode_SIGN_MODE_DIRECT)
	if err != nil {
		return nil, fmt.Errorf("signing with key %q: %w", s.info.Name, err)
	}
	return sig, nil
}
