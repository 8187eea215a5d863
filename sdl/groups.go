package sdl

import (
	"bytes"
	"crypto/sha256"
)

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
// the manifest and its JSON are made again from the SDL when first asked
// for. The arrays at its end hold the groups of a usual SDL (one group of
// one resource unit), so that building them makes one allocation; they are
// sized so that built fills the 480-byte size class exactly (mind it when
// adding a field).
type built struct {
	groups  []GroupSpec
	later   *builtLater
	version [32]byte

	group1    [1]GroupSpec
	unit1     [1]ResourceUnit
	storage1  [1]StorageResource
	endpoint2 [2]EndpointSpec
}

// builtLater holds what is made only when asked for.
type builtLater struct {
	manifest Manifest
	json     []byte
}

// Groups returns the deployment groups for MsgCreateDeployment, in the order
// and with the resource ids the official TS SDK gives them.
func (s *SDL) Groups() []GroupSpec { return s.build().groups }

// Manifest returns the provider manifest.
func (s *SDL) Manifest() Manifest {
	b := s.build()
	if b.later == nil {
		b.later = new(builtLater)
	}
	if b.later.manifest == nil {
		p := getPlanner()
		p.plan(s)
		b.later.manifest = p.manifest(s)
		p.release()
	}
	return b.later.manifest
}

// ManifestJSON returns the manifest exactly as it is sent to providers: the
// canonical JSON (sorted keys, no spaces, HTML characters escaped) whose
// SHA-256 is the deployment version.
func (s *SDL) ManifestJSON() []byte {
	b := s.build()
	if b.later == nil {
		b.later = new(builtLater)
	}
	if b.later.json == nil {
		p := getPlanner()
		p.plan(s)
		p.buf = p.appendManifestJSON(p.buf[:0], s)
		b.later.json = bytes.Clone(p.buf)
		p.release()
	}
	return b.later.json
}

// Version returns the manifest version hash that goes in MsgCreateDeployment.
func (s *SDL) Version() [32]byte { return s.build().version }

func (s *SDL) build() *built {
	if s.built != nil {
		return s.built
	}
	p := getPlanner()
	p.plan(s)
	b := &built{}
	p.fillGroups(s, b)
	// Hash the JSON in the planner's buffer: most callers want the version only.
	p.buf = p.appendManifestJSON(p.buf[:0], s)
	b.version = sha256.Sum256(p.buf)
	p.release()
	s.built = b
	return b
}

// fillGroups makes the planned groups into b.groups. All the groups'
// resource units, storage and endpoints come from one block each: the
// arrays in b when they are large enough, else one allocation.
func (p *planner) fillGroups(s *SDL, b *built) {
	if len(p.groups) == 0 {
		return
	}
	nStorage, nEndpoints := 0, 0
	for i := range p.units {
		nStorage += len(p.units[i].prof.Storage)
		nEndpoints += int(p.units[i].eps)
	}
	groups := block(b.group1[:], len(p.groups))
	units := block(b.unit1[:], len(p.units))
	storage := block(b.storage1[:], nStorage)
	endpoints := block(b.endpoint2[:], nEndpoints)
	next := 0
	for gi, oi := range p.order {
		g := &p.groups[oi]
		first := next
		for i := range p.units {
			u := &p.units[i]
			if u.group != oi {
				continue
			}
			u.slot = int32(next)
			ru := &units[next]
			next++
			ru.Count, ru.Price = u.count, u.price
			r := &ru.Resources
			prof := u.prof
			r.ID = u.id
			r.CPU = ResourceValue{Value: prof.CPU, Attributes: prof.CPUAttributes}
			r.Memory = ResourceValue{Value: prof.Memory}
			r.GPU = ResourceValue{Value: prof.GPU, Attributes: prof.GPUAttributes}
			n := len(prof.Storage)
			r.Storage, storage = storage[:n:n], storage[n:]
			for k, v := range prof.Storage {
				r.Storage[k] = StorageResource{Name: v.Name, Size: v.Size, Attributes: v.Attributes}
			}
			if u.eps > 0 {
				r.Endpoints, endpoints = endpoints[:0:u.eps], endpoints[u.eps:]
			}
		}
		groups[gi] = GroupSpec{
			Name: g.name,
			Requirements: PlacementRequirements{
				SignedBy:   SignedBy{AllOf: g.pl.AllOf, AnyOf: g.pl.AnyOf},
				Attributes: g.pl.Attributes,
			},
			Resources: units[first:next:next],
		}
	}
	// endpoints fill the capacity just carved for them: append never moves them
	for _, use := range p.uses {
		r := &units[p.units[use.unit].slot].Resources
		r.Endpoints = appendServiceEndpoints(r.Endpoints, s.Services[use.svc], p.seq)
	}
	for i := range units {
		sortEndpoints(units[i].Resources.Endpoints)
	}
	b.groups = groups
}

// block is the first n elements of inline when it is long enough, else a
// new slice of n; never nil, so that an empty storage list stays non-nil.
func block[T any](inline []T, n int) []T {
	if n <= len(inline) {
		return inline[:n:n]
	}
	return make([]T, n)
}
