package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// LocalEndpointsFile is the file a running devnet writes in its home
// directory to say where it listens (see package devnet).
const LocalEndpointsFile = "devnet.json"

// localEndpoints is the part of devnet.json the config needs. It is read
// here, not through package devnet, so loading the config stays light.
type localEndpoints struct {
	ChainID string `json:"chain_id"`
	RPC     string `json:"rpc"`
	GRPC    string `json:"grpc"`
	REST    string `json:"rest"`
	KeyName string `json:"key_name"`
}

// applyLocalEndpoints points a local network (the devnet) at the endpoints
// its running instance wrote to home/devnet.json, so `--home DIR` is all a
// command needs after `akt devnet --home DIR`. A missing file leaves the
// built-in defaults; a corrupt one is an error naming the file.
func (c *Config) applyLocalEndpoints(n *Network) error {
	path := filepath.Join(c.Home, LocalEndpointsFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading devnet endpoints %s: %w", path, err)
	}
	var le localEndpoints
	if err := json.Unmarshal(data, &le); err != nil {
		return fmt.Errorf("devnet endpoints %s: %w", path, err)
	}
	if le.ChainID != "" {
		n.ChainID = le.ChainID
	}
	if le.RPC != "" {
		if err := ValidateEndpointURL(le.RPC); err != nil {
			return fmt.Errorf("devnet endpoints %s: rpc: %w", path, err)
		}
		n.RPC = []string{le.RPC}
	}
	if le.GRPC != "" {
		n.GRPC = []string{le.GRPC}
	}
	if le.REST != "" {
		n.REST = []string{le.REST}
	}
	if le.KeyName != "" && c.Origin(KeyFrom).Kind == "network" {
		c.From = le.KeyName
	}
	return nil
}
