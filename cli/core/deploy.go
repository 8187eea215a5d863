package core

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/chain"
)

func newDeployCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "deploy",
		Short: "Create, inspect, update, fund and close deployments",
	}
	cmd.AddCommand(newDeployCreateCmd(a), newDeployListCmd(a), newDeployShowCmd(a), newDeployUpdateCmd(a),
		newDeployCloseCmd(a), newDeployDepositCmd(a), newDeployGroupCmd(a))
	return cmd
}

func parseDSeq(s string) (uint64, error) {
	d, err := strconv.ParseUint(s, 10, 64)
	if err != nil || d == 0 {
		return 0, fmt.Errorf("DSEQ %q must be a positive integer", s)
	}
	return d, nil
}

func readSDL(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading SDL: %w", err)
	}
	return data, nil
}

func newDeployCreateCmd(a *App) *cobra.Command {
	var deposit, from string
	var dseq uint64
	cmd := &cobra.Command{
		Use:   "create FILE",
		Short: "Create a deployment from an SDL file",
		Args:  cobra.ExactArgs(1),
	}
	cmd.Flags().StringVar(&deposit, "deposit", "5000000uact", "escrow deposit (uact)")
	cmd.Flags().StringVar(&from, "deposit-from", "balance", "deposit sources in order: balance, grant or grant,balance")
	cmd.Flags().Uint64Var(&dseq, "dseq", 0, "deployment sequence (default: the latest block height; needed offline)")
	f := addTxFlags(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		data, err := readSDL(args[0])
		if err != nil {
			return err
		}
		groups, version, _, err := chain.DeploymentFromSDL(data)
		if err != nil {
			return fmt.Errorf("%s: %w", args[0], err)
		}
		amt, err := chain.ParseCoin(deposit)
		if err != nil {
			return fmt.Errorf("--deposit: %w", err)
		}
		cfg, err := a.Config()
		if err != nil {
			return err
		}
		if want := cfg.Network.DeploymentDenom; want != "" && amt.Denom != want {
			return fmt.Errorf("--deposit %s: new deployments on %s are funded in %s (mint it with: akt act mint AMOUNTuakt)", amt, cfg.NetworkName, want)
		}
		sources, err := chain.ParseDepositSources(from)
		if err != nil {
			return fmt.Errorf("--deposit-from: %w", err)
		}
		if dseq == 0 {
			if f.offline() {
				// Offline there is no block height to use; any unused
				// sequence works, so take the clock.
				dseq = uint64(time.Now().Unix())
				fmt.Fprintf(a.Err, "Offline: using dseq %d (pass --dseq to choose).\n", dseq)
			}
		}
		if dseq == 0 {
			c, _, err := dial(a, cmd.Context())
			if err != nil {
				return err
			}
			st, err := c.Status(cmd.Context())
			if err != nil {
				return err
			}
			dseq = uint64(st.LatestHeight)
		}
		_, err = runTx(a, cmd.Context(), f, func(owner string) ([]chain.Msg, error) {
			return one(chain.NewCreateDeployment(owner, dseq, groups, version, amt, sources))
		})
		return err
	}
	return cmd
}

func newDeployUpdateCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "update DSEQ FILE",
		Short: "Point a deployment at a new SDL version (then send the manifest to its providers)",
		Args:  cobra.ExactArgs(2),
	}
	f := addTxFlags(cmd)
	cmd.RunE = txRunE(a, f, func(_ *cobra.Command, args []string, owner string) ([]chain.Msg, error) {
		dseq, err := parseDSeq(args[0])
		if err != nil {
			return nil, err
		}
		data, err := readSDL(args[1])
		if err != nil {
			return nil, err
		}
		_, version, _, err := chain.DeploymentFromSDL(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", args[1], err)
		}
		return one(chain.NewUpdateDeployment(owner, dseq, version))
	})
	return cmd
}

func newDeployCloseCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "close DSEQ",
		Short: "Close a deployment, its leases end and the escrow is refunded",
		Args:  cobra.ExactArgs(1),
	}
	f := addTxFlags(cmd)
	cmd.RunE = txRunE(a, f, func(_ *cobra.Command, args []string, owner string) ([]chain.Msg, error) {
		dseq, err := parseDSeq(args[0])
		if err != nil {
			return nil, err
		}
		return one(chain.NewCloseDeployment(owner, dseq))
	})
	return cmd
}

func newDeployDepositCmd(a *App) *cobra.Command {
	var from, owner string
	cmd := &cobra.Command{
		Use:   "deposit DSEQ AMOUNT",
		Short: "Add funds (uact, or uakt converted by the chain) to a deployment's escrow",
		Args:  cobra.ExactArgs(2),
	}
	cmd.Flags().StringVar(&from, "deposit-from", "balance", "deposit sources in order: balance, grant or grant,balance")
	cmd.Flags().StringVar(&owner, "owner", "", "deployment owner (default: the signer)")
	f := addTxFlags(cmd)
	cmd.RunE = txRunE(a, f, func(_ *cobra.Command, args []string, signer string) ([]chain.Msg, error) {
		dseq, err := parseDSeq(args[0])
		if err != nil {
			return nil, err
		}
		amt, err := chain.ParseCoin(args[1])
		if err != nil {
			return nil, err
		}
		sources, err := chain.ParseDepositSources(from)
		if err != nil {
			return nil, fmt.Errorf("--deposit-from: %w", err)
		}
		o := owner
		if o == "" {
			o = signer
		}
		return one(chain.NewDeploymentDeposit(signer, o, dseq, amt, sources))
	})
	return cmd
}

func newDeployListCmd(a *App) *cobra.Command {
	var state, owner string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List your deployments with their escrow runway",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			addr, err := resolveAddress(a, owner)
			if err != nil {
				return err
			}
			c, _, err := dial(a, cmd.Context())
			if err != nil {
				return err
			}
			ds, err := c.Deployments(cmd.Context(), chain.DeploymentFilter{Owner: addr, State: state})
			if err != nil {
				return err
			}
			if a.JSON() {
				if ds == nil {
					ds = []chain.Deployment{}
				}
				return a.PrintJSON(ds)
			}
			if len(ds) == 0 {
				fmt.Fprintln(a.Out, "No deployments.")
				return nil
			}
			tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "DSEQ\tSTATE\tGROUPS\tESCROW\tSPEND/BLOCK\tRUNWAY")
			for _, d := range ds {
				fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\n", d.DSeq, d.State, len(d.Groups), decCoins(d.Escrow.Balance), decCoins(d.Escrow.SpendPerBlock), runway(d.Escrow))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&state, "state", "", "filter by state: active or closed")
	cmd.Flags().StringVar(&owner, "owner", "", "owner address or key (default: --from)")
	return cmd
}

func newDeployShowCmd(a *App) *cobra.Command {
	var owner string
	cmd := &cobra.Command{
		Use:   "show DSEQ",
		Short: "Show a deployment: groups, resources, escrow and leases",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dseq, err := parseDSeq(args[0])
			if err != nil {
				return err
			}
			addr, err := resolveAddress(a, owner)
			if err != nil {
				return err
			}
			c, _, err := dial(a, cmd.Context())
			if err != nil {
				return err
			}
			d, err := c.Deployment(cmd.Context(), addr, dseq)
			if err != nil {
				return err
			}
			leases, err := c.Leases(cmd.Context(), chain.LeaseFilter{Owner: addr, DSeq: dseq})
			if err != nil {
				return err
			}
			if a.JSON() {
				return a.PrintJSON(map[string]any{"deployment": d, "leases": nonNil(leases)})
			}
			fmt.Fprintf(a.Out, "Deployment %d (%s), version %s, created at height %d\n", d.DSeq, d.State, d.Version, d.CreatedAt)
			fmt.Fprintf(a.Out, "Escrow: %s (%s), spends %s per block, runway %s\n", decCoins(d.Escrow.Balance), d.Escrow.State, decCoins(d.Escrow.SpendPerBlock), runway(d.Escrow))
			for _, g := range d.Groups {
				fmt.Fprintf(a.Out, "Group %d %q (%s)\n", g.GSeq, g.Name, g.State)
				for _, ru := range g.Resources {
					fmt.Fprintf(a.Out, "  %d × %s at %s/block\n", ru.Count, describeResources(ru.Resources), ru.Price)
				}
			}
			for _, l := range leases {
				fmt.Fprintf(a.Out, "Lease %d/%d/%d with %s: %s at %s/block\n", l.ID.GSeq, l.ID.OSeq, l.ID.BSeq, l.ID.Provider, l.State, l.Price)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&owner, "owner", "", "owner address or key (default: --from)")
	return cmd
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func decCoins(cs []chain.DecCoin) string {
	if len(cs) == 0 {
		return "-"
	}
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.String())
	}
	return strings.Join(out, ",")
}

func runway(e chain.Escrow) string {
	if e.RunwayBlocks < 0 {
		return "-"
	}
	return fmt.Sprintf("%.1fh (%d blocks)", e.RunwayHours, e.RunwayBlocks)
}

func describeResources(r chain.Resources) string {
	s := fmt.Sprintf("%.3g CPU, %s RAM", float64(r.CPUMillis)/1000, bytesIEC(r.MemoryBytes))
	if r.GPUs > 0 {
		s += fmt.Sprintf(", %d GPU", r.GPUs)
		if len(r.GPUModels) > 0 {
			s += " (" + strings.Join(r.GPUModels, "/") + ")"
		}
	}
	for _, v := range r.Storage {
		s += fmt.Sprintf(", %s %s", bytesIEC(v.Bytes), v.Name)
	}
	return s
}

func bytesIEC(b uint64) string {
	const unit = 1024
	if b < unit {
		return fmt.Sprintf("%dB", b)
	}
	div, exp := uint64(unit), 0
	for n := b / unit; n >= unit; n /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.4g%ci", float64(b)/float64(div), "KMGTPE"[exp])
}

func newDeployGroupCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "group",
		Short: "Close, pause or start one group of a deployment",
	}
	for _, act := range []chain.GroupAction{chain.GroupClose, chain.GroupPause, chain.GroupStart} {
		sub := &cobra.Command{
			Use:   string(act) + " DSEQ GSEQ",
			Short: strings.ToUpper(string(act[:1])) + string(act[1:]) + " group GSEQ of deployment DSEQ",
			Args:  cobra.ExactArgs(2),
		}
		f := addTxFlags(sub)
		sub.RunE = txRunE(a, f, func(_ *cobra.Command, args []string, owner string) ([]chain.Msg, error) {
			dseq, err := parseDSeq(args[0])
			if err != nil {
				return nil, err
			}
			gseq, err := strconv.ParseUint(args[1], 10, 32)
			if err != nil || gseq == 0 {
				return nil, fmt.Errorf("GSEQ %q must be a positive integer", args[1])
			}
			return one(chain.NewGroupMsg(act, owner, dseq, uint32(gseq)))
		})
		cmd.AddCommand(sub)
	}
	return cmd
}
