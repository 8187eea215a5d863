package devnet

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
