package devnet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// EndpointsFile is the name of the file under the devnet home that describes a running devnet.
const EndpointsFile = "devnet.json"

// Endpoints describe a running devnet: where its services listen and which key is funded.
// It is written to Home/devnet.json and never holds secrets.
type Endpoints struct {
	// ChainID is the devnet's chain id.
	ChainID string `json:"chain_id"`
	// RPC is the CometBFT RPC URL (http://127.0.0.1:36657); websockets at RPC + "/websocket".
	RPC string `json:"rpc"`
	// GRPC is the gRPC address (127.0.0.1:39090), plaintext.
	GRPC string `json:"grpc"`
	// REST is the REST (gRPC-gateway) URL (http://127.0.0.1:31317).
	REST string `json:"rest"`
	// Control is the URL of the devnet's control endpoint (faults, status).
	Control string `json:"control"`
	// Home is the devnet's home directory; its test keyring is Home/keyring-test.
	Home string `json:"home"`
	// KeyringBackend is always "test".
	KeyringBackend string `json:"keyring_backend"`
	// KeyName is the name of the funded tenant key in the keyring.
	KeyName string `json:"key_name"`
	// KeyAddress is the tenant key's address.
	KeyAddress string `json:"key_address"`
	// BlockTime is the target block interval, as a Go duration string.
	BlockTime string `json:"block_time"`
	// Seed is the seed the devnet was generated from; reuse it to get the same keys.
	Seed uint64 `json:"seed"`
	// MinGasPrice is the node's minimum gas price.
	MinGasPrice string `json:"min_gas_price"`
	// Providers are the simulated providers.
	Providers []ProviderEndpoint `json:"providers"`
	// PID is the id of the process running the devnet.
	PID int `json:"pid"`
}

// ProviderEndpoint describes one simulated provider.
type ProviderEndpoint struct {
	// Name is the provider's key name (provider-0, provider-1, ...).
	Name string `json:"name"`
	// Address is its on-chain account.
	Address string `json:"address"`
	// HostURI is its gateway URL, as registered on chain.
	HostURI string `json:"host_uri"`
	// Region is its region attribute.
	Region string `json:"region"`
	// Audited tells whether the devnet auditor signed its attributes.
	Audited bool `json:"audited"`
}

// writeEndpoints writes e to home/devnet.json atomically.
func writeEndpoints(home string, e Endpoints) error {
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding devnet endpoints: %w", err)
	}
	path := filepath.Join(home, EndpointsFile)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// ReadEndpoints reads home/devnet.json written by a devnet started with that home. It does
// not check that the devnet is still running; query its RPC for that.
func ReadEndpoints(home string) (Endpoints, error) {
	path := filepath.Join(home, EndpointsFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return Endpoints{}, fmt.Errorf("no devnet endpoints at %s (start one with `akt devnet --home %s`): %w", path, home, err)
	}
	if err != nil {
		return Endpoints{}, fmt.Errorf("reading devnet endpoints %s: %w", path, err)
	}
	var e Endpoints
	if err := json.Unmarshal(b, &e); err != nil {
		return Endpoints{}, fmt.Errorf("decoding devnet endpoints %s: %w", path, err)
	}
	if e.RPC == "" || e.ChainID == "" {
		return Endpoints{}, fmt.Errorf("devnet endpoints %s: missing rpc or chain_id", path)
	}
	return e, nil
}

// Running reads home/devnet.json and reports whether that devnet answers on its RPC (its
// /status names the same chain id). The TUI uses it to decide whether to start its own.
func Running(ctx context.Context, home string) (Endpoints, bool) {
	e, err := ReadEndpoints(home)
	if err != nil {
		return e, false
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.RPC+"/status", nil)
	if err != nil {
		return e, false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return e, false
	}
	defer resp.Body.Close()
	var st struct {
		Result struct {
			NodeInfo struct {
				Network string `json:"network"`
			} `json:"node_info"`
		} `json:"result"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&st) != nil {
		return e, false
	}
	return e, st.Result.NodeInfo.Network == e.ChainID
}
