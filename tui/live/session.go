// Package live implements every service the TUI consumes (tui/svc) over akt's real packages:
// the keyring and chain client of package chain, the networks of package config, the
// templates and sdl engines, and the provider gateway client. One Session holds what the
// console shares between services for its lifetime: the active network and key, a lazily
// dialled chain client, and the SDLs of the deployments created in it.
//
// Nothing here talks to the network until a service is called: building a Session and its
// Deps is cheap and offline, so the console opens at once and shows connection problems on
// the screens that need the chain.
package live

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/config"
	"github.com/akt-project/akt/tui/app"
)

// Default timeouts of the calls a Session makes on its own account.
const (
	// DefaultRPCTimeout bounds one RPC request; failover to the next endpoint happens after it.
	DefaultRPCTimeout = 8 * time.Second
	// DefaultProbeTimeout bounds one network probe.
	DefaultProbeTimeout = 4 * time.Second
)

// Options tune a Session; the zero value is usable.
type Options struct {
	// Logger receives diagnostics (never secrets); nil discards them.
	Logger *slog.Logger
	// Passphrase answers the file keyring's passphrase prompt; nil makes opening a file
	// keyring fail with a message saying how to proceed.
	Passphrase chain.PassphrasePrompt
	// PersistNetwork makes Networks.Switch also save the choice in the config file.
	PersistNetwork bool
	// RPCTimeout bounds one RPC request (DefaultRPCTimeout when 0).
	RPCTimeout time.Duration
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// PollInterval is how often provider lease status is polled (3 s when 0).
	PollInterval time.Duration
}

// Session is the console's live state shared by all services. It is safe for concurrent use.
type Session struct {
	cfg  *config.Config
	opts Options
	log  *slog.Logger

	mu      sync.Mutex
	nets    map[string]config.Network
	gen     int // bumped on every network or key switch; stale dials are dropped
	netName string
	net     config.Network
	from    string
	backend string
	home    string
	client  *chain.Client
	kr      *chain.Keyring
	krFor   string // backend + home the keyring was opened for
	store   *sdlStore
	// providers caches on-chain provider records by network/address.
	providers map[string]chain.Provider
	gateways  *providers
	clock     blockClock
}

// New returns a Session over cfg's active network and key. It does no I/O.
func New(cfg *config.Config, opts Options) *Session {
	if opts.RPCTimeout <= 0 {
		opts.RPCTimeout = DefaultRPCTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = 3 * time.Second
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	nets := make(map[string]config.Network, len(cfg.Networks))
	for k, v := range cfg.Networks {
		nets[k] = v
	}
	s := &Session{
		cfg: cfg, opts: opts, log: log, nets: nets,
		netName: cfg.NetworkName, net: cfg.Network, from: cfg.From,
		backend: cfg.KeyringBackend, home: cfg.Home,
		store:     newSDLStore(filepath.Join(cfg.Dirs.Data, "deployments")),
		providers: map[string]chain.Provider{},
	}
	s.gateways = &providers{s: s}
	return s
}

// Close releases the session's provider connections. The session stays usable.
func (s *Session) Close() { s.gateways.close() }

// Deps returns the TUI's dependencies, every service backed by this session. Signer is nil
// in read-only mode; Shell is left to the caller (see ShellCommand), which knows the
// executable to run.
func (s *Session) Deps() app.Deps {
	d := app.Deps{
		Wallet: wallet{s}, Blocks: wallet{s}, Networks: networks{s}, Keys: keys{s},
		Catalog: NewCatalog(s.cfg.Dirs.Data), Editor: Editor{},
		Deployments: deployments{s}, Market: market{s}, Grants: deployments{s},
		Providers: s.gateways, Logs: s.gateways, Details: details{s}, SDLs: details{s}, Preflight: preflight{s},
		ReadOnly: s.cfg.ReadOnly, Now: s.opts.Now,
	}
	if !s.cfg.ReadOnly {
		d.Signer = newSigner(s)
	}
	return d
}

// state is a consistent copy of the session's switchable fields.
type state struct {
	gen                   int
	netName               string
	net                   config.Network
	from, backend, home   string
	client                *chain.Client
	keyring               *chain.Keyring
	keyringBackendAndHome string
}

func (s *Session) snapshot() state {
	s.mu.Lock()
	defer s.mu.Unlock()
	return state{gen: s.gen, netName: s.netName, net: s.net, from: s.from, backend: s.backend, home: s.home,
		client: s.client, keyring: s.kr, keyringBackendAndHome: s.krFor}
}

// Network returns the active network's name and settings.
func (s *Session) Network() (string, config.Network) {
	st := s.snapshot()
	return st.netName, st.net
}

// errNoRPC is returned for a network without any RPC endpoint.
var errNoRPC = errors.New("the network has no RPC endpoint")

// chainClient returns the active network's client, dialling it on first use. A dial that
// finishes after a switch is dropped, so a late answer never revives the old network.
func (s *Session) chainClient(ctx context.Context) (*chain.Client, state, error) {
	st := s.snapshot()
	if st.client != nil {
		return st.client, st, nil
	}
	if len(st.net.RPC) == 0 {
		return nil, st, fmt.Errorf("connecting to %s: %w", st.netName, errNoRPC)
	}
	eps := chain.Endpoints{RPC: st.net.RPC, GRPC: st.net.GRPC}
	if st.netName == s.cfg.NetworkName && s.cfg.Node != "" {
		eps.GRPC = nil // a --node override means this node; the network's gRPC may serve another
	}
	c, err := chain.Dial(ctx, eps, chain.WithChainID(st.net.ChainID), chain.WithTimeout(s.opts.RPCTimeout))
	if err != nil {
		return nil, st, fmt.Errorf("connecting to %s: %w", st.netName, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gen != st.gen {
		return nil, st, fmt.Errorf("connecting to %s: the network was switched meanwhile", st.netName)
	}
	if s.client == nil {
		s.client = c
		s.log.Info("connected", "network", st.netName, "endpoint", c.Endpoint())
	}
	st.client = s.client
	return s.client, st, nil
}

// keyring opens the active keyring (backend and home), once per backend and home.
func (s *Session) keyring() (*chain.Keyring, state, error) {
	st := s.snapshot()
	want := st.backend + "\x00" + st.home
	if st.keyring != nil && st.keyringBackendAndHome == want {
		return st.keyring, st, nil
	}
	prompt := s.opts.Passphrase
	if prompt == nil {
		prompt = chain.PassphraseFunc(func(string, bool) (string, error) {
			return "", fmt.Errorf("the %s keyring in %s needs a passphrase, which the console asks for only at start: restart the console and choose one when asked (or create a key with `akt keys add` first), or use keyring-backend os or test", st.backend, st.home)
		})
	}
	kr, err := chain.OpenKeyring(st.backend, st.home, prompt)
	if err != nil {
		return nil, st, fmt.Errorf("opening the %s keyring in %s: %w", st.backend, st.home, err)
	}
	s.mu.Lock()
	if s.gen == st.gen {
		s.kr, s.krFor = kr, want
	}
	s.mu.Unlock()
	st.keyring = kr
	return kr, st, nil
}

// errNoKey is returned when no key is selected.
var errNoKey = errors.New("no key selected: create or import one under Keys, or pass --from NAME")

// address returns the active key's address.
func (s *Session) address() (string, state, error) {
	st := s.snapshot()
	if st.from == "" {
		return "", st, errNoKey
	}
	if chain.ValidateAddress(st.from) == nil {
		return st.from, st, nil
	}
	kr, st, err := s.keyring()
	if err != nil {
		return "", st, err
	}
	k, err := kr.Show(st.from)
	if err != nil {
		return "", st, fmt.Errorf("looking up key %q in the %s keyring in %s: %w", st.from, st.backend, st.home, err)
	}
	return k.Address, st, nil
}

// signer returns the active key's signer.
func (s *Session) signer() (chain.Signer, state, error) {
	st := s.snapshot()
	if st.from == "" {
		return nil, st, errNoKey
	}
	kr, st, err := s.keyring()
	if err != nil {
		return nil, st, err
	}
	sg, err := kr.Signer(st.from)
	if err != nil {
		return nil, st, fmt.Errorf("key %q in the %s keyring in %s: %w", st.from, st.backend, st.home, err)
	}
	return sg, st, nil
}

// call derives a context bounded by the RPC timeout (several requests may run in one call,
// so the bound is a multiple of it) unless ctx already ends sooner.
func (s *Session) call(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, 3*s.opts.RPCTimeout)
}
