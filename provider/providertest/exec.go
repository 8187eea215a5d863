package providertest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"slices"
	"strconv"
	"time"

	"github.com/gorilla/websocket"

	"github.com/akt-project/akt/provider/shell"
)

// ExecRequest is a shell command a tenant asked to run.
type ExecRequest struct {
	DSeq    uint64
	Service string
	Replica int
	Cmd     []string
	TTY     bool
	Stdin   bool
}

// ExecIO connects a command to the shell websocket. Stdin reaches EOF when the client sends
// end of input (an empty stdin frame); Resize delivers terminal size changes.
type ExecIO struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Resize <-chan shell.TermSize
}

// ExecFunc runs a command and returns its exit code. Returning ErrDropConnection makes the
// gateway drop the connection without a result frame; any other error sends a failure frame.
type ExecFunc func(ctx context.Context, req ExecRequest, io ExecIO) (int, error)

// ErrDropConnection asks the gateway to break the connection mid-command.
var ErrDropConnection = errors.New("drop the connection")

// LocalExec returns an ExecFunc running commands as local processes in dir.
func LocalExec(dir string) ExecFunc {
	return func(ctx context.Context, req ExecRequest, eio ExecIO) (int, error) {
		cmd := exec.CommandContext(ctx, req.Cmd[0], req.Cmd[1:]...)
		cmd.Dir = dir
		cmd.Stdout, cmd.Stderr = eio.Stdout, eio.Stderr
		stdin, err := cmd.StdinPipe()
		if err != nil {
			return 0, err
		}
		if err := cmd.Start(); err != nil {
			return 127, nil //nolint:nilerr // "command not found" is an exit code, as in a container
		}
		go func() {
			_, _ = io.Copy(stdin, eio.Stdin)
			stdin.Close()
		}()
		err = cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), nil
		}
		return 0, err
	}
}

func (g *Gateway) handleShell(w http.ResponseWriter, r *http.Request, l *Lease) {
	q := r.URL.Query()
	req := ExecRequest{DSeq: l.DSeq, Service: q.Get("service")}
	var err error
	if req.Replica, err = strconv.Atoi(q.Get("podIndex")); err != nil {
		http.Error(w, "invalid podIndex", http.StatusBadRequest)
		return
	}
	tty, stdin := q.Get("tty"), q.Get("stdin")
	if (tty != "0" && tty != "1") || (stdin != "0" && stdin != "1") {
		http.Error(w, "tty and stdin must be 0 or 1", http.StatusBadRequest)
		return
	}
	req.TTY, req.Stdin = tty == "1", stdin == "1"
	for i := 0; q.Has("cmd" + strconv.Itoa(i)); i++ {
		req.Cmd = append(req.Cmd, q.Get("cmd"+strconv.Itoa(i)))
	}
	if len(req.Cmd) == 0 {
		http.Error(w, "missing cmd0", http.StatusBadRequest)
		return
	}
	if !slices.Contains(l.Services, req.Service) {
		http.Error(w, fmt.Sprintf("service %q not found in lease", req.Service), http.StatusNotFound)
		return
	}
	if g.Exec == nil {
		http.Error(w, "shell not available", http.StatusNotImplemented)
		return
	}
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	g.streams.Add(1)
	defer g.streams.Add(-1)
	defer conn.Close()
	g.runShell(conn, req)
}

func (g *Gateway) runShell(conn *websocket.Conn, req ExecRequest) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdinR, stdinW := io.Pipe()
	resize := make(chan shell.TermSize, 16)
	go func() {
		defer cancel()
		for {
			code, payload, err := shell.ReadFrame(conn)
			if err != nil {
				stdinW.CloseWithError(io.ErrUnexpectedEOF)
				return
			}
			switch code {
			case shell.CodeStdin:
				b, _ := io.ReadAll(payload)
				if len(b) == 0 {
					stdinW.Close() // end of input
					continue
				}
				if _, err := stdinW.Write(b); err != nil {
					continue // the command closed its stdin; keep reading resizes
				}
			case shell.CodeResize:
				b, _ := io.ReadAll(payload)
				if s, err := shell.DecodeResize(b); err == nil {
					g.mu.Lock()
					g.resizes = append(g.resizes, s)
					g.mu.Unlock()
					select {
					case resize <- s:
					default:
					}
				}
			}
		}
	}()
	fw := shell.NewWriter(conn)
	var in io.Reader = stdinR
	if !req.Stdin {
		in = eofReader{}
	}
	code, err := g.Exec(ctx, req, ExecIO{Stdin: in, Stdout: fw.Stream(shell.CodeStdout), Stderr: fw.Stream(shell.CodeStderr), Resize: resize})
	switch {
	case errors.Is(err, ErrDropConnection):
		conn.UnderlyingConn().Close()
		return
	case err != nil:
		_ = fw.WriteFrame(shell.CodeFailure, nil)
	default:
		msg := ""
		if code != 0 {
			msg = fmt.Sprintf("command terminated with exit code %d", code)
		}
		_ = fw.WriteResult(shell.Result{ExitCode: code, Message: msg})
	}
	_ = conn.WriteControl(websocket.CloseMessage,
		websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(time.Second))
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }
