package core

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/chain"
)

func newFeegrantCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "feegrant",
		Short: "Pay other accounts' transaction fees (fee allowances)",
	}
	var limit, exp, period, periodLimit string
	grant := &cobra.Command{
		Use:   "grant GRANTEE",
		Short: "Let GRANTEE pay fees from your account (basic, or periodic with --period)",
		Args:  cobra.ExactArgs(1),
	}
	grant.Flags().StringVar(&limit, "spend-limit", "", "total limit, e.g. 1000000uakt (default: none)")
	grant.Flags().StringVar(&exp, "expiration", "", "expiry: RFC 3339 time or duration (720h, 30d)")
	grant.Flags().StringVar(&period, "period", "", "period of a periodic allowance, e.g. 24h")
	grant.Flags().StringVar(&periodLimit, "period-limit", "", "limit per period, e.g. 100000uakt")
	gf := addTxFlags(grant)
	grant.RunE = txRunE(a, gf, func(_ *cobra.Command, args []string, granter string) ([]chain.Msg, error) {
		var fa chain.FeeAllowance
		var err error
		if fa.SpendLimit, err = chain.ParseCoins(limit); err != nil {
			return nil, fmt.Errorf("--spend-limit: %w", err)
		}
		if fa.Expiration, err = parseExpiration(exp, time.Now()); err != nil {
			return nil, err
		}
		if (period == "") != (periodLimit == "") {
			return nil, fmt.Errorf("--period and --period-limit go together")
		}
		if period != "" {
			if fa.Period, err = time.ParseDuration(period); err != nil {
				return nil, fmt.Errorf("--period: %w", err)
			}
			if fa.PeriodLimit, err = chain.ParseCoins(periodLimit); err != nil {
				return nil, fmt.Errorf("--period-limit: %w", err)
			}
		}
		return one(chain.NewFeeGrant(granter, args[0], fa))
	})
	revoke := &cobra.Command{
		Use:   "revoke GRANTEE",
		Short: "Revoke the fee allowance given to GRANTEE",
		Args:  cobra.ExactArgs(1),
	}
	rf := addTxFlags(revoke)
	revoke.RunE = txRunE(a, rf, func(_ *cobra.Command, args []string, granter string) ([]chain.Msg, error) {
		return one(chain.NewRevokeFeeGrant(granter, args[0]))
	})
	var granter, grantee string
	list := &cobra.Command{
		Use:   "list",
		Short: "List fee allowances you gave and received (or --granter/--grantee ADDR)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, _, err := dial(a, cmd.Context())
			if err != nil {
				return err
			}
			if granter == "" && grantee == "" {
				me, err := resolveAddress(a, "")
				if err != nil {
					return err
				}
				granter, grantee = me, me
			}
			var out []chain.FeeGrant
			if granter != "" {
				g, err := c.FeeGrantsByGranter(cmd.Context(), granter)
				if err != nil {
					return err
				}
				out = append(out, g...)
			}
			if grantee != "" {
				g, err := c.FeeGrantsByGrantee(cmd.Context(), grantee)
				if err != nil {
					return err
				}
				out = append(out, g...)
			}
			if a.JSON() {
				return a.PrintJSON(nonNil(out))
			}
			if len(out) == 0 {
				fmt.Fprintln(a.Out, "No fee allowances.")
				return nil
			}
			tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "GRANTER\tGRANTEE\tKIND\tLIMIT\tEXPIRES")
			for _, g := range out {
				lim := coinsString(g.SpendLimit)
				if g.Kind == "periodic" {
					lim += fmt.Sprintf(" (%s per %s)", coinsString(g.PeriodLimit), g.Period)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", g.Granter, g.Grantee, g.Kind, lim, expires(g.Expiration))
			}
			return tw.Flush()
		},
	}
	list.Flags().StringVar(&granter, "granter", "", "list allowances given by this address")
	list.Flags().StringVar(&grantee, "grantee", "", "list allowances given to this address")
	cmd.AddCommand(grant, revoke, list)
	return cmd
}
