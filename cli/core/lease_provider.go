package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"slices"
	"sort"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/akt-project/akt/cli"
	"github.com/akt-project/akt/provider"
	"github.com/akt-project/akt/provider/shell"
)

// newLeaseGatewayCmds returns the lease commands served by the provider's gateway (status,
// logs, events, shell, cp), to be added to the lease command group.
func newLeaseGatewayCmds(a *App, open BackendFunc) []*cobra.Command {
	return []*cobra.Command{
		newLeaseStatusCmd(a, open), newLeaseLogsCmd(a, open), newLeaseEventsCmd(a, open),
		newLeaseShellCmd(a, open), newLeaseCpCmd(a, open),
	}
}

type leaseStatusJSON struct {
	Lease  provider.LeaseID      `json:"lease"`
	Status *provider.LeaseStatus `json:"status"`
}

func newLeaseStatusCmd(a *App, open BackendFunc) *cobra.Command {
	var f gatewayFlags
	cmd := &cobra.Command{
		Use:   "status DSEQ",
		Short: "Show a deployment's services, URIs, forwarded ports and ready replicas (from its providers)",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			s, leases, err := openLeases(ctx, a, open, &f, args[0])
			if err != nil {
				return err
			}
			defer s.close()
			var out []leaseStatusJSON
			for _, l := range leases {
				st, err := s.client.LeaseStatus(ctx, l)
				if err != nil {
					return err
				}
				out = append(out, leaseStatusJSON{Lease: l, Status: st})
			}
			if a.JSON() {
				return a.PrintJSON(out)
			}
			for _, ls := range out {
				printLeaseStatus(a.Out, ls)
			}
			return nil
		},
	}
	f.register(cmd, true)
	return cmd
}

func printLeaseStatus(w io.Writer, ls leaseStatusJSON) {
	fmt.Fprintf(w, "Lease %d/%d/%d on %s\n", ls.Lease.DSeq, ls.Lease.GSeq, ls.Lease.OSeq, ls.Lease.Provider)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SERVICE\tREADY\tAVAILABLE\tURIS")
	names := make([]string, 0, len(ls.Status.Services))
	for n := range ls.Status.Services {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		sv := ls.Status.Services[n]
		uris := strings.Join(sv.URIs, ", ")
		if uris == "" {
			uris = "-"
		}
		fmt.Fprintf(tw, "%s\t%d/%d\t%d\t%s\n", n, sv.ReadyReplicas, sv.Total, sv.AvailableReplicas, uris)
	}
	_ = tw.Flush()
	var ports []string
	for svc, fps := range ls.Status.ForwardedPorts {
		for _, p := range fps {
			ports = append(ports, fmt.Sprintf("  %s: %s:%d -> %d/%s", svc, p.Host, p.ExternalPort, p.Port, strings.ToLower(p.Proto)))
		}
	}
	if len(ports) > 0 {
		sort.Strings(ports)
		fmt.Fprintln(w, "Forwarded ports:")
		fmt.Fprintln(w, strings.Join(ports, "\n"))
	}
	for _, e := range ls.Status.Errors {
		fmt.Fprintf(w, "Error: %s\n", e)
	}
}

// userStopped turns a cancelled context (Ctrl-C while following) into a clean end.
func userStopped(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

func newLeaseLogsCmd(a *App, open BackendFunc) *cobra.Command {
	var f gatewayFlags
	var opts provider.LogOptions
	var timestamps bool
	cmd := &cobra.Command{
		Use:   "logs DSEQ",
		Short: "Print (and follow) the logs of a lease's services",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			s, l, err := openLease(ctx, a, open, &f, args[0])
			if err != nil {
				return err
			}
			defer s.close()
			enc := json.NewEncoder(a.Out)
			err = s.client.Logs(ctx, l, opts, func(ln provider.LogLine) error {
				if a.JSON() {
					return enc.Encode(ln) // one JSON object per line
				}
				prefix := ""
				if timestamps {
					prefix = ln.Received.UTC().Format(time.RFC3339Nano) + " "
				}
				_, err := fmt.Fprintf(a.Out, "%s[%s] %s\n", prefix, ln.Name, ln.Message)
				return err
			})
			return userStopped(ctx, err)
		},
	}
	f.register(cmd, true)
	cmd.Flags().StringSliceVar(&opts.Services, "service", nil, "only these services (repeat or comma-separate)")
	cmd.Flags().BoolVarP(&opts.Follow, "follow", "f", false, "keep printing new lines until interrupted")
	cmd.Flags().IntVar(&opts.Tail, "tail", 0, "start with only the last N lines of each replica (0: all)")
	cmd.Flags().BoolVar(&timestamps, "timestamps", false, "prefix each line with the time akt received it")
	return cmd
}

func newLeaseEventsCmd(a *App, open BackendFunc) *cobra.Command {
	var f gatewayFlags
	var opts provider.EventOptions
	cmd := &cobra.Command{
		Use:   "events DSEQ",
		Short: "Print (and follow) the Kubernetes events of a lease's workloads",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			s, l, err := openLease(ctx, a, open, &f, args[0])
			if err != nil {
				return err
			}
			defer s.close()
			enc := json.NewEncoder(a.Out)
			err = s.client.Events(ctx, l, opts, func(ev provider.Event) error {
				if a.JSON() {
					return enc.Encode(ev)
				}
				_, err := fmt.Fprintf(a.Out, "%s %-8s %-20s %s/%s: %s\n", ev.Received.Format("15:04:05"), ev.Type, ev.Reason, ev.Object.Kind, ev.Object.Name, ev.Note)
				return err
			})
			return userStopped(ctx, err)
		},
	}
	f.register(cmd, true)
	cmd.Flags().StringSliceVar(&opts.Services, "service", nil, "only these services")
	cmd.Flags().BoolVarP(&opts.Follow, "follow", "f", false, "keep printing new events until interrupted")
	return cmd
}

// pickService returns service, or the lease's only service when service is empty.
func pickService(ctx context.Context, s *gatewaySession, l provider.LeaseID, service string) (string, error) {
	if service != "" {
		return service, nil
	}
	st, err := s.client.LeaseStatus(ctx, l)
	if err != nil {
		return "", err
	}
	names := make([]string, 0, len(st.Services))
	for n := range st.Services {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) != 1 {
		return "", fmt.Errorf("lease %d/%d/%d has services %s: choose one with --service", l.DSeq, l.GSeq, l.OSeq, strings.Join(names, ", "))
	}
	return names[0], nil
}

// sigWINCH is the terminal resize signal: 28 on Linux, macOS and the BSDs. It is spelled as
// a number so the file builds everywhere; where it does not exist it is simply never sent.
const sigWINCH = syscall.Signal(0x1c)

func newLeaseShellCmd(a *App, open BackendFunc) *cobra.Command {
	var f gatewayFlags
	var opts provider.ExecOptions
	var withStdin bool
	cmd := &cobra.Command{
		Use:   "shell DSEQ [--service S] [--replica N] [--tty] [--stdin] -- CMD...",
		Short: "Run a command in a service replica; its exit code becomes akt's",
		Args:  cobra.MinimumNArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			s, l, err := openLease(ctx, a, open, &f, args[0])
			if err != nil {
				return err
			}
			defer s.close()
			if opts.Service, err = pickService(ctx, s, l, opts.Service); err != nil {
				return err
			}
			opts.Command = args[1:]
			opts.Stdout, opts.Stderr = a.Out, a.Err
			if withStdin || opts.TTY {
				opts.Stdin = a.In
			}
			if opts.TTY {
				restore, resize, err := interactiveTerminal(ctx, a.In)
				if err != nil {
					return err
				}
				defer restore()
				opts.Resize = resize
			}
			code, err := s.client.Exec(ctx, l, opts)
			if err != nil {
				return err
			}
			if code != 0 {
				return &cli.ExitError{Code: code}
			}
			return nil
		},
	}
	f.register(cmd, true)
	cmd.Flags().StringVar(&opts.Service, "service", "", "service to run in (default: the lease's only service)")
	cmd.Flags().IntVar(&opts.Replica, "replica", 0, "replica index of the service")
	cmd.Flags().BoolVarP(&opts.TTY, "tty", "t", false, "allocate a terminal (interactive when run from one)")
	cmd.Flags().BoolVarP(&withStdin, "stdin", "i", false, "send akt's standard input to the command (end of input included)")
	return cmd
}

// interactiveTerminal puts in (when it is a terminal) into raw mode and forwards its size and
// size changes. Without a terminal it does nothing.
func interactiveTerminal(ctx context.Context, in io.Reader) (restore func(), resize <-chan shell.TermSize, err error) {
	file, ok := in.(*os.File)
	if !ok || !term.IsTerminal(file.Fd()) {
		return func() {}, nil, nil
	}
	fd := file.Fd()
	state, err := term.MakeRaw(fd)
	if err != nil {
		return nil, nil, fmt.Errorf("putting the terminal into raw mode: %w", err)
	}
	ch := make(chan shell.TermSize, 4)
	sizeNow := func() {
		if w, h, err := term.GetSize(os.Stdout.Fd()); err == nil {
			select {
			case ch <- shell.TermSize{Width: uint16(w), Height: uint16(h)}:
			default:
			}
		}
	}
	sizeNow()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, sigWINCH)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-sig:
				sizeNow()
			case <-done:
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
		_ = term.Restore(fd, state)
	}, ch, nil
}

// remoteSpec matches DSEQ:SERVICE:PATH.
var remoteSpec = regexp.MustCompile(`^([0-9]+):([a-z0-9][a-z0-9-]*):(.+)$`)

func newLeaseCpCmd(a *App, open BackendFunc) *cobra.Command {
	var f gatewayFlags
	var replica int
	cmd := &cobra.Command{
		Use:   "cp SRC DST",
		Short: "Copy files between this machine and a service replica (one side is DSEQ:SERVICE:PATH)",
		Example: "  akt lease cp ./site 1234:web:/usr/share/nginx/html/\n" +
			"  akt lease cp 1234:db:/data/dump.sql ./dump.sql",
		Args: cobra.ExactArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			src, dst := remoteSpec.FindStringSubmatch(args[0]), remoteSpec.FindStringSubmatch(args[1])
			if (src == nil) == (dst == nil) {
				return fmt.Errorf("lease cp %s %s: exactly one side must be DSEQ:SERVICE:PATH", args[0], args[1])
			}
			remote := src
			if remote == nil {
				remote = dst
			}
			dseq, err := parseDSeq(remote[1])
			if err != nil {
				return err
			}
			s, err := openGateway(ctx, a, open, &f)
			if err != nil {
				return err
			}
			defer s.close()
			l, err := s.lease(ctx, dseq, &f)
			if err != nil {
				return err
			}
			target := provider.CopyTarget{Service: remote[2], Replica: replica, Path: remote[3]}
			var res *provider.CopyResult
			if dst != nil {
				res, err = s.client.CopyTo(ctx, l, args[0], target)
			} else {
				res, err = s.client.CopyFrom(ctx, l, target, args[1])
			}
			if err != nil {
				return err
			}
			if a.JSON() {
				return a.PrintJSON(res)
			}
			fmt.Fprintf(a.Out, "Copied %d file(s), %s\n", res.Files, bytesText(uint64(res.Bytes)))
			for _, sk := range slices.Sorted(slices.Values(res.Skipped)) {
				fmt.Fprintf(a.Err, "skipped %s\n", sk)
			}
			return nil
		},
	}
	f.register(cmd, true)
	cmd.Flags().IntVar(&replica, "replica", 0, "replica index of the service")
	return cmd
}
