package cli

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
)

// APIVersions lists the Akash API versions akt speaks, by module.
// Keep this the one place the version choice is written down for users.
func APIVersions() []APIVersion {
	return []APIVersion{
		{Module: "deployment", Version: "v1beta4"},
		{Module: "market", Version: "v1beta5"},
		{Module: "escrow", Version: "v1"},
		{Module: "cert", Version: "v1"},
		{Module: "provider", Version: "v1beta4"},
		{Module: "audit", Version: "v1"},
		{Module: "bme", Version: "v1"},
		{Module: "manifest", Version: "v2beta3"},
	}
}

// APIVersion names one module's API version.
type APIVersion struct {
	Module  string `json:"module"`
	Version string `json:"version"`
}

type versionInfo struct {
	Version     string       `json:"version"`
	Commit      string       `json:"commit"`
	GoVersion   string       `json:"go_version"`
	Platform    string       `json:"platform"`
	AkashAPIs   []APIVersion `json:"akash_apis"`
	CosmosSDK   string       `json:"cosmos_sdk"`
	JWTVersions []string     `json:"provider_jwt"`
}

func (a *App) newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print akt's version and the Akash API versions it speaks",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			info := versionInfo{
				Version:     orDefault(a.Build.Version, "dev"),
				Commit:      orDefault(a.Build.Commit, "unknown"),
				GoVersion:   runtime.Version(),
				Platform:    runtime.GOOS + "/" + runtime.GOARCH,
				AkashAPIs:   APIVersions(),
				CosmosSDK:   "v0.53",
				JWTVersions: []string{"v1"},
			}
			if a.JSON() {
				return a.PrintJSON(info)
			}
			fmt.Fprintf(a.Out, "akt %s (commit %s, %s, %s)\n", info.Version, info.Commit, info.GoVersion, info.Platform)
			fmt.Fprintf(a.Out, "Cosmos SDK %s; provider JWT %s\n", info.CosmosSDK, info.JWTVersions[0])
			fmt.Fprint(a.Out, "Akash APIs:")
			for _, v := range info.AkashAPIs {
				fmt.Fprintf(a.Out, " %s/%s", v.Module, v.Version)
			}
			fmt.Fprintln(a.Out)
			return nil
		},
	}
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
