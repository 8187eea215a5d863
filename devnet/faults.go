package devnet

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
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

// validate checks provider indexes and amounts.
func (f Faults) validate(providers int) error {
	for _, list := range [][]int{f.ProvidersDown, f.ManifestFail} {
		for _, i := range list {
			if i < 0 || i >= providers {
				return fmt.Errorf("fault names provider %d, but the devnet has providers 0..%d", i, providers-1)
			}
		}
	}
	if f.RPCDelayMS < 0 || f.EscrowBlocks < 0 {
		return fmt.Errorf("fault rpc_delay_ms and escrow_blocks must not be negative")
	}
	return nil
}

// ParseFault applies one --fault flag value to f. Forms: provider-down=I,
// manifest-fail=I, rpc-slow=DURATION, rpc-drop-ws, escrow-blocks=N.
func ParseFault(f *Faults, spec string) error {
	name, val, _ := strings.Cut(spec, "=")
	atoi := func() (int, error) {
		n, err := strconv.Atoi(val)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("fault %q: %q is not a non-negative number", name, val)
		}
		return n, nil
	}
	switch name {
	case "provider-down", "manifest-fail":
		n, err := atoi()
		if err != nil {
			return err
		}
		if name == "provider-down" {
			f.ProvidersDown = append(f.ProvidersDown, n)
		} else {
			f.ManifestFail = append(f.ManifestFail, n)
		}
	case "rpc-slow":
		d, err := time.ParseDuration(val)
		if err != nil || d < 0 {
			return fmt.Errorf("fault rpc-slow: %q is not a duration like 500ms", val)
		}
		f.RPCDelayMS = int(d / time.Millisecond)
	case "rpc-drop-ws":
		f.RPCDropWebsockets = true
	case "escrow-blocks":
		n, err := atoi()
		if err != nil {
			return err
		}
		f.EscrowBlocks = n
	default:
		return fmt.Errorf("unknown fault %q (want provider-down=I, manifest-fail=I, rpc-slow=DURATION, rpc-drop-ws, escrow-blocks=N)", spec)
	}
	return nil
}
