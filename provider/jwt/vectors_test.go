package jwt_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/akt-project/akt/provider/jwt"
	"github.com/akt-project/akt/provider/providertest"
)

const testMnemonicAddress = "akash1qufa3xzrf34qvwyejkhvnc4psf49fftaw0asmh"

func TestMnemonicSignerAddress(t *testing.T) {
	t.Parallel()
	if got := testSigner(t).Address(); got != testMnemonicAddress {
		t.Fatalf("address of the test mnemonic = %s, want %s", got, testMnemonicAddress)
	}
}

// TestVectorsES256K runs the official signature vectors: tokens that must verify with the
// test mnemonic's public key and tokens that must not.
func TestVectorsES256K(t *testing.T) {
	t.Parallel()
	var cases []struct {
		Description string `json:"description"`
		TokenString string `json:"tokenString"`
		Expected    struct {
			Alg string `json:"alg"`
		} `json:"expected"`
		MustFail bool `json:"mustFail"`
	}
	readJSON(t, sharedPath(t, "protocol", "jwt", "cases_es256k.json"), &cases)
	if len(cases) == 0 {
		t.Fatal("no vectors")
	}
	pub := testSigner(t).PubKey()
	for _, c := range cases {
		t.Run(c.Description, func(t *testing.T) {
			t.Parallel()
			tok, err := jwt.VerifySignature(c.TokenString, pub)
			if c.MustFail {
				if err == nil {
					t.Fatalf("vector must fail but verified")
				}
				return
			}
			if err != nil {
				t.Fatalf("vector must verify: %v", err)
			}
			if string(tok.Header.Alg) != c.Expected.Alg {
				t.Fatalf("alg = %s, want %s", tok.Header.Alg, c.Expected.Alg)
			}
		})
	}
}

// TestClaimsTemplateCases signs each claims case of the official template and checks that
// akt's verifier accepts exactly the ones that must pass.
func TestClaimsTemplateCases(t *testing.T) {
	t.Parallel()
	var cases []struct {
		Description string         `json:"description"`
		TokenString string         `json:"tokenString"`
		Claims      map[string]any `json:"claims"`
		Expected    struct {
			VerifyFail bool `json:"verifyFail"`
		} `json:"expected"`
	}
	readJSON(t, sharedPath(t, "protocol", "jwt", "cases_jwt.json.tmpl"), &cases)
	signer := testSigner(t)
	other, err := providertest.NewKeySigner(make32(7))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	sec := now.Unix()
	subst := map[string]any{
		"{{.Issuer}}": signer.Address(), "{{.Provider}}": other.Address(),
		"{{.IatCurr}}": sec, "{{.NbfCurr}}": sec, "{{.Iat24h}}": sec + 86400,
		"{{.Nbf24h}}": sec + 86400, "{{.Exp48h}}": sec + 2*86400,
	}
	for i, c := range cases {
		t.Run(fmt.Sprintf("%02d %s", i, c.Description), func(t *testing.T) {
			t.Parallel()
			claims := substitute(c.Claims, subst).(map[string]any)
			for _, k := range []string{"iat", "nbf", "exp"} {
				if s, ok := claims[k].(string); ok {
					n, err := strconv.ParseInt(s, 10, 64)
					if err != nil {
						t.Fatalf("%s: %v", k, err)
					}
					claims[k] = n
				}
			}
			payload, err := json.Marshal(claims)
			if err != nil {
				t.Fatal(err)
			}
			token := signRaw(t, signer, payload)
			_, err = jwt.Verify(token, signer.PubKey(), now)
			if c.Expected.VerifyFail && err == nil {
				t.Fatalf("claims %s must be rejected", payload)
			}
			if !c.Expected.VerifyFail && err != nil {
				t.Fatalf("claims %s must be accepted: %v", payload, err)
			}
		})
	}
}

func substitute(v any, subst map[string]any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = substitute(e, subst)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = substitute(e, subst)
		}
		return out
	case string:
		if r, ok := subst[x]; ok {
			return r
		}
	}
	return v
}

func make32(b byte) []byte {
	k := make([]byte, 32)
	for i := range k {
		k[i] = b
	}
	return k
}

// signRaw signs arbitrary payload bytes as an ES256K token, bypassing claims checks.
func signRaw(t *testing.T, s jwt.Signer, payload []byte) string {
	t.Helper()
	enc := base64.RawURLEncoding
	input := enc.EncodeToString([]byte(`{"alg":"ES256K","typ":"JWT"}`)) + "." + enc.EncodeToString(payload)
	sig, err := s.Sign(context.Background(), []byte(input))
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + enc.EncodeToString(sig)
}

func TestVerifyRejects(t *testing.T) {
	t.Parallel()
	signer := testSigner(t)
	other, err := providertest.NewKeySigner(make32(9))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Unix(1_800_000_000, 0)
	good := jwt.Claims{Iss: signer.Address(), Iat: now.Unix(), Nbf: now.Unix(), Exp: now.Unix() + 900, Version: jwt.Version, Leases: jwt.FullAccess()}
	tok, err := jwt.Sign(context.Background(), signer, good)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jwt.Verify(tok, signer.PubKey(), now); err != nil {
		t.Fatalf("fresh token rejected: %v", err)
	}
	tests := []struct {
		name  string
		token string
		pub   []byte
		at    time.Time
		want  error
	}{
		{"wrong key", tok, other.PubKey(), now, jwt.ErrBadSignature},
		{"expired", tok, signer.PubKey(), now.Add(900 * time.Second), jwt.ErrExpired},
		{"not yet valid", tok, signer.PubKey(), now.Add(-time.Second), jwt.ErrNotYetValid},
		{"tampered claims", tamper(tok), signer.PubKey(), now, jwt.ErrBadSignature},
		{"high-S signature", highS(t, tok), signer.PubKey(), now, jwt.ErrBadSignature},
		{"issuer is another account", signRaw(t, other, mustJSON(t, good)), other.PubKey(), now, jwt.ErrIssuerMismatch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := jwt.Verify(tc.token, tc.pub, tc.at)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Verify error = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestSignRefusesBadClaims(t *testing.T) {
	t.Parallel()
	signer := testSigner(t)
	bad := []jwt.Claims{
		{Iss: signer.Address(), Iat: 1, Nbf: 1, Exp: 2, Version: "v2", Leases: jwt.FullAccess()},
		{Iss: signer.Address(), Iat: 1, Nbf: 1, Exp: 2, Version: jwt.Version, Leases: jwt.ScopedAccess()},
		{Iss: signer.Address(), Iat: 1, Nbf: 1, Exp: 2, Version: jwt.Version, Leases: jwt.ScopedAccess("fly")},
		{Iss: "akash1short", Iat: 1, Nbf: 1, Exp: 2, Version: jwt.Version, Leases: jwt.FullAccess()},
	}
	for i, c := range bad {
		if _, err := jwt.Sign(context.Background(), signer, c); !errors.Is(err, jwt.ErrInvalidClaims) {
			t.Errorf("case %d: Sign error = %v, want ErrInvalidClaims", i, err)
		}
	}
}

func tamper(tok string) string {
	t, _ := jwt.Parse(tok)
	payload := []byte(string(t.PayloadRaw))
	payload[len(payload)-3] = '2' // "v1" -> "v2"
	parts := splitToken(tok)
	return parts[0] + "." + base64.RawURLEncoding.EncodeToString(payload) + "." + parts[2]
}

func splitToken(tok string) [3]string {
	var out [3]string
	i := 0
	start := 0
	for j := 0; j < len(tok); j++ {
		if tok[j] == '.' {
			out[i] = tok[start:j]
			i++
			start = j + 1
		}
	}
	out[i] = tok[start:]
	return out
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
