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

func (s *SDL) buildManifest(groups []*buildGroup, seq endpointSeqs, lc *localeCompare) Manifest {
	type entry struct {
		svc string
		pd  PlacementDeployment
	}
	var list []entry // reused for each group
	m := make(Manifest, 0, len(groups))
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
		g := ManifestGroup{Name: name, Services: make([]ManifestService, 0, len(list))}
		for _, e := range list {
			svc := s.service(e.svc)
			prof := s.Compute[e.pd.Profile]
			id := bg.resourceID(e.pd.Profile)
			if id == 0 {
				id = 1
			}
			g.Services = append(g.Services, ManifestService{
				Name:        svc.Name,
				Image:       svc.Image,
				Command:     svc.Command,
				Args:        svc.Args,
				Env:         svc.Env,
				Resources:   buildResources(id, prof, svc, seq),
				Count:       e.pd.Count,
				Expose:      manifestExpose(svc, seq, lc),
				Params:      manifestParams(svc),
				Credentials: svc.Credentials,
			})
		}
		m = append(m, g)
	}
	return m
}

func manifestExpose(svc *Service, seq endpointSeqs, lc *localeCompare) []ManifestExpose {
	n := 0
	for _, e := range svc.Expose {
		n += len(e.To)
	}
	out := make([]ManifestExpose, 0, n)
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

func manifestParams(svc *Service) *ManifestParams {
	if svc.Params == nil {
		return nil
	}
	return &ManifestParams{Storage: svc.Params.Storage, Permissions: svc.Params.Permissions}
}
