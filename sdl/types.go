package sdl

// SDL is a parsed and validated Akash SDL. Build it with Parse; read the
// deployment groups with Groups, the provider manifest with Manifest and its
// hash with Version.
type SDL struct {
	// SDLVersion is the SDL version, "2.0" or "2.1".
	SDLVersion string
	// Services in document order.
	Services []*Service
	// Compute profiles in document order; names are unique. Look one up
	// by name with Profile.
	Compute []ComputeProfile
	// Placements in document order; names are unique. Look one up by name
	// with Placement.
	Placements []Placement
	// Deployments in document order of services.
	Deployments []*ServiceDeployment
	// Endpoints declared in the endpoints section, in document order.
	Endpoints []Endpoint

	warnings []Diagnostic
	gpus     []gpuSite
	built    *built
}

// Service is one entry of the services section.
type Service struct {
	Name        string
	Image       string
	Command     []string // nil when absent
	Args        []string
	Env         []string
	Expose      []Expose
	Params      *Params // nil when absent
	Credentials *Credentials
}

// Expose is one entry of a service's expose list.
type Expose struct {
	Port   int
	As     int    // 0 when absent
	Proto  string // "TCP" or "UDP"
	Accept []string
	To     []ExposeTo
	HTTP   HTTPOptions
}

// ExposeTo is one destination of an expose entry.
type ExposeTo struct {
	Service string
	Global  bool
	IP      string
}

// HTTPOptions are the proxy options of an expose entry, defaults applied.
type HTTPOptions struct {
	MaxBodySize int64
	ReadTimeout int64
	SendTimeout int64
	NextTries   int64
	NextTimeout int64
	NextCases   []string
}

// Params are a service's params.
type Params struct {
	Storage []StorageParam // sorted by name
	// Permissions is nil when absent; Read holds the listed permissions.
	Permissions *Permissions
}

// Permissions lists what a service may read from the provider.
type Permissions struct {
	Read    []string
	HasRead bool
}

// StorageParam mounts a storage volume into a service.
type StorageParam struct {
	Name     string
	Mount    string
	ReadOnly bool
}

// Credentials are the image registry credentials of a service.
type Credentials struct {
	Host     string
	Email    string
	Username string
	Password string
}

// Attribute is a key/value pair as it goes on chain.
type Attribute struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// ComputeProfile is one entry of profiles.compute, with quantities already
// converted to the decimal strings the chain carries.
type ComputeProfile struct {
	Name string
	// CPU in millicores.
	CPU           string
	CPUAttributes []Attribute
	// Memory in bytes.
	Memory  string
	Storage []StorageVolume
	// GPU units.
	GPU           string
	GPUAttributes []Attribute
}

// StorageVolume is one storage volume of a compute profile.
type StorageVolume struct {
	Name       string // "default" when unnamed
	Named      bool
	Size       string // bytes
	Attributes []Attribute
	Persistent bool
	Class      string
}

// Placement is one entry of profiles.placement.
type Placement struct {
	Name       string
	Attributes []Attribute // sorted by key
	AllOf      []string
	AnyOf      []string
	// Pricing is the price of each compute profile this placement offers,
	// in document order; profile names are unique. Look one up with Price.
	Pricing []ProfilePrice
}

// ProfilePrice is one entry of profiles.placement.<name>.pricing: the
// price of a compute profile in a placement. An invalid price is kept with
// what could be read of it (the error is reported once, at the price).
type ProfilePrice struct {
	Profile string
	Price   Price

	// where the price is, for warnings; valid when it was read without error
	line, col int32
	valid     bool
}

// Profile returns the compute profile called name, or nil when the SDL has
// none by that name.
func (s *SDL) Profile(name string) *ComputeProfile {
	for i := range s.Compute {
		if s.Compute[i].Name == name {
			return &s.Compute[i]
		}
	}
	return nil
}

// Placement returns the placement called name, or nil when the SDL has
// none by that name.
func (s *SDL) Placement(name string) *Placement {
	for i := range s.Placements {
		if s.Placements[i].Name == name {
			return &s.Placements[i]
		}
	}
	return nil
}

// Price returns the price of compute profile profile in the placement, and
// whether the placement prices that profile at all.
func (p *Placement) Price(profile string) (Price, bool) {
	for i := range p.Pricing {
		if p.Pricing[i].Profile == profile {
			return p.Pricing[i].Price, true
		}
	}
	return Price{}, false
}

// Price is a DecCoin: a denom and a decimal amount kept as text (the chain
// package scales it by 10^18 for the wire).
type Price struct {
	Denom  string `json:"denom"`
	Amount string `json:"amount"`
}

// ServiceDeployment is deployment.<service>: where and how many.
type ServiceDeployment struct {
	Service    string
	Placements []PlacementDeployment // document order
}

// PlacementDeployment is deployment.<service>.<placement>.
type PlacementDeployment struct {
	Placement string
	Profile   string
	Count     uint32
}

// Endpoint is an entry of the endpoints section (kind ip).
type Endpoint struct {
	Name string
	Kind string
}
