package fake

import (
	"fmt"
	"strings"
	"sync"

	"github.com/akt-project/akt/tui/format"
	"github.com/akt-project/akt/tui/svc"
)

// Editor is an in-memory svc.Editor. It renders SDL text from profiles and remembers which
// profiles each text it produced stands for, so Profiles and Apply work on its own output
// (and keep the header comment, as the real editor keeps every comment).
type Editor struct {
	mu   sync.Mutex
	docs map[string]doc
}

type doc struct {
	header   string
	env      []string
	profiles []svc.Profile
}

// NewEditor returns an empty editor.
func NewEditor() *Editor { return &Editor{docs: map[string]doc{}} }

// Document renders an SDL for profiles (one service per profile) and records it.
func (e *Editor) Document(header string, env []string, profiles []svc.Profile) []byte {
	e.mu.Lock()
	defer e.mu.Unlock()
	d := doc{header: header, env: env, profiles: append([]svc.Profile(nil), profiles...)}
	text := render(d)
	e.docs[text] = d
	return []byte(text)
}

// Profiles implements svc.Editor.
func (e *Editor) Profiles(sdl []byte) ([]svc.Profile, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	d, ok := e.docs[string(sdl)]
	if !ok {
		return nil, fmt.Errorf("parsing SDL: not a document this fake editor produced")
	}
	return append([]svc.Profile(nil), d.profiles...), nil
}

// Apply implements svc.Editor.
func (e *Editor) Apply(sdl []byte, p svc.Profile) ([]byte, error) {
	e.mu.Lock()
	d, ok := e.docs[string(sdl)]
	e.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("editing SDL: not a document this fake editor produced")
	}
	ps := append([]svc.Profile(nil), d.profiles...)
	found := false
	for i := range ps {
		if ps[i].Name == p.Name {
			ps[i], found = p, true
		}
	}
	if !found {
		return nil, fmt.Errorf("editing SDL: no compute profile %q", p.Name)
	}
	return e.Document(d.header, d.env, ps), nil
}

// KnownGPUs implements svc.Editor.
func (e *Editor) KnownGPUs() []svc.GPUModel {
	return []svc.GPUModel{
		{Vendor: "nvidia", Model: "h100", RAM: "80Gi", Interface: "sxm"},
		{Vendor: "nvidia", Model: "h100", RAM: "80Gi", Interface: "pcie"},
		{Vendor: "nvidia", Model: "a100", RAM: "80Gi", Interface: "sxm"},
		{Vendor: "nvidia", Model: "a100", RAM: "40Gi", Interface: "pcie"},
		{Vendor: "nvidia", Model: "l40s", RAM: "48Gi", Interface: "pcie"},
		{Vendor: "nvidia", Model: "rtx4090", RAM: "24Gi", Interface: "pcie"},
		{Vendor: "nvidia", Model: "rtx3090", RAM: "24Gi", Interface: "pcie"},
		{Vendor: "amd", Model: "mi300x", RAM: "192Gi", Interface: "sxm"},
	}
}

func render(d doc) string {
	var b strings.Builder
	b.WriteString(d.header)
	b.WriteString("version: \"2.0\"\nservices:\n")
	for _, p := range d.profiles {
		fmt.Fprintf(&b, "  %s:\n    image: example/%s:1\n", p.Service, p.Service)
		if len(d.env) > 0 {
			b.WriteString("    env:\n")
			for _, e := range d.env {
				fmt.Fprintf(&b, "      - %s\n", e)
			}
		}
		b.WriteString("    expose:\n      - port: 8080\n        as: 80\n        to:\n          - global: true\n")
	}
	b.WriteString("profiles:\n  compute:\n")
	for _, p := range d.profiles {
		fmt.Fprintf(&b, "    %s:\n      resources:\n        cpu:\n          units: %s\n", p.Name, format.Cores(p.CPU))
		fmt.Fprintf(&b, "        memory:\n          size: %s\n        storage:\n          size: %s\n",
			format.Bytes(p.MemoryBytes), format.Bytes(p.StorageBytes))
		if p.GPUUnits > 0 {
			fmt.Fprintf(&b, "        gpu:\n          units: %d\n          attributes:\n            vendor:\n", p.GPUUnits)
			byVendor := map[string][]svc.GPUModel{}
			var vendors []string
			for _, g := range p.GPUModels {
				if _, ok := byVendor[g.Vendor]; !ok {
					vendors = append(vendors, g.Vendor)
				}
				byVendor[g.Vendor] = append(byVendor[g.Vendor], g)
			}
			for _, v := range vendors {
				fmt.Fprintf(&b, "              %s:\n", v)
				for _, g := range byVendor[v] {
					fmt.Fprintf(&b, "                - model: %s\n", g.Model)
					if g.RAM != "" {
						fmt.Fprintf(&b, "                  ram: %s\n", g.RAM)
					}
					if g.Interface != "" {
						fmt.Fprintf(&b, "                  interface: %s\n", g.Interface)
					}
				}
			}
		}
	}
	b.WriteString("  placement:\n    dcloud:\n      pricing:\n")
	for _, p := range d.profiles {
		fmt.Fprintf(&b, "        %s:\n          denom: uact\n          amount: %s\n", p.Name, format.Cores(p.PriceUACT))
	}
	b.WriteString("deployment:\n")
	for _, p := range d.profiles {
		fmt.Fprintf(&b, "  %s:\n    dcloud:\n      profile: %s\n      count: %d\n", p.Service, p.Name, p.Count)
	}
	return b.String()
}
