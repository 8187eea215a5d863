package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/chain/probe"
	"github.com/akt-project/akt/config"
)

type networkJSON struct {
	config.Network
	Active bool `json:"active"`
}

func (a *App) newNetworkCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "network",
		Short: "List, inspect, switch, add and probe networks",
	}
	cmd.AddCommand(a.newNetworkListCmd(), a.newNetworkShowCmd(), a.newNetworkUseCmd(),
		a.newNetworkAddCmd(), a.newNetworkProbeCmd())
	return cmd
}

func (a *App) newNetworkListCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List known networks",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			cfg, err := a.requireConfig()
			if err != nil {
				return err
			}
			names := cfg.NetworkNames()
			if a.JSON() {
				out := make([]networkJSON, 0, len(names))
				for _, n := range names {
					out = append(out, networkJSON{Network: cfg.Networks[n], Active: n == cfg.NetworkName})
				}
				return a.PrintJSON(out)
			}
			tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "\tNAME\tCHAIN ID\tRPC\tSOURCE")
			for _, n := range names {
				net := cfg.Networks[n]
				mark := " "
				if n == cfg.NetworkName {
					mark = "*"
				}
				rpc := "-"
				if len(net.RPC) > 0 {
					rpc = net.RPC[0]
					if len(net.RPC) > 1 {
						rpc += fmt.Sprintf(" (+%d)", len(net.RPC)-1)
					}
				}
				src := "config file"
				if net.BuiltIn {
					src = "built-in"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", mark, n, net.ChainID, rpc, src)
			}
			return tw.Flush()
		},
	}
}

func (a *App) lookupNetwork(args []string) (*config.Config, config.Network, error) {
	cfg, err := a.requireConfig()
	if err != nil {
		return nil, config.Network{}, err
	}
	if len(args) == 0 {
		return cfg, cfg.Network, nil
	}
	n, ok := cfg.Networks[args[0]]
	if !ok {
		return nil, config.Network{}, fmt.Errorf("unknown network %q (known: %s)", args[0], strings.Join(cfg.NetworkNames(), ", "))
	}
	return cfg, n, nil
}

func (a *App) newNetworkShowCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "show [NAME]",
		Short: "Show a network (the active one by default)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			cfg, n, err := a.lookupNetwork(args)
			if err != nil {
				return err
			}
			if a.JSON() {
				return a.PrintJSON(networkJSON{Network: n, Active: n.Name == cfg.NetworkName})
			}
			tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
			row := func(k, v string) {
				if v != "" {
					fmt.Fprintf(tw, "%s\t%s\n", k, v)
				}
			}
			row("name", n.Name)
			row("chain id", n.ChainID)
			row("rpc", strings.Join(n.RPC, ", "))
			row("grpc", strings.Join(n.GRPC, ", "))
			row("rest", strings.Join(n.REST, ", "))
			row("fee", fmt.Sprintf("%s %s per gas (adjustment %.2f)", n.GasPrice, n.FeeDenom, n.GasAdjustment))
			row("deployments in", n.DeploymentDenom)
			row("faucet", n.Faucet)
			row("explorer", n.Explorer)
			row("keyring backend", n.KeyringBackend)
			row("default key", n.DefaultKey)
			if n.Name == cfg.NetworkName {
				row("active", "yes")
			}
			return tw.Flush()
		},
	}
}

func (a *App) newNetworkUseCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "use NAME",
		Short: "Make NAME the active network (saved in the config file)",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			cfg, n, err := a.lookupNetwork(args)
			if err != nil {
				return err
			}
			if err := config.SetNetwork(cfg.File, n.Name); err != nil {
				return err
			}
			if a.JSON() {
				return a.PrintJSON(map[string]string{"network": n.Name, "chain_id": n.ChainID, "config_file": cfg.File})
			}
			fmt.Fprintf(a.Out, "Active network: %s (%s), saved in %s\n", n.Name, n.ChainID, cfg.File)
			if o := cfg.Origin(config.KeyNetwork); o.Kind == "env" || o.Kind == "flag" {
				fmt.Fprintf(a.Err, "Note: %s still overrides the config file for this shell.\n", o)
			}
			return nil
		},
	}
}

func (a *App) newNetworkAddCmd() *cobra.Command {
	var (
		n       config.Network
		rpc     string
		grpc    string
		rest    string
		replace bool
	)
	cmd := &cobra.Command{
		Use:   "add NAME --chain-id ID --rpc URL[,URL...]",
		Short: "Add a network (a testnet or a private RPC) to the config file",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			cfg, err := a.requireConfig()
			if err != nil {
				return err
			}
			n.Name = args[0]
			if err := config.ValidateNetworkName(n.Name); err != nil {
				return err
			}
			if existing, ok := cfg.Networks[n.Name]; ok {
				if existing.BuiltIn {
					return fmt.Errorf("network %q is built in; choose another name", n.Name)
				}
				if !replace {
					return fmt.Errorf("network %q already exists in %s; use --replace to overwrite it", n.Name, cfg.File)
				}
			}
			n.RPC, n.GRPC, n.REST = config.SplitList(rpc), config.SplitList(grpc), config.SplitList(rest)
			if errs := n.Validate(); len(errs) > 0 {
				msgs := make([]string, len(errs))
				for i, e := range errs {
					msgs[i] = "--" + e.Error()
				}
				return fmt.Errorf("network %s: %s", n.Name, strings.Join(msgs, "; "))
			}
			if err := config.AddNetwork(cfg.File, n); err != nil {
				return err
			}
			if a.JSON() {
				return a.PrintJSON(networkJSON{Network: n})
			}
			fmt.Fprintf(a.Out, "Added network %s (%s) to %s. Switch to it with: akt network use %s\n", n.Name, n.ChainID, cfg.File, n.Name)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&n.ChainID, "chain-id", "", "chain id the endpoints must report (required)")
	f.StringVar(&rpc, "rpc", "", "RPC endpoints in failover order, comma-separated (required)")
	f.StringVar(&grpc, "grpc", "", "gRPC endpoints (host:port), comma-separated")
	f.StringVar(&rest, "rest", "", "REST endpoints, comma-separated")
	f.StringVar(&n.FeeDenom, "fee-denom", config.DefaultFeeDenom, "denom fees are paid in")
	f.StringVar(&n.GasPrice, "gas-price", config.DefaultGasPrice, "gas price in the fee denom")
	f.Float64Var(&n.GasAdjustment, "gas-adjustment", config.DefaultGasAdjustment, "multiplier applied to simulated gas")
	f.StringVar(&n.DeploymentDenom, "deployment-denom", config.DefaultDeploymentDenom, "denom deployments are priced in")
	f.StringVar(&n.Faucet, "faucet", "", "faucet URL")
	f.StringVar(&n.Explorer, "explorer", "", "block explorer URL")
	f.BoolVar(&replace, "replace", false, "overwrite an existing user-defined network of that name")
	_ = cmd.MarkFlagRequired("chain-id")
	_ = cmd.MarkFlagRequired("rpc")
	return cmd
}

func (a *App) newNetworkProbeCmd() *cobra.Command {
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "probe [NAME]",
		Short: "Contact each RPC endpoint of a network and report latency, chain id and height",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, n, err := a.lookupNetwork(args)
			if err != nil {
				return err
			}
			if len(n.RPC) == 0 {
				return fmt.Errorf("network %s has no RPC endpoints to probe", n.Name)
			}
			results := probe.Endpoints(cmd.Context(), n.RPC, n.ChainID, probe.Options{Timeout: timeout})
			healthy := 0
			for _, r := range results {
				if r.OK {
					healthy++
				}
			}
			if a.JSON() {
				if err := a.PrintJSON(map[string]any{"network": n.Name, "chain_id": n.ChainID, "endpoints": results, "healthy": healthy}); err != nil {
					return err
				}
			} else {
				tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ENDPOINT\tSTATUS\tLATENCY\tCHAIN ID\tHEIGHT")
				for _, r := range results {
					status, lat, height := "ok", fmt.Sprintf("%.0f ms", r.LatencyMS), fmt.Sprint(r.Height)
					if !r.OK {
						status = r.Error
					}
					if r.Latency == 0 {
						lat = "-"
					}
					if r.Height == 0 {
						height = "-"
					}
					if r.CatchingUp {
						status += " (catching up)"
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Endpoint, status, lat, orDefault(r.ChainID, "-"), height)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
			}
			if healthy == 0 {
				return &ExitError{Code: 1, Err: fmt.Errorf("no healthy RPC endpoint for network %s (%s)", n.Name, n.ChainID)}
			}
			return nil
		},
	}
	cmd.Flags().DurationVar(&timeout, "timeout", probe.DefaultTimeout, "time allowed for each endpoint")
	return cmd
}
