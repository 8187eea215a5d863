package sdl

import (
	"cmp"
	"crypto/sha256"
	"slices"
	"sync"
)

// jsonPool holds buffers for rendering manifests to hash them.
var jsonPool = sync.Pool{New: func() any { return new([]byte) }}

// GroupSpec is one deployment group of MsgCreateDeployment: a placement with
// the resource units it asks for.
type GroupSpec struct {
	Name         string
	Requirements PlacementRequirements
	Resources    []ResourceUnit
}

// PlacementRequirements are the provider attributes and auditors a group needs.
type PlacementRequirements struct {
	SignedBy   SignedBy
	Attributes []Attribute
}

// SignedBy lists auditors: all of AllOf and at least one of AnyOf.
type SignedBy struct {
	AllOf []string
	AnyOf []string
}

// ResourceUnit is a set of identical resources, how many and at what price.
type ResourceUnit struct {
	Resources Resources
	Count     uint32
	Price     Price
}

// Resources are the resources of one unit. Quantities are the decimal text
// the chain carries as bytes (CPU in millicores, sizes in bytes).
type Resources struct {
	ID        uint32
	CPU       ResourceValue
	Memory    ResourceValue
	Storage   []StorageResource
	GPU       ResourceValue
	Endpoints []EndpointSpec
}

// ResourceValue is a quantity with attributes.
type ResourceValue struct {
	Value      string
	Attributes []Attribute
}

// StorageResource is one named storage volume.
type StorageResource struct {
	Name       string
	Size       string
	Attributes []Attribute
}

// EndpointKind is the kind of an endpoint a resource unit asks for.
type EndpointKind int

const (
	// EndpointSharedHTTP is an HTTP endpoint on the provider's ingress (port 80).
	EndpointSharedHTTP EndpointKind = 0
	// EndpointRandomPort is any other global port.
	EndpointRandomPort EndpointKind = 1
	// EndpointLeasedIP is a leased IP address.
	EndpointLeasedIP EndpointKind = 2
)

// String is the proto enum name of the kind.
func (k EndpointKind) String() string {
	switch k {
	case EndpointSharedHTTP:
		return "SHARED_HTTP"
	case EndpointRandomPort:
		return "RANDOM_PORT"
	case EndpointLeasedIP:
		return "LEASED_IP"
	}
	return "UNKNOWN"
}

// EndpointSpec is one endpoint of a resource unit.
type EndpointSpec struct {
	Kind           EndpointKind
	SequenceNumber uint32
}

// built holds the groups and the manifest version, computed together once;
// the manifest and its JSON are built from bgroups when first asked for.
type built struct {
	groups   []GroupSpec
	bgroups  []*buildGroup
	seq      endpointSeqs
	manifest Manifest
	json     []byte // rendered on the first ManifestJSON call
	jsonLen  int
	version  [32]byte
}

// Groups returns the deployment groups for MsgCreateDeployment, in the order
// and with the resource ids the official TS SDK gives them.
func (s *SDL) Groups() []GroupSpec { return s.build().groups }

// Manifest returns the provider manifest.
func (s *SDL) Manifest() Manifest {
	b := s.build()
	if b.manifest == nil {
		var lc localeCompare
		b.manifest = s.buildManifest(nil, b.bgroups, b.seq, &lc)
	}
	return b.manifest
}

// ManifestJSON returns the manifest exactly as it is sent to providers: the
// canonical JSON (sorted keys, no spaces, HTML characters escaped) whose
// SHA-256 is the deployment version.
func (s *SDL) ManifestJSON() []byte {
	b := s.build()
	if b.json == nil {
		b.json = s.appendManifestJSON(make([]byte, 0, b.jsonLen), b.bgroups, b.seq)
	}
	return b.json
}

// Version returns the manifest version hash that goes in MsgCreateDeployment.
func (s *SDL) Version() [32]byte { return s.build().version }

// buildGroup is a group being built: its spec and, per resource unit, the
// compute profile it was made for.
type buildGroup struct {
	spec     GroupSpec
	profiles []string
}

// resourceID is the id of the resource unit made for profile in the group,
// or 0 when there is none.
func (g *buildGroup) resourceID(profile string) uint32 {
	for i, p := range g.profiles {
		if p == profile {
			return g.spec.Resources[i].Resources.ID
		}
	}
	return 0
}

// SDLs have a handful of services, placements and profiles: the lookups
// below are linear scans, cheaper than building maps for them.

func findGroup(groups []*buildGroup, name string) *buildGroup {
	for _, g := range groups {
		if g.spec.Name == name {
			return g
		}
	}
	return nil
}

func (s *SDL) deployment(service string) *ServiceDeployment {
	for _, d := range s.Deployments {
		if d.Service == service {
			return d
		}
	}
	return nil
}

func (s *SDL) service(name string) *Service {
	for _, svc := range s.Services {
		if svc.Name == name {
			return svc
		}
	}
	return nil
}

func (s *SDL) build() *built {
	if s.built != nil {
		return s.built
	}
	b := &built{}
	seq := endpointSequences(s.Services)
	services := append([]*Service(nil), s.Services...)
	var lc localeCompare
	slices.SortStableFunc(services, func(a, b *Service) int { return lc.cmp(a.Name, b.Name) })

	var groups []*buildGroup // in order of first use
	for _, svc := range services {
		d := s.deployment(svc.Name)
		if d == nil {
			continue
		}
		for _, pd := range d.Placements {
			prof, pl := s.Compute[pd.Profile], s.Placements[pd.Placement]
			g := findGroup(groups, pd.Placement)
			if g == nil {
				g = &buildGroup{spec: GroupSpec{Name: pd.Placement, Requirements: PlacementRequirements{
					SignedBy:   SignedBy{AllOf: pl.AllOf, AnyOf: pl.AnyOf},
					Attributes: pl.Attributes,
				}}}
				groups = append(groups, g)
			}
			if loc := slices.Index(g.profiles, pd.Profile); loc >= 0 {
				ru := &g.spec.Resources[loc]
				ru.Count += pd.Count
				ru.Resources.Endpoints = appendServiceEndpoints(ru.Resources.Endpoints, svc, seq)
				continue
			}
			id := uint32(len(g.spec.Resources) + 1)
			g.spec.Resources = append(g.spec.Resources, ResourceUnit{
				Resources: buildResources(id, prof, svc, seq),
				Count:     pd.Count,
				Price:     pl.Pricing[pd.Profile],
			})
			g.profiles = append(g.profiles, pd.Profile)
		}
	}
	slices.SortFunc(groups, func(a, b *buildGroup) int { return jsCmp(a.spec.Name, b.spec.Name) })
	if len(groups) > 0 {
		b.groups = make([]GroupSpec, 0, len(groups))
	}
	for _, g := range groups {
		for i := range g.spec.Resources {
			eps := g.spec.Resources[i].Resources.Endpoints
			slices.SortStableFunc(eps, func(a, b EndpointSpec) int {
				if a.Kind != b.Kind {
					return int(a.Kind) - int(b.Kind)
				}
				return cmp.Compare(a.SequenceNumber, b.SequenceNumber)
			})
		}
		b.groups = append(b.groups, g.spec)
	}
	b.bgroups, b.seq = groups, seq
	// Hash the JSON in a pooled buffer: most callers want the version only.
	buf := jsonPool.Get().(*[]byte)
	*buf = s.appendManifestJSON((*buf)[:0], groups, seq)
	b.version = sha256.Sum256(*buf)
	b.jsonLen = len(*buf)
	jsonPool.Put(buf)
	s.built = b
	return b
}

// endpointSeqs numbers the leased IP endpoint names: every global use of an
// IP endpoint is listed, the list sorted, and each name gets the 1-based
// position of its last occurrence (the TS SDK's numbering, repeats included).
type endpointSeqs []string

func endpointSequences(services []*Service) endpointSeqs {
	var names []string
	for _, svc := range services {
		for _, e := range svc.Expose {
			for _, to := range e.To {
				if to.Global && to.IP != "" {
					names = append(names, to.IP)
				}
			}
		}
	}
	slices.SortStableFunc(names, jsCmp)
	return names
}

// of is the sequence number of the IP endpoint name, 0 when it has none.
func (e endpointSeqs) of(name string) uint32 {
	for i := len(e) - 1; i >= 0; i-- {
		if e[i] == name {
			return uint32(i + 1)
		}
	}
	return 0
}

// appendServiceEndpoints appends the endpoints the global exposes of svc ask for.
func appendServiceEndpoints(out []EndpointSpec, svc *Service, seq endpointSeqs) []EndpointSpec {
	for _, e := range svc.Expose {
		for _, to := range e.To {
			if !to.Global {
				continue
			}
			ext := e.As
			if ext == 0 {
				ext = e.Port
			}
			kind := EndpointRandomPort
			if e.Proto == "TCP" && ext == 80 {
				kind = EndpointSharedHTTP
			}
			out = append(out, EndpointSpec{Kind: kind})
			if to.IP != "" {
				out = append(out, EndpointSpec{Kind: EndpointLeasedIP, SequenceNumber: seq.of(to.IP)})
			}
		}
	}
	return out
}

func buildResources(id uint32, prof *ComputeProfile, svc *Service, seq endpointSeqs) Resources {
	return fillResources(Resources{}, id, prof, svc, seq)
}

// fillResources is buildResources reusing the endpoint and storage slices
// of old.
func fillResources(old Resources, id uint32, prof *ComputeProfile, svc *Service, seq endpointSeqs) Resources {
	r := Resources{
		ID:        id,
		CPU:       ResourceValue{Value: prof.CPU, Attributes: prof.CPUAttributes},
		Memory:    ResourceValue{Value: prof.Memory},
		GPU:       ResourceValue{Value: prof.GPU, Attributes: prof.GPUAttributes},
		Endpoints: appendServiceEndpoints(old.Endpoints[:0], svc, seq),
	}
	if old.Storage == nil || cap(old.Storage) < len(prof.Storage) {
		r.Storage = make([]StorageResource, len(prof.Storage))
	} else {
		r.Storage = old.Storage[:len(prof.Storage)]
	}
	for i, v := range prof.Storage {
		r.Storage[i] = StorageResource{Name: v.Name, Size: v.Size, Attributes: v.Attributes}
	}
	return r
}
