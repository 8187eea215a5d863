package jwt_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/akt-project/akt/internal/testutil"
	"github.com/akt-project/akt/provider/providertest"
)

func repoRoot(t testing.TB) string { t.Helper(); return testutil.RepoRoot(t) }

func sharedPath(t testing.TB, elem ...string) string { t.Helper(); return testutil.Shared(t, elem...) }

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decoding %s: %v", path, err)
	}
}

// testSigner returns the signer of the shared JWT test mnemonic.
func testSigner(t testing.TB) *providertest.KeySigner {
	t.Helper()
	b, err := os.ReadFile(sharedPath(t, "protocol", "jwt", "test-mnemonic.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := providertest.NewMnemonicSigner(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}
