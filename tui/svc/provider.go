package svc

import (
	"context"
	"fmt"
)

// LeaseID identifies a lease: the order and the provider that won it.
type LeaseID struct {
	DSeq     uint64
	GSeq     uint32
	OSeq     uint32
	Provider string
}

// String is "dseq/gseq/oseq".
func (l LeaseID) String() string { return fmt.Sprintf("%d/%d/%d", l.DSeq, l.GSeq, l.OSeq) }

// ForwardedPort is a service port the provider exposes on a host port.
type ForwardedPort struct {
	// Port is the container port; ExternalPort the port on Host.
	Port, ExternalPort int
	Host, Proto        string
}

// Address is "host:externalPort".
func (f ForwardedPort) Address() string { return fmt.Sprintf("%s:%d", f.Host, f.ExternalPort) }

// ServiceStatus is one service of a lease as the provider reports it.
type ServiceStatus struct {
	Name string
	// Ready and Total are replicas available and wanted.
	Ready, Total int
	// URIs are the service's HTTP endpoints; Ports its forwarded ports.
	URIs  []string
	Ports []ForwardedPort
}

// LeaseStatus is a lease's services.
type LeaseStatus struct {
	Services []ServiceStatus
}

// AllReady reports whether every service has all its replicas.
func (s LeaseStatus) AllReady() bool {
	if len(s.Services) == 0 {
		return false
	}
	for _, sv := range s.Services {
		if sv.Ready < sv.Total {
			return false
		}
	}
	return true
}

// Providers talks to providers' gateways about leases.
type Providers interface {
	// SendManifest sends the deployment's manifest to the lease's provider. sdl is the
	// document the deployment was created from; nil asks the implementation to use the one it
	// stored when the deployment was created.
	SendManifest(ctx context.Context, lease LeaseID, sdl []byte) error
	// WatchStatus sends the lease's status whenever it changes (the implementation may poll
	// the gateway) until ctx is cancelled, then closes the channel.
	WatchStatus(ctx context.Context, lease LeaseID) (<-chan LeaseStatus, error)
}

// LogLine is one line of a service's log.
type LogLine struct {
	// Service and Pod say where it came from.
	Service, Pod string
	Text         string
}

// Event is a Kubernetes event of a lease (pulling an image, a crash loop...).
type Event struct {
	// Type is "Normal" or "Warning"; Reason a single word; Object what it is about.
	Type, Reason, Object, Message string
}

// Lease is a lease of a deployment with its provider.
type Lease struct {
	ID LeaseID
	// Host is the provider's host; State "active" or "closed".
	Host, State string
	// PricePerBlock in uact.
	PricePerBlock float64
}

// DeploymentDetail is a deployment with its leases.
type DeploymentDetail struct {
	Deployment
	Leases []Lease
}

// LeaseLogs streams logs and events of a lease from its provider.
type LeaseLogs interface {
	// Logs sends the last tail lines of the service ("" for all services), then new lines
	// while follow is true, until ctx is cancelled; then it closes the channel.
	Logs(ctx context.Context, lease LeaseID, service string, follow bool, tail int) (<-chan LogLine, error)
	// Events sends the lease's events as they happen until ctx is cancelled.
	Events(ctx context.Context, lease LeaseID) (<-chan Event, error)
}

// DeploymentDetails reads one deployment with its leases.
type DeploymentDetails interface {
	Detail(ctx context.Context, dseq uint64) (DeploymentDetail, error)
}

// ProviderCheck is one provider's answer to "would you bid on this SDL?".
type ProviderCheck struct {
	Provider, Host, Region string
	Audited                bool
	// WouldBid is the verdict; Reason says why not (or notes a condition when it would).
	WouldBid bool
	Reason   string
}

// Preflight asks providers whether they would bid on an SDL before anything is signed.
type Preflight interface {
	// Validate asks every known provider and sends each answer as it arrives; the channel
	// closes when all have answered or ctx is cancelled.
	Validate(ctx context.Context, sdl []byte) (<-chan ProviderCheck, error)
}
