// Package providertest provides test doubles for the provider gateway client: a key signer
// derived from a mnemonic and an in-process provider gateway (TLS, JWT and mTLS auth,
// manifest, status, logs, events and shell websockets) serving on 127.0.0.1.
package providertest

import (
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha512"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"

	"github.com/akt-project/akt/provider/jwt"
)

// KeySigner is an in-memory secp256k1 account key that signs like the Cosmos keyring.
type KeySigner struct {
	priv    *secp256k1.PrivateKey
	address string
}

// CosmosHDPath is the BIP-44 path of the first Akash account (coin type 118).
var CosmosHDPath = []uint32{44 | hardened, 118 | hardened, 0 | hardened, 0, 0}

const hardened = 0x80000000

// NewMnemonicSigner derives the account key at m/44'/118'/0'/0/0 from a BIP-39 mnemonic
// (empty passphrase), as `akash keys add --recover` does.
func NewMnemonicSigner(mnemonic string) (*KeySigner, error) {
	words := strings.Join(strings.Fields(mnemonic), " ")
	seed, err := pbkdf2.Key(sha512.New, words, []byte("mnemonic"), 2048, 64)
	if err != nil {
		return nil, fmt.Errorf("deriving seed from mnemonic: %w", err)
	}
	key, err := deriveBIP32(seed, CosmosHDPath)
	if err != nil {
		return nil, err
	}
	return NewKeySigner(key)
}

// NewKeySigner wraps a 32-byte secp256k1 private key.
func NewKeySigner(privKey []byte) (*KeySigner, error) {
	if len(privKey) != 32 {
		return nil, fmt.Errorf("private key is %d bytes, want 32", len(privKey))
	}
	priv := secp256k1.PrivKeyFromBytes(privKey)
	addr, err := jwt.AccountAddress(priv.PubKey().SerializeCompressed())
	if err != nil {
		return nil, err
	}
	return &KeySigner{priv: priv, address: addr}, nil
}

// Address returns the account's bech32 address.
func (k *KeySigner) Address() string { return k.address }

// PubKey returns the 33-byte compressed public key.
func (k *KeySigner) PubKey() []byte { return k.priv.PubKey().SerializeCompressed() }

// Sign returns the 64-byte r||s signature (RFC 6979, low-S) of sha256(msg).
func (k *KeySigner) Sign(_ context.Context, msg []byte) ([]byte, error) {
	digest := sha256Sum(msg)
	compact := ecdsa.SignCompact(k.priv, digest[:], true)
	return compact[1:], nil // drop the recovery byte, as the Cosmos keyring does
}

// deriveBIP32 walks a BIP-32 path from a seed and returns the private key.
func deriveBIP32(seed []byte, path []uint32) ([]byte, error) {
	mac := hmac.New(sha512.New, []byte("Bitcoin seed"))
	mac.Write(seed)
	sum := mac.Sum(nil)
	key, chain := sum[:32], sum[32:]
	for _, idx := range path {
		data := make([]byte, 0, 37)
		if idx&hardened != 0 {
			data = append(data, 0)
			data = append(data, key...)
		} else {
			data = append(data, secp256k1.PrivKeyFromBytes(key).PubKey().SerializeCompressed()...)
		}
		data = binary.BigEndian.AppendUint32(data, idx)
		mac := hmac.New(sha512.New, chain)
		mac.Write(data)
		sum := mac.Sum(nil)
		var il, k secp256k1.ModNScalar
		if overflow := il.SetByteSlice(sum[:32]); overflow {
			return nil, fmt.Errorf("deriving key at index %d: invalid child (overflow)", idx)
		}
		k.SetByteSlice(key)
		k.Add(&il)
		if k.IsZero() {
			return nil, fmt.Errorf("deriving key at index %d: invalid child (zero)", idx)
		}
		b := k.Bytes()
		key, chain = b[:], sum[32:]
	}
	return key, nil
}
