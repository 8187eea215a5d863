package providertest

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akt-project/akt/internal/testutil"
)

func sharedDir(t *testing.T) string { t.Helper(); return testutil.Shared(t) }

// TestManifestVersionGolden recomputes, as a provider does, the version hash of the official
// Go generator's golden manifests and compares it with the version both official SDKs agree
// on for the same SDL (cases where they disagree, or newer golden data differs, are skipped).
func TestManifestVersionGolden(t *testing.T) {
	t.Parallel()
	shared := sharedDir(t)
	tsv, err := os.ReadFile(filepath.Join(shared, "sdl-corpus", "official-results.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, line := range strings.Split(string(tsv), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 5 || !strings.HasPrefix(f[0], "golden/input/v2") || f[3] != "ok" || f[2] != f[4] {
			continue
		}
		rel := strings.TrimSuffix(strings.TrimPrefix(f[0], "golden/input/"), "/input.yaml")
		manifest, err := os.ReadFile(filepath.Join(shared, "sdl-corpus", "golden", "output-fixtures", rel, "manifest.json"))
		if err != nil {
			continue // not every input has a golden manifest
		}
		got, err := ManifestVersion(manifest)
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		if hex.EncodeToString(got) != f[4] {
			t.Errorf("%s: version %x, Go SDK says %s", rel, got, f[4])
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no golden manifests checked")
	}
	t.Logf("%d golden manifests hash to the version both SDKs agree on", checked)
}
