// Package devnetcmd is the `akt devnet` command: it runs a local Akash development network
// in the foreground, writes its endpoints to HOME/devnet.json and prints them with the
// funded key. It lives beside package devnet (not in package cli) because it links the
// Cosmos SDK, which only akt-core carries; akt-core registers it with New.
package devnetcmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/cli"
	"github.com/akt-project/akt/config"
	"github.com/akt-project/akt/devnet"
)

// flags are the options of `akt devnet`.
type flags struct {
	providers int
	blockTime time.Duration
	seed      uint64
	faults    []string
	chainID   string
	accounts  []string
	ports     devnet.Ports
}

// New returns the `akt devnet` command.
func New(app *cli.App) *cobra.Command {
	var f flags
	cmd := &cobra.Command{
		Use:   "devnet",
		Short: "Run a local Akash development network (chain and simulated providers) on 127.0.0.1",
		Long: `Runs a local Akash DEVELOPMENT network in the foreground until Ctrl-C: a real
single-validator Cosmos SDK chain with akt's simplified Akash modules and simulated
providers whose gateways speak the provider API. It is not the real Akash network and
nothing on it has value.

The chain state starts fresh at every run (--seed makes keys and prices repeatable). The
endpoints are written to HOME/devnet.json, so other commands find them with
--network devnet (and --home HOME if not the default). The funded key "tenant" is in the
test keyring of HOME.

Faults (repeatable --fault, or PUT /faults on the control endpoint):
  provider-down=I   provider I's gateway refuses connections
  manifest-fail=I   provider I accepts leases but fails every manifest
  rpc-slow=D        the RPC answers after D (e.g. 2s)
  rpc-drop-ws       the RPC drops websockets after a moment
  escrow-blocks=N   new leases drain their deployment's escrow within N blocks`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return run(cmd.Context(), app, f) },
	}
	fl := cmd.Flags()
	fl.IntVar(&f.providers, "providers", devnet.DefaultProviders, "number of simulated providers")
	fl.DurationVar(&f.blockTime, "block-time", devnet.DefaultBlockTime, "time between blocks (6s mimics mainnet)")
	fl.Uint64Var(&f.seed, "seed", 0, "seed for keys, inventories and prices (0: random)")
	fl.StringArrayVar(&f.faults, "fault", nil, "inject a fault (see above); repeatable")
	fl.StringArrayVar(&f.accounts, "account", nil, "fund an extra account at genesis: ADDRESS=COINS (e.g. akash1...=5000000uakt,1000000uact); repeatable")
	fl.StringVar(&f.chainID, "chain-id", devnet.DefaultChainID, "chain id")
	fl.IntVar(&f.ports.RPC, "rpc-port", devnet.DefaultRPCPort, "CometBFT RPC port")
	fl.IntVar(&f.ports.P2P, "p2p-port", devnet.DefaultP2PPort, "CometBFT P2P port")
	fl.IntVar(&f.ports.GRPC, "grpc-port", devnet.DefaultGRPCPort, "gRPC port")
	fl.IntVar(&f.ports.REST, "rest-port", devnet.DefaultRESTPort, "REST port")
	fl.IntVar(&f.ports.Control, "control-port", devnet.DefaultControlPort, "control endpoint port")
	fl.IntVar(&f.ports.Gateway, "gateway-port", devnet.DefaultGatewayPort, "port of provider 0's gateway (provider i: +i)")
	fl.IntVar(&f.ports.Service, "service-port", devnet.DefaultServicePort, "first port for exposed services of leases")
	fl.BoolVar(&f.ports.Auto, "auto-ports", false, "use free ports chosen by the system for ports set to 0")
	return cmd
}

// home is --home when the user gave it, else the devnet's default home.
func home(cfg *config.Config) string {
	switch cfg.Origin(config.KeyHome).Kind {
	case "flag", "env", "file":
		return cfg.Home
	}
	return cfg.Dirs.DevnetHome()
}

func run(ctx context.Context, app *cli.App, f flags) error {
	cfg, err := app.Config()
	if err != nil {
		return err
	}
	var faults devnet.Faults
	for _, s := range f.faults {
		if err := devnet.ParseFault(&faults, s); err != nil {
			return fmt.Errorf("--fault: %w", err)
		}
	}
	var extra []devnet.Account
	for _, a := range f.accounts {
		addr, coins, ok := strings.Cut(a, "=")
		if !ok {
			return fmt.Errorf("--account %q: want ADDRESS=COINS", a)
		}
		extra = append(extra, devnet.Account{Address: addr, Coins: coins})
	}
	h := home(cfg)
	if err := os.MkdirAll(h, 0o700); err != nil {
		return fmt.Errorf("creating devnet home %s: %w", h, err)
	}
	logPath := filepath.Join(h, "devnet.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return fmt.Errorf("creating the devnet log %s: %w", logPath, err)
	}
	defer logFile.Close()
	if f.providers == 0 {
		f.providers = -1 // zero providers, not the default
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	startCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	d, err := devnet.Start(startCtx, devnet.Options{
		Home: h, ChainID: f.chainID, Providers: f.providers, BlockTime: f.blockTime,
		Seed: f.seed, Ports: f.ports, Faults: faults, ExtraAccounts: extra, Log: logFile,
	})
	cancel()
	if err != nil {
		return fmt.Errorf("starting the devnet: %w", err)
	}
	defer d.Close()
	if app.JSON() {
		err = app.PrintJSON(struct {
			devnet.Endpoints
			Mnemonic string `json:"mnemonic"`
		}{d.Endpoints(), d.TenantMnemonic()})
	} else {
		err = printText(app.Out, d)
	}
	if err != nil {
		return err
	}
	<-ctx.Done()
	if !app.JSON() {
		fmt.Fprintln(app.Out, "devnet stopped")
	}
	return nil
}

// printText prints the endpoints, the funded key and how to use them.
func printText(w io.Writer, d *devnet.Devnet) error {
	e := d.Endpoints()
	var b strings.Builder
	fmt.Fprintf(&b, "akt devnet: a local Akash DEVELOPMENT network on 127.0.0.1 (not the real Akash; nothing here has value)\n\n")
	fmt.Fprintf(&b, "  chain id     %s (a block every %s, seed %d)\n", e.ChainID, e.BlockTime, e.Seed)
	fmt.Fprintf(&b, "  rpc          %s\n  grpc         %s\n  rest         %s\n  control      %s\n", e.RPC, e.GRPC, e.REST, e.Control)
	fmt.Fprintf(&b, "  home         %s (endpoints in %s, node log in devnet.log, keyring-backend test)\n\n", e.Home, devnet.EndpointsFile)
	fmt.Fprintf(&b, "  funded key   %s  %s\n", e.KeyName, e.KeyAddress)
	fmt.Fprintf(&b, "  mnemonic     %s\n", d.TenantMnemonic())
	fmt.Fprintf(&b, "               (shown once; the key is in the test keyring of the home)\n\n")
	if len(e.Providers) > 0 {
		fmt.Fprintf(&b, "  providers\n")
		for _, p := range e.Providers {
			audited := "audited"
			if !p.Audited {
				audited = "not audited"
			}
			fmt.Fprintf(&b, "    %-11s %s  %s  %s, %s\n", p.Name, p.Address, p.HostURI, p.Region, audited)
		}
		fmt.Fprintln(&b)
	}
	fmt.Fprintf(&b, "Use it from another terminal:  akt --network devnet --home %s\nPress Ctrl-C to stop.\n", e.Home)
	_, err := io.WriteString(w, b.String())
	return err
}
