package gateway

import (
	"bufio"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedDir finds ../shared beside the repository root (the directory holding go.mod).
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}

// knownDifferent are golden manifests that the fixture generator (chain-sdk at a newer
// commit) wrote differently from what the Go SDK v0.2.0 of the results table hashed, so
// their versions legitimately differ.
var knownDifferent = map[string]string{
	"golden/output-fixtures/v2.0/storage-classes/manifest.json": "storage volume order differs between the SDK versions",
	"golden/output-fixtures/v2.1/tee-cpu/manifest.json":         "TEE params are unknown to Go SDK v0.2.0",
	"golden/output-fixtures/v2.1/tee-cpu-gpu/manifest.json":     "TEE params are unknown to Go SDK v0.2.0",
}

// TestManifestVersionMatchesOfficialGoSDK: the gateway hashes the official SDK's golden
// manifests (output-fixtures/<v>/<case>/manifest.json, written by the Go generator) to the
// version the official Go SDK computed for the same SDL, as a real provider would.
func TestManifestVersionMatchesOfficialGoSDK(t *testing.T) {
	t.Parallel()
	corpus := filepath.Join(sharedDir(t), "sdl-corpus")
	f, err := os.Open(filepath.Join(corpus, "official-results.tsv"))
	if err != nil {
		t.Fatalf("opening the SDL corpus results: %v", err)
	}
	defer f.Close()
	checked := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 5 || !strings.HasPrefix(cols[0], "golden/input/v2") || cols[3] != "ok" {
			continue
		}
		// golden/input/v2.0/simple/input.yaml → golden/output-fixtures/v2.0/simple/manifest.json
		rel := strings.TrimSuffix(strings.Replace(cols[0], "golden/input/", "golden/output-fixtures/", 1), "input.yaml") + "manifest.json"
		body, err := os.ReadFile(filepath.Join(corpus, rel))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		v, err := ManifestVersion(body)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		got := hex.EncodeToString(v)
		if reason, known := knownDifferent[rel]; known {
			if got == cols[4] {
				t.Errorf("%s: now matches the Go SDK; drop it from knownDifferent (%s)", rel, reason)
			}
			continue
		}
		if got != cols[4] {
			t.Errorf("%s: version %s, official Go SDK %s", rel, got, cols[4])
		}
		checked++
	}
	if checked < 10 {
		t.Fatalf("checked only %d golden manifests", checked)
	}
	t.Logf("%d golden manifests hash to the official Go SDK's version", checked)
}
