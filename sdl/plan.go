package sdl

import (
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// planner works out which (service, placement) deployments make which
// resource units. Groups, the manifest and its JSON are all written from
// one plan, so none of them needs the others' intermediate structures. A
// planner is scratch space: plannerPool keeps them, so that planning an SDL
// of usual size allocates nothing.
//
// The scratch slices hold indexes rather than pointers or strings of the
// SDL (only seq, for the rare leased IPs, holds strings): sorting and
// appending them then writes no pointers, which would pay the garbage
// collector's write barrier while it marks.
type planner struct {
	svcs   []int32 // indexes into Services, in locale order of the names
	seq    endpointSeqs
	eps    []EndpointSpec // the endpoints of each service, one after the other
	epAt   []int32        // where those of Services[i] start in eps; one more at the end
	groups []planGroup    // in order of first use
	order  []int32        // indexes into groups, sorted by group name
	units  []planUnit     // in order of first use, all groups together
	uses   []planUse      // each deployment of a service to a placement, in locale order of the services

	// scratch for writing the manifest JSON
	entries []planEntry
	exposes []exposeRef
	buf     []byte
}

// planGroup is a group: a placement in use.
type planGroup struct {
	place int32 // index into Placements
	units int32 // resource units so far; the next one gets id units+1
}

// planUnit is a resource unit: a compute profile in use in a group.
type planUnit struct {
	group int32
	id    uint32
	prof  int32 // index into Compute
	price int32 // index into the Pricing of the group's placement, -1 for none
	count uint32
	eps   int32 // endpoints the unit asks for
	slot  int32 // index in the block of returned resource units
}

// name is the group's placement name.
func (g planGroup) name(s *SDL) string { return s.Placements[g.place].Name }

// planUse is a service (an index into Services) deployed as a resource
// unit, count times.
type planUse struct {
	svc   int32
	unit  int32
	count uint32
}

// planEntry is a service of a manifest group: the deployment at index pd
// of the placements of s.Deployments[dep].
type planEntry struct {
	dep, pd int32
}

// of is the deployment the entry stands for and its service's name.
func (e planEntry) of(s *SDL) (string, *PlacementDeployment) {
	d := s.Deployments[e.dep]
	return d.Service, &d.Placements[e.pd]
}

var plannerPool = sync.Pool{New: func() any { return new(planner) }}

func getPlanner() *planner { return plannerPool.Get().(*planner) }

// release returns the planner to the pool. Only seq may point into the
// SDL planned (its leased IP names); it is left as it is: clearing costs
// more than keeping that alive until the pool's next use or the second
// garbage collection after this one.
func (p *planner) release() { plannerPool.Put(p) }

// plan works out the groups and resource units of s, in the order and with
// the ids the TS SDK gives them: services are taken in locale order of
// their names, each placement a service is deployed to becomes a group on
// first use, and each compute profile used in a group a resource unit.
func (p *planner) plan(s *SDL) {
	p.seq = endpointSequences(p.seq[:0], s.Services)
	p.svcs, p.eps, p.epAt = p.svcs[:0], p.eps[:0], p.epAt[:0]
	for i, svc := range s.Services {
		p.svcs = append(p.svcs, int32(i))
		p.epAt = append(p.epAt, int32(len(p.eps)))
		p.eps = appendServiceEndpoints(p.eps, svc, p.seq)
	}
	p.epAt = append(p.epAt, int32(len(p.eps)))
	svcs := s.Services
	if len(p.svcs) > 1 {
		slices.SortStableFunc(p.svcs, func(a, b int32) int { return localeCmp(svcs[a].Name, svcs[b].Name) })
	}
	p.groups, p.units, p.uses = p.groups[:0], p.units[:0], p.uses[:0]
	for _, si := range p.svcs {
		svc := svcs[si]
		d := s.deployment(svc.Name)
		if d == nil {
			continue
		}
		eps := int32(len(p.endpoints(si)))
		for i := range d.Placements {
			pd := &d.Placements[i]
			gi := p.group(s, pd.Placement)
			if gi < 0 {
				gi = int32(len(p.groups))
				p.groups = append(p.groups, planGroup{place: placementIndex(s.Placements, pd.Placement)})
			}
			ui := p.unit(s, gi, pd.Profile)
			if ui < 0 {
				g := &p.groups[gi]
				g.units++
				ui = int32(len(p.units))
				p.units = append(p.units, planUnit{
					group: gi, id: uint32(g.units), prof: profileIndex(s.Compute, pd.Profile),
					price: priceIndex(s.Placements[g.place].Pricing, pd.Profile), count: pd.Count,
				})
			} else {
				p.units[ui].count += pd.Count
			}
			p.units[ui].eps += eps
			p.uses = append(p.uses, planUse{svc: si, unit: ui, count: pd.Count})
		}
	}
	p.order = p.order[:0]
	for i := range p.groups {
		p.order = append(p.order, int32(i))
	}
	// placement names are unique: an unstable sort gives one order
	if len(p.order) > 1 {
		slices.SortFunc(p.order, func(a, b int32) int { return jsCmp(p.groups[a].name(s), p.groups[b].name(s)) })
	}
}

// group is the index of the group of the placement, or -1.
func (p *planner) group(s *SDL, placement string) int32 {
	for i := range p.groups {
		if p.groups[i].name(s) == placement {
			return int32(i)
		}
	}
	return -1
}

// unit is the index of the resource unit of the profile in group gi, or -1.
func (p *planner) unit(s *SDL, gi int32, profile string) int32 {
	for i := range p.units {
		if u := &p.units[i]; u.group == gi && s.Compute[u.prof].Name == profile {
			return int32(i)
		}
	}
	return -1
}

// placementIndex is the index of the placement called name. The parser
// checks that every placement a deployment names exists.
func placementIndex(placements []Placement, name string) int32 {
	for i := range placements {
		if placements[i].Name == name {
			return int32(i)
		}
	}
	panic("sdl: deployment to an undefined placement " + name)
}

// profileIndex is the index of the compute profile called name. The parser
// checks that every profile a deployment names exists.
func profileIndex(compute []ComputeProfile, name string) int32 {
	for i := range compute {
		if compute[i].Name == name {
			return int32(i)
		}
	}
	panic("sdl: deployment of an undefined compute profile " + name)
}

// priceIndex is the index of the price of the profile in pricing, or -1.
func priceIndex(pricing []ProfilePrice, profile string) int32 {
	for i := range pricing {
		if pricing[i].Profile == profile {
			return int32(i)
		}
	}
	return -1
}

// SDLs have a handful of services, placements and profiles: the lookups
// below are linear scans, cheaper than building maps for them.

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

// endpointSeqs numbers the leased IP endpoint names: every global use of an
// IP endpoint is listed, the list sorted, and each name gets the 1-based
// position of its last occurrence (the TS SDK's numbering, repeats included).
type endpointSeqs []string

// endpointSequences appends the IP endpoint names of services to names and
// sorts them.
func endpointSequences(names endpointSeqs, services []*Service) endpointSeqs {
	for _, svc := range services {
		for i := range svc.Expose {
			for _, to := range svc.Expose[i].To {
				if to.Global && to.IP != "" {
					names = append(names, to.IP)
				}
			}
		}
	}
	if len(names) > 1 {
		slices.SortStableFunc(names, jsCmp)
	}
	return names
}

// of is the sequence number of the IP endpoint name, 0 when it has none.
func (e endpointSeqs) of(name string) uint32 {
	if name == "" {
		return 0 // only named endpoints are listed
	}
	for i := len(e) - 1; i >= 0; i-- {
		if e[i] == name {
			return uint32(i + 1)
		}
	}
	return 0
}

// endpoints are the endpoints of Services[si], as appendServiceEndpoints
// gives them: worked out once in plan for both the groups and the JSON.
func (p *planner) endpoints(si int32) []EndpointSpec {
	return p.eps[p.epAt[si]:p.epAt[si+1]]
}

// appendServiceEndpoints appends the endpoints the global exposes of svc ask for.
func appendServiceEndpoints(out []EndpointSpec, svc *Service, seq endpointSeqs) []EndpointSpec {
	for i := range svc.Expose {
		e := &svc.Expose[i]
		for _, to := range e.To {
			if !to.Global {
				continue
			}
			out = append(out, EndpointSpec{Kind: endpointKind(e)})
			if to.IP != "" {
				out = append(out, EndpointSpec{Kind: EndpointLeasedIP, SequenceNumber: seq.of(to.IP)})
			}
		}
	}
	return out
}

// endpointKind is the kind of endpoint a global expose asks for: shared
// HTTP for TCP on external port 80, a random port otherwise.
func endpointKind(e *Expose) EndpointKind {
	ext := e.As
	if ext == 0 {
		ext = e.Port
	}
	if e.Proto == "TCP" && ext == 80 {
		return EndpointSharedHTTP
	}
	return EndpointRandomPort
}

// sortEndpoints sorts endpoints by kind, then sequence number, stably.
func sortEndpoints(eps []EndpointSpec) {
	for i := 1; i < len(eps); i++ {
		for j := i; j > 0 && endpointAfter(eps[j-1], eps[j]); j-- {
			eps[j-1], eps[j] = eps[j], eps[j-1]
		}
	}
}

func endpointAfter(a, b EndpointSpec) bool {
	if a.Kind != b.Kind {
		return a.Kind > b.Kind
	}
	return a.SequenceNumber > b.SequenceNumber
}

// rootCollator is the root-locale collator for the names localeCmp cannot
// order by their bytes. A collator keeps buffers between comparisons, hence
// the lock; it is made once, on first need.
var rootCollator struct {
	sync.Mutex
	c *collate.Collator
}

// localeCmp orders strings as JavaScript's localeCompare does in the root
// locale, which the TS SDK uses to sort services, attributes, exposes and
// dependencies. It skips the collator when both strings use only characters
// whose locale order is their byte order and which compare equal only when
// identical: lowercase letters, digits, '-' and '.', or uppercase letters,
// digits, '-' and '.' (byteOrdered). Case differences are what the locale
// orders unlike bytes ("a" < "B" < "b"), so the two alphabets are not mixed.
func localeCmp(a, b string) int {
	if a == b {
		return 0
	}
	if byteOrdered(a, 'a', 'z') && byteOrdered(b, 'a', 'z') || byteOrdered(a, 'A', 'Z') && byteOrdered(b, 'A', 'Z') {
		return strings.Compare(a, b)
	}
	rootCollator.Lock()
	if rootCollator.c == nil {
		rootCollator.c = collate.New(language.Und)
	}
	r := rootCollator.c.CompareString(a, b)
	rootCollator.Unlock()
	return r
}

// byteOrdered reports whether s uses only the letters lo to hi, digits, '-'
// and '.'.
func byteOrdered(s string, lo, hi byte) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= lo && c <= hi || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}
