package live

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/akt-project/akt/chain/probe"
	"github.com/akt-project/akt/config"
	"github.com/akt-project/akt/tui/svc"
)

// networks implements svc.Networks over the config's networks table.
type networks struct{ s *Session }

var _ svc.Networks = networks{}

// known returns a copy of the networks table (built-in, config file and added this session).
func (s *Session) known() map[string]config.Network {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]config.Network, len(s.nets))
	for k, v := range s.nets {
		out[k] = v
	}
	return out
}

// List implements svc.Networks in the config's display order.
func (n networks) List(ctx context.Context) ([]svc.Network, error) {
	nets := n.s.known()
	active, _ := n.s.Network()
	out := make([]svc.Network, 0, len(nets))
	for _, name := range config.SortedNames(nets) {
		net := nets[name]
		if name == active {
			_, net = n.s.Network() // with a --node override or devnet endpoints applied
		}
		out = append(out, toNetwork(name, net, name == active))
	}
	return out, nil
}

// Switch implements svc.Networks: the chain client is rebuilt for the network (lazily, on
// the next call), and the keyring, home and key follow the network's defaults where the
// user chose none (the devnet uses its own test keyring and funded key). With
// Options.PersistNetwork the choice is also saved in the config file.
func (n networks) Switch(ctx context.Context, name string) error {
	s := n.s
	nets := s.known()
	net, ok := nets[name]
	if !ok {
		return fmt.Errorf("switching network: no network named %q (known: %s)", name, strings.Join(config.SortedNames(nets), ", "))
	}
	from, backend, home := s.cfg.From, s.cfg.KeyringBackend, s.cfg.Home
	if name == s.cfg.NetworkName {
		net = s.cfg.Network // keeps a --node override
	} else {
		from, backend, home = s.networkDefaults(net)
		if net.Local {
			if err := applyLocalEndpoints(&net, home, &from, s.cfg.Origin(config.KeyFrom).Kind); err != nil {
				return fmt.Errorf("switching to %s: %w", name, err)
			}
		}
	}
	if len(net.RPC) == 0 {
		return fmt.Errorf("switching to %s: %w", name, errNoRPC)
	}
	s.mu.Lock()
	s.gen++
	s.netName, s.net, s.client = name, net, nil
	if backend != s.backend || home != s.home {
		s.kr, s.krFor = nil, ""
	}
	s.from, s.backend, s.home = from, backend, home
	s.mu.Unlock()
	s.log.Info("switched network", "network", name, "key", from, "keyring-backend", backend)
	if s.opts.PersistNetwork {
		if err := config.SetNetwork(s.cfg.File, name); err != nil {
			return fmt.Errorf("switched to %s for this session, but saving it in %s failed: %w", name, s.cfg.File, err)
		}
	}
	return nil
}

// networkDefaults mirrors config.Load: a network supplies the keyring backend, key and home
// unless the user set them (flag, environment or file).
func (s *Session) networkDefaults(n config.Network) (from, backend, home string) {
	from, backend, home = s.cfg.From, s.cfg.KeyringBackend, s.cfg.Home
	userSet := func(key string) bool {
		switch s.cfg.Origin(key).Kind {
		case "flag", "env", "file":
			return true
		}
		return false
	}
	if !userSet(config.KeyKeyringBackend) {
		backend = "os"
		if n.KeyringBackend != "" {
			backend = n.KeyringBackend
		}
	}
	if !userSet(config.KeyFrom) {
		from = n.DefaultKey
	}
	if !userSet(config.KeyHome) {
		home = filepath.Join(s.cfg.Dirs.UserHome, ".akash")
		switch {
		case n.Home != "":
			home = s.cfg.Dirs.ExpandHome(n.Home)
		case n.Local:
			home = s.cfg.Dirs.DevnetHome()
		}
	}
	return from, backend, home
}

// localEndpoints is the part of a running devnet's devnet.json a switch needs.
type localEndpoints struct {
	ChainID string `json:"chain_id"`
	RPC     string `json:"rpc"`
	GRPC    string `json:"grpc"`
	KeyName string `json:"key_name"`
}

// applyLocalEndpoints points a local network at the endpoints its running devnet wrote in
// home (as config.Load does for the network selected at start).
func applyLocalEndpoints(n *config.Network, home string, from *string, fromOrigin string) error {
	path := filepath.Join(home, config.LocalEndpointsFile)
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
		n.RPC = []string{le.RPC}
	}
	if le.GRPC != "" {
		n.GRPC = []string{le.GRPC}
	}
	if le.KeyName != "" && fromOrigin != "flag" && fromOrigin != "env" && fromOrigin != "file" {
		*from = le.KeyName
	}
	return nil
}

// Probe implements svc.Networks: every RPC endpoint of the network is asked for /status at
// once; the first healthy one in failover order answers.
func (n networks) Probe(ctx context.Context, name string) (svc.Probe, error) {
	net, ok := n.s.known()[name]
	if active, an := n.s.Network(); name == active {
		net, ok = an, true
	}
	if !ok {
		return svc.Probe{}, fmt.Errorf("probing: no network named %q", name)
	}
	if len(net.RPC) == 0 {
		return svc.Probe{}, fmt.Errorf("probing %s: %w", name, errNoRPC)
	}
	results := probe.Endpoints(ctx, net.RPC, net.ChainID, probe.Options{Timeout: DefaultProbeTimeout})
	var problems []string
	for _, r := range results {
		if r.OK {
			return svc.Probe{Latency: r.Latency, Height: r.Height, ChainID: r.ChainID}, nil
		}
		problems = append(problems, r.Endpoint+": "+r.Error)
	}
	return svc.Probe{}, fmt.Errorf("probing %s: %s", name, strings.Join(problems, "; "))
}

// Add implements svc.Networks: the network is written to the config file (keeping its
// comments) with akt's default fees and denoms, and is known for the rest of the session.
func (n networks) Add(ctx context.Context, in svc.Network) error {
	s := n.s
	name := strings.TrimSpace(in.Name)
	if err := config.ValidateNetworkName(name); err != nil {
		return fmt.Errorf("adding a network: %w", err)
	}
	if _, exists := s.known()[name]; exists {
		return fmt.Errorf("adding network %s: a network with that name exists already", name)
	}
	var rpc []string
	for _, u := range strings.Split(in.RPC, ",") {
		if u = strings.TrimSpace(u); u != "" {
			rpc = append(rpc, u)
		}
	}
	net := config.Network{
		Name: name, ChainID: strings.TrimSpace(in.ChainID), RPC: rpc,
		FeeDenom: config.DefaultFeeDenom, GasPrice: config.DefaultGasPrice,
		GasAdjustment: config.DefaultGasAdjustment, DeploymentDenom: config.DefaultDeploymentDenom,
	}
	if errs := net.Validate(); len(errs) > 0 {
		return fmt.Errorf("adding network %s: %w", name, errs[0])
	}
	if err := config.AddNetwork(s.cfg.File, net); err != nil {
		return fmt.Errorf("adding network %s to %s: %w", name, s.cfg.File, err)
	}
	s.mu.Lock()
	s.nets[name] = net
	s.mu.Unlock()
	return nil
}
