package fake

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/akt-project/akt/tui/svc"
)

const gi = 1 << 30

// Catalog is an in-memory template catalog.
type Catalog struct {
	templates []svc.Template
	editor    *Editor
	// Err, when set, is returned by List and Get.
	Err error
}

// NewCatalog returns a catalog with a few templates per segment, rendering through ed (a new
// editor when nil) so the editor can read what the catalog renders.
func NewCatalog(ed *Editor) *Catalog {
	if ed == nil {
		ed = NewEditor()
	}
	model := svc.Param{Name: "model", Label: "Model", Kind: svc.ParamString, Required: true,
		Default: "meta-llama/Llama-3.1-8B-Instruct", Help: "Hugging Face model id (owner/name)"}
	gpu := svc.Param{Name: "gpu", Label: "GPU model", Kind: svc.ParamEnum, Options: []string{"rtx4090", "a100", "h100"},
		Default: "rtx4090", Help: "Providers must offer this model"}
	count := svc.Param{Name: "replicas", Label: "Replicas", Kind: svc.ParamInt, Default: "1", Help: "1 to 10"}
	pw := svc.Param{Name: "password", Label: "Admin password", Kind: svc.ParamSecret, Required: true,
		Help: "At least 12 characters"}
	t := func(id, name, sum string, seg svc.Segment, r svc.Resources, tags []string, ps ...svc.Param) svc.Template {
		return svc.Template{TemplateSummary: svc.TemplateSummary{ID: id, Name: name, Summary: sum, Segment: seg,
			Tags: tags, Resources: r}, Params: ps}
	}
	return &Catalog{editor: ed, templates: []svc.Template{
		t("vllm", "vLLM inference server", "OpenAI-compatible LLM API served by vLLM", svc.SegmentAI,
			svc.Resources{CPU: 8, MemoryBytes: 32 * gi, StorageBytes: 100 * gi, GPUs: 1, GPUModels: []string{"rtx4090", "a100", "h100"}},
			[]string{"llm", "openai", "gpu"}, model, gpu, count),
		t("ollama", "Ollama + Open WebUI", "Chat with open models in the browser", svc.SegmentAI,
			svc.Resources{CPU: 4, MemoryBytes: 16 * gi, StorageBytes: 60 * gi, GPUs: 1, GPUModels: []string{"rtx4090"}},
			[]string{"llm", "chat", "webui"}, gpu),
		t("jupyter", "Jupyter Lab (PyTorch)", "Notebooks with CUDA and PyTorch preinstalled", svc.SegmentAI,
			svc.Resources{CPU: 4, MemoryBytes: 16 * gi, StorageBytes: 50 * gi, GPUs: 1, GPUModels: []string{"a100"}},
			[]string{"notebook", "pytorch"}, gpu, pw),
		t("comfyui", "ComfyUI", "Node-based image generation with Stable Diffusion", svc.SegmentAI,
			svc.Resources{CPU: 4, MemoryBytes: 24 * gi, StorageBytes: 80 * gi, GPUs: 1, GPUModels: []string{"rtx4090", "a100"}},
			[]string{"image", "stable-diffusion"}, gpu),
		t("wordpress", "WordPress + MariaDB", "A blog or site with its database", svc.SegmentWeb,
			svc.Resources{CPU: 1.5, MemoryBytes: 2 * gi, StorageBytes: 20 * gi},
			[]string{"cms", "php", "mysql"}, pw),
		t("nginx", "Static site (nginx)", "Serve a static site from a Git repository", svc.SegmentWeb,
			svc.Resources{CPU: 0.5, MemoryBytes: gi / 2, StorageBytes: gi},
			[]string{"static", "html"}, count),
		t("postgres", "PostgreSQL 17", "A managed-style Postgres with persistent storage", svc.SegmentWeb,
			svc.Resources{CPU: 2, MemoryBytes: 4 * gi, StorageBytes: 50 * gi},
			[]string{"database", "sql"}, pw),
		t("akash-node", "Akash full node", "An RPC and API node for akashnet-2", svc.SegmentNode,
			svc.Resources{CPU: 4, MemoryBytes: 16 * gi, StorageBytes: 500 * gi},
			[]string{"cosmos", "rpc"}),
		t("geth", "Ethereum (geth + lighthouse)", "Execution and consensus clients, snap sync", svc.SegmentNode,
			svc.Resources{CPU: 8, MemoryBytes: 32 * gi, StorageBytes: 2048 * gi},
			[]string{"ethereum", "rpc"}),
	}}
}

// List implements svc.Catalog.
func (c *Catalog) List(ctx context.Context, seg svc.Segment) ([]svc.TemplateSummary, error) {
	if c.Err != nil {
		return nil, c.Err
	}
	var out []svc.TemplateSummary
	for _, t := range c.templates {
		if t.Segment == seg {
			out = append(out, t.TemplateSummary)
		}
	}
	return out, nil
}

// Get implements svc.Catalog.
func (c *Catalog) Get(ctx context.Context, id string) (svc.Template, error) {
	if c.Err != nil {
		return svc.Template{}, c.Err
	}
	for _, t := range c.templates {
		if t.ID == id {
			return t, nil
		}
	}
	return svc.Template{}, fmt.Errorf("no template %q", id)
}

// ValidateParam implements svc.Catalog with rules like the templates package's.
func (c *Catalog) ValidateParam(ctx context.Context, id, param, value string) error {
	t, err := c.Get(ctx, id)
	if err != nil {
		return err
	}
	for _, p := range t.Params {
		if p.Name != param {
			continue
		}
		switch {
		case p.Required && strings.TrimSpace(value) == "":
			return fmt.Errorf("required")
		case p.Name == "model" && !strings.Contains(value, "/"):
			return fmt.Errorf("use owner/name, e.g. meta-llama/Llama-3.1-8B-Instruct")
		case p.Kind == svc.ParamInt:
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 || n > 10 {
				return fmt.Errorf("a whole number from 1 to 10")
			}
		case p.Kind == svc.ParamSecret && len(value) < 12:
			return fmt.Errorf("at least 12 characters (%d so far)", len(value))
		}
		return nil
	}
	return fmt.Errorf("template %s has no parameter %q", id, param)
}

// Render implements svc.Catalog: a small SDL with the values substituted.
func (c *Catalog) Render(ctx context.Context, id string, values map[string]string) ([]byte, error) {
	t, err := c.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	env := make([]string, 0, len(keys))
	for _, k := range keys {
		if k == "password" {
			continue
		}
		env = append(env, strings.ToUpper(k)+"="+values[k])
	}
	r := t.Resources
	var gpus []svc.GPUModel
	for _, g := range r.GPUModels {
		for _, known := range c.editor.KnownGPUs() {
			if known.Model == g {
				gpus = append(gpus, known)
				break
			}
		}
	}
	count := 1
	if n, err := strconv.Atoi(values["replicas"]); err == nil {
		count = n
	}
	price := 1000.0
	if r.GPUs > 0 {
		price = 100_000
	}
	p := svc.Profile{Name: t.ID, Service: t.ID, CPU: r.CPU, MemoryBytes: r.MemoryBytes, StorageBytes: r.StorageBytes,
		Count: count, PriceUACT: price, GPUUnits: r.GPUs, GPUModels: gpus}
	header := fmt.Sprintf("# %s\n# Rendered by akt from the %q template.\n", t.Name, t.ID)
	return c.editor.Document(header, env, []svc.Profile{p}), nil
}
