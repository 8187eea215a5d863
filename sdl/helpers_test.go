package sdl

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// repoRoot walks up from the test's directory to the one holding go.mod.
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

// sharedDir is ../shared beside the repository root.
func sharedDir(t testing.TB) string {
	t.Helper()
	d := filepath.Join(repoRoot(t), "..", "shared")
	if _, err := os.Stat(filepath.Join(d, "sdl-corpus")); err != nil {
		t.Skipf("shared corpus not found at %s", d)
	}
	return d
}

// requireOracle returns the oracle script path, skipping (or failing when
// AKT_REQUIRE_ORACLE=1) if the TS SDK is not installed.
func requireOracle(t testing.TB) string {
	t.Helper()
	root := repoRoot(t)
	if _, err := os.Stat(filepath.Join(root, "conformance", "oracle", "node_modules", "@akashnetwork", "chain-sdk")); err != nil {
		if os.Getenv("AKT_REQUIRE_ORACLE") == "1" {
			t.Fatalf("TS SDK oracle not installed: run npm ci --no-audit --no-fund in conformance/oracle")
		}
		t.Skip("TS SDK oracle not installed (npm ci in conformance/oracle); set AKT_REQUIRE_ORACLE=1 to fail instead")
	}
	return filepath.Join(root, "conformance", "sdl", "oracle.mjs")
}

// located reports whether err is an *Error whose every diagnostic has a line.
func located(err error) bool {
	var e *Error
	if !errors.As(err, &e) || len(e.Diagnostics) == 0 {
		return false
	}
	for _, d := range e.Diagnostics {
		if d.Line == 0 {
			return false
		}
	}
	return true
}
