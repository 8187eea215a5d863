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
// arrays in b when they are large enough, else one allocation. The blocks
// are new, hence zero: only fields with a value are written, one by one,
// since each pointer written takes the write barrier while the garbage
// collector marks (and a struct copied whole, its bulk form).
func (p *planner) fillGroups(s *SDL, b *built) {
	if len(p.groups) == 0 {
		return
	}
	nStorage, nEndpoints := 0, 0
	for i := range p.units {
		nStorage += len(s.Compute[p.units[i].prof].Storage)
		nEndpoints += int(p.units[i].eps)
	}
	groups := block(b.group1[:], len(p.groups))
	units := block(b.unit1[:], len(p.units))
	storage := block(b.storage1[:], nStorage)
	endpoints := block(b.endpoint2[:], nEndpoints)
	next := 0
	for gi, oi := range p.order {
		pl := &s.Placements[p.groups[oi].place]
		first := next
		for i := range p.units {
			u := &p.units[i]
			if u.group != oi {
				continue
			}
			u.slot = int32(next)
			ru := &units[next]
			next++
			ru.Count = u.count
			if u.price >= 0 {
				price := &pl.Pricing[u.price].Price
				ru.Price.Denom, ru.Price.Amount = price.Denom, price.Amount
			}
			r := &ru.Resources
			prof := &s.Compute[u.prof]
			r.ID = u.id
			r.CPU.Value, r.Memory.Value, r.GPU.Value = prof.CPU, prof.Memory, prof.GPU
			if a := prof.CPUAttributes; a != nil {
				r.CPU.Attributes = a
			}
			if a := prof.GPUAttributes; a != nil {
				r.GPU.Attributes = a
			}
			n := len(prof.Storage)
			r.Storage, storage = storage[:n:n], storage[n:]
			for k := range prof.Storage {
				v, st := &prof.Storage[k], &r.Storage[k]
				st.Name, st.Size = v.Name, v.Size
				if v.Attributes != nil {
					st.Attributes = v.Attributes
				}
			}
			if u.eps > 0 {
				r.Endpoints, endpoints = endpoints[:0:u.eps], endpoints[u.eps:]
			}
		}
		g := &groups[gi]
		g.Name = pl.Name
		if pl.AllOf != nil {
			g.Requirements.SignedBy.AllOf = pl.AllOf
		}
		if pl.AnyOf != nil {
			g.Requirements.SignedBy.AnyOf = pl.AnyOf
		}
		if pl.Attributes != nil {
			g.Requirements.Attributes = pl.Attributes
		}
		g.Resources = units[first:next:next]
	}
	// endpoints fill the capacity just carved for them: append never moves them
	for _, use := range p.uses {
		r := &units[p.units[use.unit].slot].Resources
		r.Endpoints = append(r.Endpoints, p.endpoints(use.svc)...)
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
