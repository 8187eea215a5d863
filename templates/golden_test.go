package templates

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestRenderGolden compares each built-in template rendered with its defaults
// (generated secrets fixed) with testdata/golden/<id>.yaml. Regenerate with
// go test ./templates -run Golden -update.
func TestRenderGolden(t *testing.T) {
	t.Parallel()
	for _, tmpl := range builtin(t).List("") {
		values := map[string]string{}
		for _, p := range tmpl.Params {
			if p.Generate > 0 {
				values[p.Name] = strings.Repeat("G", p.Generate)
			}
		}
		out, err := tmpl.Render(values)
		if err != nil {
			t.Fatalf("%s: %v", tmpl.ID, err)
		}
		path := filepath.Join("testdata", "golden", tmpl.ID+".yaml")
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (run with -update to create it)", tmpl.ID, err)
		}
		if out != string(want) {
			t.Errorf("%s: rendered SDL differs from %s (run with -update after checking the diff)\n--- got\n%s", tmpl.ID, path, out)
		}
	}
}
