package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/chain/probe"
	"github.com/akt-project/akt/config"
	"github.com/akt-project/akt/devnet"
	"github.com/akt-project/akt/tui"
	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/live"
)

// devnetProbeTimeout bounds the check whether a devnet already answers.
const devnetProbeTimeout = 1500 * time.Millisecond

// devnetStartTimeout bounds starting an in-process devnet.
const devnetStartTimeout = 2 * time.Minute

// runConsole starts the interactive console over the live services. On the devnet, when no
// devnet answers at its RPC, one is started in this process for the console's lifetime.
func runConsole(ctx context.Context, a *App) error {
	cfg, err := a.Config()
	if err != nil {
		return err
	}
	log := a.Logger()
	if cfg.Network.Local {
		stop, err := ensureDevnet(ctx, a, cfg)
		if err != nil {
			return err
		}
		defer stop()
	}
	prompt, err := keyringPassphrase(a, cfg)
	if err != nil {
		return err
	}
	s, deps := newConsole(cfg, log, prompt)
	defer s.Close()
	log.Info("starting console", "network", cfg.NetworkName, "read_only", cfg.ReadOnly)
	return tui.Run(ctx, deps)
}

// newConsole builds the console's services from the configuration. It does no I/O: the
// chain is dialled by the first screen that needs it. The shell runs this executable's
// `lease shell` with the terminal handed over.
func newConsole(cfg *config.Config, log *slog.Logger, prompt chain.PassphrasePrompt) (*live.Session, app.Deps) {
	s := live.New(cfg, live.Options{Logger: log, Passphrase: prompt})
	deps := s.Deps()
	if exe, err := os.Executable(); err == nil {
		deps.Shell = s.ShellCommand(exe)
	} else {
		log.Warn("no shell in the console: cannot find akt-core's own path", "err", err)
	}
	return s, deps
}

// keyringPassphrase asks for the passphrase of the file keyring on the terminal before the
// console takes it over (the console cannot prompt), and answers the keyring's prompts with
// it for the session. With no file keyring yet, it offers to choose the passphrase of the new
// one (asked twice), so that keys can be created or imported in the console; an empty answer
// skips that, and the console then cannot create one. The passphrase stays in memory and is
// never logged. A wrong one surfaces as the keyring's error on the screens that need a key.
func keyringPassphrase(a *App, cfg *config.Config) (chain.PassphrasePrompt, error) {
	if cfg.KeyringBackend != chain.BackendFile {
		return nil, nil
	}
	dir := filepath.Join(cfg.Home, "keyring-file")
	if _, err := os.Stat(filepath.Join(dir, "keyhash")); err != nil {
		pass, err := readSecret(a, fmt.Sprintf("No file keyring in %s yet. Choose its passphrase, to create or import keys in the console (Enter to skip):", dir))
		if err != nil {
			return nil, fmt.Errorf("reading the new keyring's passphrase: %w", err)
		}
		if pass == "" {
			return nil, nil
		}
		if _, err := confirmSecret(a, pass); errors.Is(err, errPassphraseMismatch) {
			return nil, fmt.Errorf("%w: the file keyring was not created", err)
		} else if err != nil {
			return nil, fmt.Errorf("reading the new keyring's passphrase: %w", err)
		}
		return chain.PassphraseFunc(func(string, bool) (string, error) { return pass, nil }), nil
	}
	pass, err := readSecret(a, fmt.Sprintf("Passphrase of the file keyring in %s:", cfg.Home))
	if err != nil {
		return nil, fmt.Errorf("reading the keyring passphrase: %w", err)
	}
	return chain.PassphraseFunc(func(string, bool) (string, error) { return pass, nil }), nil
}

// devnetAnswers reports whether a node of the devnet's chain answers at one of its RPC
// endpoints.
func devnetAnswers(ctx context.Context, n config.Network) bool {
	c := &http.Client{Timeout: devnetProbeTimeout}
	for _, ep := range n.RPC {
		if probe.One(ctx, c, ep, n.ChainID, devnetProbeTimeout).OK {
			return true
		}
	}
	return false
}

// ensureDevnet starts a devnet in this process unless one answers at the network's RPC. It
// points cfg at the started devnet and returns the function that stops it.
func ensureDevnet(ctx context.Context, a *App, cfg *config.Config) (func(), error) {
	if devnetAnswers(ctx, cfg.Network) {
		return func() {}, nil
	}
	where := strings.Join(cfg.Network.RPC, ", ")
	fmt.Fprintf(a.Err, "No devnet answers at %s; starting one in this process (home %s)…\n", where, cfg.Home)
	a.Logger().Info("starting an in-process devnet", "rpc", where, "home", cfg.Home)
	sctx, cancel := context.WithTimeout(ctx, devnetStartTimeout)
	defer cancel()
	opts := devnet.Options{Home: cfg.Home, ChainID: cfg.Network.ChainID, Log: logWriter{a.Logger()}, Ports: devnetPorts(cfg.Network)}
	d, err := devnet.Start(sctx, opts)
	if err != nil {
		return nil, fmt.Errorf("no devnet answers at %s and starting one in %s failed: %w (start one with `akt devnet`)", where, cfg.Home, err)
	}
	useDevnet(cfg, d.Endpoints())
	return func() { _ = d.Close() }, nil
}

// devnetPorts keeps the devnet's default ports, unless the network's RPC endpoint names
// another port: then the devnet listens there and takes free ports for everything else.
func devnetPorts(n config.Network) devnet.Ports {
	if len(n.RPC) == 0 {
		return devnet.Ports{}
	}
	u, err := url.Parse(n.RPC[0])
	if err != nil {
		return devnet.Ports{}
	}
	port, err := strconv.Atoi(u.Port())
	if err != nil || port == devnet.DefaultRPCPort {
		return devnet.Ports{}
	}
	return devnet.Ports{RPC: port, Auto: true}
}

// useDevnet points the active network at a started devnet's endpoints and, unless the user
// chose a key, at its funded key.
func useDevnet(cfg *config.Config, e devnet.Endpoints) {
	n := cfg.Network
	if e.ChainID != "" {
		n.ChainID = e.ChainID
	}
	if e.RPC != "" {
		n.RPC = []string{e.RPC}
	}
	if e.GRPC != "" {
		n.GRPC = []string{e.GRPC}
	}
	if e.REST != "" {
		n.REST = []string{e.REST}
	}
	cfg.Network = n
	cfg.Networks[cfg.NetworkName] = n
	switch cfg.Origin(config.KeyFrom).Kind {
	case "flag", "env", "file":
	default:
		if e.KeyName != "" {
			cfg.From = e.KeyName
		}
	}
}

// logWriter sends the devnet node's log lines to the file logger at debug level.
type logWriter struct{ log *slog.Logger }

// Write implements io.Writer.
func (w logWriter) Write(p []byte) (int, error) {
	w.log.Debug("devnet", "line", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
