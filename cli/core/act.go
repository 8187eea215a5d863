package core

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/chain"
)

func newActCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "act",
		Short: "Mint ACT by burning AKT, burn ACT for AKT, show the exchange status",
	}
	mint := &cobra.Command{
		Use:   "mint AMOUNT",
		Short: "Burn AMOUNT of uakt to mint ACT (settles in a later block)",
		Args:  cobra.ExactArgs(1),
	}
	mf := addTxFlags(mint)
	mint.RunE = txRunE(a, mf, func(_ *cobra.Command, args []string, owner string) ([]chain.Msg, error) {
		amt, err := chain.ParseCoin(args[0])
		if err != nil {
			return nil, err
		}
		m, err := chain.NewMintACT(owner, amt)
		if err != nil {
			return nil, err
		}
		return []chain.Msg{m}, nil
	})
	burn := &cobra.Command{
		Use:   "burn AMOUNT",
		Short: "Burn AMOUNT of uact to get AKT back",
		Args:  cobra.ExactArgs(1),
	}
	bf := addTxFlags(burn)
	burn.RunE = txRunE(a, bf, func(_ *cobra.Command, args []string, owner string) ([]chain.Msg, error) {
		amt, err := chain.ParseCoin(args[0])
		if err != nil {
			return nil, err
		}
		m, err := chain.NewBurnACT(owner, amt)
		if err != nil {
			return nil, err
		}
		return []chain.Msg{m}, nil
	})
	status := &cobra.Command{
		Use:   "status",
		Short: "Show the burn-mint exchange status and parameters",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, _, err := dial(a, cmd.Context())
			if err != nil {
				return err
			}
			st, err := c.BME(cmd.Context())
			if err != nil {
				return err
			}
			if a.JSON() {
				return a.PrintJSON(st)
			}
			fmt.Fprintf(a.Out, "status:           %s\ncollateral ratio: %s\nmints allowed:    %v\nrefunds allowed:  %v\nmint spread:      %d bps\nminimum mint:     %s\n",
				st.Status, dash(chain.TrimDecimal(st.CollateralRatio)), st.MintsAllowed, st.RefundsAllowed, st.MintSpreadBps, coinsString(st.MinMint))
			return nil
		},
	}
	cmd.AddCommand(mint, burn, status)
	return cmd
}
