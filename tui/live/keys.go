package live

import (
	"context"
	"fmt"

	bip39 "github.com/cosmos/go-bip39"

	"github.com/akt-project/akt/tui/svc"
)

// keys implements svc.Keys over the keyring shared with the akash CLI (the same backend and
// home as the `akt keys` commands). Mnemonics are never logged.
type keys struct{ s *Session }

var _ svc.Keys = keys{}

// List implements svc.Keys.
func (k keys) List(ctx context.Context) ([]svc.Key, error) {
	kr, st, err := k.s.keyring()
	if err != nil {
		return nil, err
	}
	infos, err := kr.List()
	if err != nil {
		return nil, fmt.Errorf("listing keys of the %s keyring in %s: %w", st.backend, st.home, err)
	}
	out := make([]svc.Key, 0, len(infos))
	for _, i := range infos {
		out = append(out, svc.Key{Name: i.Name, Address: i.Address, Active: i.Name == st.from || i.Address == st.from})
	}
	return out, nil
}

// NewMnemonic implements svc.Keys: 256 bits of entropy, 24 words; nothing is stored.
func (k keys) NewMnemonic(ctx context.Context) (string, error) {
	entropy, err := bip39.NewEntropy(256)
	if err != nil {
		return "", fmt.Errorf("generating a mnemonic: %w", err)
	}
	m, err := bip39.NewMnemonic(entropy)
	if err != nil {
		return "", fmt.Errorf("generating a mnemonic: %w", err)
	}
	return m, nil
}

// Import implements svc.Keys: the key derived from the mnemonic (m/44'/118'/0'/0/0, as the
// akash CLI derives it) is stored under name.
func (k keys) Import(ctx context.Context, name, mnemonic string) (svc.Key, error) {
	kr, st, err := k.s.keyring()
	if err != nil {
		return svc.Key{}, err
	}
	info, err := kr.Recover(name, mnemonic)
	if err != nil {
		// chain's errors never echo the mnemonic.
		return svc.Key{}, fmt.Errorf("importing key %q into the %s keyring in %s: %w", name, st.backend, st.home, err)
	}
	k.s.log.Info("imported key", "key", info.Name, "address", info.Address)
	return svc.Key{Name: info.Name, Address: info.Address, Active: info.Name == st.from}, nil
}

// Select implements svc.Keys: the named key signs from now on in this session.
func (k keys) Select(ctx context.Context, name string) error {
	kr, st, err := k.s.keyring()
	if err != nil {
		return err
	}
	info, err := kr.Show(name)
	if err != nil {
		return fmt.Errorf("selecting key %q in the %s keyring in %s: %w", name, st.backend, st.home, err)
	}
	k.s.mu.Lock()
	k.s.gen++
	k.s.from = info.Name
	k.s.mu.Unlock()
	k.s.log.Info("selected key", "key", info.Name, "address", info.Address)
	return nil
}
