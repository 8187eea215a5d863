package live

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akt-project/akt/sdl"
	"github.com/akt-project/akt/templates"
	"github.com/akt-project/akt/tui/svc"
)

func TestCatalogDoors(t *testing.T) {
	t.Parallel()
	c := NewCatalog("")
	builtin, err := templates.Builtin(nil)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, door := range []svc.Segment{svc.SegmentAI, svc.SegmentWeb, svc.SegmentNode} {
		list, err := c.List(ctx(t), door)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) == 0 {
			t.Fatalf("no templates behind the %s door", door)
		}
		for _, ts := range list {
			if ts.Segment != door || ts.Name == "" || ts.Resources.CPU <= 0 || ts.Resources.MemoryBytes == 0 {
				t.Fatalf("%s: %+v", door, ts)
			}
		}
		total += len(list)
	}
	if want := len(builtin.List("")); total != want {
		t.Fatalf("doors show %d templates, the catalog has %d", total, want)
	}
	if _, err := c.List(ctx(t), "games"); err == nil {
		t.Fatal("an unknown door listed templates")
	}
}

func TestCatalogTemplateForm(t *testing.T) {
	t.Parallel()
	c := NewCatalog("")
	tpl, err := c.Get(ctx(t), "llm-vllm")
	if err != nil {
		t.Fatal(err)
	}
	if tpl.Resources.GPUs != 1 || len(tpl.Resources.GPUModels) == 0 || tpl.Segment != svc.SegmentAI {
		t.Fatalf("resources %+v", tpl.Resources)
	}
	kinds := map[string]svc.Param{}
	for _, p := range tpl.Params {
		kinds[p.Name] = p
	}
	if kinds["gpu_count"].Kind != svc.ParamInt || kinds["api_key"].Kind != svc.ParamSecret || kinds["api_key"].Required ||
		kinds["model"].Kind != svc.ParamString || !kinds["model"].Required || kinds["hf_token"].Required {
		t.Fatalf("params %+v", tpl.Params)
	}
	if err := c.ValidateParam(ctx(t), "llm-vllm", "gpu_count", "99"); err == nil || strings.Contains(err.Error(), "llm-vllm") {
		t.Fatalf("an out-of-range value: %v (want the reason alone)", err)
	}
	if err := c.ValidateParam(ctx(t), "llm-vllm", "gpu_count", "2"); err != nil {
		t.Fatal(err)
	}
	doc, err := c.Render(ctx(t), "llm-vllm", map[string]string{"gpu_count": "2"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sdl.Parse(doc); err != nil {
		t.Fatalf("rendered SDL does not parse: %v", err)
	}
	if _, err := c.Get(ctx(t), "nope"); err == nil {
		t.Fatal("got a missing template")
	}
}

func TestCatalogUserTemplates(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	builtin, err := templates.Builtin(nil)
	if err != nil {
		t.Fatal(err)
	}
	src, err := builtin.Get("static-site")
	if err != nil {
		t.Fatal(err)
	}
	desc, err := os.ReadFile(filepath.Join("..", "..", "templates", "catalog", "static-site", templates.DescriptorFile))
	if err != nil {
		t.Fatal(err)
	}
	mine, err := templates.Parse(bytes.Replace(desc, []byte(`"static-site"`), []byte(`"my-site"`), 1), src.SDL())
	if err != nil {
		t.Fatal(err)
	}
	if err := templates.WriteTemplate(filepath.Join(data, "templates"), mine); err != nil {
		t.Fatal(err)
	}
	if _, err := NewCatalog(data).Get(ctx(t), "my-site"); err != nil {
		t.Fatalf("user template not found: %v", err)
	}
}
