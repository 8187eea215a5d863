package sdl

import (
	"math"
	"slices"
	"strings"
)

func (p *parser) parseProfiles(s *SDL, v *value) {
	if !p.mapping(v, rawPath("profiles")) {
		return
	}
	f := p.profilesFields(v, rawPath("profiles")) // compute, placement
	p.need(v, rawPath("profiles"), f[0], "compute")
	p.need(v, rawPath("profiles"), f[1], "placement")
	if cv := f[0]; cv != nil && p.mapping(cv, rawPath("profiles.compute")) {
		s.Compute = take(&p.a.profiles, len(cv.keys))
		for i, name := range cv.keys {
			p.parseCompute(s, name, cv.vals[i], joinPath(rawPath("profiles.compute"), name))
		}
	}
	if pv := f[1]; pv != nil && p.mapping(pv, rawPath("profiles.placement")) {
		s.Placements = take(&p.a.places, len(pv.keys))
		for i, name := range pv.keys {
			p.parsePlacement(s, name, pv.vals[i], joinPath(rawPath("profiles.placement"), name))
		}
	}
}

// parseCompute reads compute profile name and, unless it is too broken to
// read, appends it to s.Compute (which has room for every profile).
func (p *parser) parseCompute(s *SDL, name string, v *value, path dpath) {
	if !p.mapping(v, path) {
		return
	}
	rv := p.computeField(v, path) // resources
	p.need(v, path, rv, "resources")
	if rv == nil {
		return
	}
	path = joinPath(path, "resources")
	if !p.mapping(rv, path) {
		return
	}
	f := p.resourcesFields(rv, path) // cpu, memory, storage, gpu
	p.need(rv, path, f[0], "cpu")
	p.need(rv, path, f[1], "memory")
	p.need(rv, path, f[2], "storage")
	s.Compute = append(s.Compute, ComputeProfile{})
	prof := &s.Compute[len(s.Compute)-1]
	prof.Name, prof.GPU = name, "0"
	if cv := f[0]; cv != nil {
		p.parseCPU(prof, cv, joinPath(path, "cpu"))
	}
	if mv := f[1]; mv != nil {
		mp := joinPath(path, "memory")
		if p.mapping(mv, mp) {
			sz := p.memoryField(mv, mp) // size
			p.need(mv, mp, sz, "size")
			if sz != nil {
				prof.Memory, _ = p.size(sz, joinPath(mp, "size"))
			}
		}
	}
	if sv := f[2]; sv != nil {
		p.parseStorage(prof, sv, joinPath(path, "storage"))
	}
	if gv := f[3]; gv != nil {
		p.parseGPU(prof, gv, joinPath(path, "gpu"))
	}
}

func (p *parser) parseCPU(prof *ComputeProfile, v *value, path dpath) {
	if !p.mapping(v, path) {
		return
	}
	f := p.unitsFields(v, path) // units, attributes
	p.need(v, path, f[0], "units")
	if uv := f[0]; uv != nil {
		up := joinPath(path, "units")
		var milli float64
		switch uv.kind {
		case kNumber:
			if uv.num <= 0 || math.IsInf(uv.num, 0) || math.IsNaN(uv.num) {
				p.diags.errorf(uv, up, "cpu units must be greater than 0, got %s", uv.str)
				return
			}
			milli = uv.num * 1e3
		case kString:
			m, ok := parseCPU(uv.str)
			if !ok {
				p.diags.errorf(uv, up, "invalid cpu units %q: use a number of cores (0.5, 2) or millicores (500m)", uv.str)
				return
			}
			if m == 0 {
				p.diags.errorf(uv, up, "cpu units must be greater than 0, got %q", uv.str)
				return
			}
			milli = m
		default:
			p.diags.errorf(uv, up, "cpu units must be a number or a string like \"500m\", got %s", describe(uv))
			return
		}
		if milli != math.Trunc(milli) {
			p.diags.errorf(uv, up, "cpu units must be whole millicores, got %s millicores", jsNumber(milli))
			return
		}
		if milli < 10 {
			p.diags.errorf(uv, up, "cpu units must be at least 10m (0.01), got %sm", jsNumber(milli))
			return
		}
		prof.CPU = p.a.cpuText(milli)
	}
	if av := f[1]; av != nil {
		ap := joinPath(path, "attributes")
		if p.mapping(av, ap) {
			prof.CPUAttributes = p.mapAttributes(av)
		}
	}
}

// parseCPU converts "500m", "0.5" or "2" to millicores like the TS SDK does.
func parseCPU(s string) (float64, bool) {
	num, unit, ok := splitNumber(s, false)
	if !ok {
		return 0, false
	}
	f, ok := parseDecimal(num)
	if !ok {
		return 0, false
	}
	switch strings.ToLower(unit) {
	case "m":
		return f, true
	case "":
		return f * 1e3, true
	}
	return 0, false
}

// mapAttributes turns a mapping into attributes sorted by key, values as
// JavaScript's String() gives them.
func (p *parser) mapAttributes(v *value) []Attribute {
	out := take(&p.a.attrs, len(v.keys))
	for i, k := range v.keys {
		out = append(out, Attribute{Key: k, Value: p.jsString(v.vals[i])})
	}
	sortAttributes(out)
	return out
}

var storageVolumeKeys = []string{"name", "size", "attributes"}

func (p *parser) parseStorage(prof *ComputeProfile, v *value, path dpath) {
	switch v.kind {
	case kMap:
		prof.Storage = take(&p.a.vols, 1)
		p.parseVolume(prof, v, path)
	case kSeq:
		prof.Storage = take(&p.a.vols, len(v.seq))
		for i, e := range v.seq {
			p.parseVolume(prof, e, indexPath(path, i))
		}
	default:
		p.diags.errorf(v, path, "must be a volume (size, name, attributes) or a list of volumes, got %s", describe(v))
	}
}

// parseVolume reads one storage volume and appends it to prof.Storage.
func (p *parser) parseVolume(prof *ComputeProfile, vv *value, vp dpath) {
	if !p.mapping(vv, vp) {
		return
	}
	f := p.volumeFields(vv, vp) // name, size, attributes
	p.need(vv, vp, f[1], "size")
	prof.Storage = append(prof.Storage, StorageVolume{Name: "default"})
	vol := &prof.Storage[len(prof.Storage)-1]
	if nv := f[0]; nv != nil {
		if str, ok := p.str(nv, joinPath(vp, "name")); ok && str != "" {
			vol.Name, vol.Named = str, true
		}
	}
	if sz := f[1]; sz != nil {
		vol.Size, _ = p.size(sz, joinPath(vp, "size"))
	}
	if av := f[2]; av != nil {
		p.parseStorageAttributes(vol, av, joinPath(vp, "attributes"))
	}
}

var storageClasses = []string{"default", "beta1", "beta2", "beta3", "ram"}

func (p *parser) parseStorageAttributes(vol *StorageVolume, v *value, path dpath) {
	if !p.mapping(v, path) {
		return
	}
	p.checkKeys(v, path, volumeAttrKeySet, nil)
	// room for an attribute per class or persistent key, and for the
	// persistent: false a class without persistent may get
	n, hasPersistent := 0, false
	for _, k := range v.keys {
		switch k {
		case "class":
			n++
		case "persistent":
			n++
			hasPersistent = true
		}
	}
	if n > 0 {
		if !hasPersistent {
			n++
		}
		vol.Attributes = take(&p.a.attrs, n)
	}
	hasPersistent = false
	for i, k := range v.keys {
		val := v.vals[i]
		switch k {
		case "class":
			if str, ok := p.str(val, joinPath(path, "class")); ok {
				vol.Class = str
				if !contains(storageClasses, str) {
					msg := "unknown storage class %q (expected one of: %s)"
					if s := suggest(str, storageClasses); s != "" {
						p.diags.errorf(val, joinPath(path, "class"), msg+"; did you mean %q?", str, joinQuoted(storageClasses), s)
					} else {
						p.diags.errorf(val, joinPath(path, "class"), msg, str, joinQuoted(storageClasses))
					}
				}
			}
		case "persistent":
			hasPersistent = true
			switch val.kind {
			case kBool:
				vol.Persistent = val.b
			case kString:
				vol.Persistent = stringToBool(val.str)
			default:
				p.diags.errorf(val, joinPath(path, "persistent"), "must be true or false, got %s", describe(val))
			}
		default:
			continue
		}
		vol.Attributes = append(vol.Attributes, Attribute{Key: k, Value: p.jsString(val)})
	}
	if vol.Class == "ram" && vol.Persistent {
		p.diags.errorf(v, path, "\"ram\" storage cannot be persistent")
	}
	if vol.Class == "ram" && !hasPersistent {
		vol.Attributes = append(vol.Attributes, Attribute{Key: "persistent", Value: "false"})
	}
	if vol.Class != "" && vol.Class != "ram" && !vol.Persistent {
		p.diags.errorf(v, path, "storage class %q requires persistent: true", vol.Class)
	}
	sortAttributes(vol.Attributes)
}

// stringToBool is the TS SDK's reading of a persistent: "..." string.
func stringToBool(s string) bool {
	switch strings.ToLower(s) {
	case "false", "no", "0", "":
		return false
	}
	return true
}

func (p *parser) parseGPU(prof *ComputeProfile, v *value, path dpath) {
	if !p.mapping(v, path) {
		return
	}
	p.checkKeys(v, path, unitsKeySet, nil)
	p.require(v, path, "units")
	units := 0.0
	if uv := v.get("units"); uv != nil {
		up := joinPath(path, "units")
		switch uv.kind {
		case kNumber:
			units = uv.num
		case kString:
			f, ok := jsParseFloat(strings.TrimSpace(uv.str))
			if !ok {
				p.diags.errorf(uv, up, "gpu units must be a whole number, got %q", uv.str)
				return
			}
			units = f
		default:
			p.diags.errorf(uv, up, "gpu units must be a whole number, got %s", describe(uv))
			return
		}
		if units < 0 || units != math.Trunc(units) || units > 1<<31 {
			p.diags.errorf(uv, up, "gpu units must be a whole number of at least 0, got %s", uv.str)
			return
		}
		prof.GPU = p.a.number(units)
	}
	av := v.get("attributes")
	if av == nil {
		if units != 0 {
			p.diags.errorf(v, path, "a GPU needs attributes.vendor (e.g. vendor: {nvidia: [{model: a100}]}) when units is not 0")
		}
		return
	}
	ap := joinPath(path, "attributes")
	if units == 0 {
		p.diags.errorf(av, ap, "GPU must not have attributes when units is 0")
	}
	if !p.mapping(av, ap) {
		return
	}
	p.checkKeys(av, ap, gpuAttrKeySet, nil)
	vv := av.get("vendor")
	if vv == nil {
		if units != 0 {
			p.diags.errorf(av, ap, "missing required key \"vendor\": a GPU must name its vendor when units is not 0")
		}
		return
	}
	vp := joinPath(ap, "vendor")
	if !p.mapping(vv, vp) {
		return
	}
	if len(vv.keys) == 0 {
		p.diags.errorf(vv, vp, "must name a vendor (nvidia)")
	}
	p.checkKeys(vv, vp, gpuVendorKeySet, nil)
	prof.GPUAttributes = p.gpuAttributes(prof.Name, vv, vp)
}

var gpuModelKeys = []string{"model", "ram", "interface"}

// gpuAttributes reads the models of the GPU vendors; prof names the compute
// profile, for warnings. Only nvidia is read (checkKeys reports the others),
// and keys are unique, so there is no vendor order to sort.
func (p *parser) gpuAttributes(prof string, vendors *value, path dpath) []Attribute {
	const name = "nvidia"
	models := vendors.get(name)
	if models == nil {
		return nil
	}
	mp := joinPath(path, name)
	if models.kind == kNull {
		return append(take(&p.a.attrs, 1), Attribute{Key: "vendor/" + name + "/model/*", Value: "true"})
	}
	if models.kind != kSeq {
		p.diags.errorf(models, mp, "must be a list of models ({model, ram, interface}) or empty, got %s", describe(models))
		return nil
	}
	var out []Attribute
	if len(models.seq) > 0 {
		out = take(&p.a.attrs, len(models.seq))
		p.gpus = slices.Grow(p.gpus, len(models.seq))
	}
	for i, m := range models.seq {
		ip := indexPath(mp, i)
		if !p.mapping(m, ip) {
			continue
		}
		p.checkKeys(m, ip, gpuModelKeySet, nil)
		var model, ram, iface string
		if x := m.get("model"); x != nil {
			model, _ = p.str(x, joinPath(ip, "model"))
		} else {
			p.diags.errorf(m, ip, "missing required key \"model\" (e.g. model: a100)")
		}
		if x := m.get("ram"); x != nil {
			if str, ok := p.str(x, joinPath(ip, "ram")); ok {
				ram = str
				if !isGPURAM(str) {
					p.diags.errorf(x, joinPath(ip, "ram"), "invalid GPU memory %q: use a size in Gi such as 80Gi", str)
				}
			}
		}
		if x := m.get("interface"); x != nil {
			if str, ok := p.str(x, joinPath(ip, "interface")); ok {
				iface = str
				if str != "pcie" && str != "sxm" {
					p.diags.errorf(x, joinPath(ip, "interface"), "unknown GPU interface %q: use pcie or sxm", str)
				}
			}
		}
		p.gpus = append(p.gpus, gpuSite{profile: prof, index: i, line: m.line(), col: m.col(), vendor: name, model: model, ram: ram, iface: iface})
		var key string
		switch {
		case ram != "" && iface != "":
			key = p.a.concat("vendor/"+name+"/model/", model, "/ram/", ram, "/interface/", iface)
		case ram != "":
			key = p.a.concat("vendor/"+name+"/model/", model, "/ram/", ram)
		case iface != "":
			key = p.a.concat("vendor/"+name+"/model/", model, "/interface/", iface)
		default:
			key = p.a.concat("vendor/"+name+"/model/", model)
		}
		out = append(out, Attribute{Key: key, Value: "true"})
	}
	return out
}

// isGPURAM reports whether s is digits followed by Ki, Mi, Gi, Ti, Pi or Ei
// (the pattern ^[0-9]+(Ki|Mi|Gi|Ti|Pi|Ei)$, which the tests hold it to).
func isGPURAM(s string) bool {
	n := len(s) - 2
	if n < 1 || s[n+1] != 'i' || strings.IndexByte("KMGTPE", s[n]) < 0 {
		return false
	}
	for i := 0; i < n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// jsString is jsString(v), formatting whole numbers into the arena's text.
func (p *parser) jsString(v *value) string {
	if v != nil && v.kind == kNumber {
		return p.a.number(v.num)
	}
	return jsString(v)
}
