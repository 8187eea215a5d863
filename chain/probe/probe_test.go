package probe

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// statusServer answers CometBFT's /status like a node of chainID at height.
func statusServer(t *testing.T, chainID string, height int64, delay time.Duration) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/status" && r.URL.Path != "/rpc/status" {
			http.NotFound(w, r)
			return
		}
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		fmt.Fprintf(w, `{"jsonrpc":"2.0","id":-1,"result":{"node_info":{"network":%q,"version":"0.38.21","moniker":"test"},"sync_info":{"latest_block_height":"%d","latest_block_time":"2026-11-27T01:02:03Z","catching_up":false}}}`, chainID, height)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

func TestEndpoints(t *testing.T) {
	t.Parallel()
	good := statusServer(t, "sandbox-2", 1234, 0)
	prefixed := statusServer(t, "sandbox-2", 99, 0)
	other := statusServer(t, "akashnet-2", 5, 0)
	slow := statusServer(t, "sandbox-2", 1, 10*time.Second)
	notRPC := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html>hello</html>")
	}))
	t.Cleanup(notRPC.Close)
	down := closedPort(t)

	eps := []string{good.URL, prefixed.URL + "/rpc/", other.URL, slow.URL, notRPC.URL, down}
	start := time.Now()
	res := Endpoints(context.Background(), eps, "sandbox-2", Options{Timeout: 500 * time.Millisecond})
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("probe took %s; it must be bounded by the timeout", elapsed)
	}
	cases := []struct {
		idx      int
		ok       bool
		height   int64
		mismatch bool
		errPart  string
	}{
		{idx: 0, ok: true, height: 1234},
		{idx: 1, ok: true, height: 99},
		{idx: 2, mismatch: true, height: 5, errPart: `endpoint serves "akashnet-2"`},
		{idx: 3, errPart: "no answer within 500ms"},
		{idx: 4, errPart: "not a CometBFT RPC endpoint"},
		{idx: 5, errPart: "cannot connect"},
	}
	for _, tc := range cases {
		r := res[tc.idx]
		if r.Endpoint != eps[tc.idx] {
			t.Errorf("result %d is for %s, want %s (order must be kept)", tc.idx, r.Endpoint, eps[tc.idx])
		}
		if r.OK != tc.ok || r.Height != tc.height || r.ChainIDMismatch != tc.mismatch {
			t.Errorf("%s: got ok=%v height=%d mismatch=%v err=%q", eps[tc.idx], r.OK, r.Height, r.ChainIDMismatch, r.Error)
		}
		if tc.errPart != "" && !strings.Contains(r.Error, tc.errPart) {
			t.Errorf("%s: error %q does not contain %q", eps[tc.idx], r.Error, tc.errPart)
		}
		if tc.ok && (r.Latency <= 0 || r.ChainID != "sandbox-2" || r.NodeVersion != "0.38.21") {
			t.Errorf("%s: incomplete result %+v", eps[tc.idx], r)
		}
	}
}

func TestStatusURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://rpc.akt.dev/rpc":      "https://rpc.akt.dev/rpc/status",
		"https://rpc.akashnet.net:443": "https://rpc.akashnet.net:443/status",
		"http://127.0.0.1:36657/":      "http://127.0.0.1:36657/status",
	} {
		if got := StatusURL(in); got != want {
			t.Errorf("StatusURL(%q) = %q, want %q", in, got, want)
		}
	}
}
