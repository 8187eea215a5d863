package sdl

import (
	"cmp"
	"slices"
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

// manifest builds the manifest of the planned groups, sharing no slice
// with any other call.
func (p *planner) manifest(s *SDL) Manifest {
	m := make(Manifest, 0, len(p.order))
	for _, gi := range p.order {
		name := p.groups[gi].name
		p.groupEntries(s, name)
		g := ManifestGroup{Name: name, Services: make([]ManifestService, 0, len(p.entries))}
		for _, e := range p.entries {
			svc := s.service(e.svc)
			g.Services = append(g.Services, ManifestService{
				Name:        svc.Name,
				Image:       svc.Image,
				Command:     svc.Command,
				Args:        svc.Args,
				Env:         svc.Env,
				Resources:   serviceResources(p.unitID(gi, e.pd.Profile), s.Compute[e.pd.Profile], svc, p.seq),
				Count:       e.pd.Count,
				Expose:      p.manifestExpose(svc),
				Params:      manifestParams(svc),
				Credentials: svc.Credentials,
			})
		}
		m = append(m, g)
	}
	return m
}

// groupEntries sets p.entries to the services deployed to the placement,
// in locale order of their names (deployment order among equals).
func (p *planner) groupEntries(s *SDL, placement string) {
	p.entries = p.entries[:0]
	for _, d := range s.Deployments {
		for i := range d.Placements {
			if pd := &d.Placements[i]; pd.Placement == placement {
				p.entries = append(p.entries, planEntry{svc: d.Service, pd: pd})
			}
		}
	}
	if len(p.entries) > 1 {
		slices.SortStableFunc(p.entries, func(a, b planEntry) int { return localeCmp(a.svc, b.svc) })
	}
}

// unitID is the id of the resource unit of the profile in group gi; 1 when
// there is none.
func (p *planner) unitID(gi int32, profile string) uint32 {
	if ui := p.unit(gi, profile); ui >= 0 {
		return p.units[ui].id
	}
	return 1
}

// serviceResources are the resources of one service in the manifest: those
// of its profile, with the endpoints of that service alone.
func serviceResources(id uint32, prof *ComputeProfile, svc *Service, seq endpointSeqs) Resources {
	r := Resources{
		ID:        id,
		CPU:       ResourceValue{Value: prof.CPU, Attributes: prof.CPUAttributes},
		Memory:    ResourceValue{Value: prof.Memory},
		GPU:       ResourceValue{Value: prof.GPU, Attributes: prof.GPUAttributes},
		Storage:   make([]StorageResource, len(prof.Storage)),
		Endpoints: appendServiceEndpoints(nil, svc, seq),
	}
	for i, v := range prof.Storage {
		r.Storage[i] = StorageResource{Name: v.Name, Size: v.Size, Attributes: v.Attributes}
	}
	return r
}

// exposeRef is one (expose, to) pair of a service.
type exposeRef struct {
	e  *Expose
	to *ExposeTo
}

// sortExposes sets p.exposes to the (expose, to) pairs of svc in the
// manifest's order: by destination service, port, protocol, global first.
func (p *planner) sortExposes(svc *Service) {
	p.exposes = p.exposes[:0]
	for i := range svc.Expose {
		e := &svc.Expose[i]
		for k := range e.To {
			p.exposes = append(p.exposes, exposeRef{e: e, to: &e.To[k]})
		}
	}
	if len(p.exposes) > 1 {
		slices.SortStableFunc(p.exposes, cmpExpose)
	}
}

func cmpExpose(a, b exposeRef) int {
	if a.to.Service != b.to.Service {
		return localeCmp(a.to.Service, b.to.Service)
	}
	if a.e.Port != b.e.Port {
		return cmp.Compare(uint32(a.e.Port), uint32(b.e.Port))
	}
	if a.e.Proto != b.e.Proto {
		return localeCmp(a.e.Proto, b.e.Proto)
	}
	if a.to.Global != b.to.Global {
		if a.to.Global {
			return -1
		}
		return 1
	}
	return 0
}

// manifestExpose is the (expose, to) pairs of svc in the manifest's order.
func (p *planner) manifestExpose(svc *Service) []ManifestExpose {
	p.sortExposes(svc)
	out := make([]ManifestExpose, 0, len(p.exposes))
	for _, x := range p.exposes {
		e, to := x.e, x.to
		out = append(out, ManifestExpose{
			Port:                   uint32(e.Port),
			ExternalPort:           uint32(e.As),
			Proto:                  e.Proto,
			Service:                to.Service,
			Global:                 to.Global,
			Hosts:                  e.Accept,
			HTTPOptions:            e.HTTP,
			IP:                     to.IP,
			EndpointSequenceNumber: p.seq.of(to.IP),
		})
	}
	return out
}

// manifestParams returns the params of svc, nil when it has none.
func manifestParams(svc *Service) *ManifestParams {
	if svc.Params == nil {
		return nil
	}
	return &ManifestParams{Storage: svc.Params.Storage, Permissions: svc.Params.Permissions}
}
