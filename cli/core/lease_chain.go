package core

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/chain"
)

func newLeaseCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lease",
		Short: "Accept bids, list and close leases",
	}
	cmd.AddCommand(newLeaseCreateCmd(a), newLeaseListCmd(a), newLeaseCloseCmd(a))
	return cmd
}

// leaseSelector are the flags naming a bid or lease of a deployment.
type leaseSelector struct {
	provider   string
	gseq, oseq uint32
}

func addLeaseSelector(cmd *cobra.Command) *leaseSelector {
	s := &leaseSelector{}
	cmd.Flags().StringVar(&s.provider, "provider", "", "provider address (required)")
	cmd.Flags().Uint32Var(&s.gseq, "gseq", 1, "group sequence")
	cmd.Flags().Uint32Var(&s.oseq, "oseq", 1, "order sequence")
	_ = cmd.MarkFlagRequired("provider")
	return s
}

// findBid returns the open bid of the selected provider on dseq.
func findBid(a *App, ctx context.Context, owner string, dseq uint64, s *leaseSelector) (chain.LeaseID, error) {
	c, _, err := dial(a, ctx)
	if err != nil {
		return chain.LeaseID{}, err
	}
	bids, err := c.Bids(ctx, owner, dseq, "open")
	if err != nil {
		return chain.LeaseID{}, err
	}
	for _, b := range bids {
		if b.ID.Provider == s.provider && b.ID.GSeq == s.gseq && b.ID.OSeq == s.oseq {
			return b.ID, nil
		}
	}
	return chain.LeaseID{}, fmt.Errorf("no open bid from %s on deployment %d group %d order %d (see akt bids list %d)", s.provider, dseq, s.gseq, s.oseq, dseq)
}

func newLeaseCreateCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "create DSEQ --provider ADDR",
		Short: "Accept a provider's bid",
		Args:  cobra.ExactArgs(1),
	}
	sel := addLeaseSelector(cmd)
	var bseq uint32
	cmd.Flags().Uint32Var(&bseq, "bseq", 0, "bid sequence (default: look the open bid up; needed offline)")
	f := addTxFlags(cmd)
	cmd.RunE = txRunE(a, f, func(cmd *cobra.Command, args []string, owner string) ([]chain.Msg, error) {
		dseq, err := parseDSeq(args[0])
		if err != nil {
			return nil, err
		}
		id := chain.LeaseID{Owner: owner, DSeq: dseq, GSeq: sel.gseq, OSeq: sel.oseq, Provider: sel.provider, BSeq: bseq}
		if !cmd.Flags().Changed("bseq") {
			if f.offline() {
				return nil, fmt.Errorf("--bseq is needed offline")
			}
			if id, err = findBid(a, cmd.Context(), owner, dseq, sel); err != nil {
				return nil, err
			}
		}
		return one(chain.NewCreateLease(id))
	})
	return cmd
}

func newLeaseCloseCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "close DSEQ --provider ADDR",
		Short: "Close a lease (the deployment stays; close it to get the escrow back)",
		Args:  cobra.ExactArgs(1),
	}
	sel := addLeaseSelector(cmd)
	f := addTxFlags(cmd)
	cmd.RunE = txRunE(a, f, func(cmd *cobra.Command, args []string, owner string) ([]chain.Msg, error) {
		dseq, err := parseDSeq(args[0])
		if err != nil {
			return nil, err
		}
		c, _, err := dial(a, cmd.Context())
		if err != nil {
			return nil, err
		}
		leases, err := c.Leases(cmd.Context(), chain.LeaseFilter{Owner: owner, DSeq: dseq, Provider: sel.provider, State: "active"})
		if err != nil {
			return nil, err
		}
		for _, l := range leases {
			if l.ID.GSeq == sel.gseq && l.ID.OSeq == sel.oseq {
				return one(chain.NewCloseLease(l.ID))
			}
		}
		return nil, fmt.Errorf("no active lease with %s on deployment %d group %d order %d", sel.provider, dseq, sel.gseq, sel.oseq)
	})
	return cmd
}

func newLeaseListCmd(a *App) *cobra.Command {
	var state, owner string
	var dseq uint64
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List your leases",
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
			leases, err := c.Leases(cmd.Context(), chain.LeaseFilter{Owner: addr, DSeq: dseq, State: state})
			if err != nil {
				return err
			}
			if a.JSON() {
				return a.PrintJSON(nonNil(leases))
			}
			if len(leases) == 0 {
				fmt.Fprintln(a.Out, "No leases.")
				return nil
			}
			tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "DSEQ/GSEQ/OSEQ\tPROVIDER\tSTATE\tPRICE/BLOCK")
			for _, l := range leases {
				fmt.Fprintf(tw, "%d/%d/%d\t%s\t%s\t%s\n", l.ID.DSeq, l.ID.GSeq, l.ID.OSeq, l.ID.Provider, l.State, l.Price)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&state, "state", "", "filter by state: active, insufficient_funds or closed")
	cmd.Flags().Uint64Var(&dseq, "dseq", 0, "only leases of this deployment")
	cmd.Flags().StringVar(&owner, "owner", "", "owner address or key (default: --from)")
	return cmd
}
