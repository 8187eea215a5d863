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
		name := p.groups[gi].name(s)
		p.groupEntries(s, name)
		g := ManifestGroup{Name: name, Services: make([]ManifestService, 0, len(p.entries))}
		for _, e := range p.entries {
			name, pd := e.of(s)
			svc := s.service(name)
			g.Services = append(g.Services, ManifestService{
				Name:        svc.Name,
				Image:       svc.Image,
				Command:     svc.Command,
				Args:        svc.Args,
				Env:         svc.Env,
				Resources:   serviceResources(p.unitID(s, gi, pd.Profile), s.Profile(pd.Profile), svc, p.seq),
				Count:       pd.Count,
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
	deps := s.Deployments
	for di, d := range deps {
		for i := range d.Placements {
			if d.Placements[i].Placement == placement {
				p.entries = append(p.entries, planEntry{dep: int32(di), pd: int32(i)})
			}
		}
	}
	if len(p.entries) > 1 {
		slices.SortStableFunc(p.entries, func(a, b planEntry) int {
			return localeCmp(deps[a.dep].Service, deps[b.dep].Service)
		})
	}
}

// unitID is the id of the resource unit of the profile in group gi; 1 when
// there is none.
func (p *planner) unitID(s *SDL, gi int32, profile string) uint32 {
	if ui := p.unit(s, gi, profile); ui >= 0 {
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

// exposeRef is one (expose, to) pair of a service: indexes into its Expose
// and that entry's To.
type exposeRef struct {
	e, to int32
}

// sortExposes sets p.exposes to the (expose, to) pairs of svc in the
// manifest's order: by destination service, port, protocol, global first.
func (p *planner) sortExposes(svc *Service) {
	p.exposes = p.exposes[:0]
	for i := range svc.Expose {
		for k := range svc.Expose[i].To {
			p.exposes = append(p.exposes, exposeRef{e: int32(i), to: int32(k)})
		}
	}
	// insertion sort, stable: services have a handful of exposes
	ex := svc.Expose
	for i := 1; i < len(p.exposes); i++ {
		for j := i; j > 0 && cmpExpose(ex, p.exposes[j-1], p.exposes[j]) > 0; j-- {
			p.exposes[j-1], p.exposes[j] = p.exposes[j], p.exposes[j-1]
		}
	}
}

// at is the (expose, to) pair of exposes x stands for.
func (x exposeRef) at(exposes []Expose) (*Expose, *ExposeTo) {
	e := &exposes[x.e]
	return e, &e.To[x.to]
}

func cmpExpose(exposes []Expose, x, y exposeRef) int {
	ae, at := x.at(exposes)
	be, bt := y.at(exposes)
	if at.Service != bt.Service {
		return localeCmp(at.Service, bt.Service)
	}
	if ae.Port != be.Port {
		return cmp.Compare(uint32(ae.Port), uint32(be.Port))
	}
	if ae.Proto != be.Proto {
		return localeCmp(ae.Proto, be.Proto)
	}
	if at.Global != bt.Global {
		if at.Global {
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
		e, to := x.at(svc.Expose)
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
