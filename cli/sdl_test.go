package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runSDL runs akt with the sdl command group added.
func runSDL(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	app := NewApp(strings.NewReader(""), &out, &errb, BuildInfo{Version: "v0.0.0-test"})
	code := app.Execute(context.Background(), args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

const testSDL = `version: "2.0"
services:
  web:
    image: nginx:1.25
    expose:
      - port: 80
        as: 80
        to:
          - global: true
profiles:
  compute:
    web:
      resources:
        cpu:
          units: 0.5
        memory:
          size: 512Mi # small
        storage:
          size: 1Gi
  placement:
    dcloud:
      pricing:
        web:
          denom: uact
          amount: 1000
deployment:
  web:
    dcloud:
      profile: web
      count: 1
`

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSDLValidate(t *testing.T) {
	env(t)
	good := writeFile(t, "good.yaml", testSDL)
	bad := writeFile(t, "bad.yaml", strings.Replace(testSDL, "size: 512Mi", `size: "1 gigabyte"`, 1))
	if r := runSDL(t, "sdl", "validate", good); r.code != 0 || !strings.Contains(r.stdout, "valid") {
		t.Fatalf("valid file: exit %d, stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	r := runSDL(t, "sdl", "validate", good, bad)
	if r.code == 0 {
		t.Fatal("exit 0 with an invalid file")
	}
	want := `profiles.compute.web.resources.memory.size: invalid size "1 gigabyte"`
	if !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "(line 17, col 17)") {
		t.Fatalf("stderr %q lacks %q with its location", r.stderr, want)
	}
	r = runSDL(t, "sdl", "validate", "--output", "json", bad)
	var res []sdlFileResult
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || len(res) != 1 || res[0].Valid || len(res[0].Errors) == 0 {
		t.Fatalf("json output %q: %v", r.stdout, err)
	}
	if r.code == 0 {
		t.Fatal("exit 0 with an invalid file (json)")
	}
}

func TestSDLInspectJSON(t *testing.T) {
	env(t)
	f := writeFile(t, "app.yaml", strings.Replace(testSDL, "denom: uact", "denom: uakt", 1))
	r := runSDL(t, "sdl", "inspect", f, "--output", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		Version  string            `json:"version"`
		Manifest []json.RawMessage `json:"manifest"`
		Groups   []map[string]any  `json:"groups"`
		Warnings []map[string]any  `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("invalid JSON %q: %v", r.stdout, err)
	}
	if len(out.Version) != 64 || len(out.Manifest) != 1 || len(out.Groups) != 1 || out.Groups[0]["name"] != "dcloud" {
		t.Fatalf("inspect output %s", r.stdout)
	}
	if len(out.Warnings) != 1 || !strings.Contains(out.Warnings[0]["message"].(string), "uact") {
		t.Fatalf("want the mainnet denom warning, got %v", out.Warnings)
	}
	bad := writeFile(t, "bad.yaml", "version: \"2.0\"\nservices: {}\n")
	r = runSDL(t, "sdl", "inspect", bad, "--output", "json")
	if r.code == 0 || r.stderr == "" || r.stdout != "" {
		t.Fatalf("invalid file: exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestSDLInspectText(t *testing.T) {
	env(t)
	f := writeFile(t, "app.yaml", testSDL)
	r := runSDL(t, "sdl", "inspect", f)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"version   ", "group     dcloud", "cpu 500m  memory 512Mi  storage default=1Gi  gpu 0  price 1000uact", "service   dcloud/web  image nginx:1.25"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestSDLGPU(t *testing.T) {
	env(t)
	f := writeFile(t, "app.yaml", testSDL)
	r := runSDL(t, "sdl", "gpu", f, "--units", "2", "--model", "a100:80Gi", "--model", "h100::sxm")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"        gpu:\n          units: 2\n", "- model: a100\n                  ram: 80Gi\n", "- model: h100\n                  interface: sxm\n", "size: 512Mi # small"} {
		if !strings.Contains(r.stdout, want) {
			t.Fatalf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if b, _ := os.ReadFile(f); string(b) != testSDL {
		t.Fatal("file changed without --write")
	}
	r = runSDL(t, "sdl", "gpu", f, "--units", "1", "--model", "zz9000", "--write")
	if r.code != 0 || !strings.Contains(r.stderr, `no provider lists GPU model "zz9000"`) {
		t.Fatalf("exit %d stderr %q", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(f); !strings.Contains(string(b), "- model: zz9000") {
		t.Fatalf("file not written:\n%s", b)
	}
	if r := runSDL(t, "sdl", "gpu", f, "--model", "a100:80GB"); r.code == 0 {
		t.Fatal("accepted an invalid GPU memory size")
	}
}

// TestSDLGPUSyncsTensorParallel: new GPU units carry over to vLLM's
// tensor-parallel flag, reported on stderr and in the JSON output.
func TestSDLGPUSyncsTensorParallel(t *testing.T) {
	env(t)
	src := strings.Replace(testSDL, "    image: nginx:1.25", "    image: vllm/vllm-openai:v0.6.2\n    args:\n      - --model=m\n      - --tensor-parallel-size=1", 1)
	if src == testSDL {
		t.Fatal("test SDL has no nginx image line to replace")
	}
	f := writeFile(t, "llm.yaml", src)
	r := runSDL(t, "sdl", "gpu", f, "--units", "4", "--model", "a100", "-o", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		Synced []string `json:"tensor_parallel_synced"`
		SDL    string   `json:"sdl"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("invalid JSON %q: %v", r.stdout, err)
	}
	if len(out.Synced) != 1 || out.Synced[0] != "web" || !strings.Contains(out.SDL, "- --tensor-parallel-size=4\n") {
		t.Fatalf("synced %v, SDL:\n%s", out.Synced, out.SDL)
	}
	if !strings.Contains(r.stderr, "service web: tensor-parallel size set to 4") {
		t.Errorf("stderr does not report the change: %q", r.stderr)
	}
}

// TestSDLInspectCorpusVersions runs `akt sdl inspect` over every corpus file
// both official SDKs accept and compares the version with the TS SDK's.
func TestSDLInspectCorpusVersions(t *testing.T) {
	env(t)
	root, _ := os.Getwd()
	dir := filepath.Join(root, "..", "..", "shared", "sdl-corpus")
	raw, err := os.ReadFile(filepath.Join(dir, "official-results.tsv"))
	if err != nil {
		t.Skipf("corpus not found: %v", err)
	}
	n := 0
	for i, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) != 5 || f[1] != "ok" || f[3] != "ok" {
			continue
		}
		r := runSDL(t, "sdl", "inspect", filepath.Join(dir, f[0]), "--output", "json")
		var out struct {
			Version string `json:"version"`
		}
		if r.code != 0 || json.Unmarshal([]byte(r.stdout), &out) != nil || out.Version != f[2] {
			t.Errorf("%s: exit %d version %q, TS SDK %s; stderr %s", f[0], r.code, out.Version, f[2], r.stderr)
		}
		n++
	}
	t.Logf("akt sdl inspect reproduced the TS SDK version of %d files", n)
	if n < 300 {
		t.Fatalf("only %d corpus files checked", n)
	}
}
