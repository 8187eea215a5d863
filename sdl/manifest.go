package sdl

import (
	"cmp"
	"slices"
	"sync"
)

// Manifest is what a provider receives: one group per placement.
type Manifest []ManifestGroup

// ManifestGroup is the services a placement runs.
type ManifestGroup struct {
	Name     string
	Services []ManifestService
}

// ManifestService is one service as the provider runs it.
type ManifestService struct {
	Name        string
	Image       string
	Command     []string
	Args        []string
	Env         []string
	Resources   Resources
	Count       uint32
	Expose      []ManifestExpose
	Params      *ManifestParams // nil when the SDL has no params
	Credentials *Credentials
}

// ManifestExpose is one (expose, to) pair of a service.
type ManifestExpose struct {
	Port                   uint32
	ExternalPort           uint32
	Proto                  string
	Service                string
	Global                 bool
	Hosts                  []string
	HTTPOptions            HTTPOptions
	IP                     string
	EndpointSequenceNumber uint32
}

// ManifestParams are a service's storage mounts and permissions.
type ManifestParams struct {
	Storage     []StorageParam
	Permissions *Permissions
}

// buildManifest builds the manifest of the groups into m, reusing the
// slices m already holds (a pooled scratch manifest when only its JSON is
// wanted; nil for a manifest handed to callers, which then shares nothing).
func (s *SDL) buildManifest(m Manifest, groups []*buildGroup, seq endpointSeqs, lc *localeCompare) Manifest {
	type entry struct {
		svc string
		pd  PlacementDeployment
	}
	var list []entry // reused for each group
	if m == nil {
		m = make(Manifest, 0, len(groups))
	}
	m = m[:0]
	for _, bg := range groups {
		name := bg.spec.Name
		list = list[:0]
		for _, d := range s.Deployments {
			for _, pd := range d.Placements {
				if pd.Placement == name {
					list = append(list, entry{d.Service, pd})
				}
			}
		}
		slices.SortStableFunc(list, func(a, b entry) int { return lc.cmp(a.svc, b.svc) })
		var g *ManifestGroup
		m, g = extend(m)
		g.Name = name
		g.Services = g.Services[:0]
		for _, e := range list {
			svc := s.service(e.svc)
			prof := s.Compute[e.pd.Profile]
			id := bg.resourceID(e.pd.Profile)
			if id == 0 {
				id = 1
			}
			var ms *ManifestService
			g.Services, ms = extend(g.Services)
			*ms = ManifestService{
				Name:        svc.Name,
				Image:       svc.Image,
				Command:     svc.Command,
				Args:        svc.Args,
				Env:         svc.Env,
				Resources:   fillResources(ms.Resources, id, prof, svc, seq),
				Count:       e.pd.Count,
				Expose:      manifestExpose(ms.Expose[:0], svc, seq, lc),
				Params:      manifestParams(ms.Params, svc),
				Credentials: svc.Credentials,
			}
		}
	}
	return m
}

// extend lengthens s by one element and returns a pointer to it; within
// s's capacity the element keeps what it held, so its slices can be reused.
func extend[T any](s []T) ([]T, *T) {
	if len(s) < cap(s) {
		s = s[:len(s)+1]
	} else {
		var zero T
		s = append(s, zero)
	}
	return s, &s[len(s)-1]
}

// manifestPool holds scratch manifests for rendering the manifest JSON
// without keeping a Manifest: Version and ManifestJSON need only the JSON.
var manifestPool = sync.Pool{New: func() any { return new(Manifest) }}

// appendManifestJSON appends the canonical manifest JSON of the groups to dst.
func (s *SDL) appendManifestJSON(dst []byte, groups []*buildGroup, seq endpointSeqs) []byte {
	scratch := manifestPool.Get().(*Manifest)
	var lc localeCompare
	*scratch = s.buildManifest(*scratch, groups, seq, &lc)
	dst = scratch.appendCanonicalJSON(dst)
	manifestPool.Put(scratch)
	return dst
}

// manifestExpose appends the (expose, to) pairs of svc to out, in the
// manifest's order.
func manifestExpose(out []ManifestExpose, svc *Service, seq endpointSeqs, lc *localeCompare) []ManifestExpose {
	if out == nil {
		n := 0
		for _, e := range svc.Expose {
			n += len(e.To)
		}
		out = make([]ManifestExpose, 0, n)
	}
	for _, e := range svc.Expose {
		for _, to := range e.To {
			out = append(out, ManifestExpose{
				Port:                   uint32(e.Port),
				ExternalPort:           uint32(e.As),
				Proto:                  e.Proto,
				Service:                to.Service,
				Global:                 to.Global,
				Hosts:                  e.Accept,
				HTTPOptions:            e.HTTP,
				IP:                     to.IP,
				EndpointSequenceNumber: seq.of(to.IP),
			})
		}
	}
	slices.SortStableFunc(out, func(a, b ManifestExpose) int {
		if a.Service != b.Service {
			return lc.cmp(a.Service, b.Service)
		}
		if a.Port != b.Port {
			return cmp.Compare(a.Port, b.Port)
		}
		if a.Proto != b.Proto {
			return lc.cmp(a.Proto, b.Proto)
		}
		if a.Global != b.Global {
			if a.Global {
				return -1
			}
			return 1
		}
		return 0
	})
	return out
}

// manifestParams returns the params of svc, in p when it is not nil.
func manifestParams(p *ManifestParams, svc *Service) *ManifestParams {
	if svc.Params == nil {
		return nil
	}
	if p == nil {
		p = new(ManifestParams)
	}
	*p = ManifestParams{Storage: svc.Params.Storage, Permissions: svc.Params.Permissions}
	return p
}
