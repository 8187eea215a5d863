package core

import (
	"errors"
	"fmt"
	"io"

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
		return one(chain.NewMintACT(owner, amt))
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
		return one(chain.NewBurnACT(owner, amt))
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
			out := actStatus{BMEStatus: st}
			rate, err := c.BMERate(cmd.Context())
			switch {
			case err == nil:
				out.ACTPerAKT, out.LastMint = &rate.ACTPerAKT, &rate
			case !errors.Is(err, chain.ErrNoRate):
				fmt.Fprintf(a.Err, "warning: the AKT→ACT rate is unavailable: %v\n", err)
			}
			if a.JSON() {
				return a.PrintJSON(out)
			}
			printActStatus(a.Out, out, err)
			return nil
		},
	}
	cmd.AddCommand(mint, burn, status)
	return cmd
}

// actStatus is what `act status` prints: the exchange's status and parameters, and the rate
// of the chain's newest executed AKT→ACT mint (act_per_akt is null when there is none).
type actStatus struct {
	chain.BMEStatus
	ACTPerAKT *string        `json:"act_per_akt"`
	LastMint  *chain.BMERate `json:"last_mint,omitempty"`
}

// printActStatus writes st as text; rateErr is why st has no rate, if it has none.
func printActStatus(w io.Writer, st actStatus, rateErr error) {
	fmt.Fprintf(w, "status:           %s\ncollateral ratio: %s\nmints allowed:    %v\nrefunds allowed:  %v\nmint spread:      %d bps\nminimum mint:     %s\n",
		st.Status, dash(chain.TrimDecimal(st.CollateralRatio)), st.MintsAllowed, st.RefundsAllowed, st.MintSpreadBps, coinsString(st.MinMint))
	r := st.LastMint
	switch {
	case r != nil:
		fmt.Fprintf(w, "rate:             1 AKT → %s ACT (newest executed mint, after spread)\n", r.ACTPerAKT)
		fmt.Fprintf(w, "last mint:        %s → %s, spread %s, height %d, by %s\n", r.Burned, r.Minted, r.Spread, r.Height, dash(r.Source))
		if r.OracleACTPerAKT != "" {
			fmt.Fprintf(w, "oracle prices:    AKT %s, ACT %s (1 AKT → %s ACT before spread)\n", r.AKTPrice, r.ACTPrice, r.OracleACTPerAKT)
		}
	case errors.Is(rateErr, chain.ErrNoRate):
		fmt.Fprintln(w, "rate:             unknown: no AKT→ACT mint executed yet")
	default:
		fmt.Fprintln(w, "rate:             unavailable")
	}
}
