package core

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// result is what one run of akt-core printed and returned.
type result struct {
	code   int
	stdout string
	stderr string
}

// env isolates a test from the user's files and AKT_* variables and
// returns the config file path it should use.
func env(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "cfg"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "AKT_") {
			t.Setenv(k, "")
			os.Unsetenv(k)
		}
	}
	return filepath.Join(dir, "cfg", "akt", "config.yaml")
}
