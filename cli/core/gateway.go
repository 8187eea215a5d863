package core

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/provider"
)

// openBackend connects the provider gateway commands to the active network
// and the --from key. Publishing a client certificate is a transaction and
// goes through the usual plan and confirmation.
func openBackend(ctx context.Context, a *App) (ProviderBackend, error) {
	client, cfg, err := dial(a, ctx)
	if err != nil {
		return nil, err
	}
	signer, err := txSigner(a)
	if err != nil {
		return nil, err
	}
	publish := func(ctx context.Context, certPEM, pubKeyPEM []byte) error {
		_, err := runTx(a, ctx, &txFlags{}, func(from string) ([]chain.Msg, error) {
			return one(chain.NewCreateCertificate(from, certPEM, pubKeyPEM))
		})
		return err
	}
	return newChainBackend(client, signer, cfg.Home, publish), nil
}

// addGatewayCommands attaches the provider gateway commands to the chain
// command groups: manifest at the top, lease status/logs/events/shell/cp
// under lease, status/validate under provider, and the cert group.
func addGatewayCommands(a *App, cmds []*cobra.Command) []*cobra.Command {
	for _, c := range cmds {
		switch c.Name() {
		case "lease":
			c.AddCommand(newLeaseGatewayCmds(a, openBackend)...)
		case "provider":
			c.AddCommand(newProviderGatewayCmds(a, openBackend)...)
		}
	}
	return append(cmds, newManifestCmd(a, openBackend), newCertCmd(a))
}

type certJSON struct {
	Serial string `json:"serial"`
	State  string `json:"state"`
	Stored bool   `json:"stored_locally"`
}

// newCertCmd is `akt cert create|list|revoke`: the mTLS client certificate
// fallback for providers that do not take JWTs.
func newCertCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cert",
		Short: "Create, list and revoke client certificates (mTLS fallback)",
	}
	create := &cobra.Command{
		Use:   "create",
		Short: "Generate a client certificate, publish it on chain and store it beside the keyring",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b, err := openBackend(cmd.Context(), a)
			if err != nil {
				return err
			}
			signer, err := b.Signer(cmd.Context())
			if err != nil {
				return err
			}
			cc, err := provider.EnsureClientCert(cmd.Context(), signer, b.KeyringDir(), b, time.Now())
			if err != nil {
				return fmt.Errorf("creating a client certificate for %s: %w", signer.Address(), err)
			}
			out := certJSON{Serial: cc.Cert.SerialNumber.String(), State: "valid", Stored: true}
			if a.JSON() {
				return a.PrintJSON(out)
			}
			fmt.Fprintf(a.Out, "Client certificate %s for %s is published and stored in %s\n", out.Serial, signer.Address(), provider.ClientCertPath(b.KeyringDir(), signer.Address()))
			return nil
		},
	}
	list := &cobra.Command{
		Use:   "list [ADDR]",
		Short: "List an account's certificates on chain",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			arg := ""
			if len(args) == 1 {
				arg = args[0]
			}
			owner, err := resolveAddress(a, arg)
			if err != nil {
				return err
			}
			client, _, err := dial(a, cmd.Context())
			if err != nil {
				return err
			}
			certs, err := client.Certificates(cmd.Context(), owner, "")
			if err != nil {
				return fmt.Errorf("listing certificates of %s: %w", owner, err)
			}
			if a.JSON() {
				return a.PrintJSON(certs)
			}
			tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "SERIAL\tSTATE")
			for _, c := range certs {
				fmt.Fprintf(tw, "%s\t%s\n", c.Serial, c.State)
			}
			return tw.Flush()
		},
	}
	revoke := &cobra.Command{
		Use:   "revoke SERIAL",
		Short: "Revoke one of your certificates on chain",
		Args:  cobra.ExactArgs(1),
	}
	rf := addTxFlags(revoke)
	revoke.RunE = txRunE(a, rf, func(_ *cobra.Command, args []string, from string) ([]chain.Msg, error) {
		return one(chain.NewRevokeCertificate(from, args[0]))
	})
	cmd.AddCommand(create, list, revoke)
	return cmd
}
