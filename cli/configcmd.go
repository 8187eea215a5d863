package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/config"
)

type settingJSON struct {
	Key    string        `json:"key"`
	Value  string        `json:"value"`
	Origin config.Origin `json:"origin"`
	Env    string        `json:"env"`
}

func (a *App) newConfigCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show where akt's configuration lives and what it resolves to",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "path",
		Short: "Print the config file path",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			cfg, err := a.requireConfig()
			if err != nil {
				return err
			}
			if a.JSON() {
				return a.PrintJSON(map[string]any{"path": cfg.File, "exists": cfg.FileExists})
			}
			fmt.Fprintln(a.Out, cfg.File)
			return nil
		},
	}, &cobra.Command{
		Use:   "show",
		Short: "Print the effective configuration with the origin of each value",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			cfg, err := a.requireConfig()
			if err != nil {
				return err
			}
			settings := make([]settingJSON, 0, len(config.ScalarKeys))
			for _, k := range config.ScalarKeys {
				settings = append(settings, settingJSON{Key: k, Value: cfg.Value(k), Origin: cfg.Origin(k), Env: config.EnvName(k)})
			}
			if a.JSON() {
				return a.PrintJSON(map[string]any{
					"config_file": cfg.File,
					"file_exists": cfg.FileExists,
					"settings":    settings,
					"network":     cfg.Network,
				})
			}
			exists := ""
			if !cfg.FileExists {
				exists = " (not created yet)"
			}
			fmt.Fprintf(a.Out, "config file: %s%s\n\n", cfg.File, exists)
			tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "KEY\tVALUE\tFROM")
			for _, s := range settings {
				v := s.Value
				if v == "" {
					v = "-"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Key, v, s.Origin)
			}
			return tw.Flush()
		},
	})
	return cmd
}
