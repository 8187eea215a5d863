package sdl

import (
	"strings"
	"testing"
)

const commented = `# My app
version: "2.0"

services:
  web:
    image: nginx:1.25 # pinned
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
          units: 0.5   # half a core
        memory:
          size: "512Mi"
        storage:
          - size: 1Gi
          - name: data
            size: 10Gi
            attributes: {persistent: true, class: beta2}
  placement:
    dcloud:
      pricing:
        web:
          denom: uakt # old
          amount: 1000

deployment:
  web:
    dcloud:
      profile: web
      count: 1
`

func TestEditKeepsEverythingElse(t *testing.T) {
	t.Parallel()
	src := strings.Replace(commented, "          - size: 1Gi\n", "          - size: 1Gi\n", 1)
	src = strings.Replace(src, "    image: nginx:1.25 # pinned\n", "    image: nginx:1.25 # pinned\n    params:\n      storage:\n        data:\n          mount: /data\n", 1)
	d, err := Edit([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	steps := []func() error{
		func() error { return d.SetCPU("web", "2") },
		func() error { return d.SetMemory("web", "4Gi") },
		func() error { return d.SetStorage("web", "data", "20Gi") },
		func() error { return d.SetStorage("web", "default", "2Gi") },
		func() error { return d.SetCount("web", "dcloud", 3) },
		func() error { return d.SetPrice("dcloud", "web", "2500", "uact") },
		func() error { return d.SetGPU("web", 2) },
		func() error { return d.AddGPUModel("web", "nvidia", GPUModelSpec{Model: "a100", RAM: "80Gi"}) },
		func() error { return d.AddGPUModel("web", "nvidia", GPUModelSpec{Model: "h100", Interface: "sxm"}) },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	want := strings.NewReplacer(
		"units: 0.5   # half a core", "units: 2   # half a core",
		`size: "512Mi"`, `size: "4Gi"`,
		"- size: 1Gi", "- size: 2Gi",
		"size: 10Gi", "size: 20Gi",
		"count: 1", "count: 3",
		"denom: uakt # old", "denom: uact # old",
		"amount: 1000", "amount: 2500",
		"            attributes: {persistent: true, class: beta2}\n",
		"            attributes: {persistent: true, class: beta2}\n        gpu:\n          units: 2\n          attributes:\n            vendor:\n              nvidia:\n                - model: a100\n                  ram: 80Gi\n                - model: h100\n                  interface: sxm\n",
	).Replace(src)
	if got := string(d.Bytes()); got != want {
		t.Fatalf("edited document:\n%s\nwant:\n%s", got, want)
	}
	s, err := d.SDL()
	if err != nil {
		t.Fatal(err)
	}
	g := s.Groups()[0].Resources[0]
	if g.Count != 3 || g.Resources.CPU.Value != "2000" || g.Resources.GPU.Value != "2" || g.Price.Amount != "2500" {
		t.Errorf("groups after edit: %+v", g)
	}
	// remove one model, then the other: the list goes, any model remains
	if err := d.RemoveGPUModel("web", "nvidia", GPUModelSpec{Model: "a100"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(d.Bytes()), "a100") || !strings.Contains(string(d.Bytes()), "- model: h100\n") {
		t.Fatalf("after removing a100:\n%s", d.Bytes())
	}
	if err := d.RemoveGPUModel("web", "nvidia", GPUModelSpec{Model: "h100"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(d.Bytes()), "              nvidia:\n") {
		t.Fatalf("after removing h100:\n%s", d.Bytes())
	}
	if err := d.SetGPU("web", 0); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(d.Bytes()), "gpu") {
		t.Fatalf("gpu section left after setting 0 units:\n%s", d.Bytes())
	}
}

func TestEditRefusesBadEdits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit func(d *Document) error
		want string
	}{
		{"unknown profile", func(d *Document) error { return d.SetCPU("api", "1") }, `compute profile "api"`},
		{"bad cpu", func(d *Document) error { return d.SetCPU("web", "fast") }, "invalid cpu units"},
		{"bad size", func(d *Document) error { return d.SetMemory("web", "4GB") }, `invalid size "4GB"`},
		{"unknown volume", func(d *Document) error { return d.SetStorage("web", "logs", "1Gi") }, `no storage volume "logs"`},
		{"zero count", func(d *Document) error { return d.SetCount("web", "dcloud", 0) }, "at least 1"},
		{"unknown placement", func(d *Document) error { return d.SetCount("web", "west", 2) }, "deployment.web.west not found"},
		{"bad amount", func(d *Document) error { return d.SetPrice("dcloud", "web", "-1", "") }, "invalid amount"},
		{"bad denom", func(d *Document) error { return d.SetPrice("dcloud", "web", "1", "usd") }, "unknown denom"},
		{"model without gpu", func(d *Document) error {
			return d.AddGPUModel("web", "nvidia", GPUModelSpec{Model: "a100"})
		}, "set GPU units first"},
		{"bad interface", func(d *Document) error {
			return d.AddGPUModel("web", "nvidia", GPUModelSpec{Model: "a100", Interface: "nvlink"})
		}, "invalid GPU interface"},
		{"amd", func(d *Document) error { return d.AddGPUModel("web", "amd", GPUModelSpec{Model: "mi100"}) }, "unsupported vendor"},
		{"duplicate model", func(d *Document) error {
			if err := d.SetGPU("web", 1); err != nil {
				return err
			}
			if err := d.AddGPUModel("web", "nvidia", GPUModelSpec{Model: "a100"}); err != nil {
				return err
			}
			return d.AddGPUModel("web", "nvidia", GPUModelSpec{Model: "a100"})
		}, "already listed"},
		{"remove unlisted", func(d *Document) error {
			if err := d.SetGPU("web", 1); err != nil {
				return err
			}
			return d.RemoveGPUModel("web", "nvidia", GPUModelSpec{Model: "a100"})
		}, "lists no nvidia models"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, err := Edit([]byte(baseSDL))
			if err != nil {
				t.Fatal(err)
			}
			err = tt.edit(d)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if _, perr := d.SDL(); perr != nil {
				t.Fatalf("document left invalid: %v", perr)
			}
		})
	}
}

func TestEditFlowStyle(t *testing.T) {
	t.Parallel()
	src := withSDL("          size: 1Gi\n", "          size: 1Gi\n        gpu: {units: 1, attributes: {vendor: {nvidia: [{model: a100}]}}}\n")
	d, err := Edit([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.AddGPUModel("web", "nvidia", GPUModelSpec{Model: "h100", RAM: "80Gi", Interface: "sxm"}); err != nil {
		t.Fatal(err)
	}
	if err := d.SetGPU("web", 4); err != nil {
		t.Fatal(err)
	}
	want := "        gpu: {units: 4, attributes: {vendor: {nvidia: [{model: a100}, {model: h100, ram: 80Gi, interface: sxm}]}}}\n"
	if !strings.Contains(string(d.Bytes()), want) {
		t.Fatalf("got:\n%s\nwant line:\n%s", d.Bytes(), want)
	}
	s, err := d.SDL()
	if err != nil {
		t.Fatal(err)
	}
	attrs := s.Profile("web").GPUAttributes
	if len(attrs) != 2 || attrs[1].Key != "vendor/nvidia/model/h100/ram/80Gi/interface/sxm" {
		t.Errorf("gpu attributes %v", attrs)
	}
}

// TestEditCorpus edits every accepted corpus file (CPU, memory, count,
// price, GPU) and checks the result is valid, holds the new values and keeps
// every comment of the original.
func TestEditCorpus(t *testing.T) {
	t.Parallel()
	edited := 0
	for _, r := range loadCorpus(t) {
		s, err := Parse(r.Data)
		if err != nil {
			continue
		}
		d, err := Edit(r.Data)
		if err != nil {
			t.Errorf("%s: %v", r.File, err)
			continue
		}
		for i := range s.Compute {
			name := s.Compute[i].Name
			if err := d.SetCPU(name, "750m"); err != nil {
				t.Errorf("%s: %v", r.File, err)
			}
			if err := d.SetMemory(name, "3Gi"); err != nil {
				t.Errorf("%s: %v", r.File, err)
			}
			if err := d.SetGPU(name, 1); err != nil {
				t.Errorf("%s: %v", r.File, err)
			}
			if err := d.AddGPUModel(name, "nvidia", GPUModelSpec{Model: "zz9000", RAM: "48Gi"}); err != nil {
				t.Errorf("%s: %v", r.File, err)
			}
		}
		for _, dep := range s.Deployments {
			for _, pd := range dep.Placements {
				if err := d.SetCount(dep.Service, pd.Placement, 2); err != nil {
					t.Errorf("%s: %v", r.File, err)
				}
				if err := d.SetPrice(pd.Placement, pd.Profile, "1234", "uact"); err != nil {
					t.Errorf("%s: %v", r.File, err)
				}
			}
		}
		after, err := d.SDL()
		if err != nil {
			t.Errorf("%s: edited file invalid: %v\n%s", r.File, err, d.Bytes())
			continue
		}
		for i := range after.Compute {
			p, name := &after.Compute[i], after.Compute[i].Name
			last := p.GPUAttributes[len(p.GPUAttributes)-1].Key
			if p.CPU != "750" || p.Memory != "3221225472" || p.GPU != "1" || last != "vendor/nvidia/model/zz9000/ram/48Gi" {
				t.Errorf("%s: profile %s after edit: cpu %s memory %s gpu %s %s", r.File, name, p.CPU, p.Memory, p.GPU, last)
			}
		}
		for _, g := range after.Groups() {
			for _, ru := range g.Resources {
				if ru.Price.Amount != "1234" || ru.Price.Denom != "uact" {
					t.Errorf("%s: price after edit %+v", r.File, ru.Price)
				}
			}
		}
		out := string(d.Bytes())
		for _, line := range strings.Split(string(r.Data), "\n") {
			if c := strings.TrimSpace(line); strings.HasPrefix(c, "#") && !strings.Contains(out, c) {
				t.Errorf("%s: comment lost: %q", r.File, c)
			}
		}
		edited++
	}
	t.Logf("edited %d corpus files", edited)
}
