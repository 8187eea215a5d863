package jwt_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akt-project/akt/provider/providertest"
)

// repoRoot walks up from the test's working directory to the directory holding go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// sharedPath returns a path under ../shared relative to the repository root.
func sharedPath(t testing.TB, elem ...string) string {
	t.Helper()
	return filepath.Join(append([]string{repoRoot(t), "..", "shared"}, elem...)...)
}

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
