package chain

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akt-project/akt/internal/testutil"
)

// sharedDir returns ../shared relative to the repository root.
func sharedDir(t *testing.T) string { t.Helper(); return testutil.Shared(t) }

// testMnemonic is the shared JWT test mnemonic.
func testMnemonic(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir(t), "protocol", "jwt", "test-mnemonic.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}
