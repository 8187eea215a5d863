package config

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// Network describes one Akash network akt can talk to. Networks are data:
// the built-in ones below and any number of user-defined ones from the
// config file share this shape and the same code paths.
type Network struct {
	// Name is the key the network is selected by (`--network NAME`).
	Name string `json:"name" yaml:"-"`
	// ChainID is the chain id every endpoint must report before akt signs.
	ChainID string `json:"chain_id" yaml:"chain-id"`
	// RPC lists CometBFT JSON-RPC endpoints in failover order.
	RPC []string `json:"rpc" yaml:"rpc"`
	// GRPC lists optional gRPC endpoints (host:port).
	GRPC []string `json:"grpc,omitempty" yaml:"grpc,omitempty"`
	// REST lists optional REST (LCD) endpoints.
	REST []string `json:"rest,omitempty" yaml:"rest,omitempty"`
	// FeeDenom is the denom transaction fees are paid in.
	FeeDenom string `json:"fee_denom" yaml:"fee-denom"`
	// GasPrice is the price of one unit of gas in FeeDenom, as a decimal.
	GasPrice string `json:"gas_price" yaml:"gas-price"`
	// GasAdjustment multiplies the simulated gas to get the gas limit.
	GasAdjustment float64 `json:"gas_adjustment" yaml:"gas-adjustment"`
	// DeploymentDenom is the denom new deployments are priced and funded in.
	DeploymentDenom string `json:"deployment_denom" yaml:"deployment-denom"`
	// Faucet is a URL where test tokens can be requested, if any.
	Faucet string `json:"faucet,omitempty" yaml:"faucet,omitempty"`
	// Explorer is a block explorer URL, if any.
	Explorer string `json:"explorer,omitempty" yaml:"explorer,omitempty"`
	// KeyringBackend, when set, is the keyring backend used on this network
	// unless the user chose one (the devnet uses the test backend).
	KeyringBackend string `json:"keyring_backend,omitempty" yaml:"keyring-backend,omitempty"`
	// DefaultKey, when set, is the key used on this network unless the
	// user chose one (the devnet's funded key).
	DefaultKey string `json:"default_key,omitempty" yaml:"default-key,omitempty"`
	// Home, when set, is the home directory used on this network unless
	// the user chose one (the devnet keeps its keyring and endpoints there).
	Home string `json:"home,omitempty" yaml:"home,omitempty"`
	// Local marks a network whose endpoints are discovered from the home
	// directory (the devnet writes devnet.json there).
	Local bool `json:"local,omitempty" yaml:"local,omitempty"`
	// BuiltIn is true for networks compiled into akt.
	BuiltIn bool `json:"built_in" yaml:"-"`
}

// Defaults shared by every network unless it says otherwise.
const (
	DefaultFeeDenom        = "uakt"
	DefaultGasPrice        = "0.025"
	DefaultGasAdjustment   = 1.5
	DefaultDeploymentDenom = "uact"
)

// Devnet endpoints: fixed loopback ports chosen not to collide with a local
// node's usual 26657 / 9090 / 1317.
const (
	DevnetChainID = "akt-devnet-1"
	DevnetRPC     = "http://127.0.0.1:36657"
	DevnetGRPC    = "127.0.0.1:39090"
	DevnetREST    = "http://127.0.0.1:31317"
	DevnetKeyName = "tenant"
)

// BuiltinNetworks returns the networks compiled into akt, freshly allocated
// so callers may modify them. Endpoints are those the networks publish.
func BuiltinNetworks() map[string]Network {
	return map[string]Network{
		"mainnet": {
			Name:    "mainnet",
			ChainID: "akashnet-2",
			RPC: []string{
				"https://rpc.akt.dev/rpc",
				"https://rpc.akashnet.net:443",
				"https://public-proxy.akt.dev/rpc",
			},
			GRPC: []string{"akash-grpc.publicnode.com:443", "akash.lavenderfive.com:443"},
			REST: []string{
				"https://rpc.akt.dev/rest",
				"https://api.akashnet.net:443",
				"https://public-proxy.akt.dev/rest",
			},
			FeeDenom:        DefaultFeeDenom,
			GasPrice:        DefaultGasPrice,
			GasAdjustment:   DefaultGasAdjustment,
			DeploymentDenom: DefaultDeploymentDenom,
			Explorer:        "https://www.mintscan.io/akash",
			BuiltIn:         true,
		},
		"sandbox": {
			Name:            "sandbox",
			ChainID:         "sandbox-2",
			RPC:             []string{"https://rpc.sandbox-2.aksh.pw:443"},
			GRPC:            []string{"grpc.sandbox-2.aksh.pw:9090"},
			REST:            []string{"https://api.sandbox-2.aksh.pw:443"},
			FeeDenom:        DefaultFeeDenom,
			GasPrice:        DefaultGasPrice,
			GasAdjustment:   DefaultGasAdjustment,
			DeploymentDenom: DefaultDeploymentDenom,
			Faucet:          "http://faucet.sandbox-2.aksh.pw/",
			BuiltIn:         true,
		},
		"devnet": {
			Name:            "devnet",
			ChainID:         DevnetChainID,
			RPC:             []string{DevnetRPC},
			GRPC:            []string{DevnetGRPC},
			REST:            []string{DevnetREST},
			FeeDenom:        DefaultFeeDenom,
			GasPrice:        DefaultGasPrice,
			GasAdjustment:   DefaultGasAdjustment,
			DeploymentDenom: DefaultDeploymentDenom,
			KeyringBackend:  "test",
			DefaultKey:      DevnetKeyName,
			Local:           true,
			BuiltIn:         true,
		},
	}
}

// SortedNames returns the names of nets in a stable order: built-in
// networks first in their canonical order, then the rest alphabetically.
func SortedNames(nets map[string]Network) []string {
	rank := map[string]int{"mainnet": 0, "sandbox": 1, "devnet": 2}
	names := make([]string, 0, len(nets))
	for n := range nets {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		ri, iok := rank[names[i]]
		rj, jok := rank[names[j]]
		switch {
		case iok && jok:
			return ri < rj
		case iok != jok:
			return iok
		default:
			return names[i] < names[j]
		}
	})
	return names
}

var (
	networkNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)
	chainIDRE     = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,47}$`)
	decimalRE     = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)
	denomRE       = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$`)
)

// FieldError is a validation failure of one key of a network definition.
type FieldError struct {
	Key string
	Msg string
}

// Error implements error.
func (e FieldError) Error() string { return e.Key + ": " + e.Msg }

// ValidateNetworkName reports whether name can name a network.
func ValidateNetworkName(name string) error {
	if !networkNameRE.MatchString(name) {
		return fmt.Errorf("invalid network name %q: use 1-32 lower-case letters, digits, '-' or '_'", name)
	}
	return nil
}

// Validate checks a network definition and returns every problem found, each
// naming the key (relative to the network) it concerns.
func (n Network) Validate() []FieldError {
	var errs []FieldError
	add := func(key, format string, args ...any) {
		errs = append(errs, FieldError{Key: key, Msg: fmt.Sprintf(format, args...)})
	}
	if n.ChainID == "" {
		add("chain-id", "is required")
	} else if !chainIDRE.MatchString(n.ChainID) {
		add("chain-id", "invalid chain id %q", n.ChainID)
	}
	if len(n.RPC) == 0 && !n.Local {
		add("rpc", "at least one RPC endpoint is required")
	}
	for i, u := range n.RPC {
		if err := ValidateEndpointURL(u); err != nil {
			add(fmt.Sprintf("rpc[%d]", i), "%v", err)
		}
	}
	for i, u := range n.REST {
		if err := ValidateEndpointURL(u); err != nil {
			add(fmt.Sprintf("rest[%d]", i), "%v", err)
		}
	}
	for i, g := range n.GRPC {
		if g == "" || strings.Contains(g, " ") {
			add(fmt.Sprintf("grpc[%d]", i), "invalid gRPC endpoint %q (want host:port)", g)
		}
	}
	if !denomRE.MatchString(n.FeeDenom) {
		add("fee-denom", "invalid denom %q", n.FeeDenom)
	}
	if !denomRE.MatchString(n.DeploymentDenom) {
		add("deployment-denom", "invalid denom %q", n.DeploymentDenom)
	}
	if !decimalRE.MatchString(n.GasPrice) {
		add("gas-price", "invalid gas price %q (want a decimal such as 0.025)", n.GasPrice)
	}
	if n.GasAdjustment < 1 || n.GasAdjustment > 10 {
		add("gas-adjustment", "%v is out of range (want 1 to 10)", n.GasAdjustment)
	}
	if n.KeyringBackend != "" {
		if err := ValidateKeyringBackend(n.KeyringBackend); err != nil {
			add("keyring-backend", "%v", err)
		}
	}
	return errs
}

// ValidateEndpointURL checks an http(s) endpoint URL.
func ValidateEndpointURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("invalid URL %q: %v", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("invalid URL %q: scheme must be http or https", raw)
	}
	if u.Host == "" {
		return fmt.Errorf("invalid URL %q: no host", raw)
	}
	return nil
}

// ValidateKeyringBackend checks a keyring backend name.
func ValidateKeyringBackend(b string) error {
	switch b {
	case "os", "file", "test":
		return nil
	}
	return fmt.Errorf("invalid keyring backend %q (want os, file or test)", b)
}
