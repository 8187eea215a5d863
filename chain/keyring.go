package chain

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	dkeyring "github.com/99designs/keyring"
	sdkkeyring "github.com/cosmos/cosmos-sdk/crypto/keyring"
	"golang.org/x/crypto/bcrypt"
)

// Keyring service name and directory names shared with the `akash` CLI, so
// both programs read and write the same keys.
const (
	KeyringServiceName = "akash"
	keyringFileDir     = "keyring-file"
	keyringTestDir     = "keyring-test"
	maxPassphraseTries = 3
)

// Keyring backends akt supports, named as the Cosmos SDK and `akash` name them.
const (
	BackendOS     = "os"
	BackendFile   = "file"
	BackendTest   = "test"
	BackendMemory = "memory"
)

// PassphrasePrompt asks the user for the keyring passphrase of the file
// backend (and of the os backend where it falls back to files). The CLI
// reads the terminal; the TUI shows a masked input.
type PassphrasePrompt interface {
	// Passphrase returns the passphrase typed by the user. When confirm is
	// true the keyring is new: the implementation should ask twice and
	// return an error if the two entries differ.
	Passphrase(prompt string, confirm bool) (string, error)
}

// PassphraseFunc adapts a function to PassphrasePrompt.
type PassphraseFunc func(prompt string, confirm bool) (string, error)

// Passphrase calls f.
func (f PassphraseFunc) Passphrase(prompt string, confirm bool) (string, error) {
	return f(prompt, confirm)
}

// ErrWrongPassphrase is returned when the passphrase of a file keyring does
// not match after the allowed number of attempts.
var ErrWrongPassphrase = errors.New("wrong keyring passphrase")

// DefaultHome returns the home directory the `akash` CLI uses (~/.akash).
func DefaultHome() string {
	h, err := os.UserHomeDir()
	if err != nil {
		return ".akash"
	}
	return filepath.Join(h, ".akash")
}

// keyringConfig returns the 99designs keyring configuration for backend,
// laid out exactly as the Cosmos SDK lays it out for app name "akash".
func keyringConfig(backend, home string, prompt PassphrasePrompt) (dkeyring.Config, error) {
	switch backend {
	case BackendTest:
		return dkeyring.Config{
			AllowedBackends:  []dkeyring.BackendType{dkeyring.FileBackend},
			ServiceName:      KeyringServiceName,
			FileDir:          filepath.Join(home, keyringTestDir),
			FilePasswordFunc: func(string) (string, error) { return "test", nil },
		}, nil
	case BackendFile:
		dir := filepath.Join(home, keyringFileDir)
		return dkeyring.Config{
			AllowedBackends:  []dkeyring.BackendType{dkeyring.FileBackend},
			ServiceName:      KeyringServiceName,
			FileDir:          dir,
			FilePasswordFunc: filePassword(dir, prompt),
		}, nil
	case BackendOS:
		return dkeyring.Config{
			ServiceName:              KeyringServiceName,
			FileDir:                  home,
			KeychainTrustApplication: true,
			FilePasswordFunc:         filePassword(home, prompt),
		}, nil
	default:
		return dkeyring.Config{}, fmt.Errorf("keyring backend %q is not supported (use os, file or test)", backend)
	}
}

// filePassword returns the password callback of a file keyring. Like the
// SDK it keeps a bcrypt hash of the passphrase in dir/keyhash so a wrong
// passphrase is caught before decrypting, and asks twice for a new keyring.
func filePassword(dir string, prompt PassphrasePrompt) func(string) (string, error) {
	return func(string) (string, error) {
		if prompt == nil {
			return "", fmt.Errorf("keyring in %s needs a passphrase but no prompt is available", dir)
		}
		hashPath := filepath.Join(dir, "keyhash")
		hash, err := os.ReadFile(hashPath)
		switch {
		case err == nil:
			for i := 1; i <= maxPassphraseTries; i++ {
				pass, err := prompt.Passphrase(fmt.Sprintf("Enter keyring passphrase (attempt %d/%d):", i, maxPassphraseTries), false)
				if err != nil {
					return "", fmt.Errorf("reading keyring passphrase: %w", err)
				}
				if bcrypt.CompareHashAndPassword(hash, []byte(pass)) == nil {
					return pass, nil
				}
			}
			return "", fmt.Errorf("keyring in %s: %w", dir, ErrWrongPassphrase)
		case errors.Is(err, os.ErrNotExist):
			pass, err := prompt.Passphrase("Enter a passphrase for the new keyring:", true)
			if err != nil {
				return "", fmt.Errorf("reading keyring passphrase: %w", err)
			}
			if pass == "" {
				return "", fmt.Errorf("keyring in %s: the passphrase must not be empty", dir)
			}
			h, err := bcrypt.GenerateFromPassword([]byte(pass), 2)
			if err != nil {
				return "", fmt.Errorf("hashing keyring passphrase: %w", err)
			}
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return "", fmt.Errorf("creating keyring directory %s: %w", dir, err)
			}
			if err := os.WriteFile(hashPath, h, 0o600); err != nil {
				return "", fmt.Errorf("writing %s: %w", hashPath, err)
			}
			return pass, nil
		default:
			return "", fmt.Errorf("reading %s: %w", hashPath, err)
		}
	}
}

// openSDKKeyring opens the SDK keystore for backend in home.
func openSDKKeyring(backend, home string, prompt PassphrasePrompt) (sdkkeyring.Keyring, error) {
	cdc := keyringCodec()
	if backend == BackendMemory {
		return sdkkeyring.NewInMemory(cdc), nil
	}
	cfg, err := keyringConfig(backend, home, prompt)
	if err != nil {
		return nil, err
	}
	db, err := dkeyring.Open(cfg)
	if err != nil {
		return nil, fmt.Errorf("opening %s keyring in %s: %w", backend, home, err)
	}
	return sdkkeyring.NewInMemoryWithKeyring(db, cdc), nil
}
