package gateway

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akt-project/akt/internal/testutil"
)

func sharedDir(t *testing.T) string { t.Helper(); return testutil.Shared(t) }

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

// TestManifestVersionMatchesTSSDK: for every SDL of the corpus the official TypeScript SDK
// accepts, the gateway hashes the manifest the TS SDK produces to the version the TS SDK
// computes, so a manifest sent by a TS-built client passes the provider check. Node runs
// once over the whole corpus.
func TestManifestVersionMatchesTSSDK(t *testing.T) {
	t.Parallel()
	root := filepath.Dir(sharedDir(t)) // the directory holding the repository and shared/
	repo := repoRoot(t)
	testutil.Oracle(t)
	files, err := filepath.Glob(filepath.Join(root, "shared", "sdl-corpus", "awesome-akash", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus SDLs: %v", err)
	}
	list, _ := json.Marshal(files)
	cmd := exec.Command("node", filepath.Join(repo, "conformance", "sdl", "oracle.mjs"), "--stdin")
	cmd.Stdin = bytes.NewReader(list)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running the TS SDK oracle: %v", err)
	}
	checked := 0
	for _, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
		var r struct {
			File     string          `json:"file"`
			OK       bool            `json:"ok"`
			Version  string          `json:"version"`
			Manifest json.RawMessage `json:"manifest"`
		}
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatalf("oracle line %q: %v", line, err)
		}
		if !r.OK {
			continue
		}
		v, err := ManifestVersion(r.Manifest)
		if err != nil {
			t.Errorf("%s: %v", r.File, err)
			continue
		}
		if got := hex.EncodeToString(v); got != r.Version {
			t.Errorf("%s: version %s, TS SDK %s", filepath.Base(r.File), got, r.Version)
		}
		checked++
	}
	if checked < 300 {
		t.Fatalf("only %d manifests checked", checked)
	}
	t.Logf("%d TS SDK manifests hash to the TS SDK's version", checked)
}

func repoRoot(t *testing.T) string { t.Helper(); return testutil.RepoRoot(t) }
