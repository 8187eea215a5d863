package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akt-project/akt/sdl"
)

// runTemplates runs akt with the templates command wired in, whether or not
// root.go already adds it.
func runTemplates(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	app := NewApp(strings.NewReader(""), &out, &errb, BuildInfo{Version: "v0.0.0-test"})
	code := app.Execute(context.Background(), args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

func TestTemplatesListAcrossSegments(t *testing.T) {
	env(t)
	r := runTemplates(t, "templates", "list", "--output", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var list []templateSummaryJSON
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, r.stdout)
	}
	bySegment := map[string]int{}
	for _, tm := range list {
		bySegment[string(tm.Segment)]++
	}
	if len(list) < 14 || bySegment["ai-ml"] == 0 || bySegment["web"] == 0 || bySegment["node-operator"] == 0 {
		t.Errorf("%d templates, by segment %v", len(list), bySegment)
	}

	r = runTemplates(t, "templates", "list", "--segment", "node-operator")
	if r.code != 0 || !strings.Contains(r.stdout, "cosmos-validator") || strings.Contains(r.stdout, "llm-vllm") {
		t.Errorf("segment filter: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runTemplates(t, "templates", "list", "--segment", "games")
	if r.code == 0 || !strings.Contains(r.stderr, `unknown segment "games"`) {
		t.Errorf("bad segment: exit %d, %s", r.code, r.stderr)
	}
}

func TestTemplatesShow(t *testing.T) {
	env(t)
	r := runTemplates(t, "templates", "show", "llm-vllm")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"gpu_count", "min 1, max 8", "(generated, 32 characters)", "lands in: services.llm.args[3]"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("show lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runTemplates(t, "templates", "show", "cosmos-validator")
	if !strings.Contains(r.stdout, "choosing also sets: chain_id, chain_json, data_size, home_dir, image, min_gas_price, namespace") {
		t.Errorf("show does not list what the chain preset sets:\n%s", r.stdout)
	}
	r = runTemplates(t, "templates", "show", "llm-vllm", "-o", "json")
	var v struct {
		ID     string `json:"id"`
		SDL    string `json:"sdl"`
		Params []struct {
			Name string `json:"name"`
		} `json:"params"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || v.ID != "llm-vllm" || !strings.Contains(v.SDL, "{{gpu_count}}") || len(v.Params) == 0 {
		t.Errorf("show json: %v %+v", err, v)
	}
	r = runTemplates(t, "templates", "show", "nope")
	if r.code == 0 || !strings.Contains(r.stderr, `no template "nope"`) {
		t.Errorf("unknown id: exit %d %s", r.code, r.stderr)
	}
}

func TestTemplatesRender(t *testing.T) {
	env(t)
	file := filepath.Join(t.TempDir(), "sdl.yaml")
	r := runTemplates(t, "templates", "render", "container", "--set", "image=ghcr.io/me/app:1.0",
		"--set", "env=MODE=prod", "--set", "env=GREETING=a: b # c", "--set", "port=8080", "-f", file)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := sdl.Parse(data)
	if err != nil {
		t.Fatalf("rendered SDL invalid: %v\n%s", err, data)
	}
	svc := doc.Services[0]
	if svc.Image != "ghcr.io/me/app:1.0" || strings.Join(svc.Env, "|") != "MODE=prod|GREETING=a: b # c" {
		t.Errorf("service = %+v", svc)
	}
	if info, _ := os.Stat(file); info.Mode().Perm() != 0o600 {
		t.Errorf("SDL file mode %v, want 0600", info.Mode().Perm())
	}

	r = runTemplates(t, "templates", "render", "llm-vllm", "-o", "json")
	var v struct {
		Generated []string `json:"generated"`
		SDL       string   `json:"sdl"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || strings.Join(v.Generated, ",") != "api_key" {
		t.Fatalf("render json: %v %s %s", err, r.stdout, r.stderr)
	}
	if _, err := sdl.Parse([]byte(v.SDL)); err != nil {
		t.Errorf("rendered SDL invalid: %v", err)
	}

	for _, tc := range []struct{ args, want string }{
		{"--set gpu_count=99", `parameter "gpu_count": 99 is above the maximum 8`},
		{"--set gpu_models=l40s", `unknown GPU model "l40s"`},
		{"--set gpucount=2", "--set gpucount: template llm-vllm has no such parameter"},
		{"--set model", "use NAME=VALUE"},
		{"--set cpu=2 --set cpu=3", "--set cpu given twice"},
	} {
		r := runTemplates(t, append([]string{"templates", "render", "llm-vllm"}, strings.Fields(tc.args)...)...)
		if r.code == 0 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr %q, want %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
}

// TestTemplatesImport imports a two-template catalog in the awesome-akash
// layout and finds the imported template in the list.
func TestTemplatesImport(t *testing.T) {
	env(t)
	src := t.TempDir()
	good := `version: "2.0"
services:
  web:
    image: nginx:1.27
    expose:
      - port: 80
        as: 80
        to:
          - global: true
profiles:
  compute:
    web:
      resources:
        cpu: {units: 0.5}
        memory: {size: 512Mi}
        storage: {size: 1Gi}
  placement:
    akash:
      pricing:
        web: {denom: uact, amount: 100}
deployment:
  web:
    akash: {profile: web, count: 1}
`
	files := map[string]string{
		"README.md":              "# Awesome Akash\n\n### Hosting\n\n- [Nginx demo](nginx-demo)\n- [Broken](broken)\n",
		"nginx-demo/deploy.yaml": good,
		"broken/deploy.yaml":     strings.Replace(good, "    image:", "    imgae:", 1),
	}
	for name, data := range files {
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := runTemplates(t, "templates", "import", src, "-o", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep importJSON
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Imported, ",") != "aa-nginx-demo" || len(rep.Rejected) != 1 ||
		rep.Rejected[0].Path != "broken/deploy.yaml" || !strings.Contains(rep.Rejected[0].Reason, "imgae") {
		t.Fatalf("report = %+v", rep)
	}
	if want := filepath.Join(os.Getenv("XDG_DATA_HOME"), "akt", "templates"); rep.Dir != want {
		t.Errorf("stored in %s, want %s", rep.Dir, want)
	}
	r = runTemplates(t, "templates", "list", "--segment", "web")
	if !strings.Contains(r.stdout, "aa-nginx-demo") || !strings.Contains(r.stdout, "awesome-akash") {
		t.Errorf("imported template not listed:\n%s%s", r.stdout, r.stderr)
	}
	r = runTemplates(t, "templates", "render", "aa-nginx-demo")
	if r.code != 0 || r.stdout != good {
		t.Errorf("imported render: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// A user template shadowing a built-in id, and a broken one, are skipped
	// with a warning; everything else still lists.
	user := rep.Dir
	if err := os.MkdirAll(filepath.Join(user, "wordpress"), 0o755); err != nil {
		t.Fatal(err)
	}
	desc, err := os.ReadFile(filepath.Join(user, "aa-nginx-demo", "template.json"))
	if err != nil {
		t.Fatal(err)
	}
	desc = bytes.Replace(desc, []byte(`"aa-nginx-demo"`), []byte(`"wordpress"`), 1)
	for name, data := range map[string][]byte{"wordpress/template.json": desc, "wordpress/deploy.yaml": []byte(good), "junk/template.json": []byte("{")} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(user, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(user, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r = runTemplates(t, "templates", "list")
	if r.code != 0 || !strings.Contains(r.stdout, "aa-nginx-demo") || !strings.Contains(r.stdout, "cosmos-rpc-node") ||
		!strings.Contains(r.stderr, "skipping wordpress") || !strings.Contains(r.stderr, "template junk") {
		t.Errorf("list with bad user templates: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}
