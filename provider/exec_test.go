package provider_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/akt-project/akt/provider"
	"github.com/akt-project/akt/provider/providertest"
	"github.com/akt-project/akt/provider/shell"
)

func TestExecExitCodes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client(t)
	ctx := ctxT(t)
	tests := []struct {
		name             string
		cmd              []string
		stdin            io.Reader
		code             int
		wantOut, wantErr string
	}{
		{"success", []string{"sh", "-c", "echo out; echo err >&2"}, nil, 0, "out\n", "err\n"},
		{"non-zero", []string{"sh", "-c", "echo failing >&2; exit 3"}, nil, 3, "", "failing\n"},
		{"stdin EOF", []string{"cat"}, strings.NewReader("hello\nworld\n"), 0, "hello\nworld\n", ""},
		{"stdin EOF counted", []string{"wc", "-c"}, strings.NewReader(strings.Repeat("x", 100000)), 0, "100000\n", ""},
		{"empty stdin", []string{"cat"}, strings.NewReader(""), 0, "", ""},
		{"not found", []string{"no-such-command-akt"}, nil, 127, "", ""},
	}
	for _, tc := range tests {
		var out, errOut bytes.Buffer
		code, err := c.Exec(ctx, e.lease, provider.ExecOptions{Service: "web", Command: tc.cmd, Stdin: tc.stdin, Stdout: &out, Stderr: &errOut})
		if err != nil || code != tc.code {
			t.Errorf("%s: Exec = %d, %v; want %d", tc.name, code, err, tc.code)
			continue
		}
		if strings.TrimLeft(out.String(), " ") != tc.wantOut || errOut.String() != tc.wantErr {
			t.Errorf("%s: stdout %q stderr %q, want %q %q", tc.name, out.String(), errOut.String(), tc.wantOut, tc.wantErr)
		}
	}
}

func TestExecResizeAndTTY(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.gw.Exec = func(ctx context.Context, req providertest.ExecRequest, eio providertest.ExecIO) (int, error) {
		if !req.TTY || req.Replica != 1 || req.Service != "db" {
			return 0, fmt.Errorf("unexpected request %+v", req)
		}
		for i := 0; i < 2; i++ {
			select {
			case s := <-eio.Resize:
				fmt.Fprintf(eio.Stdout, "%dx%d;", s.Width, s.Height)
			case <-ctx.Done():
				return 0, ctx.Err()
			}
		}
		return 0, nil
	}
	c := e.client(t)
	resize := make(chan shell.TermSize, 2)
	resize <- shell.TermSize{Width: 120, Height: 40}
	resize <- shell.TermSize{Width: 80, Height: 24}
	var out bytes.Buffer
	code, err := c.Exec(ctxT(t), e.lease, provider.ExecOptions{Service: "db", Replica: 1, TTY: true, Command: []string{"sh"}, Stdout: &out, Resize: resize})
	if err != nil || code != 0 || out.String() != "120x40;80x24;" {
		t.Fatalf("Exec = %d, %v, output %q", code, err, out.String())
	}
	if got := e.gw.Resizes(); len(got) != 2 || got[1] != (shell.TermSize{Width: 80, Height: 24}) {
		t.Fatalf("gateway received resizes %v", got)
	}
}

func TestExecErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var fail atomic.Bool // false: drop the connection; true: report a failure
	e.gw.Exec = func(ctx context.Context, req providertest.ExecRequest, eio providertest.ExecIO) (int, error) {
		io.WriteString(eio.Stdout, "partial output")
		if !fail.Load() {
			return 0, providertest.ErrDropConnection
		}
		return 0, errors.New("container runtime exploded")
	}
	c := e.client(t)
	ctx := ctxT(t)
	var out bytes.Buffer
	code, err := c.Exec(ctx, e.lease, provider.ExecOptions{Service: "web", Command: []string{"x"}, Stdout: &out})
	if !errors.Is(err, provider.ErrShellDisconnected) || code == 0 {
		t.Fatalf("dropped connection: Exec = %d, %v; want ErrShellDisconnected", code, err)
	}
	if out.String() != "partial output" {
		t.Fatalf("output before the drop = %q", out.String())
	}
	fail.Store(true)
	if code, err := c.Exec(ctx, e.lease, provider.ExecOptions{Service: "web", Command: []string{"x"}}); !errors.Is(err, provider.ErrShellFailed) || code == 0 {
		t.Fatalf("failure frame: Exec = %d, %v", code, err)
	}
	if _, err := c.Exec(ctx, e.lease, provider.ExecOptions{Service: "cache", Command: []string{"x"}}); err == nil || !strings.Contains(err.Error(), `service "cache" not found`) {
		t.Fatalf("unknown service: %v", err)
	}
	e.gw.CloseLease(e.lease.DSeq)
	code, err = c.Exec(ctx, e.lease, provider.ExecOptions{Service: "web", Command: []string{"true"}})
	if err == nil || code == 0 || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("closed lease: Exec = %d, %v", code, err)
	}
}

func TestExecCancel(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client(t)
	ctx, cancel := context.WithCancel(ctxT(t))
	pr, pw := io.Pipe()
	defer pw.Close()
	started := make(chan struct{})
	go func() {
		io.WriteString(pw, "x") // the command has read something: it is running
		close(started)
	}()
	go func() { <-started; cancel() }()
	code, err := c.Exec(ctx, e.lease, provider.ExecOptions{Service: "web", Command: []string{"cat"}, Stdin: pr})
	if !errors.Is(err, context.Canceled) || code == 0 {
		t.Fatalf("cancelled Exec = %d, %v", code, err)
	}
}

func TestCopyRoundTrip(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	remoteRoot := t.TempDir()
	e.gw.Exec = providertest.LocalExec(remoteRoot)
	c := e.client(t)
	ctx := ctxT(t)
	src := t.TempDir()
	big := make([]byte, 5<<20+12345)
	if _, err := rand.Read(big); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, filepath.Join(src, "big.bin"), big)
	mustWrite(t, filepath.Join(src, "tree", "a.txt"), []byte("alpha"))
	mustWrite(t, filepath.Join(src, "tree", "sub", "b.txt"), []byte("beta"))

	// A single file of several MiB, there and back.
	res, err := c.CopyTo(ctx, e.lease, filepath.Join(src, "big.bin"), provider.CopyTarget{Service: "web", Path: remoteRoot + "/data/"})
	if err == nil {
		t.Fatalf("copy into a missing remote directory must fail, got %+v", res)
	}
	if err := os.Mkdir(filepath.Join(remoteRoot, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	res, err = c.CopyTo(ctx, e.lease, filepath.Join(src, "big.bin"), provider.CopyTarget{Service: "web", Path: remoteRoot + "/data/"})
	if err != nil || res.Files != 1 || res.Bytes != int64(len(big)) {
		t.Fatalf("CopyTo = %+v, %v", res, err)
	}
	if got, _ := os.ReadFile(filepath.Join(remoteRoot, "data", "big.bin")); !bytes.Equal(got, big) {
		t.Fatal("remote copy differs")
	}
	dst := t.TempDir()
	res, err = c.CopyFrom(ctx, e.lease, provider.CopyTarget{Service: "web", Path: remoteRoot + "/data/big.bin"}, filepath.Join(dst, "back.bin"))
	if err != nil || res.Files != 1 {
		t.Fatalf("CopyFrom = %+v, %v", res, err)
	}
	if got, _ := os.ReadFile(filepath.Join(dst, "back.bin")); !bytes.Equal(got, big) {
		t.Fatal("round-tripped file differs")
	}

	// A directory tree, there and back into an existing directory.
	if _, err := c.CopyTo(ctx, e.lease, filepath.Join(src, "tree"), provider.CopyTarget{Service: "web", Path: remoteRoot + "/data/tree2"}); err != nil {
		t.Fatal(err)
	}
	res, err = c.CopyFrom(ctx, e.lease, provider.CopyTarget{Service: "web", Path: remoteRoot + "/data/tree2"}, dst)
	if err != nil || res.Files != 2 {
		t.Fatalf("CopyFrom dir = %+v, %v", res, err)
	}
	if got, _ := os.ReadFile(filepath.Join(dst, "tree2", "sub", "b.txt")); string(got) != "beta" {
		t.Fatalf("tree2/sub/b.txt = %q", got)
	}
	if _, err := c.CopyFrom(ctx, e.lease, provider.CopyTarget{Service: "web", Path: remoteRoot + "/nope"}, dst); err == nil || !strings.Contains(err.Error(), "remote tar exited") {
		t.Fatalf("missing remote file: %v", err)
	}
}

func mustWrite(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
