package core

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/config"
)

// dialTimeout bounds one RPC request; failover to the next endpoint
// happens after it.
const dialTimeout = 8 * time.Second

// chainOptions maps the active network to chain client options.
// A --node override means "talk to this node": the network's gRPC
// endpoints (which may serve another chain) are then not used.
func chainOptions(n config.Network, nodeOverride string) (chain.Endpoints, []chain.Option) {
	eps := chain.Endpoints{RPC: n.RPC, GRPC: n.GRPC}
	if nodeOverride != "" {
		eps.GRPC = nil
	}
	return eps, []chain.Option{chain.WithChainID(n.ChainID), chain.WithTimeout(dialTimeout)}
}

// dial connects to the active network (the --node override is already
// applied to cfg.Network by config).
func dial(a *App, ctx context.Context) (*chain.Client, *config.Config, error) {
	cfg, err := a.Config()
	if err != nil {
		return nil, nil, err
	}
	eps, opts := chainOptions(cfg.Network, cfg.Node)
	if len(eps.RPC) == 0 {
		return nil, nil, fmt.Errorf("network %q has no RPC endpoint", cfg.NetworkName)
	}
	c, err := chain.Dial(ctx, eps, opts...)
	if err != nil {
		return nil, nil, fmt.Errorf("network %q: %w", cfg.NetworkName, err)
	}
	return c, cfg, nil
}

// resolveAddress returns addr if given, else the address of the --from key.
func resolveAddress(a *App, arg string) (string, error) {
	if arg != "" {
		if strings.HasPrefix(arg, chain.AccountPrefix+"1") {
			return arg, chain.ValidateAddress(arg)
		}
	}
	cfg, err := a.Config()
	if err != nil {
		return "", err
	}
	name := arg
	if name == "" {
		name = cfg.From
	}
	if name == "" {
		return "", fmt.Errorf("no address given and no key selected (use --from NAME or pass an address)")
	}
	kr, err := openKeyring(a)
	if err != nil {
		return "", err
	}
	k, err := kr.Show(name)
	if err != nil {
		return "", err
	}
	return k.Address, nil
}

func newBalanceCmd(a *App) *cobra.Command {
	return &cobra.Command{
		Use:   "balance [ADDRESS|KEY]",
		Short: "Show an account's balances (default: the --from key)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			arg := ""
			if len(args) == 1 {
				arg = args[0]
			}
			addr, err := resolveAddress(a, arg)
			if err != nil {
				return err
			}
			c, _, err := dial(a, cmd.Context())
			if err != nil {
				return err
			}
			coins, err := c.Balances(cmd.Context(), addr)
			if err != nil {
				return err
			}
			if a.JSON() {
				return a.PrintJSON(map[string]any{"address": addr, "balances": coins})
			}
			fmt.Fprintf(a.Out, "%s\n", addr)
			tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintf(tw, "  AKT\t%s\n", chain.FormatMicro(chain.AmountOf(coins, chain.DenomAKT)))
			fmt.Fprintf(tw, "  ACT\t%s\n", chain.FormatMicro(chain.AmountOf(coins, chain.DenomACT)))
			for _, co := range coins {
				if co.Denom != chain.DenomAKT && co.Denom != chain.DenomACT {
					fmt.Fprintf(tw, "  %s\t%s\n", co.Denom, co.Amount)
				}
			}
			return tw.Flush()
		},
	}
}
