package templates

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const hostileSDL = `version: "2.0"
services:
  app:
    image: nginx:1.27
    env:
      - "GREETING={{text}}"
      - "{{text}}"
    args: "{{lines}}"
    expose:
      - port: 80
        as: 80
        to:
          - global: true
profiles:
  compute:
    app:
      resources:
        cpu:
          units: 0.5
        memory:
          size: 512Mi
        storage:
          size: 1Gi
  placement:
    akash:
      pricing:
        app:
          denom: uact
          amount: 100
deployment:
  app:
    akash:
      profile: app
      count: 1
`

const hostileDescriptor = `{"id": "hostile", "title": "Hostile", "summary": "Free text parameters.", "segment": "other", "tags": [],
 "params": [
  {"name": "text", "label": "Text", "type": "string", "default": "x", "help": "Anything.",
   "targets": ["services.app.env[GREETING]", "services.app.env[]"]},
  {"name": "lines", "label": "Lines", "type": "string", "list": true, "default": "a", "help": "Anything.",
   "targets": ["services.app.args"]}
 ]}`

// TestRenderEscapesHostileValues substitutes values that break naive text
// templating and reads the output back to prove every value survives intact.
func TestRenderEscapesHostileValues(t *testing.T) {
	t.Parallel()
	tmpl, err := Parse([]byte(hostileDescriptor), []byte(hostileSDL))
	if err != nil {
		t.Fatal(err)
	}
	hostile := []string{
		`say "hi"`, `it's`, `key: value`, `a: b: c`, "two\nlines", "trailing newline\n",
		`# not a comment`, `value # comment`, `*alias`, `&anchor`, `!!int`, `!tag`, `- item`,
		`[1, 2]`, `{a: 1}`, `|`, `>`, `@at`, "`tick`", `%percent`, `true`, `null`, `~`,
		`0x1F`, `1e3`, `012`, `.inf`, `---`, `...`, ` leading space`, `trailing space `,
		`\backslash\`, `{{text}}`, `__AKT_text__`, "tab\there", `ünïcødé ✓`, `"`, `'`, `:`, `?`,
	}
	for _, v := range hostile {
		out, err := tmpl.Render(map[string]string{"text": v, "lines": "first: x\n*second\n# third"})
		if err != nil {
			t.Errorf("value %q: %v", v, err)
			continue
		}
		var doc struct {
			Services map[string]struct {
				Env  []string `yaml:"env"`
				Args []string `yaml:"args"`
			} `yaml:"services"`
		}
		if err := yaml.Unmarshal([]byte(out), &doc); err != nil {
			t.Errorf("value %q: output is not YAML: %v\n%s", v, err, out)
			continue
		}
		app := doc.Services["app"]
		if len(app.Env) != 2 || app.Env[0] != "GREETING="+v || app.Env[1] != v {
			t.Errorf("value %q: env read back as %q\n%s", v, app.Env, out)
		}
		want := []string{"first: x", "*second", "# third"}
		if strings.Join(app.Args, "|") != strings.Join(want, "|") {
			t.Errorf("value %q: args read back as %q", v, app.Args)
		}
	}
}

func TestRenderRejectsBadValues(t *testing.T) {
	t.Parallel()
	c := builtin(t)
	tests := []struct {
		id, param, value, wantInMessage string
	}{
		{"llm-vllm", "gpu_count", "0", "below the minimum 1"},
		{"llm-vllm", "gpu_count", "two", `"two" is not a whole number`},
		{"llm-vllm", "gpu_models", "rtx4090,l40s", `unknown GPU model "l40s"`},
		{"llm-vllm", "gpu_models", "mi100", `not a nvidia model`},
		{"llm-vllm", "gpu_models", "a100,A100", "listed twice"},
		{"llm-vllm", "memory", "32GB", `"32GB" is not a size`},
		{"llm-vllm", "memory", "4Gi", "below the minimum 8Gi"},
		{"llm-vllm", "cpu", "0.0005", "thousandths of a core"},
		{"llm-vllm", "model", "not a model id", "does not match the pattern"},
		{"llm-vllm", "api_key", "short", "at least 16 characters"},
		{"llm-vllm", "hf_token", "ghp_nope", "does not match the pattern"},
		{"container", "env", "GOOD=1\nbad line", "line 2"},
		{"container", "port", "70000", "above the maximum 65535"},
		{"container", "image", "", "a value is required"},
		{"container", "image", "nginx\x00", "control character"},
		{"static-site", "domains", "example.com\nnot a domain", "line 2"},
	}
	for _, tc := range tests {
		tmpl, err := c.Get(tc.id)
		if err != nil {
			t.Fatal(err)
		}
		_, err = tmpl.Render(map[string]string{tc.param: tc.value})
		var pe *ParamError
		if !errors.As(err, &pe) || pe.Param != tc.param {
			t.Errorf("%s %s=%q: want a ParamError naming the parameter, got %v", tc.id, tc.param, tc.value, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.wantInMessage) || !strings.Contains(err.Error(), `"`+tc.param+`"`) {
			t.Errorf("%s %s=%q: message %q lacks %q", tc.id, tc.param, tc.value, err, tc.wantInMessage)
		}
		if verr := tmpl.ValidateParam(tc.param, tc.value); verr == nil || verr.Error() != pe.Error() {
			t.Errorf("ValidateParam(%s, %q) = %v, want %v", tc.param, tc.value, verr, pe)
		}
	}
}

func TestSecretsStayOutOfMessages(t *testing.T) {
	t.Parallel()
	tmpl, err := builtin(t).Get("llm-vllm")
	if err != nil {
		t.Fatal(err)
	}
	err = tmpl.ValidateParam("hf_token", "supersecretvalue")
	if err == nil || strings.Contains(err.Error(), "supersecretvalue") {
		t.Fatalf("error %v repeats the secret", err)
	}
}

func TestRenderUnknownParameter(t *testing.T) {
	t.Parallel()
	tmpl, err := builtin(t).Get("container")
	if err != nil {
		t.Fatal(err)
	}
	_, err = tmpl.Render(map[string]string{"imgae": "nginx"})
	if err == nil || !strings.Contains(err.Error(), `no parameter "imgae"`) || !strings.Contains(err.Error(), "image") {
		t.Fatalf("got %v", err)
	}
}

func TestRenderTypedValues(t *testing.T) {
	t.Parallel()
	tmpl, err := builtin(t).Get("llm-vllm")
	if err != nil {
		t.Fatal(err)
	}
	out, err := tmpl.Render(map[string]string{
		"gpu_count": "2", "gpu_models": "h100, a100", "cpu": "2500m", "api_key": "0123456789abcdef0",
	})
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	res := dig(doc, "profiles", "compute", "llm", "resources").(map[string]any)
	gpu := res["gpu"].(map[string]any)
	if gpu["units"] != 2 {
		t.Errorf("gpu units = %#v, want the integer 2", gpu["units"])
	}
	models := dig(gpu, "attributes", "vendor", "nvidia").([]any)
	if len(models) != 2 || models[0].(map[string]any)["model"] != "h100" || models[1].(map[string]any)["model"] != "a100" {
		t.Errorf("gpu models = %#v", models)
	}
	if cpu := dig(res, "cpu", "units"); cpu != 2.5 {
		t.Errorf("cpu units = %#v, want 2.5", cpu)
	}
	if !strings.Contains(out, "--tensor-parallel-size=2") || !strings.Contains(out, "VLLM_API_KEY=0123456789abcdef0") {
		t.Errorf("embedded values missing:\n%s", out)
	}
}

func TestResolveGeneratesSecrets(t *testing.T) {
	t.Parallel()
	tmpl, err := builtin(t).Get("llm-vllm")
	if err != nil {
		t.Fatal(err)
	}
	a, err := tmpl.Resolve(nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := tmpl.Resolve(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a["api_key"]) != 32 || a["api_key"] == b["api_key"] {
		t.Errorf("generated keys %q and %q", a["api_key"], b["api_key"])
	}
	if err := tmpl.ValidateParam("api_key", ""); err != nil {
		t.Errorf("an empty generated secret is valid while typing: %v", err)
	}
	c, err := tmpl.Resolve(map[string]string{"api_key": "given-by-the-user-123"})
	if err != nil || c["api_key"] != "given-by-the-user-123" {
		t.Errorf("explicit key replaced: %q, %v", c["api_key"], err)
	}
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func TestRenderSplicesListItems(t *testing.T) {
	t.Parallel()
	tmpl, err := builtin(t).Get("github-app")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		env  string
		want int
	}{{"", 6}, {"A=1", 7}, {"A=1\nB=two words\n\nC=x: y", 9}} {
		out, err := tmpl.Render(map[string]string{"env": tc.env})
		if err != nil {
			t.Fatalf("env %q: %v", tc.env, err)
		}
		var doc struct {
			Services map[string]struct {
				Env []string `yaml:"env"`
			} `yaml:"services"`
		}
		if err := yaml.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		got := doc.Services["app"].Env
		if len(got) != tc.want || (tc.want == 9 && got[8] != "C=x: y") {
			t.Errorf("env %q: rendered %q", tc.env, got)
		}
	}
}

func TestResolveAppliesChoiceSets(t *testing.T) {
	t.Parallel()
	tmpl, err := builtin(t).Get("github-app")
	if err != nil {
		t.Fatal(err)
	}
	got, err := tmpl.Resolve(map[string]string{"runtime": "python:3.12-bookworm", "start_cmd": "gunicorn app:app"})
	if err != nil {
		t.Fatal(err)
	}
	if got["port"] != "8000" || got["install_cmd"] != "pip install -r requirements.txt" || got["build_cmd"] != "" {
		t.Errorf("choice sets not applied: %v", got)
	}
	if got["start_cmd"] != "gunicorn app:app" {
		t.Errorf("explicit value overridden: %q", got["start_cmd"])
	}
}

// TestConformanceHostileValuesJSYAML renders hostile values and reads the
// output with js-yaml, the parser of the official TS SDK and the Console: it
// must see exactly the values Go sees.
func TestConformanceHostileValuesJSYAML(t *testing.T) {
	t.Parallel()
	tmpl, err := Parse([]byte(hostileDescriptor), []byte(hostileSDL))
	if err != nil {
		t.Fatal(err)
	}
	values := []string{
		`say "hi"`, `it's`, `key: value`, "two\nlines", "\nleading newline", "\n", "trailing\n\n", `# hash`,
		`*alias`, `&anchor`, `!!int`, `- item`, `[1, 2]`, `{a: 1}`, `|`, `>`, `true`, `null`, `~`, `0x1F`,
		`1e3`, `012`, `0o17`, `.inf`, `---`, ` leading`, `trailing `, `\back\slash`, "tab\there", "\u2028ls",
		"\ufeffbom", "emoji 🚀", `on`, `yes`, `no`, `Y`, `1_000`, `2001-12-14`, `=`, `<<`,
	}
	docs := make([]string, len(values))
	for i, v := range values {
		out, err := tmpl.Render(map[string]string{"text": v, "lines": v + "\nlast"})
		if err != nil {
			t.Fatalf("value %q: %v", v, err)
		}
		docs[i] = out
	}
	for i, r := range jsYAMLLoad(t, docs) {
		v := values[i]
		if !r.OK {
			t.Errorf("value %q: js-yaml rejects the output: %s\n%s", v, r.Error, docs[i])
			continue
		}
		var doc struct {
			Services map[string]struct {
				Env  []string `json:"env"`
				Args []string `json:"args"`
			} `json:"services"`
		}
		if err := json.Unmarshal(r.Value, &doc); err != nil {
			t.Errorf("value %q: js-yaml reads a different shape: %v", v, err)
			continue
		}
		app := doc.Services["app"]
		var wantArgs []string // list items are the non-blank lines
		for _, line := range strings.Split(v+"\nlast", "\n") {
			if strings.TrimSpace(line) != "" {
				wantArgs = append(wantArgs, line)
			}
		}
		if len(app.Env) != 2 || app.Env[0] != "GREETING="+v || app.Env[1] != v || strings.Join(app.Args, "|") != strings.Join(wantArgs, "|") {
			t.Errorf("value %q: js-yaml reads env %q args %q\n%s", v, app.Env, app.Args, docs[i])
		}
	}
}
