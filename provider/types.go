package provider

import "encoding/json"

// VersionInfo is a provider's answer to GET /version.
type VersionInfo struct {
	Akash struct {
		Version          string `json:"version"`
		Commit           string `json:"commit"`
		GoVersion        string `json:"go,omitempty"`
		CosmosSDKVersion string `json:"cosmosSdkVersion,omitempty"`
	} `json:"akash"`
	Kube struct {
		Major      string `json:"major"`
		Minor      string `json:"minor"`
		GitVersion string `json:"gitVersion"`
		Platform   string `json:"platform,omitempty"`
	} `json:"kube"`
}

// Status is a provider's answer to GET /status: cluster capacity, bid engine and manifests.
type Status struct {
	Cluster               ClusterStatus   `json:"cluster"`
	Bidengine             BidengineStatus `json:"bidengine"`
	Manifest              ManifestStatus  `json:"manifest"`
	ClusterPublicHostname string          `json:"cluster_public_hostname,omitempty"`
	Address               string          `json:"address,omitempty"`
}

// ClusterStatus reports leases and inventory.
type ClusterStatus struct {
	// Leases is a count in older providers and {"active": N} in newer ones; see ActiveLeases.
	Leases    json.RawMessage `json:"leases,omitempty"`
	Inventory InventoryStatus `json:"inventory"`
}

// ActiveLeases returns the number of active leases in either of the two shapes providers use.
func (c ClusterStatus) ActiveLeases() uint64 {
	var n uint64
	if json.Unmarshal(c.Leases, &n) == nil {
		return n
	}
	var obj struct {
		Active uint64 `json:"active"`
	}
	if json.Unmarshal(c.Leases, &obj) == nil {
		return obj.Active
	}
	return 0
}

// InventoryStatus lists resources in use (active), reserved (pending) and free per node.
type InventoryStatus struct {
	Active    []Resources `json:"active,omitempty"`
	Pending   []Resources `json:"pending,omitempty"`
	Available struct {
		Nodes   []NodeResources   `json:"nodes,omitempty"`
		Storage []StorageResource `json:"storage,omitempty"`
	} `json:"available"`
	Error string `json:"error,omitempty"`
}

// Resources is an amount of compute: CPU in millicores, memory and storage in bytes, GPUs
// as a count.
type Resources struct {
	CPU              uint64           `json:"cpu"`
	Memory           uint64           `json:"memory"`
	GPU              uint64           `json:"gpu"`
	EphemeralStorage uint64           `json:"storage_ephemeral"`
	StorageClasses   map[string]int64 `json:"storage,omitempty"`
}

// Add returns r plus o (storage classes are not summed).
func (r Resources) Add(o Resources) Resources {
	return Resources{CPU: r.CPU + o.CPU, Memory: r.Memory + o.Memory, GPU: r.GPU + o.GPU,
		EphemeralStorage: r.EphemeralStorage + o.EphemeralStorage}
}

// NodeResources is one node's allocatable and available resources.
type NodeResources struct {
	Name        string    `json:"name"`
	Allocatable Resources `json:"allocatable"`
	Available   Resources `json:"available"`
}

// StorageResource is free persistent storage of one class.
type StorageResource struct {
	Class string `json:"class"`
	Size  uint64 `json:"size"`
}

// BidengineStatus reports the bid engine.
type BidengineStatus struct {
	Orders uint32 `json:"orders"`
}

// ManifestStatus reports manifests held.
type ManifestStatus struct {
	Deployments uint32 `json:"deployments"`
}

// Capacity sums allocatable and available resources over all nodes.
func (s *Status) Capacity() (allocatable, available Resources) {
	for _, n := range s.Cluster.Inventory.Available.Nodes {
		allocatable = allocatable.Add(n.Allocatable)
		available = available.Add(n.Available)
	}
	return allocatable, available
}

// LeaseStatus is a provider's answer to GET /lease/{d}/{g}/{o}/status.
type LeaseStatus struct {
	Services       map[string]ServiceStatus   `json:"services"`
	ForwardedPorts map[string][]ForwardedPort `json:"forwarded_ports"`
	IPs            map[string][]LeasedIP      `json:"ips,omitempty"`
	Errors         []string                   `json:"errors,omitempty"`
}

// ServiceStatus is the state of one service of a lease.
type ServiceStatus struct {
	Name               string   `json:"name"`
	Available          int32    `json:"available"`
	Total              int32    `json:"total"`
	URIs               []string `json:"uris"`
	ObservedGeneration int64    `json:"observed_generation"`
	Replicas           int32    `json:"replicas"`
	UpdatedReplicas    int32    `json:"updated_replicas"`
	ReadyReplicas      int32    `json:"ready_replicas"`
	AvailableReplicas  int32    `json:"available_replicas"`
}

// ForwardedPort is a service port reachable on a provider host port.
type ForwardedPort struct {
	Host         string `json:"host"`
	Port         uint16 `json:"port"`
	ExternalPort uint16 `json:"externalPort"`
	Proto        string `json:"proto"`
	Name         string `json:"name"`
}

// LeasedIP is a leased IP endpoint of a service.
type LeasedIP struct {
	IP           string `json:"IP"`
	Port         uint32 `json:"Port"`
	ExternalPort uint32 `json:"ExternalPort"`
	Protocol     string `json:"Protocol"`
}

// ValidateResult is a provider's answer to "would you bid on these groups?".
type ValidateResult struct {
	Provider string `json:"provider"`
	WouldBid bool   `json:"would_bid"`
	// Reason is the provider's explanation when it would not bid.
	Reason string `json:"reason,omitempty"`
	// Detail is the provider's JSON answer when it would bid (e.g. price bounds).
	Detail json.RawMessage `json:"detail,omitempty"`
}
