package live

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/provider"
	"github.com/akt-project/akt/sdl"
	"github.com/akt-project/akt/tui/svc"
)

// details implements svc.DeploymentDetails and svc.DeploymentSDLs.
type details struct{ s *Session }

var (
	_ svc.DeploymentDetails = details{}
	_ svc.DeploymentSDLs    = details{}
	_ svc.LeaseLogs         = (*providers)(nil)
)

// Detail implements svc.DeploymentDetails: the deployment as the list shows it, with every
// lease (active and closed) and its provider's host.
func (d details) Detail(ctx context.Context, dseq uint64) (svc.DeploymentDetail, error) {
	s := d.s
	if dseq == 0 {
		return svc.DeploymentDetail{}, errZeroDSeq
	}
	addr, _, err := s.address()
	if err != nil {
		return svc.DeploymentDetail{}, err
	}
	ctx, cancel := s.call(ctx)
	defer cancel()
	c, st, err := s.chainClient(ctx)
	if err != nil {
		return svc.DeploymentDetail{}, err
	}
	dep, err := c.Deployment(ctx, addr, dseq)
	if err != nil {
		return svc.DeploymentDetail{}, fmt.Errorf("querying deployment %d of %s on %s: %w", dseq, addr, st.netName, err)
	}
	leases, err := c.Leases(ctx, chain.LeaseFilter{Owner: addr, DSeq: dseq})
	if err != nil {
		return svc.DeploymentDetail{}, fmt.Errorf("querying the leases of deployment %d on %s: %w", dseq, st.netName, err)
	}
	status, err := c.Status(ctx)
	if err != nil {
		return svc.DeploymentDetail{}, fmt.Errorf("reading the latest block of %s: %w", st.netName, err)
	}
	dl := deployments(d)
	out := svc.DeploymentDetail{Deployment: svc.Deployment{
		DSeq: dep.DSeq, State: dep.State, Name: s.deploymentName(st.netName, dep),
		PricePerBlock: decAmount(dep.Escrow.SpendPerBlock, chain.DenomACT),
		EscrowUACT:    decAmount(dep.Escrow.Balance, chain.DenomACT),
		CreatedAt:     heightTime(dep.CreatedAt, status, s.blockTime()),
	}}
	for _, l := range leases {
		if l.ID.DSeq != dseq {
			continue
		}
		host := dl.host(ctx, c, l.ID.Provider)
		price := 0.0
		if l.Price.Denom == chain.DenomACT {
			price, _ = strconv.ParseFloat(l.Price.Amount, 64)
		}
		out.Leases = append(out.Leases, svc.Lease{
			ID:   svc.LeaseID{DSeq: l.ID.DSeq, GSeq: l.ID.GSeq, OSeq: l.ID.OSeq, Provider: l.ID.Provider},
			Host: host, State: l.State, PricePerBlock: price,
		})
		if l.State == "active" && out.Provider == "" {
			out.Provider = host
		}
	}
	return out, nil
}

// SDL implements svc.DeploymentSDLs with the documents stored when deployments were created
// or updated (this session or an earlier one, on this network).
func (d details) SDL(ctx context.Context, dseq uint64) ([]byte, error) {
	name, _ := d.s.Network()
	return d.s.store.Get(name, dseq)
}

// leaseOf converts the TUI's lease id for the active key.
func leaseOf(owner string, l svc.LeaseID) provider.LeaseID {
	return provider.LeaseID{Owner: owner, DSeq: l.DSeq, GSeq: l.GSeq, OSeq: l.OSeq, Provider: l.Provider}
}

// Logs implements svc.LeaseLogs over the gateway's log stream. A stream that fails is
// logged and its channel closed.
func (p *providers) Logs(ctx context.Context, lease svc.LeaseID, service string, follow bool, tail int) (<-chan svc.LogLine, error) {
	client, owner, network, err := p.gateway(ctx)
	if err != nil {
		return nil, err
	}
	opts := provider.LogOptions{Follow: follow, Tail: tail}
	if service != "" {
		opts.Services = []string{service}
	}
	services := p.serviceNames(network, lease.DSeq)
	out := make(chan svc.LogLine)
	go func() {
		defer close(out)
		err := client.Logs(ctx, leaseOf(owner, lease), opts, func(l provider.LogLine) error {
			line := svc.LogLine{Service: service, Pod: l.Name, Text: l.Message}
			if line.Service == "" {
				line.Service = serviceOfPod(l.Name, services)
			}
			select {
			case out <- line:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		if err != nil && ctx.Err() == nil {
			p.s.log.Warn("log stream ended", "lease", lease.String(), "network", network, "err", err)
		}
	}()
	return out, nil
}

// Events implements svc.LeaseLogs over the gateway's Kubernetes event stream.
func (p *providers) Events(ctx context.Context, lease svc.LeaseID) (<-chan svc.Event, error) {
	client, owner, network, err := p.gateway(ctx)
	if err != nil {
		return nil, err
	}
	out := make(chan svc.Event)
	go func() {
		defer close(out)
		err := client.Events(ctx, leaseOf(owner, lease), provider.EventOptions{Follow: true}, func(e provider.Event) error {
			ev := svc.Event{Type: e.Type, Reason: e.Reason, Message: e.Note, Object: e.Object.Name}
			if e.Object.Kind != "" {
				ev.Object = strings.ToLower(e.Object.Kind) + "/" + e.Object.Name
			}
			select {
			case out <- ev:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		if err != nil && ctx.Err() == nil {
			p.s.log.Warn("event stream ended", "lease", lease.String(), "network", network, "err", err)
		}
	}()
	return out, nil
}

// serviceNames are the services of the deployment's stored SDL (none when not stored).
func (p *providers) serviceNames(network string, dseq uint64) []string {
	doc, err := p.s.store.Get(network, dseq)
	if err != nil {
		return nil
	}
	parsed, err := sdl.Parse(doc)
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(parsed.Services))
	for _, sv := range parsed.Services {
		names = append(names, sv.Name)
	}
	return names
}

// serviceOfPod finds the service a replica belongs to: the longest known service name that
// prefixes the pod name, else the pod name without its generated suffixes
// ("web-7d9f8b-x2x4k" → "web", "db-0" → "db").
func serviceOfPod(pod string, services []string) string {
	best := ""
	for _, s := range services {
		if strings.HasPrefix(pod, s+"-") && len(s) > len(best) {
			best = s
		}
	}
	if best != "" {
		return best
	}
	parts := strings.Split(pod, "-")
	switch {
	case len(parts) >= 3:
		return strings.Join(parts[:len(parts)-2], "-")
	case len(parts) == 2:
		return parts[0]
	}
	return pod
}

// ShellCommand returns the TUI's shell opener: it runs `exe lease shell` (akt-core's own
// command, with the terminal handed over) for the session's active network and key, so the
// shell gets a real terminal outside the TUI.
func (s *Session) ShellCommand(exe string) func(lease svc.LeaseID, service string) tea.ExecCommand {
	return func(lease svc.LeaseID, service string) tea.ExecCommand {
		return execCmd{exec.Command(exe, s.shellArgs(lease, service)...)}
	}
}

// shellArgs are the arguments of the shell command for the session's current state.
func (s *Session) shellArgs(lease svc.LeaseID, service string) []string {
	st := s.snapshot()
	args := []string{"--network", st.netName, "--keyring-backend", st.backend, "--home", st.home}
	if st.from != "" {
		args = append(args, "--from", st.from)
	}
	if st.netName == s.cfg.NetworkName && s.cfg.Node != "" {
		args = append(args, "--node", s.cfg.Node)
	}
	args = append(args, "lease", "shell", strconv.FormatUint(lease.DSeq, 10),
		"--gseq", strconv.FormatUint(uint64(lease.GSeq), 10), "--oseq", strconv.FormatUint(uint64(lease.OSeq), 10), "--tty")
	if service != "" {
		args = append(args, "--service", service)
	}
	return append(args, "--", "/bin/sh")
}

// execCmd adapts *exec.Cmd to tea.ExecCommand.
type execCmd struct{ *exec.Cmd }

// SetStdin implements tea.ExecCommand.
func (c execCmd) SetStdin(r io.Reader) {
	if c.Stdin == nil {
		c.Stdin = r
	}
}

// SetStdout implements tea.ExecCommand.
func (c execCmd) SetStdout(w io.Writer) {
	if c.Stdout == nil {
		c.Stdout = w
	}
}

// SetStderr implements tea.ExecCommand.
func (c execCmd) SetStderr(w io.Writer) {
	if c.Stderr == nil {
		c.Stderr = w
	}
}
