package devnet

import (
	"slices"
	"sync"
)

// Faults are failures injected on demand, for tests and demonstrations.
type Faults struct {
	// ProvidersDown lists provider indexes whose gateway refuses connections.
	ProvidersDown []int `json:"providers_down,omitempty"`
	// ManifestFail lists provider indexes that accept leases but fail every manifest.
	ManifestFail []int `json:"manifest_fail,omitempty"`
	// RPCDelay delays every RPC request through the proxy by this many milliseconds.
	RPCDelayMS int `json:"rpc_delay_ms,omitempty"`
	// RPCDropWebsockets makes the RPC proxy close websocket connections after a moment.
	RPCDropWebsockets bool `json:"rpc_drop_websockets,omitempty"`
	// EscrowBlocks makes each new deployment's escrow last only about this many blocks:
	// its leases are priced so that the deposit runs dry after that many blocks.
	EscrowBlocks int `json:"escrow_blocks,omitempty"`
}

// faultState is the live, mutable set of faults, read by the providers and the RPC proxy
// and changed through the control endpoint.
type faultState struct {
	mu sync.RWMutex
	f  Faults
	// onEscrow applies the escrow fault to the chain.
	onEscrow func(blocks int64)
}

func (s *faultState) get() Faults {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.f
}

func (s *faultState) set(f Faults) {
	s.mu.Lock()
	s.f = f
	apply := s.onEscrow
	s.mu.Unlock()
	if apply != nil {
		apply(int64(f.EscrowBlocks))
	}
}

func (s *faultState) providerDown(i int) bool { return slices.Contains(s.get().ProvidersDown, i) }

func (s *faultState) manifestFail(i int) bool { return slices.Contains(s.get().ManifestFail, i) }

// SetFaults replaces the devnet's faults at run time (the control endpoint does the same).
func (d *Devnet) SetFaults(f Faults) { d.faults.set(f) }

// Faults returns the faults in force.
func (d *Devnet) Faults() Faults { return d.faults.get() }
