// Package fake implements every service of tui/svc in memory, with fixed sample data and
// injectable errors: screen tests, golden files, benchmarks and a demo mode run on it.
package fake

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/svc"
)

// Epoch is the fixed "now" of the sample data.
var Epoch = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// Now is a clock fixed at Epoch.
func Now() time.Time { return Epoch }

// Chain is an in-memory chain: networks, keys, balances.
type Chain struct {
	mu       sync.Mutex
	networks []svc.Network
	active   string
	keys     []svc.Key
	activeK  string
	balances svc.Balances
	rate     float64
	probes   map[string]svc.Probe
	heights  []int64
	// Err, when set, is returned by every call.
	Err error
}

// NewChain returns a chain with three networks, one key "alice" and some funds.
func NewChain() *Chain {
	return &Chain{
		networks: []svc.Network{
			{Name: "mainnet", ChainID: "akashnet-2", RPC: "https://rpc.akt.dev/rpc"},
			{Name: "sandbox", ChainID: "sandbox-2", RPC: "https://rpc.sandbox-2.aksh.pw:443"},
			{Name: "devnet", ChainID: "akt-devnet-1", RPC: "http://127.0.0.1:26657", Custom: true},
		},
		active:   "sandbox",
		keys:     []svc.Key{{Name: "alice", Address: "akash1qyq5j0x2zvd9lq5k3n8gq0ht2zq7f8u6w9x4z3"}},
		activeK:  "alice",
		balances: svc.Balances{UAKT: 125_500_000, UACT: 48_250_000},
		rate:     2.4135,
		probes: map[string]svc.Probe{
			"mainnet": {Latency: 182 * time.Millisecond, Height: 27_481_903, ChainID: "akashnet-2"},
			"sandbox": {Latency: 96 * time.Millisecond, Height: 4_118_220, ChainID: "sandbox-2"},
			"devnet":  {Latency: 2 * time.Millisecond, Height: 1_204, ChainID: "akt-devnet-1"},
		},
		heights: []int64{4_118_221},
	}
}

// WithoutKeys removes every key (the "no key yet" path).
func (c *Chain) WithoutKeys() *Chain {
	c.keys, c.activeK = nil, ""
	c.balances = svc.Balances{}
	return c
}

// Deps returns app.Deps with every service backed by this chain and the sample catalog,
// deployments and market, a fixed clock and read-write mode.
func (c *Chain) Deps() app.Deps {
	ed := NewEditor()
	deps := NewDeployments(12)
	cat := NewCatalog(ed)
	deps.Catalog = cat
	prov := &Providers{}
	return app.Deps{
		Wallet: c, Blocks: c, Networks: c, Keys: c.Keys(),
		Catalog: cat, Editor: ed, Deployments: deps, Details: deps, SDLs: deps, Market: NewMarket(8), Signer: &Signer{},
		Grants: Grants(3_000_000), Providers: prov, Logs: prov, Preflight: prov,
		Copy: func(string) error { return nil },
		Now:  Now,
	}
}

func (c *Chain) fail() error {
	if c.Err != nil {
		return c.Err
	}
	return nil
}

// Account implements svc.Wallet.
func (c *Chain) Account(ctx context.Context) (svc.Account, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.fail(); err != nil {
		return svc.Account{}, err
	}
	a := svc.Account{ACTPerAKT: c.rate, BlockTime: svc.DefaultBlockTime}
	for _, n := range c.networks {
		if n.Name == c.active {
			a.Network = n
			a.Network.Active = true
		}
	}
	for _, k := range c.keys {
		if k.Name == c.activeK {
			k.Active = true
			a.Key = &k
			a.Balances = c.balances
		}
	}
	return a, nil
}

// WatchHeights implements svc.Blocks: it sends the configured heights, then waits for ctx.
func (c *Chain) WatchHeights(ctx context.Context) (<-chan int64, error) {
	c.mu.Lock()
	hs := append([]int64(nil), c.heights...)
	c.mu.Unlock()
	ch := make(chan int64)
	go func() {
		defer close(ch)
		for _, h := range hs {
			select {
			case ch <- h:
			case <-ctx.Done():
				return
			}
		}
		<-ctx.Done()
	}()
	return ch, nil
}

// List implements svc.Networks.
func (c *Chain) List(ctx context.Context) ([]svc.Network, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.fail(); err != nil {
		return nil, err
	}
	out := make([]svc.Network, len(c.networks))
	for i, n := range c.networks {
		n.Active = n.Name == c.active
		out[i] = n
	}
	return out, nil
}

// Switch implements svc.Networks.
func (c *Chain) Switch(ctx context.Context, name string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, n := range c.networks {
		if n.Name == name {
			c.active = name
			return nil
		}
	}
	return fmt.Errorf("no network named %q", name)
}

// Probe implements svc.Networks.
func (c *Chain) Probe(ctx context.Context, name string) (svc.Probe, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.probes[name]
	if !ok {
		return svc.Probe{}, fmt.Errorf("dial %s: connection refused", name)
	}
	return p, nil
}

// Add implements svc.Networks.
func (c *Chain) Add(ctx context.Context, n svc.Network) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	n.Custom, n.Active = true, false
	c.networks = append(c.networks, n)
	return nil
}

// Mnemonic is the mnemonic NewMnemonic returns: the well-known BIP-39 test vector, never a
// real wallet.
const Mnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon " +
	"abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art"

// listKeys returns the keys, the active one flagged. Keys() adapts Chain to svc.Keys, since
// Chain's own List lists networks.
func (c *Chain) listKeys() []svc.Key {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]svc.Key, len(c.keys))
	for i, k := range c.keys {
		k.Active = k.Name == c.activeK
		out[i] = k
	}
	return out
}

// Keys returns the chain's keyring as svc.Keys.
func (c *Chain) Keys() svc.Keys { return keyring{c} }

type keyring struct{ c *Chain }

// List implements svc.Keys.
func (k keyring) List(ctx context.Context) ([]svc.Key, error) {
	if err := k.c.fail(); err != nil {
		return nil, err
	}
	return k.c.listKeys(), nil
}

// NewMnemonic implements svc.Keys with the fixed test mnemonic.
func (k keyring) NewMnemonic(ctx context.Context) (string, error) { return Mnemonic, nil }

// Import implements svc.Keys.
func (k keyring) Import(ctx context.Context, name, mnemonic string) (svc.Key, error) {
	k.c.mu.Lock()
	defer k.c.mu.Unlock()
	if len(strings.Fields(mnemonic)) < 12 {
		return svc.Key{}, fmt.Errorf("invalid mnemonic")
	}
	for _, have := range k.c.keys {
		if have.Name == name {
			return svc.Key{}, fmt.Errorf("a key named %q already exists", name)
		}
	}
	key := svc.Key{Name: name, Address: fmt.Sprintf("akash1%038d", len(k.c.keys)+1)}
	k.c.keys = append(k.c.keys, key)
	return key, nil
}

// Select implements svc.Keys.
func (k keyring) Select(ctx context.Context, name string) error {
	k.c.mu.Lock()
	defer k.c.mu.Unlock()
	for _, have := range k.c.keys {
		if have.Name == name {
			k.c.activeK = name
			return nil
		}
	}
	return fmt.Errorf("no key named %q", name)
}
