package sdl

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// GPUModelSpec is a GPU model entry: model name, optional memory ("80Gi") and
// interface ("pcie" or "sxm").
type GPUModelSpec struct {
	Model     string
	RAM       string
	Interface string
}

// String renders the spec as model[:ram[:interface]].
func (g GPUModelSpec) String() string {
	s := g.Model
	if g.RAM != "" || g.Interface != "" {
		s += ":" + g.RAM
	}
	if g.Interface != "" {
		s += ":" + g.Interface
	}
	return s
}

var gpuModelNameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// Validate checks the spec's fields.
func (g GPUModelSpec) Validate() error {
	if !gpuModelNameRe.MatchString(g.Model) {
		return fmt.Errorf("invalid GPU model %q: use the lower-case model name, e.g. a100", g.Model)
	}
	if g.RAM != "" && !isGPURAM(g.RAM) {
		return fmt.Errorf("invalid GPU memory %q: use a size in Gi such as 80Gi", g.RAM)
	}
	if g.Interface != "" && g.Interface != "pcie" && g.Interface != "sxm" {
		return fmt.Errorf("invalid GPU interface %q: use pcie or sxm", g.Interface)
	}
	return nil
}

// SetCPU sets a compute profile's CPU units ("500m", "0.5", "2").
func (d *Document) SetCPU(profile, units string) error {
	m, ok := parseCPU(units)
	if !ok || m < 10 || m != math.Trunc(m) {
		return fmt.Errorf("setting cpu of %q: invalid cpu units %q: use cores (0.5, 2) or whole millicores of at least 10m", profile, units)
	}
	nv := strNode(units)
	if _, err := strconv.ParseFloat(units, 64); err == nil {
		nv = numNode(units)
	}
	return d.apply("setting cpu of "+strconv.Quote(profile), func(ix *textIndex) ([]patch, error) {
		res, err := d.resources(profile)
		if err != nil {
			return nil, err
		}
		_, cpu := pair(res, "cpu")
		if cpu == nil || cpu.Kind != yaml.MappingNode {
			return []patch{d.setValue(ix, res, "cpu", mapNode(strNode("units"), nv))}, nil
		}
		_, old := pair(cpu, "units")
		return []patch{d.setValue(ix, cpu, "units", keepStyle(old, nv))}, nil
	})
}

// checkSize accepts only standard units, so edits never introduce warnings.
func checkSize(size string) error {
	_, unit, ok := parseSize(size)
	if !ok || !canonicalUnits[unit] {
		return fmt.Errorf("invalid size %q: use a number with a unit such as 512Mi, 1Gi or 1G", size)
	}
	return nil
}

// SetMemory sets a compute profile's memory size ("512Mi", "4Gi").
func (d *Document) SetMemory(profile, size string) error {
	if err := checkSize(size); err != nil {
		return fmt.Errorf("setting memory of %q: %w", profile, err)
	}
	return d.apply("setting memory of "+strconv.Quote(profile), func(ix *textIndex) ([]patch, error) {
		res, err := d.resources(profile)
		if err != nil {
			return nil, err
		}
		_, mem := pair(res, "memory")
		if mem == nil || mem.Kind != yaml.MappingNode {
			return []patch{d.setValue(ix, res, "memory", mapNode(strNode("size"), strNode(size)))}, nil
		}
		_, old := pair(mem, "size")
		return []patch{d.setValue(ix, mem, "size", keepStyle(old, strNode(size)))}, nil
	})
}

// SetStorage sets the size of a storage volume of a compute profile; volume
// "default" (or "") names the unnamed volume.
func (d *Document) SetStorage(profile, volume, size string) error {
	if err := checkSize(size); err != nil {
		return fmt.Errorf("setting storage of %q: %w", profile, err)
	}
	if volume == "" {
		volume = "default"
	}
	return d.apply(fmt.Sprintf("setting storage %q of %q", volume, profile), func(ix *textIndex) ([]patch, error) {
		res, err := d.resources(profile)
		if err != nil {
			return nil, err
		}
		_, st := pair(res, "storage")
		var vols []*yaml.Node
		switch {
		case st == nil:
			return nil, errNotFound("storage")
		case st.Kind == yaml.MappingNode:
			vols = []*yaml.Node{st}
		case st.Kind == yaml.SequenceNode:
			vols = st.Content
		}
		for _, v := range vols {
			name := "default"
			if _, n := pair(v, "name"); n != nil && n.Value != "" {
				name = n.Value
			}
			if name == volume {
				_, old := pair(v, "size")
				return []patch{d.setValue(ix, v, "size", keepStyle(old, strNode(size)))}, nil
			}
		}
		return nil, fmt.Errorf("profile %q has no storage volume %q", profile, volume)
	})
}

// SetGPU sets the GPU units of a compute profile. Setting units on a profile
// without GPU adds a gpu section allowing any NVIDIA model (narrow it with
// AddGPUModel); setting 0 removes the gpu section.
func (d *Document) SetGPU(profile string, units uint32) error {
	return d.apply("setting gpu of "+strconv.Quote(profile), func(ix *textIndex) ([]patch, error) {
		res, err := d.resources(profile)
		if err != nil {
			return nil, err
		}
		_, gpu := pair(res, "gpu")
		n := numNode(strconv.FormatUint(uint64(units), 10))
		anyNvidia := mapNode(strNode("vendor"), mapNode(strNode("nvidia"), nullNode()))
		if units == 0 {
			if p, ok := d.removePair(ix, res, "gpu"); ok {
				return []patch{p}, nil
			}
			return nil, nil
		}
		if gpu == nil || gpu.Kind != yaml.MappingNode {
			return []patch{d.setValue(ix, res, "gpu", mapNode(strNode("units"), n, strNode("attributes"), anyNvidia))}, nil
		}
		ps := []patch{d.setValue(ix, gpu, "units", n)}
		if k, _ := pair(gpu, "attributes"); k == nil {
			ps = append(ps, d.insertPair(ix, gpu, "attributes", anyNvidia))
		}
		return ps, nil
	})
}

// gpuVendor returns the mapping gpu.attributes.vendor of a profile, or the
// patch that creates the path down to vendor.<name> holding item.
func (d *Document) gpuVendor(ix *textIndex, profile string) (gpu, attrs, vendor *yaml.Node, err error) {
	res, err := d.resources(profile)
	if err != nil {
		return nil, nil, nil, err
	}
	_, gpu = pair(res, "gpu")
	if gpu == nil || gpu.Kind != yaml.MappingNode {
		return nil, nil, nil, fmt.Errorf("profile %q has no GPU: set GPU units first", profile)
	}
	_, attrs = pair(gpu, "attributes")
	if attrs != nil && attrs.Kind == yaml.MappingNode {
		_, vendor = pair(attrs, "vendor")
	}
	return gpu, attrs, vendor, nil
}

// AddGPUModel adds a GPU model (with optional ram and interface) to a
// profile's vendor list. Adding a model already listed is an error.
func (d *Document) AddGPUModel(profile, vendor string, m GPUModelSpec) error {
	if vendor != "nvidia" {
		return fmt.Errorf("adding GPU model to %q: unsupported vendor %q (only nvidia)", profile, vendor)
	}
	if err := m.Validate(); err != nil {
		return fmt.Errorf("adding GPU model to %q: %w", profile, err)
	}
	item := mapNode(strNode("model"), strNode(m.Model))
	if m.RAM != "" {
		item.Content = append(item.Content, strNode("ram"), strNode(m.RAM))
	}
	if m.Interface != "" {
		item.Content = append(item.Content, strNode("interface"), strNode(m.Interface))
	}
	return d.apply(fmt.Sprintf("adding GPU model %s to %q", m, profile), func(ix *textIndex) ([]patch, error) {
		gpu, attrs, vend, err := d.gpuVendor(ix, profile)
		if err != nil {
			return nil, err
		}
		list := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{item}}
		switch {
		case attrs == nil || attrs.Kind != yaml.MappingNode:
			return []patch{d.setValue(ix, gpu, "attributes", mapNode(strNode("vendor"), mapNode(strNode(vendor), list)))}, nil
		case vend == nil || vend.Kind != yaml.MappingNode:
			return []patch{d.setValue(ix, attrs, "vendor", mapNode(strNode(vendor), list))}, nil
		}
		_, models := pair(vend, vendor)
		if models == nil || models.Kind != yaml.SequenceNode {
			return []patch{d.setValue(ix, vend, vendor, list)}, nil
		}
		for _, it := range models.Content {
			if sameModel(it, m) {
				return nil, fmt.Errorf("model %s is already listed", m)
			}
		}
		return []patch{d.appendItem(ix, models, item)}, nil
	})
}

// RemoveGPUModel removes the entries of a model from a profile's vendor list;
// empty RAM or Interface match any. Removing the last model leaves the vendor
// with no list, which allows any model of that vendor.
func (d *Document) RemoveGPUModel(profile, vendor string, m GPUModelSpec) error {
	return d.apply(fmt.Sprintf("removing GPU model %s from %q", m, profile), func(ix *textIndex) ([]patch, error) {
		_, _, vend, err := d.gpuVendor(ix, profile)
		if err != nil {
			return nil, err
		}
		_, models := pair(vend, vendor)
		if models == nil || models.Kind != yaml.SequenceNode {
			return nil, fmt.Errorf("profile %q lists no %s models", profile, vendor)
		}
		drop := map[int]bool{}
		for i, it := range models.Content {
			if matchModel(it, m) {
				drop[i] = true
			}
		}
		if len(drop) == 0 {
			return nil, fmt.Errorf("profile %q does not list %s model %s", profile, vendor, m)
		}
		if len(drop) == len(models.Content) {
			return []patch{d.setValue(ix, vend, vendor, nullNode())}, nil
		}
		return d.removeItems(ix, models, drop), nil
	})
}

func modelField(item *yaml.Node, key string) string {
	if _, v := pair(item, key); v != nil {
		return v.Value
	}
	return ""
}

func sameModel(item *yaml.Node, m GPUModelSpec) bool {
	return modelField(item, "model") == m.Model && modelField(item, "ram") == m.RAM && modelField(item, "interface") == m.Interface
}

func matchModel(item *yaml.Node, m GPUModelSpec) bool {
	return modelField(item, "model") == m.Model &&
		(m.RAM == "" || modelField(item, "ram") == m.RAM) &&
		(m.Interface == "" || modelField(item, "interface") == m.Interface)
}

// SetCount sets how many instances of a service run in a placement.
func (d *Document) SetCount(service, placement string, count uint32) error {
	if count == 0 {
		return fmt.Errorf("setting count of %q in %q: count must be at least 1", service, placement)
	}
	return d.apply(fmt.Sprintf("setting count of %q in %q", service, placement), func(ix *textIndex) ([]patch, error) {
		dep, err := d.lookup("deployment", service, placement)
		if err != nil {
			return nil, err
		}
		if dep.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("deployment.%s.%s is not a mapping", service, placement)
		}
		return []patch{d.setValue(ix, dep, "count", numNode(strconv.FormatUint(uint64(count), 10)))}, nil
	})
}

var intRe = regexp.MustCompile(`^[0-9]+$`)

// SetPrice sets the price of a profile in a placement (amount as a decimal
// text, e.g. "1000" or "0.5"); an empty denom keeps the current one.
func (d *Document) SetPrice(placement, profile, amount, denom string) error {
	what := fmt.Sprintf("setting price of %q in %q", profile, placement)
	if !isAmount(amount) {
		return fmt.Errorf("%s: invalid amount %q: use a decimal number such as 1000 or 0.5", what, amount)
	}
	if denom != "" && !isDenom(denom) {
		return fmt.Errorf("%s: unknown denom %q: use uact", what, denom)
	}
	amt := strNode(amount)
	if intRe.MatchString(amount) {
		amt = numNode(amount)
	}
	return d.apply(what, func(ix *textIndex) ([]patch, error) {
		pricing, err := d.lookup("profiles", "placement", placement, "pricing")
		if err != nil {
			return nil, err
		}
		if pricing.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("profiles.placement.%s.pricing is not a mapping", placement)
		}
		_, price := pair(pricing, profile)
		if price == nil || price.Kind != yaml.MappingNode {
			if denom == "" {
				denom = "uact"
			}
			return []patch{d.setValue(ix, pricing, profile, mapNode(strNode("denom"), strNode(denom), strNode("amount"), amt))}, nil
		}
		_, old := pair(price, "amount")
		ps := []patch{d.setValue(ix, price, "amount", keepStyle(old, amt))}
		if denom != "" {
			_, oldD := pair(price, "denom")
			ps = append(ps, d.setValue(ix, price, "denom", keepStyle(oldD, strNode(denom))))
		}
		return ps, nil
	})
}

// SetGPUModels replaces a profile's list of models for a vendor; an empty
// list allows any model of that vendor.
func (d *Document) SetGPUModels(profile, vendor string, models []GPUModelSpec) error {
	if vendor != "nvidia" {
		return fmt.Errorf("setting GPU models of %q: unsupported vendor %q (only nvidia)", profile, vendor)
	}
	list := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, m := range models {
		if err := m.Validate(); err != nil {
			return fmt.Errorf("setting GPU models of %q: %w", profile, err)
		}
		item := mapNode(strNode("model"), strNode(m.Model))
		if m.RAM != "" {
			item.Content = append(item.Content, strNode("ram"), strNode(m.RAM))
		}
		if m.Interface != "" {
			item.Content = append(item.Content, strNode("interface"), strNode(m.Interface))
		}
		list.Content = append(list.Content, item)
	}
	var value *yaml.Node = list
	if len(models) == 0 {
		value = nullNode()
	}
	return d.apply(fmt.Sprintf("setting GPU models of %q", profile), func(ix *textIndex) ([]patch, error) {
		gpu, attrs, vend, err := d.gpuVendor(ix, profile)
		if err != nil {
			return nil, err
		}
		switch {
		case attrs == nil || attrs.Kind != yaml.MappingNode:
			return []patch{d.setValue(ix, gpu, "attributes", mapNode(strNode("vendor"), mapNode(strNode(vendor), value)))}, nil
		case vend == nil || vend.Kind != yaml.MappingNode:
			return []patch{d.setValue(ix, attrs, "vendor", mapNode(strNode(vendor), value))}, nil
		}
		return []patch{d.setValue(ix, vend, vendor, value)}, nil
	})
}

// ParseGPUModel reads model[:ram[:interface]] ("a100", "a100:80Gi",
// "h100:80Gi:sxm", "h100::sxm").
func ParseGPUModel(s string) (GPUModelSpec, error) {
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return GPUModelSpec{}, fmt.Errorf("invalid GPU model %q: use model[:ram[:interface]]", s)
	}
	m := GPUModelSpec{Model: parts[0]}
	if len(parts) > 1 {
		m.RAM = parts[1]
	}
	if len(parts) > 2 {
		m.Interface = parts[2]
	}
	return m, m.Validate()
}

// ProfileNames returns the compute profile names in document order.
func (d *Document) ProfileNames() []string {
	c, err := d.lookup("profiles", "compute")
	if err != nil || c.Kind != yaml.MappingNode {
		return nil
	}
	var out []string
	for i := 0; i+1 < len(c.Content); i += 2 {
		out = append(out, c.Content[i].Value)
	}
	return out
}
