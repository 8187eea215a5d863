package core

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/provider"
)

// ProviderBackend is what the provider gateway commands need from the chain and SDL side:
// the signing key, on-chain lookups (leases, providers, provider certificates and host URIs),
// certificate publishing and SDL conversion. The chain package provides it; tests fake it.
type ProviderBackend interface {
	provider.CertSource
	provider.CertPublisher
	// Signer returns the key selected with --from.
	Signer(ctx context.Context) (provider.Signer, error)
	// Leases returns the active leases of the owner's deployment dseq.
	Leases(ctx context.Context, owner string, dseq uint64) ([]provider.LeaseID, error)
	// Providers returns the addresses of all registered providers.
	Providers(ctx context.Context) ([]string, error)
	// KeyringDir is the keyring directory; client certificates are stored there.
	KeyringDir() string
	// Manifest builds the manifest JSON (the bytes whose hash is the deployment version) from SDL.
	Manifest(sdl []byte) ([]byte, error)
	// Groups builds the deployment's group specs from SDL, one JSON document per group in
	// the form a provider's /validate decodes (Go's encoding of GroupSpec).
	Groups(sdl []byte) ([]json.RawMessage, error)
}

// BackendFunc opens the backend for a command (after flags and config are parsed).
type BackendFunc func(ctx context.Context, a *App) (ProviderBackend, error)

// gatewayFlags are the flags shared by the commands that talk to a provider gateway.
type gatewayFlags struct {
	auth string
	gseq uint32
	oseq uint32
}

func (f *gatewayFlags) register(cmd *cobra.Command, leaseSelection bool) {
	cmd.Flags().StringVar(&f.auth, "auth", string(provider.AuthAuto), "provider authentication: auto (JWT, falling back to the client certificate), jwt or mtls")
	if leaseSelection {
		cmd.Flags().Uint32Var(&f.gseq, "gseq", 0, "group sequence of the lease (needed when the deployment has several leases)")
		cmd.Flags().Uint32Var(&f.oseq, "oseq", 0, "order sequence of the lease")
	}
}

// gatewaySession is a provider client with the backend it was made from.
type gatewaySession struct {
	backend ProviderBackend
	signer  provider.Signer
	client  *provider.Client
}

func openGateway(ctx context.Context, a *App, open BackendFunc, f *gatewayFlags) (*gatewaySession, error) {
	mode := provider.AuthMode(f.auth)
	switch mode {
	case provider.AuthAuto, provider.AuthJWT, provider.AuthMTLS:
	default:
		return nil, fmt.Errorf("--auth %q: want auto, jwt or mtls", f.auth)
	}
	b, err := open(ctx, a)
	if err != nil {
		return nil, err
	}
	signer, err := b.Signer(ctx)
	if err != nil {
		return nil, err
	}
	retry := provider.DefaultRetry
	retry.OnRetry = func(attempt int, wait time.Duration, err error) {
		fmt.Fprintf(a.Err, "attempt %d failed: %v; retrying in %s\n", attempt, oneLine(err.Error()), wait.Round(100*time.Millisecond))
	}
	opts := []provider.Option{provider.WithAuthMode(mode), provider.WithRetry(retry)}
	if mode != provider.AuthJWT {
		cc, err := provider.LoadClientCert(ctx, signer, b.KeyringDir())
		switch {
		case err == nil:
			opts = append(opts, provider.WithClientCertificate(cc.TLS))
		case mode == provider.AuthMTLS || !errors.Is(err, provider.ErrNoClientCert):
			return nil, fmt.Errorf("--auth %s: %w (publish one with `akt cert create`)", mode, err)
		}
	}
	return &gatewaySession{backend: b, signer: signer, client: provider.New(signer, b, opts...)}, nil
}

func (s *gatewaySession) close() { s.client.Close() }

// openLease parses the DSEQ argument, opens the gateway session and picks
// the lease the flags select; the caller closes the session.
func openLease(ctx context.Context, a *App, open BackendFunc, f *gatewayFlags, dseqArg string) (*gatewaySession, provider.LeaseID, error) {
	dseq, err := parseDSeq(dseqArg)
	if err != nil {
		return nil, provider.LeaseID{}, err
	}
	s, err := openGateway(ctx, a, open, f)
	if err != nil {
		return nil, provider.LeaseID{}, err
	}
	l, err := s.lease(ctx, dseq, f)
	if err != nil {
		s.close()
		return nil, provider.LeaseID{}, err
	}
	return s, l, nil
}

// openLeases is openLease for every active lease of the deployment.
func openLeases(ctx context.Context, a *App, open BackendFunc, f *gatewayFlags, dseqArg string) (*gatewaySession, []provider.LeaseID, error) {
	dseq, err := parseDSeq(dseqArg)
	if err != nil {
		return nil, nil, err
	}
	s, err := openGateway(ctx, a, open, f)
	if err != nil {
		return nil, nil, err
	}
	leases, err := s.leases(ctx, dseq, f)
	if err != nil {
		s.close()
		return nil, nil, err
	}
	return s, leases, nil
}

// leases returns the tenant's active leases of dseq, filtered by --gseq/--oseq.
func (s *gatewaySession) leases(ctx context.Context, dseq uint64, f *gatewayFlags) ([]provider.LeaseID, error) {
	all, err := s.backend.Leases(ctx, s.signer.Address(), dseq)
	if err != nil {
		return nil, fmt.Errorf("looking up leases of dseq %d: %w", dseq, err)
	}
	var out []provider.LeaseID
	for _, l := range all {
		if (f.gseq == 0 || l.GSeq == f.gseq) && (f.oseq == 0 || l.OSeq == f.oseq) {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("deployment %d of %s has no active lease%s", dseq, s.signer.Address(), selectionText(f))
	}
	return out, nil
}

// lease returns the one lease selected; several matches are an error listing them.
func (s *gatewaySession) lease(ctx context.Context, dseq uint64, f *gatewayFlags) (provider.LeaseID, error) {
	ls, err := s.leases(ctx, dseq, f)
	if err != nil {
		return provider.LeaseID{}, err
	}
	if len(ls) > 1 {
		names := make([]string, len(ls))
		for i, l := range ls {
			names[i] = fmt.Sprintf("%d/%d on %s", l.GSeq, l.OSeq, l.Provider)
		}
		return provider.LeaseID{}, fmt.Errorf("deployment %d has %d leases (%s): choose one with --gseq/--oseq", dseq, len(ls), strings.Join(names, ", "))
	}
	return ls[0], nil
}

func selectionText(f *gatewayFlags) string {
	if f.gseq == 0 && f.oseq == 0 {
		return ""
	}
	return fmt.Sprintf(" matching gseq %d oseq %d", f.gseq, f.oseq)
}

// newManifestCmd is `akt manifest send|get`.
func newManifestCmd(a *App, open BackendFunc) *cobra.Command {
	cmd := &cobra.Command{Use: "manifest", Short: "Send a deployment's manifest to its providers, or read it back"}
	var sf, gf gatewayFlags
	send := &cobra.Command{
		Use:   "send DSEQ FILE",
		Short: "Send the manifest (from an SDL file or a manifest JSON file) to every provider leasing the deployment",
		Args:  cobra.ExactArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			dseq, err := parseDSeq(args[0])
			if err != nil {
				return err
			}
			data, err := os.ReadFile(args[1])
			if err != nil {
				return fmt.Errorf("reading %s: %w", args[1], err)
			}
			s, err := openGateway(ctx, a, open, &sf)
			if err != nil {
				return err
			}
			defer s.close()
			manifest := data
			if trimmed := bytes.TrimSpace(data); len(trimmed) == 0 || trimmed[0] != '[' {
				if manifest, err = s.backend.Manifest(data); err != nil {
					return fmt.Errorf("building the manifest from %s: %w", args[1], err)
				}
			}
			leases, err := s.leases(ctx, dseq, &sf)
			if err != nil {
				return err
			}
			type sent struct {
				DSeq     uint64 `json:"dseq"`
				Provider string `json:"provider"`
				Status   string `json:"status"`
			}
			var results []sent
			seen := map[string]bool{}
			for _, l := range leases {
				if seen[l.Provider] {
					continue // a provider holds the whole deployment manifest once
				}
				seen[l.Provider] = true
				if err := s.client.SendManifest(ctx, l, manifest); err != nil {
					return err
				}
				results = append(results, sent{DSeq: dseq, Provider: l.Provider, Status: "sent"})
				if !a.JSON() {
					fmt.Fprintf(a.Out, "Sent the manifest of deployment %d to %s\n", dseq, l.Provider)
				}
			}
			if a.JSON() {
				return a.PrintJSON(results)
			}
			return nil
		},
	}
	sf.register(send, true)
	get := &cobra.Command{
		Use:   "get DSEQ",
		Short: "Print the manifest a provider holds for a lease",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			s, l, err := openLease(ctx, a, open, &gf, args[0])
			if err != nil {
				return err
			}
			defer s.close()
			m, err := s.client.GetManifest(ctx, l)
			if err != nil {
				return err
			}
			var v any
			if err := json.Unmarshal(m, &v); err != nil {
				return fmt.Errorf("manifest from %s is not JSON: %w", l.Provider, err)
			}
			return a.PrintJSON(v)
		},
	}
	gf.register(get, true)
	cmd.AddCommand(send, get)
	return cmd
}

// newProviderGatewayCmds returns `provider status` and `provider validate`, to be added to
// the provider command group.
func newProviderGatewayCmds(a *App, open BackendFunc) []*cobra.Command {
	var sf, vf gatewayFlags
	var parallel int
	status := &cobra.Command{
		Use:   "status ADDR",
		Short: "Show a provider's capacity (CPU, memory, GPUs, storage), leases and software version",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			s, err := openGateway(ctx, a, open, &sf)
			if err != nil {
				return err
			}
			defer s.close()
			st, err := s.client.Status(ctx, args[0])
			if err != nil {
				return err
			}
			ver, verr := s.client.Version(ctx, args[0])
			if a.JSON() {
				return a.PrintJSON(map[string]any{"provider": args[0], "status": st, "version": ver})
			}
			return printProviderStatus(a, args[0], st, ver, verr)
		},
	}
	sf.register(status, false)
	validate := &cobra.Command{
		Use:   "validate FILE",
		Short: "Ask every provider whether it would bid on the deployment in an SDL file, and why not",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			data, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("reading %s: %w", args[0], err)
			}
			s, err := openGateway(ctx, a, open, &vf)
			if err != nil {
				return err
			}
			defer s.close()
			groups, err := s.backend.Groups(data)
			if err != nil {
				return fmt.Errorf("reading the deployment groups of %s: %w", args[0], err)
			}
			providers, err := s.backend.Providers(ctx)
			if err != nil {
				return fmt.Errorf("listing providers: %w", err)
			}
			answers := s.client.ValidateAll(ctx, providers, groups, parallel)
			if a.JSON() {
				return a.PrintJSON(answers)
			}
			tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "PROVIDER\tWOULD BID\tREASON")
			bidders := 0
			for _, ans := range answers {
				yes := "no"
				if ans.WouldBid {
					yes = "yes"
					bidders++
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", ans.Provider, yes, oneLine(ans.Reason))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(a.Out, "%d of %d providers would bid\n", bidders, len(answers))
			return nil
		},
	}
	vf.register(validate, false)
	validate.Flags().IntVar(&parallel, "parallel", 8, "providers asked at the same time")
	return []*cobra.Command{status, validate}
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

func printProviderStatus(a *App, addr string, st *provider.Status, ver *provider.VersionInfo, verr error) error {
	alloc, avail := st.Capacity()
	tw := tabwriter.NewWriter(a.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Provider\t%s\n", addr)
	if verr == nil {
		fmt.Fprintf(tw, "Version\takash %s, kubernetes %s\n", ver.Akash.Version, ver.Kube.GitVersion)
	}
	if st.ClusterPublicHostname != "" {
		fmt.Fprintf(tw, "Hostname\t%s\n", st.ClusterPublicHostname)
	}
	fmt.Fprintf(tw, "Active leases\t%d\n", st.Cluster.ActiveLeases())
	fmt.Fprintf(tw, "Open orders\t%d\n", st.Bidengine.Orders)
	fmt.Fprintf(tw, "Nodes\t%d\n", len(st.Cluster.Inventory.Available.Nodes))
	fmt.Fprintf(tw, "CPU available\t%.2f of %.2f cores\n", float64(avail.CPU)/1000, float64(alloc.CPU)/1000)
	fmt.Fprintf(tw, "Memory available\t%s of %s\n", bytesText(avail.Memory), bytesText(alloc.Memory))
	fmt.Fprintf(tw, "GPUs available\t%d of %d\n", avail.GPU, alloc.GPU)
	fmt.Fprintf(tw, "Ephemeral storage\t%s of %s\n", bytesText(avail.EphemeralStorage), bytesText(alloc.EphemeralStorage))
	for _, s := range st.Cluster.Inventory.Available.Storage {
		fmt.Fprintf(tw, "Storage %s\t%s\n", s.Class, bytesText(s.Size))
	}
	return tw.Flush()
}

func bytesText(n uint64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := uint64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
