package provider_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/akt-project/akt/provider"
	"github.com/akt-project/akt/provider/jwt"
	"github.com/akt-project/akt/provider/providertest"
)

const benchBytes = 64 << 20

// BenchmarkShellThroughput streams 64 MiB of command output through the shell websocket and,
// in the same iteration, through a raw websocket reader of the same stream (frames read and
// discarded with no shell handling). It reports both rates and shell/raw.
func BenchmarkShellThroughput(b *testing.B) {
	e := newEnv(b)
	chunk := make([]byte, 32<<10)
	e.gw.Exec = func(_ context.Context, _ providertest.ExecRequest, eio providertest.ExecIO) (int, error) {
		for sent := 0; sent < benchBytes; sent += len(chunk) {
			if _, err := eio.Stdout.Write(chunk); err != nil {
				return 0, err
			}
		}
		return 0, nil
	}
	c := e.client(b)
	ctx := ctxT(b)
	raw := rawShellDialer(b, e)
	var shellTime, rawTime time.Duration
	b.SetBytes(benchBytes)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		n := raw()
		rawTime += time.Since(start)
		if n < benchBytes {
			b.Fatalf("raw reader got %d bytes", n)
		}
		start = time.Now()
		var cw countWriter
		code, err := c.Exec(ctx, e.lease, provider.ExecOptions{Service: "web", Command: []string{"cat", "big"}, Stdout: &cw})
		shellTime += time.Since(start)
		if err != nil || code != 0 || cw.n != benchBytes {
			b.Fatalf("shell: %d bytes, exit %d, %v", cw.n, code, err)
		}
	}
	b.StopTimer()
	mbps := func(d time.Duration) float64 { return float64(b.N) * benchBytes / d.Seconds() / (1 << 20) }
	b.ReportMetric(mbps(shellTime), "shell-MiB/s")
	b.ReportMetric(mbps(rawTime), "raw-MiB/s")
	b.ReportMetric(rawTime.Seconds()/shellTime.Seconds(), "shell/raw")
}

type countWriter struct{ n int }

func (w *countWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

// rawShellDialer returns a function that opens the same shell websocket with plain gorilla
// calls and counts payload bytes until the connection closes.
func rawShellDialer(b *testing.B, e *env) func() int {
	pool := x509.NewCertPool()
	pool.AddCert(e.gw.Cert)
	d := websocket.Dialer{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS13}, ReadBufferSize: 64 << 10}
	src := jwt.NewSource(e.signer)
	q := url.Values{"service": {"web"}, "podIndex": {"0"}, "tty": {"0"}, "stdin": {"0"}, "cmd0": {"cat"}}
	u := "wss" + e.gw.URL[len("https"):] + "/lease/42/1/1/shell?" + q.Encode()
	buf := make([]byte, 64<<10)
	return func() int {
		tok, err := src.Token(context.Background(), jwt.FullAccess())
		if err != nil {
			b.Fatal(err)
		}
		conn, _, err := d.Dial(u, http.Header{"Authorization": {"Bearer " + tok}})
		if err != nil {
			b.Fatal(err)
		}
		defer conn.Close()
		total := 0
		for {
			_, r, err := conn.NextReader()
			if err != nil {
				return total
			}
			n, _ := io.CopyBuffer(io.Discard, struct{ io.Reader }{r}, buf)
			total += int(n) - 1 // minus the code byte
		}
	}
}
