package provider

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"

	"github.com/gorilla/websocket"

	"github.com/akt-project/akt/provider/shell"
)

// ErrShellDisconnected reports a shell whose connection ended before the command's result.
var ErrShellDisconnected = errors.New("shell connection ended before the command finished")

// ErrShellFailed reports a provider-side failure (failure frame) running a shell command.
var ErrShellFailed = errors.New("provider failed to run the command")

// ExecOptions describes a command to run in a service replica of a lease.
type ExecOptions struct {
	Service string
	// Replica is the index of the service's replica (pod), from 0.
	Replica int
	Command []string
	// TTY asks for a terminal (stdout and stderr then arrive merged as stdout).
	TTY bool
	// Stdin, when not nil, is sent to the command; its EOF is sent as end of input.
	Stdin io.Reader
	// Stdout and Stderr receive the command's output; nil discards it.
	Stdout, Stderr io.Writer
	// Resize, when not nil, carries terminal size changes to forward.
	Resize <-chan shell.TermSize
}

// Exec runs a command in a lease's service replica and returns its exit code. A non-zero
// exit code is not an error. The error is non-nil when the command could not be started,
// the provider reported a failure, the context ended, or the connection broke before the
// result arrived (ErrShellDisconnected) — never an exit code of 0 in those cases.
func (c *Client) Exec(ctx context.Context, lease LeaseID, opts ExecOptions) (int, error) {
	if opts.Service == "" {
		return -1, fmt.Errorf("shell in dseq %d: no service given", lease.DSeq)
	}
	if len(opts.Command) == 0 {
		return -1, fmt.Errorf("shell in dseq %d service %s: no command given", lease.DSeq, opts.Service)
	}
	q := url.Values{}
	q.Set("service", opts.Service)
	q.Set("podIndex", strconv.Itoa(opts.Replica))
	q.Set("tty", boolDigit(opts.TTY))
	q.Set("stdin", boolDigit(opts.Stdin != nil))
	for i, arg := range opts.Command {
		q.Set("cmd"+strconv.Itoa(i), arg)
	}
	conn, err := c.dial(ctx, lease.Provider, lease.path("shell"), q)
	if err != nil {
		return -1, fmt.Errorf("shell in dseq %d service %s: %w", lease.DSeq, opts.Service, err)
	}
	defer conn.Close()
	stop := closeOnDone(ctx, conn)
	defer stop()

	fw := shell.NewWriter(conn)
	done := make(chan struct{})
	defer close(done)
	if opts.Stdin != nil {
		go sendStdin(fw, opts.Stdin) // may stay blocked in Read (a terminal) after the command ends
	}
	if opts.Resize != nil {
		go func() {
			for {
				select {
				case <-done:
					return
				case s, ok := <-opts.Resize:
					if !ok {
						return
					}
					if fw.WriteFrame(shell.CodeResize, shell.EncodeResize(s)) != nil {
						return
					}
				}
			}
		}()
	}
	code, err := readShell(conn, opts)
	if err != nil {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return -1, fmt.Errorf("shell in dseq %d service %s on %s: %w", lease.DSeq, opts.Service, lease.Provider, err)
	}
	return code, nil
}

func boolDigit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// sendStdin copies r to stdin frames and sends an empty frame at EOF.
func sendStdin(fw *shell.Writer, r io.Reader) {
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if fw.WriteFrame(shell.CodeStdin, buf[:n]) != nil {
				return
			}
		}
		if err != nil {
			// EOF or a read error: either way no more input will come.
			_ = fw.WriteFrame(shell.CodeStdin, nil)
			return
		}
	}
}

// readShell reads frames until the result and the close that follows it.
func readShell(conn *websocket.Conn, opts ExecOptions) (int, error) {
	stdout, stderr := opts.Stdout, opts.Stderr
	if stdout == nil {
		stdout = io.Discard
	}
	if stderr == nil {
		stderr = io.Discard
	}
	buf := make([]byte, 64<<10)
	var result *shell.Result
	for {
		code, payload, err := shell.ReadFrame(conn)
		if err != nil {
			if result != nil {
				return result.ExitCode, nil
			}
			return -1, fmt.Errorf("%w: %v", ErrShellDisconnected, err)
		}
		switch code {
		case shell.CodeStdout:
			if _, err := io.CopyBuffer(stdout, onlyReader{payload}, buf); err != nil {
				return -1, fmt.Errorf("writing command output: %w", err)
			}
		case shell.CodeStderr:
			if _, err := io.CopyBuffer(stderr, onlyReader{payload}, buf); err != nil {
				return -1, fmt.Errorf("writing command error output: %w", err)
			}
		case shell.CodeResult:
			b, err := io.ReadAll(payload)
			if err != nil {
				return -1, fmt.Errorf("%w: reading result: %v", ErrShellDisconnected, err)
			}
			r, err := shell.DecodeResult(b)
			if err != nil {
				return -1, err
			}
			result = &r
			return r.ExitCode, nil
		case shell.CodeFailure:
			msg, _ := io.ReadAll(payload)
			if len(msg) > 0 {
				return -1, fmt.Errorf("%w: %s", ErrShellFailed, msg)
			}
			return -1, ErrShellFailed
		default:
			return -1, fmt.Errorf("unexpected shell frame code %d", code)
		}
	}
}

// onlyReader hides WriterTo so CopyBuffer uses the reusable buffer.
type onlyReader struct{ io.Reader }
