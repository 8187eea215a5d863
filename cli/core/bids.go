package core

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/chain"
)

func newBidsCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bids",
		Short: "See providers' bids on your deployments",
	}
	var wait time.Duration
	var state, owner string
	list := &cobra.Command{
		Use:   "list DSEQ",
		Short: "List the bids on a deployment (--wait polls until one arrives)",
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
			deadline := time.Now().Add(wait)
			var bids []chain.Bid
			for {
				bids, err = c.Bids(cmd.Context(), addr, dseq, state)
				if err != nil {
					return err
				}
				if len(bids) > 0 || !time.Now().Before(deadline) {
					break
				}
				select {
				case <-cmd.Context().Done():
					return cmd.Context().Err()
				case <-time.After(min(3*time.Second, time.Until(deadline))):
				}
			}
			if a.JSON() {
				return a.PrintJSON(nonNil(bids))
			}
			if len(bids) == 0 {
				fmt.Fprintf(a.Out, "No bids on deployment %d yet.\n", dseq)
				return nil
			}
			tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "GSEQ/OSEQ\tPROVIDER\tPRICE/BLOCK\tSTATE\tOFFER")
			for _, b := range bids {
				offer := "-"
				if len(b.Offers) > 0 {
					offer = fmt.Sprintf("%d × %s", b.Offers[0].Count, describeResources(b.Offers[0].Resources))
				}
				fmt.Fprintf(tw, "%d/%d\t%s\t%s\t%s\t%s\n", b.ID.GSeq, b.ID.OSeq, b.ID.Provider, b.Price, b.State, offer)
			}
			return tw.Flush()
		},
	}
	list.Flags().DurationVar(&wait, "wait", 0, "keep polling up to this long until a bid arrives (e.g. 2m)")
	list.Flags().StringVar(&state, "state", "", "filter by state: open, active, lost or closed")
	list.Flags().StringVar(&owner, "owner", "", "owner address or key (default: --from)")
	cmd.AddCommand(list)
	return cmd
}
