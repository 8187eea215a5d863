package chain

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/cosmos/cosmos-sdk/crypto/hd"
	sdkkeyring "github.com/cosmos/cosmos-sdk/crypto/keyring"
	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
)

const testAddress = "akash1qufa3xzrf34qvwyejkhvnc4psf49fftaw0asmh"

func TestKeyringLifecycle(t *testing.T) {
	t.Parallel()
	kr, err := OpenKeyring(BackendTest, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	info, mnemonic, err := kr.Create("alice")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(strings.Fields(mnemonic)); n != 24 {
		t.Fatalf("mnemonic has %d words, want 24", n)
	}
	if err := ValidateMnemonic(mnemonic); err != nil {
		t.Fatalf("generated mnemonic invalid: %v", err)
	}
	if !strings.HasPrefix(info.Address, "akash1") || len(info.PubKey) != 33 {
		t.Fatalf("unexpected key info %+v", info)
	}
	if _, _, err := kr.Create("alice"); !errors.Is(err, ErrKeyExists) {
		t.Fatalf("second create: got %v, want ErrKeyExists", err)
	}
	bob, err := kr.Recover("bob", "  "+strings.ToUpper(testMnemonic(t))+"\n")
	if err != nil {
		t.Fatal(err)
	}
	if bob.Address != testAddress {
		t.Fatalf("recovered address %s, want %s", bob.Address, testAddress)
	}
	if _, err := kr.Recover("bob2", testMnemonic(t)); !errors.Is(err, ErrKeyExists) {
		t.Fatalf("recovering a duplicate address: got %v, want ErrKeyExists", err)
	}
	list, err := kr.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("list has %d keys, want 2: %+v", len(list), list)
	}
	byAddr, err := kr.Show(testAddress)
	if err != nil || byAddr.Name != "bob" {
		t.Fatalf("show by address: %+v, %v", byAddr, err)
	}
	if err := kr.Rename("bob", "carol"); err != nil {
		t.Fatal(err)
	}
	if _, err := kr.Show("bob"); !errors.Is(err, ErrKeyNotFound) {
		t.Fatalf("show renamed key: got %v, want ErrKeyNotFound", err)
	}
	if err := kr.Rename("carol", "alice"); !errors.Is(err, ErrKeyExists) {
		t.Fatalf("rename onto existing: got %v", err)
	}
	if err := kr.Delete("carol"); err != nil {
		t.Fatal(err)
	}
	if err := kr.Delete("carol"); !errors.Is(err, ErrKeyNotFound) {
		t.Fatalf("second delete: got %v, want ErrKeyNotFound", err)
	}
}

// TestKeyringAkashCompatible checks that a key written through the SDK's
// own keyring constructor with app name "akash" (what `akash keys add`
// does) is seen by akt, and the other way round.
func TestKeyringAkashCompatible(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	sdkKR, err := sdkkeyring.New("akash", sdkkeyring.BackendTest, home, nil, keyringCodec())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sdkKR.NewAccount("fromakash", testMnemonic(t), "", HDPath, hd.Secp256k1); err != nil {
		t.Fatal(err)
	}
	kr, err := OpenKeyring(BackendTest, home, nil)
	if err != nil {
		t.Fatal(err)
	}
	info, err := kr.Show("fromakash")
	if err != nil {
		t.Fatal(err)
	}
	if info.Address != testAddress {
		t.Fatalf("address %s, want %s", info.Address, testAddress)
	}
	if _, _, err := kr.Create("fromakt"); err != nil {
		t.Fatal(err)
	}
	if _, err := sdkKR.Key("fromakt"); err != nil {
		t.Fatalf("SDK keyring does not see akt's key: %v", err)
	}
	if err := kr.Delete("fromakash"); err != nil {
		t.Fatal(err)
	}
	if _, err := sdkKR.Key("fromakash"); err == nil {
		t.Fatal("SDK keyring still sees the deleted key")
	}
}

func TestFileKeyringPassphrase(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	var asked []bool
	good := PassphraseFunc(func(_ string, confirm bool) (string, error) {
		asked = append(asked, confirm)
		return "correct horse", nil
	})
	kr, err := OpenKeyring(BackendFile, home, good)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kr.Recover("k", testMnemonic(t)); err != nil {
		t.Fatal(err)
	}
	if len(asked) == 0 || !asked[0] {
		t.Fatalf("new file keyring should ask with confirm=true, asked %v", asked)
	}
	// The SDK (what the akash CLI runs) must open it with the same passphrase.
	sdkKR, err := sdkkeyring.New("akash", sdkkeyring.BackendFile, home, strings.NewReader("correct horse\n"), keyringCodec())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sdkKR.Key("k"); err != nil {
		t.Fatalf("SDK file keyring: %v", err)
	}
	wrong := PassphraseFunc(func(string, bool) (string, error) { return "nope", nil })
	kr2, err := OpenKeyring(BackendFile, home, wrong)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kr2.Show("k"); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: got %v", err)
	}
}

func TestValidateMnemonic(t *testing.T) {
	t.Parallel()
	good := "addict worth drip violin note olive final pelican perfect feel goat game horror brass fence deposit dutch improve setup stuff frost spirit smart alien"
	tests := []struct {
		name, mnemonic, want string
	}{
		{"valid", good, ""},
		{"too short", "addict worth drip", "3 words"},
		{"unknown word", strings.Replace(good, "violin", "violinn", 1), "word 4 is not in"},
		{"checksum", strings.Replace(good, "alien", "abandon", 1), "checksum"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := ValidateMnemonic(tc.mnemonic)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ErrInvalidMnemonic) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "violinn") {
				t.Fatal("error echoes the secret word")
			}
		})
	}
}

// TestSignerMatchesJWTVector signs the first ES256K vector's signing input
// and compares with the vector's signature (deterministic RFC 6979).
func TestSignerMatchesJWTVector(t *testing.T) {
	t.Parallel()
	kr, err := OpenKeyring(BackendMemory, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kr.Recover("k", testMnemonic(t)); err != nil {
		t.Fatal(err)
	}
	s, err := kr.Signer("k")
	if err != nil {
		t.Fatal(err)
	}
	token := "eyJhbGciOiJFUzI1NksiLCJ0eXAiOiJKV1QifQ.eyJ2ZXJzaW9uIjoiIiwibGVhc2VzIjp7ImFjY2VzcyI6IiJ9fQ.fQFwGyhJDyF9i_zCX6IwJ43_arjs_1qJmxNSph6t8INMMZ7hBvrzwg0Ym8N06G7O_ZDw0mujQCfmOmR1jegnmA"
	i := strings.LastIndex(token, ".")
	sig, err := s.Sign(context.Background(), []byte(token[:i]))
	if err != nil {
		t.Fatal(err)
	}
	if len(sig) != 64 {
		t.Fatalf("signature has %d bytes", len(sig))
	}
	pub, err := secp256k1.ParsePubKey(s.PubKey())
	if err != nil {
		t.Fatal(err)
	}
	var r, ss secp256k1.ModNScalar
	r.SetByteSlice(sig[:32])
	ss.SetByteSlice(sig[32:])
	h := sha256.Sum256([]byte(token[:i]))
	if !ecdsa.NewSignature(&r, &ss).Verify(h[:], pub) {
		t.Fatal("signature does not verify over sha256(msg)")
	}
	if got := base64.RawURLEncoding.EncodeToString(sig); got != token[i+1:] {
		t.Fatalf("signature %s differs from the vector", got)
	}
	if s.Address() != testAddress || s.SignMode() != SignModeDirect {
		t.Fatalf("signer %s mode %v", s.Address(), s.SignMode())
	}
}
