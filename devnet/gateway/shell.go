package gateway

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"

	"github.com/creack/pty"
	"github.com/gorilla/websocket"

	"github.com/akt-project/akt/provider/jwt"
	"github.com/akt-project/akt/provider/shell"
)

// shellRequest is the parsed query of a shell websocket.
type shellRequest struct {
	service string
	pod     int
	tty     bool
	stdin   bool
	argv    []string
}

func parseShell(r *http.Request) (shellRequest, error) {
	q := r.URL.Query()
	sr := shellRequest{service: q.Get("service"), tty: q.Get("tty") == "1" || q.Get("tty") == "true",
		stdin: q.Get("stdin") == "1" || q.Get("stdin") == "true"}
	for i := 0; ; i++ {
		v, ok := q["cmd"+strconv.Itoa(i)]
		if !ok {
			break
		}
		sr.argv = append(sr.argv, v[0])
	}
	if p := q.Get("podIndex"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return sr, &httpError{http.StatusBadRequest, fmt.Sprintf("shell: podIndex %q is not a number", p)}
		}
		sr.pod = n
	}
	if len(sr.argv) == 0 {
		return sr, &httpError{http.StatusBadRequest, "shell: no command (query cmd0, cmd1, ...)"}
	}
	if sr.service == "" {
		return sr, &httpError{http.StatusBadRequest, "shell: query parameter service is required"}
	}
	return sr, nil
}

// handleShell runs the requested command in the lease's sandbox directory for the service,
// through a PTY when tty=1 and plain pipes otherwise, and reports its true exit code.
func (s *Server) handleShell(w http.ResponseWriter, r *http.Request) {
	st, err := s.lease(r, jwt.ScopeShell)
	if err != nil {
		fail(w, err)
		return
	}
	sr, err := parseShell(r)
	if err != nil {
		fail(w, err)
		return
	}
	var env []string
	found := false
	for _, svc := range st.group.Services {
		if svc.Name == sr.service {
			found, env = true, svc.Env
			if sr.pod < 0 || sr.pod >= max(int(svc.Count), 1) {
				http.Error(w, fmt.Sprintf("shell: service %q has %d replicas, no podIndex %d", sr.service, svc.Count, sr.pod), http.StatusNotFound)
				return
			}
		}
	}
	if !found {
		http.Error(w, fmt.Sprintf("shell: service %q is not in the lease", sr.service), http.StatusNotFound)
		return
	}
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	fw := shell.NewWriter(conn)
	dir := filepath.Join(st.sandbox, sr.service)
	cmd := exec.Command(sr.argv[0], sr.argv[1:]...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "AKT_DEVNET=1", "HOSTNAME=" + podName(sr.service, sr.pod)}, env...)
	if sr.tty {
		cmd.Env = append(cmd.Env, "TERM=xterm-256color")
	}
	code, msg := s.runShell(conn, fw, cmd, sr)
	_ = fw.WriteResult(shell.Result{ExitCode: code, Message: msg})
	_ = conn.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
}

// runShell runs cmd wired to the websocket and returns its exit code and a message.
func (s *Server) runShell(conn *websocket.Conn, fw *shell.Writer, cmd *exec.Cmd, sr shellRequest) (int, string) {
	var (
		stdin  io.WriteCloser
		tty    *os.File
		copied sync.WaitGroup
	)
	if sr.tty {
		f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
		if err != nil {
			return startFailure(err)
		}
		tty, stdin = f, f
		copied.Add(1)
		go func() {
			defer copied.Done()
			_, _ = io.Copy(fw.Stream(shell.CodeStdout), f) // ends with EIO when the process exits
		}()
	} else {
		cmd.Stdout = fw.Stream(shell.CodeStdout)
		cmd.Stderr = fw.Stream(shell.CodeStderr)
		if sr.stdin {
			p, err := cmd.StdinPipe()
			if err != nil {
				return startFailure(err)
			}
			stdin = p
		}
		if err := cmd.Start(); err != nil {
			return startFailure(err)
		}
	}
	defer s.track(cmd.Process)()
	// Client frames: stdin (an empty one ends the input) and resizes. A closed websocket
	// kills the command.
	go func() {
		for {
			code, rd, err := shell.ReadFrame(conn)
			if err != nil {
				if websocket.IsCloseError(err, websocket.CloseNormalClosure, websocket.CloseGoingAway) || errors.Is(err, io.EOF) || err != nil {
					_ = cmd.Process.Kill()
				}
				return
			}
			payload, _ := io.ReadAll(rd)
			switch code {
			case shell.CodeStdin:
				if stdin == nil {
					continue
				}
				if len(payload) == 0 {
					if sr.tty {
						_, _ = stdin.Write([]byte{4}) // ^D: end of input on a terminal
					} else {
						_ = stdin.Close()
					}
					continue
				}
				_, _ = stdin.Write(payload)
			case shell.CodeResize:
				if ts, err := shell.DecodeResize(payload); err == nil && tty != nil {
					_ = pty.Setsize(tty, &pty.Winsize{Rows: ts.Height, Cols: ts.Width})
				}
			}
		}
	}()
	err := cmd.Wait()
	if tty != nil {
		copied.Wait()
		_ = tty.Close()
	}
	return exitCode(cmd, err)
}

func startFailure(err error) (int, string) {
	if errors.Is(err, exec.ErrNotFound) || errors.Is(err, os.ErrNotExist) {
		return 127, fmt.Sprintf("command not found: %v", err)
	}
	if errors.Is(err, os.ErrPermission) {
		return 126, fmt.Sprintf("command cannot be run: %v", err)
	}
	return 1, fmt.Sprintf("starting command: %v", err)
}

// exitCode returns the command's exit status, 128+signal when a signal ended it.
func exitCode(cmd *exec.Cmd, err error) (int, string) {
	if cmd.ProcessState == nil {
		return 1, fmt.Sprintf("command did not run: %v", err)
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal()), "terminated by signal " + ws.Signal().String()
	}
	return cmd.ProcessState.ExitCode(), ""
}
