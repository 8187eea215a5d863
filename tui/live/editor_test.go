package live

import (
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/svc"
)

const gpuSDL = `# keep this comment
version: "2.0"
services:
  llm:
    image: vllm/vllm-openai:v0.10.1.1
    expose:
      - port: 8000
        as: 80
        to:
          - global: true
    params:
      storage:
        models:
          mount: /models
profiles:
  compute:
    llm:
      resources:
        cpu:
          units: 8 # cores
        memory:
          size: 32Gi
        gpu:
          units: 1
          attributes:
            vendor:
              nvidia:
                - model: a100
                  ram: 80Gi
                - model: h100
        storage:
          - size: 20Gi
          - name: models
            size: 100Gi
            attributes:
              persistent: true
              class: beta3
  placement:
    akash:
      pricing:
        llm:
          denom: uact
          amount: 20000
deployment:
  llm:
    akash:
      profile: llm
      count: 1
`

func TestEditorProfiles(t *testing.T) {
	t.Parallel()
	ps, err := Editor{}.Profiles([]byte(gpuSDL))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 {
		t.Fatalf("profiles %+v", ps)
	}
	p := ps[0]
	want := svc.Profile{Name: "llm", Service: "llm", CPU: 8, MemoryBytes: 32 << 30, StorageBytes: 120 << 30, Count: 1,
		PriceUACT: 20000, GPUUnits: 1, GPUModels: []svc.GPUModel{{Vendor: "nvidia", Model: "a100", RAM: "80Gi"}, {Vendor: "nvidia", Model: "h100"}}}
	if p.Name != want.Name || p.Service != want.Service || p.CPU != want.CPU || p.MemoryBytes != want.MemoryBytes ||
		p.StorageBytes != want.StorageBytes || p.Count != want.Count || p.PriceUACT != want.PriceUACT || p.GPUUnits != want.GPUUnits ||
		!sameModels(p.GPUModels, want.GPUModels) {
		t.Fatalf("profile\n got %+v\nwant %+v", p, want)
	}
	if _, err := (Editor{}).Profiles([]byte("services: [")); err == nil {
		t.Fatal("a broken SDL gave profiles")
	}
}

func TestEditorApply(t *testing.T) {
	t.Parallel()
	ed := Editor{}
	ps, err := ed.Profiles([]byte(gpuSDL))
	if err != nil {
		t.Fatal(err)
	}
	p := ps[0]
	p.CPU, p.MemoryBytes, p.StorageBytes, p.Count, p.PriceUACT = 12, 64<<30, 220<<30, 2, 25000.5
	p.GPUUnits, p.GPUModels = 2, []svc.GPUModel{{Vendor: "nvidia", Model: "h100", RAM: "80Gi", Interface: "sxm"}}
	out, err := ed.Apply([]byte(gpuSDL), p)
	if err != nil {
		t.Fatal(err)
	}
	for _, keep := range []string{"# keep this comment", "# cores", "class: beta3", "- size: 120Gi", "size: 100Gi"} {
		if !strings.Contains(string(out), keep) {
			t.Fatalf("lost %q:\n%s", keep, out)
		}
	}
	got, err := ed.Profiles(out)
	if err != nil {
		t.Fatalf("edited SDL does not parse: %v\n%s", err, out)
	}
	g := got[0]
	if g.CPU != 12 || g.MemoryBytes != 64<<30 || g.StorageBytes != 220<<30 || g.Count != 2 || g.PriceUACT != 25000.5 ||
		g.GPUUnits != 2 || !sameModels(g.GPUModels, p.GPUModels) {
		t.Fatalf("after apply: %+v\n%s", g, out)
	}
	// Nothing changed: the document comes back byte for byte.
	same, err := ed.Apply([]byte(gpuSDL), ps[0])
	if err != nil || string(same) != gpuSDL {
		t.Fatalf("a no-op apply changed the document (%v):\n%s", err, same)
	}
}

// TestEditorApplySyncsTensorParallel: the vLLM templates' --tensor-parallel-size follows the
// GPU units chosen in the review's editor.
func TestEditorApplySyncsTensorParallel(t *testing.T) {
	t.Parallel()
	doc := strings.Replace(gpuSDL, "    image: vllm/vllm-openai:v0.10.1.1\n",
		"    image: vllm/vllm-openai:v0.10.1.1\n    args:\n      - --model=m\n      - --tensor-parallel-size=1\n", 1)
	ed := Editor{}
	ps, err := ed.Profiles([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	p := ps[0]
	p.GPUUnits = 4
	out, err := ed.Apply([]byte(doc), p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "      - --tensor-parallel-size=4\n") || !strings.Contains(string(out), "          units: 4\n") {
		t.Fatalf("GPU units and tensor-parallel size after apply:\n%s", out)
	}
	// other edits leave the flag alone
	p = ps[0]
	p.CPU = 4
	out, err = ed.Apply([]byte(doc), p)
	if err != nil || !strings.Contains(string(out), "--tensor-parallel-size=1\n") {
		t.Fatalf("a CPU edit touched the flag (%v):\n%s", err, out)
	}
}

func TestEditorApplyErrors(t *testing.T) {
	t.Parallel()
	ed := Editor{}
	ps, err := ed.Profiles([]byte(gpuSDL))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func(p *svc.Profile)
		want string
	}{
		{"unknown profile", func(p *svc.Profile) { p.Name = "web" }, `"web"`},
		{"storage below the other volumes", func(p *svc.Profile) { p.StorageBytes = 50 << 30 }, "other volumes"},
		{"amd model", func(p *svc.Profile) { p.GPUModels = []svc.GPUModel{{Vendor: "amd", Model: "mi300x"}} }, "only nvidia"},
		{"zero count", func(p *svc.Profile) { p.Count = 0 }, "out of range"},
		{"zero price", func(p *svc.Profile) { p.PriceUACT = 0 }, "positive"},
		{"tiny cpu", func(p *svc.Profile) { p.CPU = 0.001 }, "cpu"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := ps[0]
			p.GPUModels = append([]svc.GPUModel(nil), p.GPUModels...)
			tc.edit(&p)
			_, err := ed.Apply([]byte(gpuSDL), p)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

func TestUnitsText(t *testing.T) {
	t.Parallel()
	cores := map[float64]string{0.5: "0.5", 2: "2", 0.25: "250m", 1.5: "1.5", 0.125: "125m"}
	for c, want := range cores {
		if got := coresText(c); got != want {
			t.Errorf("coresText(%v) = %q, want %q", c, got, want)
		}
	}
	sizes := map[uint64]string{512 << 20: "512Mi", 4 << 30: "4Gi", 1 << 40: "1Ti", 1536: "1536", 3 << 10: "3Ki", 1000: "1000"}
	for b, want := range sizes {
		if got := sizeText(b); got != want {
			t.Errorf("sizeText(%d) = %q, want %q", b, got, want)
		}
	}
}

func TestKnownGPUs(t *testing.T) {
	t.Parallel()
	gs := Editor{}.KnownGPUs()
	found := false
	for _, g := range gs {
		if g.Vendor == "" || g.Model == "" {
			t.Fatalf("incomplete GPU %+v", g)
		}
		found = found || (g.Vendor == "nvidia" && g.Model == "h100")
	}
	if len(gs) < 10 || !found {
		t.Fatalf("%d known GPUs, h100 found: %v", len(gs), found)
	}
}
