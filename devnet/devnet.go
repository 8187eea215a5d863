// Package devnet runs a local Akash development network on 127.0.0.1: a real single-validator
// Cosmos SDK chain (the SDK's own auth, bank, authz, feegrant, staking, genutil and consensus
// modules plus akt's simplified Akash modules, registered under the live chain's service
// names) driven by an in-process CometBFT node, and simulated providers with gateways that
// speak the provider HTTP API. It is clearly a development network, never a substitute for
// the real Akash code: the Akash modules follow mainnet's rules only as far as akt needs.
package devnet

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"cosmossdk.io/log"
	"github.com/cometbft/cometbft/crypto/ed25519"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/akt-project/akt/devnet/app"
	"github.com/akt-project/akt/devnet/gateway"
)

// Genesis funds of the devnet's own accounts.
const (
	tenantFunds   = "100000000000uakt,10000000000uact" // 100,000 AKT and 10,000 ACT
	providerFunds = "10000000000uakt,1000000000uact"   // 10,000 AKT and 1,000 ACT each
	auditorFunds  = "1000000000uakt"
)

// Devnet is a running development network. Close it when done.
type Devnet struct {
	opts    Options
	enc     app.Encoding
	chain   *chainNode
	kr      keyring.Keyring // in-memory: providers and auditor
	tenant  account
	auditor account
	eps     Endpoints
	faults  *faultState
	provs   []*simProvider
	gws     []*gateway.Server
	proxy   *rpcProxy
	control *http.Server

	closeOnce sync.Once
	bg        context.CancelFunc
	wg        sync.WaitGroup
}

// Start builds a fresh devnet under opts.Home (its chain state is reset at every start, the
// keyring keeps the tenant key up to date), starts it and returns once the first block is
// committed and devnet.json is written. The context bounds only the start-up.
//
// With Ports.Auto, a start that loses a race for one of its free ports (another process took
// the port between the pick and the listen) is retried with fresh ports, up to startAttempts
// times in all.
func Start(ctx context.Context, opts Options) (*Devnet, error) {
	return retryPortRaces(ctx, opts.Ports.Auto, func() (*Devnet, error) { return start(ctx, opts) })
}

// retryPortRaces runs attempt until it does not fail on a taken port, at most startAttempts
// times, and only when the ports are free ones (auto): a fixed port stays taken.
func retryPortRaces(ctx context.Context, auto bool, attempt func() (*Devnet, error)) (*Devnet, error) {
	for n := 1; ; n++ {
		d, err := attempt()
		if err == nil || !auto || n == startAttempts || !isAddrInUse(err) || ctx.Err() != nil {
			return d, err
		}
	}
}

// startAttempts bounds the starts of a devnet with free ports (see Start).
const startAttempts = 3

// isAddrInUse tells whether err is a listen that failed on a taken port. CometBFT formats
// its listen errors with %v, so the message is checked too.
func isAddrInUse(err error) bool {
	return errors.Is(err, syscall.EADDRINUSE) || strings.Contains(err.Error(), "address already in use")
}

// start is one attempt of Start.
func start(ctx context.Context, opts Options) (*Devnet, error) {
	if err := app.SetAddressPrefixes(); err != nil {
		return nil, err
	}
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(o.Home, 0o700); err != nil {
		return nil, fmt.Errorf("creating devnet home %s: %w", o.Home, err)
	}
	// Check the ports first: a devnet already running on this home must not lose its keys.
	gwPorts, gwListeners, err := gatewayPorts(o.Ports, o.Providers)
	if err != nil {
		return nil, err
	}
	// Listeners not handed to a gateway (an error, a provider down from the start) are closed.
	defer closeListeners(gwListeners)
	if err := o.Faults.validate(o.Providers); err != nil {
		return nil, err
	}
	if err := checkPortsFree(o.Ports, gwPorts, gwListeners); err != nil {
		return nil, err
	}
	enc, err := app.MakeEncoding()
	if err != nil {
		return nil, err
	}
	d := &Devnet{opts: o, enc: enc, kr: keyring.NewInMemory(enc.Codec), faults: &faultState{f: o.Faults}}
	seeds := seeder{seed: o.Seed}
	if d.tenant, err = seeds.account(TenantKeyName); err != nil {
		return nil, err
	}
	if d.auditor, err = seeds.account("auditor"); err != nil {
		return nil, err
	}
	validator, err := seeds.account("validator")
	if err != nil {
		return nil, err
	}
	home, err := openKeyring(o.Home, enc.Codec)
	if err != nil {
		return nil, err
	}
	if err := importKey(home, d.tenant); err != nil {
		return nil, err
	}
	if err := importKey(d.kr, d.auditor); err != nil {
		return nil, err
	}

	accounts := []genesisAccount{
		{addr: d.tenant.addr, coins: mustCoins(tenantFunds)},
		{addr: d.auditor.addr, coins: mustCoins(auditorFunds)},
	}
	for _, a := range o.ExtraAccounts {
		addr, _ := sdk.AccAddressFromBech32(a.Address) // validated by withDefaults
		coins, _ := sdk.ParseCoinsNormalized(a.Coins)
		accounts = append(accounts, genesisAccount{addr: addr, coins: coins})
	}
	nodeRPC, err := freePort()
	if err != nil {
		return nil, err
	}
	setups, provAccs, akashCfg, err := d.setupProviders(seeds, gwPorts)
	if err != nil {
		return nil, err
	}
	accounts = append(accounts, provAccs...)
	consKey := ed25519.GenPrivKeyFromSecret(seeds.bytes("consensus-key", 32))
	gen, err := buildGenesis(enc, genesisInput{
		chainID:   o.ChainID,
		time:      time.Now().UTC().Truncate(time.Second),
		validator: validator,
		consPub:   consKey.PubKey(),
		accounts:  accounts,
	})
	if err != nil {
		return nil, err
	}

	logger := log.NewNopLogger()
	if o.Log != nil {
		logger = log.NewLogger(o.Log, log.ColorOption(false))
	}
	d.chain, err = startNode(nodeConfig{
		home:      o.Home,
		chainID:   o.ChainID,
		blockTime: o.BlockTime,
		rpcAddr:   fmt.Sprintf("127.0.0.1:%d", nodeRPC),
		p2pPort:   o.Ports.P2P,
		grpcPort:  o.Ports.GRPC,
		restPort:  o.Ports.REST,
		genesis:   gen,
		consKey:   consKey,
		nodeKey:   ed25519.GenPrivKeyFromSecret(seeds.bytes("node-key", 32)),
		logger:    logger,
		appOpts:   app.Options{ChainID: o.ChainID, MinGasPrices: MinGasPrice, Akash: akashCfg},
	})
	if err != nil {
		return nil, err
	}
	d.faults.onEscrow = d.chain.app.Akash.Escrow.SetDrainBlocks
	d.faults.set(o.Faults)
	bg, cancel := context.WithCancel(context.Background())
	d.bg = cancel
	for _, s := range setups {
		s.sp.signer = newSigner(d.chain.client, d.kr, s.sp.name, s.sp.acc.addr)
		d.provs = append(d.provs, s.sp)
		d.wg.Add(1)
		go func(p *simProvider) {
			defer d.wg.Done()
			p.run(bg)
		}(s.sp)
	}
	if d.proxy, err = startRPCProxy(fmt.Sprintf("127.0.0.1:%d", o.Ports.RPC), fmt.Sprintf("127.0.0.1:%d", nodeRPC), d.faults); err != nil {
		d.Close()
		return nil, err
	}
	if err := d.startControl(o.Ports.Control); err != nil {
		d.Close()
		return nil, err
	}
	if err := d.startGateways(bg, setups, gwListeners); err != nil {
		d.Close()
		return nil, err
	}
	if err := d.WaitForHeight(ctx, 1); err != nil {
		d.Close()
		return nil, fmt.Errorf("waiting for the devnet's first block: %w", err)
	}
	// The REST server listens in the background; by the first block it has either failed
	// (its port taken) or is serving.
	if err := d.chain.restErr(); err != nil {
		d.Close()
		return nil, err
	}

	d.eps = Endpoints{
		ChainID:        o.ChainID,
		RPC:            fmt.Sprintf("http://127.0.0.1:%d", o.Ports.RPC),
		GRPC:           fmt.Sprintf("127.0.0.1:%d", o.Ports.GRPC),
		REST:           fmt.Sprintf("http://127.0.0.1:%d", o.Ports.REST),
		Control:        fmt.Sprintf("http://127.0.0.1:%d", o.Ports.Control),
		Home:           o.Home,
		KeyringBackend: keyring.BackendTest,
		KeyName:        TenantKeyName,
		KeyAddress:     d.tenant.addr.String(),
		BlockTime:      o.BlockTime.String(),
		Seed:           o.Seed,
		MinGasPrice:    MinGasPrice,
		Providers:      providerEndpoints(d.provs),
		PID:            os.Getpid(),
	}
	if err := writeEndpoints(o.Home, d.eps); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// Endpoints returns where the devnet listens and which key is funded.
func (d *Devnet) Endpoints() Endpoints { return d.eps }

// TenantMnemonic returns the mnemonic of the funded tenant key, for printing once at start.
// It is never written anywhere but the keyring.
func (d *Devnet) TenantMnemonic() string { return d.tenant.mnemonic }

// TenantAddress returns the address of the funded tenant key.
func (d *Devnet) TenantAddress() sdk.AccAddress { return d.tenant.addr }

// ClientContext returns an SDK client context bound to the in-process node (for tests and
// in-process tools); it has no keyring.
func (d *Devnet) ClientContext() client.Context { return d.chain.client }

// Height returns the latest committed block height.
func (d *Devnet) Height() int64 { return d.chain.node.BlockStore().Height() }

// WaitForHeight waits until a block at height h or above is committed.
func (d *Devnet) WaitForHeight(ctx context.Context, h int64) error {
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for d.Height() < h {
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for block %d (at %d): %w", h, d.Height(), ctx.Err())
		case <-t.C:
		}
	}
	return nil
}

// Close stops the providers and the node and removes devnet.json. It is safe to call more
// than once.
func (d *Devnet) Close() error {
	d.closeOnce.Do(func() {
		if d.bg != nil {
			d.bg()
		}
		d.wg.Wait()
		d.stopControl()
		if d.proxy != nil {
			d.proxy.close()
		}
		for _, gw := range d.gws {
			gw.Close()
		}
		if d.chain != nil {
			d.chain.close()
		}
		_ = os.Remove(d.opts.Home + string(os.PathSeparator) + EndpointsFile)
	})
	return nil
}

// gatewayPorts returns the gateway port of each provider. A free port (Auto) comes with its
// listener, held open until the gateway serves on it so nothing else can take it meanwhile.
func gatewayPorts(p Ports, n int) ([]int, []net.Listener, error) {
	ports := make([]int, n)
	var held []net.Listener
	for i := range ports {
		if p.Auto && p.Gateway == 0 {
			ln, err := reservePort()
			if err != nil {
				closeListeners(held)
				return nil, nil, err
			}
			if held == nil {
				held = make([]net.Listener, n)
			}
			held[i] = ln
			ports[i] = ln.Addr().(*net.TCPAddr).Port
			continue
		}
		ports[i] = p.Gateway + i
	}
	return ports, held, nil
}

// closeListeners closes the listeners still set in lns.
func closeListeners(lns []net.Listener) {
	for _, ln := range lns {
		if ln != nil {
			_ = ln.Close()
		}
	}
}

func providerEndpoints(ps []*simProvider) []ProviderEndpoint {
	out := []ProviderEndpoint{}
	for _, p := range ps {
		out = append(out, ProviderEndpoint{Name: p.name, Address: p.acc.addr.String(), HostURI: p.hostURI, Region: p.inv.Region, Audited: p.inv.Audited})
	}
	return out
}

// checkPortsFree fails early, with the port named, when a fixed port is taken.
// Gateway ports with a held listener are already ours.
func checkPortsFree(p Ports, gateways []int, held []net.Listener) error {
	type named struct {
		name string
		n    int
	}
	ports := []named{{"RPC", p.RPC}, {"P2P", p.P2P}, {"gRPC", p.GRPC}, {"REST", p.REST}, {"control", p.Control}}
	for i, g := range gateways {
		if i < len(held) && held[i] != nil {
			continue
		}
		ports = append(ports, named{fmt.Sprintf("provider-%d gateway", i), g})
	}
	for _, port := range ports {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port.n))
		if err != nil {
			return fmt.Errorf("devnet %s port %d is taken (another devnet running? pick other ports): %w", port.name, port.n, err)
		}
		_ = l.Close()
	}
	return nil
}

// mustCoins parses a constant coin list.
func mustCoins(s string) sdk.Coins {
	c, err := sdk.ParseCoinsNormalized(s)
	if err != nil {
		panic(fmt.Sprintf("devnet: bad constant coins %q: %v", s, err))
	}
	return c
}
