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
