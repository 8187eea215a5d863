package sdl

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/akt-project/akt/internal/testutil"
)

func repoRoot(t testing.TB) string { t.Helper(); return testutil.RepoRoot(t) }

// sharedDir is ../shared beside the repository root (a failure when missing:
// the conformance tests must not pass by skipping).
func sharedDir(t testing.TB) string { t.Helper(); return testutil.Shared(t) }

// requireOracle returns the oracle script path, skipping (or failing when
// AKT_REQUIRE_ORACLE=1) if the TS SDK is not installed.
func requireOracle(t testing.TB) string {
	t.Helper()
	testutil.Oracle(t)
	return filepath.Join(repoRoot(t), "conformance", "sdl", "oracle.mjs")
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
