package devnet

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/rand/v2"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/go-bip39"
)

// HDPath is the derivation path of every devnet key (the Cosmos default, as on Akash).
const HDPath = "m/44'/118'/0'/0/0"

// seeder derives deterministic randomness for one purpose from the devnet seed.
type seeder struct{ seed uint64 }

// rng returns a generator for label; the same seed and label always give the same stream.
func (s seeder) rng(label string) *rand.Rand {
	sum := sha256.Sum256([]byte(fmt.Sprintf("akt-devnet/%d/%s", s.seed, label)))
	return rand.New(rand.NewChaCha8(sum))
}

// bytes returns n deterministic bytes for label.
func (s seeder) bytes(label string, n int) []byte {
	r := s.rng(label)
	out := make([]byte, n)
	for i := 0; i < n; i += 8 {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], r.Uint64())
		copy(out[i:], b[:])
	}
	return out
}

// mnemonic returns a deterministic 24-word mnemonic for label.
func (s seeder) mnemonic(label string) (string, error) {
	m, err := bip39.NewMnemonic(s.bytes("mnemonic/"+label, 32))
	if err != nil {
		return "", fmt.Errorf("making mnemonic for %s: %w", label, err)
	}
	return m, nil
}

// account is a devnet key: a name, its mnemonic-derived key and address.
type account struct {
	name     string
	mnemonic string
	priv     cryptotypes.PrivKey
	addr     sdk.AccAddress
}

// deriveAccount derives the secp256k1 key of mnemonic at HDPath.
func deriveAccount(name, mnemonic string) (account, error) {
	derived, err := hd.Secp256k1.Derive()(mnemonic, "", HDPath)
	if err != nil {
		return account{}, fmt.Errorf("deriving key %s: %w", name, err)
	}
	priv := hd.Secp256k1.Generate()(derived)
	return account{name: name, mnemonic: mnemonic, priv: priv, addr: sdk.AccAddress(priv.PubKey().Address())}, nil
}

// seededAccount derives the account called name from the seed.
func (s seeder) account(name string) (account, error) {
	m, err := s.mnemonic(name)
	if err != nil {
		return account{}, err
	}
	return deriveAccount(name, m)
}

// importKey writes acc into kr under its name, replacing an older key of that name.
func importKey(kr keyring.Keyring, acc account) error {
	if _, err := kr.Key(acc.name); err == nil {
		if err := kr.Delete(acc.name); err != nil {
			return fmt.Errorf("replacing key %s: %w", acc.name, err)
		}
	}
	if _, err := kr.NewAccount(acc.name, acc.mnemonic, "", HDPath, hd.Secp256k1); err != nil {
		return fmt.Errorf("importing key %s: %w", acc.name, err)
	}
	return nil
}

// openKeyring opens the test-backend keyring under dir (dir/keyring-test), the same layout
// the Cosmos SDK CLI and akt use with --keyring-backend test.
func openKeyring(dir string, cdc codec.Codec) (keyring.Keyring, error) {
	kr, err := keyring.New(sdk.KeyringServiceName(), keyring.BackendTest, dir, nil, cdc)
	if err != nil {
		return nil, fmt.Errorf("opening test keyring in %s: %w", dir, err)
	}
	return kr, nil
}
