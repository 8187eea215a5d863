package chain

import (
	"errors"
	"fmt"
	"strings"

	dkeyring "github.com/99designs/keyring"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	sdkkeyring "github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
)

// HDPath is the derivation path of Akash accounts (coin type 118).
const HDPath = "m/44'/118'/0'/0/0"

// ErrKeyNotFound is returned when no key has the given name or address.
var ErrKeyNotFound = errors.New("key not found")

// ErrKeyExists is returned when creating a key whose name or address is taken.
var ErrKeyExists = errors.New("key already exists")

// KeyInfo describes a key without its secret.
type KeyInfo struct {
	Name    string `json:"name"`
	Type    string `json:"type"` // local, ledger, offline or multi
	Address string `json:"address"`
	// PubKey is the 33-byte compressed secp256k1 public key.
	PubKey []byte `json:"pubkey"`
}

// Keys manages the keys of a keyring. The TUI consumes this interface.
type Keys interface {
	List() ([]KeyInfo, error)
	Show(nameOrAddress string) (KeyInfo, error)
	// Create makes a new key and returns its 24-word mnemonic, which is
	// stored nowhere else: the caller shows it once.
	Create(name string) (KeyInfo, string, error)
	Recover(name, mnemonic string) (KeyInfo, error)
	Delete(name string) error
	Rename(oldName, newName string) error
	Signer(nameOrAddress string) (Signer, error)
}

// Keyring is the keyring shared with the `akash` CLI (service "akash",
// directories keyring-<backend> under the home). It implements Keys.
type Keyring struct {
	kr      sdkkeyring.Keyring
	backend string
	home    string
}

var _ Keys = (*Keyring)(nil)

// OpenKeyring opens the keyring of backend (os, file, test or memory) under
// home (e.g. ~/.akash). prompt is asked for the passphrase of file keyrings
// and may be nil for the test and memory backends.
func OpenKeyring(backend, home string, prompt PassphrasePrompt) (*Keyring, error) {
	if backend == "" {
		backend = BackendOS
	}
	if home == "" {
		home = DefaultHome()
	}
	kr, err := openSDKKeyring(backend, home, prompt)
	if err != nil {
		return nil, err
	}
	return &Keyring{kr: kr, backend: backend, home: home}, nil
}

// Backend returns the backend name the keyring was opened with.
func (k *Keyring) Backend() string { return k.backend }

// List returns every key, sorted by name.
func (k *Keyring) List() ([]KeyInfo, error) {
	recs, err := k.kr.List()
	if err != nil {
		return nil, fmt.Errorf("listing keys in the %s keyring: %w", k.backend, err)
	}
	out := make([]KeyInfo, 0, len(recs))
	for _, r := range recs {
		info, err := keyInfo(r)
		if err != nil {
			return nil, err
		}
		out = append(out, info)
	}
	return out, nil
}

// Show returns the key with the given name or akash1... address.
func (k *Keyring) Show(nameOrAddress string) (KeyInfo, error) {
	r, err := k.record(nameOrAddress)
	if err != nil {
		return KeyInfo{}, err
	}
	return keyInfo(r)
}

// Create makes a new secp256k1 key from a fresh 24-word mnemonic.
func (k *Keyring) Create(name string) (KeyInfo, string, error) {
	if err := k.checkNewName(name); err != nil {
		return KeyInfo{}, "", err
	}
	r, mnemonic, err := k.kr.NewMnemonic(name, sdkkeyring.English, HDPath, sdkkeyring.DefaultBIP39Passphrase, hd.Secp256k1)
	if err != nil {
		return KeyInfo{}, "", fmt.Errorf("creating key %q: %w", name, err)
	}
	info, err := keyInfo(r)
	return info, mnemonic, err
}

// Recover stores the key derived from mnemonic under name.
func (k *Keyring) Recover(name, mnemonic string) (KeyInfo, error) {
	if err := k.checkNewName(name); err != nil {
		return KeyInfo{}, err
	}
	if err := ValidateMnemonic(mnemonic); err != nil {
		return KeyInfo{}, fmt.Errorf("recovering key %q: %w", name, err)
	}
	r, err := k.kr.NewAccount(name, NormalizeMnemonic(mnemonic), sdkkeyring.DefaultBIP39Passphrase, HDPath, hd.Secp256k1)
	if err != nil {
		if errors.Is(err, sdkkeyring.ErrDuplicatedAddress) {
			return KeyInfo{}, fmt.Errorf("recovering key %q: %w: another key has the same address", name, ErrKeyExists)
		}
		return KeyInfo{}, fmt.Errorf("recovering key %q: %w", name, err)
	}
	return keyInfo(r)
}

// Delete removes the key with the given name or address. Confirmation is
// the caller's job.
func (k *Keyring) Delete(nameOrAddress string) error {
	r, err := k.record(nameOrAddress)
	if err != nil {
		return err
	}
	if err := k.kr.Delete(r.Name); err != nil {
		return fmt.Errorf("deleting key %q: %w", r.Name, err)
	}
	return nil
}

// Rename gives a key a new name.
func (k *Keyring) Rename(oldName, newName string) error {
	if _, err := k.record(oldName); err != nil {
		return err
	}
	if err := k.checkNewName(newName); err != nil {
		return err
	}
	if err := k.kr.Rename(oldName, newName); err != nil {
		return fmt.Errorf("renaming key %q to %q: %w", oldName, newName, err)
	}
	return nil
}

// Signer returns a signer for the key with the given name or address.
func (k *Keyring) Signer(nameOrAddress string) (Signer, error) {
	r, err := k.record(nameOrAddress)
	if err != nil {
		return nil, err
	}
	info, err := keyInfo(r)
	if err != nil {
		return nil, err
	}
	switch r.GetType() {
	case sdkkeyring.TypeLocal:
		return &keyringSigner{kr: k.kr, info: info}, nil
	default:
		return nil, fmt.Errorf("key %q is a %s key; akt can only sign with local keys for now", info.Name, info.Type)
	}
}

func (k *Keyring) checkNewName(name string) error {
	if strings.TrimSpace(name) == "" || strings.ContainsAny(name, "/\\") {
		return fmt.Errorf("key name %q is not valid (it must be non-empty and contain no slashes)", name)
	}
	if _, err := k.kr.Key(name); err == nil {
		return fmt.Errorf("key %q: %w", name, ErrKeyExists)
	}
	return nil
}

// record looks a key up by name, then by bech32 address.
func (k *Keyring) record(nameOrAddress string) (*sdkkeyring.Record, error) {
	r, err := k.kr.Key(nameOrAddress)
	if err == nil {
		return r, nil
	}
	if !errors.Is(err, sdkerrors.ErrKeyNotFound) && !errors.Is(err, dkeyring.ErrKeyNotFound) {
		return nil, fmt.Errorf("reading key %q from the %s keyring: %w", nameOrAddress, k.backend, err)
	}
	if strings.HasPrefix(nameOrAddress, AccountPrefix+"1") {
		if bz, derr := decodeAddress(nameOrAddress); derr == nil {
			if r, err := k.kr.KeyByAddress(sdk.AccAddress(bz)); err == nil {
				return r, nil
			}
		}
	}
	return nil, fmt.Errorf("key %q in the %s keyring: %w", nameOrAddress, k.backend, ErrKeyNotFound)
}

func keyInfo(r *sdkkeyring.Record) (KeyInfo, error) {
	pk, err := r.GetPubKey()
	if err != nil {
		return KeyInfo{}, fmt.Errorf("reading public key of %q: %w", r.Name, err)
	}
	addr, err := bech32.ConvertAndEncode(AccountPrefix, pk.Address())
	if err != nil {
		return KeyInfo{}, fmt.Errorf("encoding address of %q: %w", r.Name, err)
	}
	return KeyInfo{Name: r.Name, Type: r.GetType().String(), Address: addr, PubKey: pk.Bytes()}, nil
}

// decodeAddress decodes an akash1... address into its 20 bytes.
func decodeAddress(addr string) ([]byte, error) {
	hrp, bz, err := bech32.DecodeAndConvert(addr)
	if err != nil {
		return nil, fmt.Errorf("address %q is not valid bech32: %w", addr, err)
	}
	if hrp != AccountPrefix {
		return nil, fmt.Errorf("address %q has prefix %q, want %q", addr, hrp, AccountPrefix)
	}
	return bz, nil
}

// ValidateAddress reports whether addr is a valid akash1... account address.
func ValidateAddress(addr string) error {
	_, err := decodeAddress(addr)
	return err
}

// encodeAddress encodes 20 address bytes as akash1...
func encodeAddress(bz []byte) string {
	s, err := bech32.ConvertAndEncode(AccountPrefix, bz)
	if err != nil {
		return fmt.Sprintf("%X", bz)
	}
	return s
}
