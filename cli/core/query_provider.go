package core

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func newProviderCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "provider",
		Short: "List and inspect providers",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List providers with region, GPU models and auditors",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, _, err := dial(a, cmd.Context())
			if err != nil {
				return err
			}
			ps, err := c.Providers(cmd.Context())
			if err != nil {
				return err
			}
			if a.JSON() {
				return a.PrintJSON(nonNil(ps))
			}
			tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ADDRESS\tHOST\tREGION\tGPUS\tAUDITED")
			for _, p := range ps {
				audited := "no"
				if len(p.AuditedBy) > 0 {
					audited = "yes"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.Address, p.HostURI, dash(p.Region), dash(strings.Join(p.GPUModels, ",")), audited)
			}
			return tw.Flush()
		},
	}, &cobra.Command{
		Use:   "show ADDRESS",
		Short: "Show a provider's attributes and auditors",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, _, err := dial(a, cmd.Context())
			if err != nil {
				return err
			}
			p, err := c.Provider(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if a.JSON() {
				return a.PrintJSON(p)
			}
			fmt.Fprintf(a.Out, "address:    %s\nhost:       %s\nregion:     %s\ngpus:       %s\naudited by: %s\n",
				p.Address, p.HostURI, dash(p.Region), dash(strings.Join(p.GPUModels, ", ")), dash(strings.Join(p.AuditedBy, ", ")))
			if p.Email != "" || p.Website != "" {
				fmt.Fprintf(a.Out, "contact:    %s %s\n", p.Email, p.Website)
			}
			fmt.Fprintln(a.Out, "attributes:")
			for _, at := range p.Attributes {
				fmt.Fprintf(a.Out, "  %s = %s\n", at.Key, at.Value)
			}
			return nil
		},
	})
	return cmd
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
