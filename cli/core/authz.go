package core

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/chain"
)

// parseExpiration accepts an RFC 3339 time or a duration from now
// ("720h", "30d"); empty means no expiry.
func parseExpiration(s string, now time.Time) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return &t, nil
	}
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err == nil && n > 0 {
			t := now.Add(time.Duration(n) * 24 * time.Hour)
			return &t, nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		t := now.Add(d)
		return &t, nil
	}
	return nil, fmt.Errorf("expiration %q: want an RFC 3339 time (2026-12-31T00:00:00Z) or a duration (720h, 30d)", s)
}

func newAuthzCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "authz",
		Short: "Grant, revoke and list authorizations (deposit grants, generic grants)",
	}
	grant := &cobra.Command{Use: "grant", Short: "Grant an authorization"}
	grant.AddCommand(newAuthzGrantDepositCmd(a), newAuthzGrantGenericCmd(a))
	cmd.AddCommand(grant, newAuthzRevokeCmd(a), newAuthzListCmd(a))
	return cmd
}

func newAuthzGrantDepositCmd(a *App) *cobra.Command {
	var limits, scopes, exp string
	cmd := &cobra.Command{
		Use:   "deposit GRANTEE --spend-limit AMOUNT[,AMOUNT]",
		Short: "Let GRANTEE fund deployments from your account (it names grant as a deposit source)",
		Args:  cobra.ExactArgs(1),
	}
	cmd.Flags().StringVar(&limits, "spend-limit", "", "spend limits, e.g. 50000000uact,10000000uakt (required)")
	cmd.Flags().StringVar(&scopes, "scope", "deployment", "what the grant may fund: deployment, bid or deployment,bid")
	cmd.Flags().StringVar(&exp, "expiration", "", "expiry: RFC 3339 time or duration (720h, 30d)")
	_ = cmd.MarkFlagRequired("spend-limit")
	f := addTxFlags(cmd)
	cmd.RunE = txRunE(a, f, func(_ *cobra.Command, args []string, granter string) ([]chain.Msg, error) {
		lim, err := chain.ParseCoins(limits)
		if err != nil {
			return nil, fmt.Errorf("--spend-limit: %w", err)
		}
		var sc []chain.DepositScope
		for _, s := range strings.Split(scopes, ",") {
			sc = append(sc, chain.DepositScope(strings.TrimSpace(s)))
		}
		e, err := parseExpiration(exp, time.Now())
		if err != nil {
			return nil, err
		}
		return one(chain.NewDepositGrant(granter, args[0], lim, sc, e))
	})
	return cmd
}

func newAuthzGrantGenericCmd(a *App) *cobra.Command {
	var msgType, exp string
	cmd := &cobra.Command{
		Use:   "generic GRANTEE --msg-type URL",
		Short: "Let GRANTEE send one message type on your behalf (through authz exec)",
		Args:  cobra.ExactArgs(1),
	}
	cmd.Flags().StringVar(&msgType, "msg-type", "", "message type URL, e.g. /akash.deployment.v1beta4.MsgCloseDeployment (required)")
	cmd.Flags().StringVar(&exp, "expiration", "", "expiry: RFC 3339 time or duration (720h, 30d)")
	_ = cmd.MarkFlagRequired("msg-type")
	f := addTxFlags(cmd)
	cmd.RunE = txRunE(a, f, func(_ *cobra.Command, args []string, granter string) ([]chain.Msg, error) {
		e, err := parseExpiration(exp, time.Now())
		if err != nil {
			return nil, err
		}
		return one(chain.NewGenericGrant(granter, args[0], msgType, e))
	})
	return cmd
}

func newAuthzRevokeCmd(a *App) *cobra.Command {
	var msgType string
	cmd := &cobra.Command{
		Use:   "revoke GRANTEE --msg-type URL",
		Short: "Revoke a grant (deposit grants are keyed on " + chain.DepositGrantMsgType + ")",
		Args:  cobra.ExactArgs(1),
	}
	cmd.Flags().StringVar(&msgType, "msg-type", chain.DepositGrantMsgType, "message type URL of the grant")
	f := addTxFlags(cmd)
	cmd.RunE = txRunE(a, f, func(_ *cobra.Command, args []string, granter string) ([]chain.Msg, error) {
		return one(chain.NewRevoke(granter, args[0], msgType))
	})
	return cmd
}

func newAuthzListCmd(a *App) *cobra.Command {
	var granter, grantee string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List grants you gave and received (or --granter/--grantee ADDR)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, _, err := dial(a, cmd.Context())
			if err != nil {
				return err
			}
			var grants []chain.Grant
			if granter == "" && grantee == "" {
				me, err := resolveAddress(a, "")
				if err != nil {
					return err
				}
				granter, grantee = me, me
			}
			if granter != "" {
				g, err := c.GrantsByGranter(cmd.Context(), granter)
				if err != nil {
					return err
				}
				grants = append(grants, g...)
			}
			if grantee != "" {
				g, err := c.GrantsByGrantee(cmd.Context(), grantee)
				if err != nil {
					return err
				}
				grants = append(grants, g...)
			}
			if a.JSON() {
				return a.PrintJSON(nonNil(grants))
			}
			if len(grants) == 0 {
				fmt.Fprintln(a.Out, "No grants.")
				return nil
			}
			tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "GRANTER\tGRANTEE\tKIND\tLIMIT\tEXPIRES")
			for _, g := range grants {
				limit := g.MsgTypeURL
				if g.Kind == "deposit" {
					limit = coinsString(g.SpendLimits) + " (" + strings.Join(g.Scopes, ",") + ")"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", g.Granter, g.Grantee, g.Kind, limit, expires(g.Expiration))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&granter, "granter", "", "list grants given by this address")
	cmd.Flags().StringVar(&grantee, "grantee", "", "list grants given to this address")
	return cmd
}

func coinsString(cs []chain.Coin) string {
	if len(cs) == 0 {
		return "-"
	}
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.String())
	}
	return strings.Join(out, ",")
}

func expires(t *time.Time) string {
	if t == nil {
		return "never"
	}
	return t.UTC().Format("2006-01-02 15:04")
}
