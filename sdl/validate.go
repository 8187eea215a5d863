package sdl

import (
	"fmt"
	"slices"
)

// validate runs the cross-reference checks of the official SDKs over a
// schema-checked SDL: every service deployed, every placement, profile and
// price defined, storage mounts consistent, GPU units and attributes agreeing,
// IP endpoints declared, used, global and not shared on one port.
func (p *parser) validate(s *SDL, root *value) {
	dep := root.get("deployment")
	svcNode := root.get("services")
	// Names are keys of one mapping, so unique; lookups are linear, as
	// SDLs have few services (a map pays off only for many).
	var deps map[string]*ServiceDeployment
	var svcNames map[string]bool
	if len(s.Services)*len(s.Deployments) > 256 {
		deps = make(map[string]*ServiceDeployment, len(s.Deployments))
		for _, d := range s.Deployments {
			deps[d.Service] = d
		}
		svcNames = make(map[string]bool, len(s.Services))
		for _, svc := range s.Services {
			svcNames[svc.Name] = true
		}
	}
	for _, d := range s.Deployments {
		if !hasService(s, svcNames, d.Service) && svcNode != nil && svcNode.kind == kMap {
			msg := fmt.Sprintf("service %q is not defined in services", d.Service)
			if sug := suggest(d.Service, keysOf(svcNode)); sug != "" {
				msg += fmt.Sprintf(": did you mean %q?", sug)
			}
			p.diags.errorAt(keyPos(dep, d.Service), joinPath(rawPath("deployment"), d.Service), "%s", msg)
		}
	}
	// endpoints used, and IP endpoint ports taken: short lists in stack
	// arrays, searched linearly (maps keyed by a formatted port cost a
	// string per expose and spilled to the heap)
	var usedBuf [8]string
	var portBuf [8]ipPort
	usedEndpoints, ports := usedBuf[:0], portBuf[:0]
	toIP, global := exposeTargets(s)
	for _, svc := range s.Services {
		d := deploymentOf(s, deps, svc.Name)
		if d == nil {
			if dep != nil && dep.kind == kMap {
				p.diags.errorf(dep, rawPath("deployment"), "service %q is not deployed: add deployment.%s", svc.Name, svc.Name)
			}
		} else {
			for _, pd := range d.Placements {
				p.checkPlacement(s, svc, pd, dep)
			}
		}
		if toIP {
			usedEndpoints, ports = p.checkLeasedIPs(s, svc, joinPath(rawPath("services"), svc.Name), usedEndpoints, ports)
		}
	}
	for _, ep := range s.Endpoints {
		if !slices.Contains(usedEndpoints, ep.Name) {
			p.diags.errorAt(keyPos(root.get("endpoints"), ep.Name), joinPath(rawPath("endpoints"), ep.Name),
				"endpoint %q is declared but no service uses it", ep.Name)
		}
	}
	if !global && len(s.Services) > 0 {
		p.diags.warnf(nil, rawPath("services"), "no service is exposed globally (to: [{global: true}]): the deployment will not be reachable and some providers reject it")
	}
}

// checkPlacement checks one deployment.<service>.<placement> entry.
func (p *parser) checkPlacement(s *SDL, svc *Service, pd PlacementDeployment, dep *value) {
	path := joinPath(joinPath(rawPath("deployment"), svc.Name), pd.Placement)
	// where the entry is, looked up only for a report
	at := func() pos { return keyPos(dep.get(svc.Name), pd.Placement) }
	pl := s.Placement(pd.Placement)
	if pl == nil {
		msg := fmt.Sprintf("placement %q is not defined in profiles.placement", pd.Placement)
		if sug := suggest(pd.Placement, placementNames(s)); sug != "" {
			msg += fmt.Sprintf(": did you mean %q?", sug)
		}
		p.diags.errorAt(at(), path, "%s", msg)
	} else if _, ok := pl.Price(pd.Profile); !ok && pd.Profile != "" {
		p.diags.errorAt(at(), path, "placement %q has no pricing for profile %q: add profiles.placement.%s.pricing.%s",
			pd.Placement, pd.Profile, pd.Placement, pd.Profile)
	}
	prof := s.Profile(pd.Profile)
	if prof == nil {
		if pd.Profile != "" {
			msg := fmt.Sprintf("compute profile %q is not defined in profiles.compute", pd.Profile)
			if sug := suggest(pd.Profile, computeNames(s)); sug != "" {
				msg += fmt.Sprintf(": did you mean %q?", sug)
			}
			p.diags.errorAt(at(), joinPath(path, "profile"), "%s", msg)
		}
		return
	}
	p.checkMounts(svc, prof)
}

// checkMounts checks a service's params.storage against its profile's volumes.
func (p *parser) checkMounts(svc *Service, prof *ComputeProfile) {
	sp := joinPath(rawPath("services"), svc.Name)
	// mount path (or "\x00root") -> volume, latest last; linear, as a
	// service mounts few volumes
	type mount struct{ key, name string }
	var buf [8]mount
	mounts := buf[:0]
	if svc.Params != nil {
		for _, st := range svc.Params.Storage {
			found := false
			for _, vol := range prof.Storage {
				if vol.Named && vol.Name == st.Name {
					found = true
				}
			}
			path := joinPath(joinPath(sp, "params.storage"), st.Name)
			if !found {
				p.diags.errorf(nil, path, "service %q mounts volume %q, which profile %q does not define (name it in profiles.compute.%s.resources.storage)",
					svc.Name, st.Name, prof.Name, prof.Name)
				continue
			}
			key := st.Mount
			if key == "" {
				key = "\x00root"
			}
			other, ok := "", false
			for k := len(mounts) - 1; k >= 0; k-- {
				if mounts[k].key == key {
					other, ok = mounts[k].name, true
					break
				}
			}
			if ok {
				if st.Mount == "" {
					p.diags.errorf(nil, path, "volumes %q and %q both have no mount path: only one root ephemeral volume is allowed", other, st.Name)
				} else {
					p.diags.errorf(nil, joinPath(path, "mount"), "mount %q is already used by volume %q", st.Mount, other)
				}
			}
			mounts = append(mounts, mount{key, st.Name})
		}
	}
	for _, vol := range prof.Storage {
		if !vol.Persistent {
			continue
		}
		mounted := false
		if svc.Params != nil && vol.Named {
			for _, st := range svc.Params.Storage {
				if st.Name == vol.Name && st.Mount != "" {
					mounted = true
				}
			}
		}
		if !mounted {
			name := vol.Name
			if !vol.Named {
				p.diags.errorf(nil, joinPath(rawPath("profiles.compute"), prof.Name+".resources.storage"),
					"persistent volume of profile %q needs a name, mounted by service %q in services.%s.params.storage.<name>.mount",
					prof.Name, svc.Name, svc.Name)
				continue
			}
			p.diags.errorf(nil, joinPath(sp, "params.storage."+name),
				"persistent volume %q needs a mount path: add services.%s.params.storage.%s.mount", name, svc.Name, name)
		}
	}
}

// ipPort is a port of an IP endpoint taken by a service's expose.
type ipPort struct {
	ip    string
	ext   int    // the external port: as, or else port (never negative)
	proto string // "TCP" or "UDP"
	svc   string
}

// checkLeasedIPs checks the exposes of one service that go to an IP
// endpoint, adding the endpoints they use to used and the ports they take
// to ports, and returns both.
func (p *parser) checkLeasedIPs(s *SDL, svc *Service, sp dpath, used []string, ports []ipPort) ([]string, []ipPort) {
	for i, e := range svc.Expose {
		for j, to := range e.To {
			if to.IP == "" {
				continue
			}
			tp := indexPath(joinPath(indexPath(joinPath(sp, "expose"), i), "to"), j)
			if !to.Global {
				p.diags.errorf(nil, joinPath(tp, "global"), "an expose to IP endpoint %q must be global: set global: true", to.IP)
			}
			if !hasEndpoint(s, to.IP) {
				msg := fmt.Sprintf("unknown endpoint %q: declare it in the endpoints section (kind: ip)", to.IP)
				if sug := suggest(to.IP, endpointNames(s)); sug != "" {
					msg += fmt.Sprintf("; did you mean %q?", sug)
				}
				p.diags.errorf(nil, joinPath(tp, "ip"), "%s", msg)
			}
			used = append(used, to.IP)
			ext := e.As
			if ext == 0 {
				ext = e.Port
			}
			// the latest service to take the same port, as a map from the
			// port to its service would hold
			for k := len(ports) - 1; k >= 0; k-- {
				if o := &ports[k]; o.ip == to.IP && o.ext == ext && o.proto == e.Proto {
					p.diags.errorf(nil, joinPath(tp, "ip"), "IP endpoint %q port %d/%s is already used by service %q", to.IP, ext, e.Proto, o.svc)
					break
				}
			}
			ports = append(ports, ipPort{ip: to.IP, ext: ext, proto: e.Proto, svc: svc.Name})
		}
	}
	return used, ports
}

// hasService reports whether a service is named name; names, when not
// nil, holds every service name.
func hasService(s *SDL, names map[string]bool, name string) bool {
	if names != nil {
		return names[name]
	}
	for _, svc := range s.Services {
		if svc.Name == name {
			return true
		}
	}
	return false
}

// deploymentOf returns the deployment of service name, or nil; deps, when
// not nil, holds every deployment by service.
func deploymentOf(s *SDL, deps map[string]*ServiceDeployment, name string) *ServiceDeployment {
	if deps != nil {
		return deps[name]
	}
	for _, d := range s.Deployments {
		if d.Service == name {
			return d
		}
	}
	return nil
}

// exposeTargets reports whether any expose goes to an IP endpoint and
// whether any is global, in one walk over the exposes: the IP checks and
// the warning for an SDL that nothing reaches need only these answers.
func exposeTargets(s *SDL) (toIP, global bool) {
	for _, svc := range s.Services {
		for _, e := range svc.Expose {
			for _, to := range e.To {
				toIP = toIP || to.IP != ""
				global = global || to.Global
			}
		}
	}
	return toIP, global
}

func hasEndpoint(s *SDL, name string) bool {
	for _, e := range s.Endpoints {
		if e.Name == name {
			return true
		}
	}
	return false
}

func endpointNames(s *SDL) []string {
	out := make([]string, len(s.Endpoints))
	for i, e := range s.Endpoints {
		out[i] = e.Name
	}
	return out
}

func placementNames(s *SDL) []string {
	out := make([]string, len(s.Placements))
	for i := range s.Placements {
		out[i] = s.Placements[i].Name
	}
	// sorted, as computeNames, so that a tie is broken by name
	slices.Sort(out)
	return out
}

func computeNames(s *SDL) []string {
	out := make([]string, len(s.Compute))
	for i := range s.Compute {
		out[i] = s.Compute[i].Name
	}
	// sorted, so that a tie between two equally close names is broken by
	// name, not by document order
	slices.Sort(out)
	return out
}

func keysOf(v *value) []string {
	if v == nil || v.kind != kMap {
		return nil
	}
	return v.keys
}

// keyPos returns the position of a mapping key (for locating an error), or
// of the mapping itself.
func keyPos(m *value, key string) pos {
	if m == nil {
		return pos{}
	}
	if m.kind != kMap {
		return m.p
	}
	for i, k := range m.keys {
		if k == key {
			return m.keyP[i]
		}
	}
	return m.p
}
