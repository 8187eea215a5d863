package devnet

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/akt-project/akt/config"
)

// Default values of Options.
const (
	DefaultChainID   = "akt-devnet-1"
	DefaultProviders = 5
	DefaultBlockTime = time.Second
	// TenantKeyName is the name of the funded tenant key in the devnet's test keyring.
	TenantKeyName = "tenant"
	// MinGasPrice is the node's minimum gas price, the same as Akash mainnet's.
	MinGasPrice = "0.00025uakt"
)

// Default loopback ports, chosen not to collide with a local node's usual 26657/9090/1317.
const (
	DefaultRPCPort     = 36657
	DefaultP2PPort     = 36656
	DefaultGRPCPort    = 39090
	DefaultRESTPort    = 31317
	DefaultControlPort = 36600
	// DefaultGatewayPort is the port of provider 0's gateway; provider i listens on +i.
	DefaultGatewayPort = 38443
	// DefaultServicePort is the first port handed out to exposed services of leases.
	DefaultServicePort = 38600
)

// Ports are the loopback ports the devnet listens on. Zero fields take the defaults; with
// Auto every zero field gets a free port chosen by the kernel instead (for tests).
type Ports struct {
	RPC, P2P, GRPC, REST, Control int
	// Gateway is the port of provider 0's gateway; provider i listens on Gateway+i (or on
	// free ports with Auto).
	Gateway int
	// Service is the first port handed to exposed service ports of leases.
	Service int
	Auto    bool
}

// Account is an extra account funded at genesis.
type Account struct {
	// Address is the bech32 account address (akash1...).
	Address string
	// Coins are its genesis balances, e.g. "1000000uakt,500000uact".
	Coins string
}

// Options configure a devnet.
type Options struct {
	// Home holds the devnet's state, keyring (Home/keyring-test) and Home/devnet.json.
	// Default: DefaultHome().
	Home string
	// ChainID defaults to DefaultChainID.
	ChainID string
	// Providers is the number of simulated providers; 0 means DefaultProviders, negative none.
	Providers int
	// BlockTime is the target time between blocks (default 1 s; 6 s mimics mainnet).
	BlockTime time.Duration
	// Seed makes keys, inventories and prices deterministic; 0 picks a random seed.
	Seed uint64
	// Ports overrides the loopback ports.
	Ports Ports
	// ExtraAccounts are funded at genesis in addition to the tenant and providers.
	ExtraAccounts []Account
	// Faults injects failures on demand; they can also be changed at run time through the
	// control endpoint.
	Faults Faults
	// Log receives the node's log lines; nil discards them.
	Log io.Writer
}

// DefaultHome returns the devnet's default home, the same directory akt's configuration
// uses for --network devnet ($XDG_DATA_HOME/akt/devnet).
func DefaultHome() string {
	return config.ResolveDirs(os.LookupEnv).DevnetHome()
}

// withDefaults fills zero fields and validates the options.
func (o Options) withDefaults() (Options, error) {
	if o.Home == "" {
		o.Home = DefaultHome()
	}
	abs, err := filepath.Abs(o.Home)
	if err != nil {
		return o, fmt.Errorf("resolving devnet home %q: %w", o.Home, err)
	}
	o.Home = abs
	if o.ChainID == "" {
		o.ChainID = DefaultChainID
	}
	if o.Providers == 0 {
		o.Providers = DefaultProviders
	}
	if o.Providers < 0 {
		o.Providers = 0
	}
	if o.Providers > 50 {
		return o, fmt.Errorf("devnet providers: %d is more than the 50 supported", o.Providers)
	}
	if o.BlockTime == 0 {
		o.BlockTime = DefaultBlockTime
	}
	if o.BlockTime < 10*time.Millisecond {
		return o, fmt.Errorf("devnet block time %s is below the 10ms minimum", o.BlockTime)
	}
	if o.Seed == 0 {
		o.Seed = uint64(time.Now().UnixNano())
	}
	for i, a := range o.ExtraAccounts {
		if _, err := sdk.AccAddressFromBech32(a.Address); err != nil {
			return o, fmt.Errorf("extra account %d: address %q: %w", i, a.Address, err)
		}
		if _, err := sdk.ParseCoinsNormalized(a.Coins); err != nil {
			return o, fmt.Errorf("extra account %d (%s): coins %q: %w", i, a.Address, a.Coins, err)
		}
	}
	if err := o.Ports.fill(o.Providers); err != nil {
		return o, err
	}
	return o, nil
}

// fill assigns default or free ports to zero fields.
func (p *Ports) fill(providers int) error {
	pick := func(v *int, def int) error {
		if *v != 0 {
			return nil
		}
		if !p.Auto {
			*v = def
			return nil
		}
		port, err := freePort()
		if err != nil {
			return err
		}
		*v = port
		return nil
	}
	for _, f := range []struct {
		v   *int
		def int
	}{{&p.RPC, DefaultRPCPort}, {&p.P2P, DefaultP2PPort}, {&p.GRPC, DefaultGRPCPort},
		{&p.REST, DefaultRESTPort}, {&p.Control, DefaultControlPort}} {
		if err := pick(f.v, f.def); err != nil {
			return err
		}
	}
	if p.Gateway == 0 && !p.Auto {
		p.Gateway = DefaultGatewayPort
	}
	if p.Service == 0 && !p.Auto {
		p.Service = DefaultServicePort
	}
	return nil
}

// freePort finds a free loopback TCP port for a server that listens on it later.
func freePort() (int, error) {
	ln, err := reservePort()
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// reservePort listens on a free loopback TCP port. It draws the port from just below the
// kernel's ephemeral range: the kernel hands ephemeral ports to outgoing connections too, so
// a port from that range picked now and listened on later can be taken in between by any
// connection on the machine. When that range cannot be read or leaves no room below it, the
// kernel picks.
func reservePort() (net.Listener, error) {
	if lo := ephemeralLow(); lo > reserveSpan+1024 {
		for range 64 {
			port := lo - 1 - rand.IntN(reserveSpan)
			if ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err == nil {
				return ln, nil
			}
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("finding a free loopback port: %w", err)
	}
	return ln, nil
}

// reserveSpan is how many ports below the ephemeral range reservePort draws from.
const reserveSpan = 8000

// ephemeralLow returns the first port of the kernel's ephemeral range, or 0 when unknown.
func ephemeralLow() int {
	b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) != 2 {
		return 0
	}
	lo, err := strconv.Atoi(f[0])
	if err != nil {
		return 0
	}
	return lo
}
