package chain

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot returns the directory holding go.mod.
func repoRoot(t *testing.T) string {
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

// sharedDir returns ../shared relative to the repository root.
func sharedDir(t *testing.T) string {
	t.Helper()
	return filepath.Join(filepath.Dir(repoRoot(t)), "shared")
}

// testMnemonic is the shared JWT test mnemonic.
func testMnemonic(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir(t), "protocol", "jwt", "test-mnemonic.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}
