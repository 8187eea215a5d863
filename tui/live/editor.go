package live

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/akt-project/akt/sdl"
	"github.com/akt-project/akt/tui/svc"
)

// Editor implements svc.Editor with the sdl package's parser and its comment-keeping
// editing API. It holds no state.
type Editor struct{}

var _ svc.Editor = Editor{}

// usage is where a compute profile is first deployed.
type usage struct {
	service, placement string
	count              uint32
}

// Profiles implements svc.Editor: one entry per compute profile in use, with the service
// and placement that first deploy it, that usage's count and the placement's price.
func (Editor) Profiles(doc []byte) ([]svc.Profile, error) {
	s, err := sdl.Parse(doc)
	if err != nil {
		return nil, fmt.Errorf("reading the SDL: %w", err)
	}
	ps, _, err := profiles(s)
	return ps, err
}

// profiles returns the profiles, the usage of each, and the volume sizes of each profile.
func profiles(s *sdl.SDL) ([]svc.Profile, map[string]usage, error) {
	uses := map[string]usage{}
	var order []string
	for _, d := range s.Deployments {
		for _, pd := range d.Placements {
			if _, ok := uses[pd.Profile]; !ok {
				uses[pd.Profile] = usage{service: d.Service, placement: pd.Placement, count: pd.Count}
				order = append(order, pd.Profile)
			}
		}
	}
	out := make([]svc.Profile, 0, len(order))
	for _, name := range order {
		cp := s.Profile(name)
		if cp == nil {
			return nil, nil, fmt.Errorf("reading the SDL: deployment uses compute profile %q, which is not defined", name)
		}
		u := uses[name]
		p := svc.Profile{Name: name, Service: u.service, Count: int(u.count)}
		p.CPU = float64(parseUint(cp.CPU)) / 1000
		p.MemoryBytes = parseUint(cp.Memory)
		for _, v := range cp.Storage {
			p.StorageBytes += parseUint(v.Size)
		}
		p.GPUUnits = int(parseUint(cp.GPU))
		p.GPUModels = gpuModelsOf(cp.GPUAttributes)
		if pl := s.Placement(u.placement); pl != nil {
			if pr, ok := pl.Price(name); ok {
				p.PriceUACT, _ = strconv.ParseFloat(pr.Amount, 64)
			}
		}
		out = append(out, p)
	}
	return out, uses, nil
}

func parseUint(s string) uint64 {
	n, _ := strconv.ParseUint(s, 10, 64)
	return n
}

// gpuModelsOf reads vendor/<v>/model/<m>[/ram/<r>][/interface/<i>] attributes; the
// "any model" wildcard gives no entry.
func gpuModelsOf(attrs []sdl.Attribute) []svc.GPUModel {
	var out []svc.GPUModel
	for _, a := range attrs {
		parts := strings.Split(a.Key, "/")
		if len(parts) < 4 || parts[0] != "vendor" || parts[2] != "model" || parts[3] == "*" {
			continue
		}
		g := svc.GPUModel{Vendor: parts[1], Model: parts[3]}
		for i := 4; i+1 < len(parts); i += 2 {
			switch parts[i] {
			case "ram":
				g.RAM = parts[i+1]
			case "interface":
				g.Interface = parts[i+1]
			}
		}
		out = append(out, g)
	}
	return out
}

// Apply implements svc.Editor: only the fields that differ from the document are rewritten,
// so comments, layout and untouched values stay as they were.
func (Editor) Apply(doc []byte, p svc.Profile) ([]byte, error) {
	s, err := sdl.Parse(doc)
	if err != nil {
		return nil, fmt.Errorf("reading the SDL: %w", err)
	}
	cur, uses, err := profiles(s)
	if err != nil {
		return nil, err
	}
	var old *svc.Profile
	for i := range cur {
		if cur[i].Name == p.Name {
			old = &cur[i]
		}
	}
	if old == nil {
		return nil, fmt.Errorf("editing the SDL: no compute profile %q in use", p.Name)
	}
	u := uses[p.Name]
	d, err := sdl.Edit(doc)
	if err != nil {
		return nil, fmt.Errorf("editing the SDL: %w", err)
	}
	if p.CPU != old.CPU {
		if err := d.SetCPU(p.Name, coresText(p.CPU)); err != nil {
			return nil, err
		}
	}
	if p.MemoryBytes != old.MemoryBytes {
		if err := d.SetMemory(p.Name, sizeText(p.MemoryBytes)); err != nil {
			return nil, err
		}
	}
	if p.StorageBytes != old.StorageBytes {
		if err := setStorage(d, s.Profile(p.Name), p.StorageBytes); err != nil {
			return nil, err
		}
	}
	if p.GPUUnits != old.GPUUnits {
		if p.GPUUnits < 0 || p.GPUUnits > math.MaxUint32 {
			return nil, fmt.Errorf("setting gpu of %q: %d units is out of range", p.Name, p.GPUUnits)
		}
		if err := d.SetGPU(p.Name, uint32(p.GPUUnits)); err != nil {
			return nil, err
		}
		// vLLM's and SGLang's tensor-parallel size follows the GPU count, as the
		// templates write it; the review shows the changed command line
		if _, err := d.SyncTensorParallel(p.Name, uint32(p.GPUUnits)); err != nil {
			return nil, err
		}
	}
	if p.GPUUnits > 0 && !sameModels(p.GPUModels, old.GPUModels) {
		var specs []sdl.GPUModelSpec
		for _, g := range p.GPUModels {
			if g.Vendor != "nvidia" {
				return nil, fmt.Errorf("setting GPU models of %q: %s %s: only nvidia models can be chosen", p.Name, g.Vendor, g.Model)
			}
			specs = append(specs, sdl.GPUModelSpec{Model: g.Model, RAM: g.RAM, Interface: g.Interface})
		}
		if err := d.SetGPUModels(p.Name, "nvidia", specs); err != nil {
			return nil, err
		}
	}
	if p.Count != old.Count {
		if p.Count < 1 || p.Count > math.MaxUint32 {
			return nil, fmt.Errorf("setting count of %q: %d replicas is out of range", u.service, p.Count)
		}
		if err := d.SetCount(u.service, u.placement, uint32(p.Count)); err != nil {
			return nil, err
		}
	}
	if p.PriceUACT != old.PriceUACT {
		if p.PriceUACT <= 0 {
			return nil, fmt.Errorf("setting price of %q: the price must be positive", p.Name)
		}
		if err := d.SetPrice(u.placement, p.Name, strconv.FormatFloat(p.PriceUACT, 'f', -1, 64), "uact"); err != nil {
			return nil, err
		}
	}
	return d.Bytes(), nil
}

// setStorage sets a profile's total storage: the only volume takes it all; with several,
// the first takes what the others leave.
func setStorage(d *sdl.Document, cp *sdl.ComputeProfile, total uint64) error {
	if cp == nil || len(cp.Storage) == 0 {
		return fmt.Errorf("setting storage: the profile has no storage volume")
	}
	var others uint64
	for _, v := range cp.Storage[1:] {
		others += parseUint(v.Size)
	}
	if total <= others {
		return fmt.Errorf("setting storage of %q: %s does not cover its other volumes (%s)", cp.Name, sizeText(total), sizeText(others))
	}
	return d.SetStorage(cp.Name, cp.Storage[0].Name, sizeText(total-others))
}

func sameModels(a, b []svc.GPUModel) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// coresText writes cores as the SDL does: "0.5", "2", or whole millicores ("250m").
func coresText(c float64) string {
	m := math.Round(c * 1000)
	if m == math.Round(c)*1000 || m == math.Round(c*10)*100 {
		return strconv.FormatFloat(m/1000, 'f', -1, 64)
	}
	return strconv.FormatFloat(m, 'f', 0, 64) + "m"
}

// sizeText writes a byte count with the largest binary unit that divides it.
func sizeText(b uint64) string {
	for _, u := range []struct {
		suffix string
		size   uint64
	}{{"Ti", 1 << 40}, {"Gi", 1 << 30}, {"Mi", 1 << 20}, {"Ki", 1 << 10}} {
		if b >= u.size && b%u.size == 0 {
			return strconv.FormatUint(b/u.size, 10) + u.suffix
		}
	}
	return strconv.FormatUint(b, 10)
}

// KnownGPUs implements svc.Editor with the models providers advertise (sdl.KnownGPUs).
func (Editor) KnownGPUs() []svc.GPUModel {
	known := sdl.KnownGPUs()
	out := make([]svc.GPUModel, 0, len(known))
	for _, g := range known {
		out = append(out, svc.GPUModel{Vendor: g.Vendor, Model: g.Model, RAM: g.Memory, Interface: g.Interface})
	}
	return out
}
