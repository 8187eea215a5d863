package jwt_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akt-project/akt/internal/testutil"
	"github.com/akt-project/akt/provider/jwt"
)

// requireOracle skips (or fails under AKT_REQUIRE_ORACLE=1) when the TS SDK is not installed.
func requireOracle(t *testing.T) { t.Helper(); testutil.Oracle(t) }

type oracleAnswer struct {
	Address string `json:"address"`
	PubKey  string `json:"pubkey"`
	Tokens  []struct {
		ES256K string `json:"es256k"`
		ADR36  string `json:"adr36"`
	} `json:"tokens"`
	Validations []struct {
		IsValid bool     `json:"isValid"`
		Errors  []string `json:"errors"`
	} `json:"validations"`
}

func runOracle(t *testing.T, req any) oracleAnswer {
	t.Helper()
	body, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(repoRoot(t), "conformance", "jwt", "jwt.mjs"))
	cmd.Stdin = bytes.NewReader(body)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running conformance/jwt/jwt.mjs: %v\n%s", err, stderr.String())
	}
	var ans oracleAnswer
	if err := json.Unmarshal(out, &ans); err != nil {
		t.Fatalf("decoding oracle answer %q: %v", out, err)
	}
	return ans
}

// TestConformanceTS checks akt's tokens against the official SDK's JwtTokenManager and
// JwtValidator, both ways, for full, scoped and granular grants.
func TestConformanceTS(t *testing.T) {
	t.Parallel()
	requireOracle(t)
	signer := testSigner(t)
	mnemonic, err := os.ReadFile(sharedPath(t, "protocol", "jwt", "test-mnemonic.txt"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().Unix()
	one, two := uint32(1), uint32(2)
	provider := "akash1qufa3xzrf34qvwyejkhvnc4psf49fftaw0asmh"
	grants := []jwt.Leases{
		jwt.FullAccess(),
		jwt.ScopedAccess(jwt.ScopeLogs, jwt.ScopeShell, jwt.ScopeStatus),
		jwt.GranularAccess(jwt.Permission{Provider: provider, Access: jwt.AccessScoped, Scope: []jwt.Scope{jwt.ScopeEvents}}),
		jwt.GranularAccess(jwt.Permission{Provider: provider, Access: jwt.AccessGranular, Deployments: []jwt.DeploymentPermission{
			{Dseq: 42, Gseq: &one, Oseq: &two, Scope: []jwt.Scope{jwt.ScopeShell, jwt.ScopeLogs}, Services: []string{"web", "db"}},
		}}),
	}
	var claims []jwt.Claims
	var aktTokens []string
	for i, g := range grants {
		c := jwt.Claims{Iss: signer.Address(), Iat: now, Nbf: now - 5, Exp: now + 900, Version: jwt.Version, Leases: g}
		if i == 1 {
			c.Jti = "akt-conformance-1"
		}
		tok, err := jwt.Sign(context.Background(), signer, c)
		if err != nil {
			t.Fatalf("signing grant %d: %v", i, err)
		}
		claims = append(claims, c)
		aktTokens = append(aktTokens, tok)
	}
	ans := runOracle(t, map[string]any{
		"mnemonic": strings.TrimSpace(string(mnemonic)),
		"claims":   claims,
		"validate": aktTokens,
	})
	if ans.Address != signer.Address() || ans.PubKey != hex.EncodeToString(signer.PubKey()) {
		t.Fatalf("oracle key %s/%s differs from akt's %s/%x", ans.Address, ans.PubKey, signer.Address(), signer.PubKey())
	}
	if len(ans.Tokens) != len(claims) || len(ans.Validations) != len(aktTokens) {
		t.Fatalf("oracle answered %d tokens and %d validations, want %d", len(ans.Tokens), len(ans.Validations), len(claims))
	}
	at := time.Unix(now, 0)
	for i := range claims {
		if ans.Tokens[i].ES256K != aktTokens[i] {
			t.Errorf("grant %d: akt token differs from the TS SDK's\nakt: %s\nts:  %s", i, aktTokens[i], ans.Tokens[i].ES256K)
		}
		if v := ans.Validations[i]; !v.IsValid {
			t.Errorf("grant %d: TS JwtValidator rejects akt's token: %v", i, v.Errors)
		}
		for alg, tok := range map[string]string{"ES256K": ans.Tokens[i].ES256K, "ES256KADR36": ans.Tokens[i].ADR36} {
			got, err := jwt.Verify(tok, signer.PubKey(), at)
			if err != nil {
				t.Errorf("grant %d: akt rejects the TS %s token: %v", i, alg, err)
				continue
			}
			if got.Iss != signer.Address() || got.Leases.Access != claims[i].Leases.Access {
				t.Errorf("grant %d: %s claims decoded as %+v", i, alg, got)
			}
		}
	}
}
