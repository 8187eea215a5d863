package jwt_test

import (
	"encoding/base64"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

// highS replaces the token's s with n-s: a valid but malleable signature the SDK rejects.
func highS(t *testing.T, tok string) string {
	t.Helper()
	parts := splitToken(tok)
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		t.Fatal(err)
	}
	var s secp256k1.ModNScalar
	s.SetByteSlice(sig[32:])
	s.Negate()
	b := s.Bytes()
	copy(sig[32:], b[:])
	return parts[0] + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString(sig)
}
