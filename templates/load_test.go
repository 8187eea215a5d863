package templates

import (
	"strings"
	"testing"
	"testing/fstest"
)

const miniSDL = `version: "2.0"
services:
  web:
    image: "{{image}}"
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

func miniDescriptor(param string) string {
	return `{"id": "mini", "title": "Mini", "summary": "One parameter.", "segment": "web", "tags": [], "params": [` + param + `]}`
}

const goodParam = `{"name": "image", "label": "Image", "type": "string", "default": "nginx:1", "help": "h", "targets": ["services.web.image"]}`

func TestParseRejectsInconsistentTemplates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, desc, sdl, want string
	}{
		{"ok", miniDescriptor(goodParam), miniSDL, ""},
		{"wrong target", miniDescriptor(strings.Replace(goodParam, "services.web.image", "services.web.command", 1)), miniSDL, "do not match"},
		{"undeclared placeholder", miniDescriptor(goodParam), strings.Replace(miniSDL, "count: 1", "count: {{n}}", 1), "{{n}}"},
		{"unused parameter", miniDescriptor(goodParam), strings.Replace(miniSDL, `"{{image}}"`, "nginx", 1), "never uses {{image}}"},
		{"placeholder key", miniDescriptor(goodParam), strings.Replace(miniSDL, "  web:\n    image", "  {{image}}:\n    image", 1), "mapping key"},
		{"bad default", miniDescriptor(strings.Replace(goodParam, `"type": "string", "default": "nginx:1"`, `"type": "int", "default": "x"`, 1)), miniSDL, "not a whole number"},
		{"unknown type", miniDescriptor(strings.Replace(goodParam, `"string"`, `"float"`, 1)), miniSDL, "unknown type"},
		{"unknown field", miniDescriptor(strings.Replace(goodParam, `"help"`, `"logo": "x.png", "help"`, 1)), miniSDL, "unknown field"},
		{"bad segment", strings.Replace(miniDescriptor(goodParam), `"web"`, `"games"`, 1), miniSDL, "segment"},
		{"list embedded", miniDescriptor(strings.Replace(goodParam, `"type": "string"`, `"type": "string", "list": true`, 1)),
			strings.Replace(miniSDL, `"{{image}}"`, `"nginx:{{image}}"`, 1), "whole YAML value"},
		{"gpu outside vendor", miniDescriptor(strings.Replace(goodParam, `"type": "string", "default": "nginx:1"`, `"type": "gpu-model", "default": "a100"`, 1)), miniSDL, "gpu-model list must sit"},
		{"size limit as number", miniDescriptor(strings.Replace(goodParam, `"type": "string", "default": "nginx:1"`, `"type": "size", "default": "1Gi", "min": 5`, 1)), miniSDL, "written as a string"},
		{"reserved text", miniDescriptor(goodParam), miniSDL + "# __AKT_x__\n", "reserved"},
		{"enum sets unknown", miniDescriptor(`{"name": "image", "label": "Image", "type": "enum", "default": "a", "help": "h", "targets": ["services.web.image"], "choices": [{"value": "a", "sets": {"nope": "1"}}]}`), miniSDL, "not another parameter"},
	}
	for _, tc := range tests {
		_, err := Parse([]byte(tc.desc), []byte(tc.sdl))
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: got %v, want an error containing %q", tc.name, err, tc.want)
		}
	}
}

func TestLoadNamesTheDirectory(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"mini/template.json":  {Data: []byte(miniDescriptor(goodParam))},
		"mini/deploy.yaml":    {Data: []byte(miniSDL)},
		"other/template.json": {Data: []byte(miniDescriptor(goodParam))},
		"other/deploy.yaml":   {Data: []byte(miniSDL)},
		"notes/README.md":     {Data: []byte("not a template")},
	}
	partial, err := Load(fsys, "user")
	if err == nil || !strings.Contains(err.Error(), `template other: id "mini" differs`) {
		t.Fatalf("got %v", err)
	}
	if len(partial) != 1 || partial[0].ID != "mini" {
		t.Fatalf("the good template is not returned beside the error: %v", partial)
	}
	delete(fsys, "other/template.json")
	delete(fsys, "other/deploy.yaml")
	list, err := Load(fsys, "user")
	if err != nil || len(list) != 1 || list[0].Source != "user" {
		t.Fatalf("got %v, %v", list, err)
	}
	builtinList, err := Load(BuiltinFS(), "builtin")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewCatalog(nil, builtinList, list); err != nil {
		t.Fatal(err)
	}
	again, _ := Load(fsys, "user2")
	if _, err := NewCatalog(nil, list, again); err == nil || !strings.Contains(err.Error(), "defined twice (user and user2)") {
		t.Fatalf("duplicate ids: got %v", err)
	}
}

func TestParamDescriptions(t *testing.T) {
	t.Parallel()
	c := builtin(t)
	tests := []struct{ id, param, constraints, sets string }{
		{"llm-vllm", "gpu_count", "min 1, max 8", ""},
		{"llm-vllm", "max_context", "min 512, max 1048576", ""},
		{"llm-vllm", "memory", "min 8Gi, max 1Ti", ""},
		{"minecraft", "difficulty", "one of: peaceful; easy; normal; hard", ""},
		{"github-app", "runtime", "one of: node:22-bookworm (Node.js 22); python:3.12-bookworm (Python 3.12); golang:1.23-bookworm (Go 1.23); oven/bun:1.1-debian (Bun 1.1)",
			"build_cmd,install_cmd,port,start_cmd"},
		{"container", "env", "pattern [A-Za-z_][A-Za-z0-9_]*=.*", ""},
	}
	for _, tc := range tests {
		tmpl, err := c.Get(tc.id)
		if err != nil {
			t.Fatal(err)
		}
		p := tmpl.Param(tc.param)
		if got := p.Constraints(); got != tc.constraints {
			t.Errorf("%s.%s constraints = %q, want %q", tc.id, tc.param, got, tc.constraints)
		}
		if got := strings.Join(p.SetsParams(), ","); got != tc.sets {
			t.Errorf("%s.%s sets = %q, want %q", tc.id, tc.param, got, tc.sets)
		}
	}
}
