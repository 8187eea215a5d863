// Package probe checks CometBFT RPC endpoints: it asks each one's /status
// and reports latency, chain id, height and whether the chain id is the one
// expected. It is deliberately light (net/http and encoding/json only) so
// `akt network probe` starts fast.
package probe

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultTimeout bounds one endpoint's probe.
const DefaultTimeout = 4 * time.Second

// Result is what one endpoint answered.
type Result struct {
	// Endpoint is the RPC URL probed.
	Endpoint string `json:"endpoint"`
	// OK is true when the endpoint answered /status with the expected chain id.
	OK bool `json:"ok"`
	// Latency is the round trip of the /status request.
	Latency time.Duration `json:"-"`
	// LatencyMS is Latency in milliseconds, for JSON.
	LatencyMS float64 `json:"latency_ms"`
	// ChainID is the chain id the node reported.
	ChainID string `json:"chain_id,omitempty"`
	// Height is the node's latest block height.
	Height int64 `json:"height,omitempty"`
	// BlockTime is the time of the latest block.
	BlockTime time.Time `json:"block_time,omitzero"`
	// CatchingUp is true while the node is still syncing.
	CatchingUp bool `json:"catching_up,omitempty"`
	// NodeVersion is the CometBFT version the node reported.
	NodeVersion string `json:"node_version,omitempty"`
	// Moniker is the node's name.
	Moniker string `json:"moniker,omitempty"`
	// ChainIDMismatch is true when the node belongs to another chain.
	ChainIDMismatch bool `json:"chain_id_mismatch,omitempty"`
	// Error explains a failure in words; empty on success.
	Error string `json:"error,omitempty"`
}

// Options tune a probe.
type Options struct {
	// Timeout bounds each endpoint (DefaultTimeout when zero).
	Timeout time.Duration
	// Client overrides the HTTP client (tests).
	Client *http.Client
}

// Endpoints probes every endpoint concurrently and returns the results in
// the endpoints' order. It never takes longer than the timeout plus a
// little, whatever the endpoints do.
func Endpoints(ctx context.Context, endpoints []string, wantChainID string, opts Options) []Result {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	client := opts.Client
	if client == nil {
		client = newClient(opts.Timeout)
	}
	out := make([]Result, len(endpoints))
	var wg sync.WaitGroup
	for i, ep := range endpoints {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = One(ctx, client, ep, wantChainID, opts.Timeout)
		}()
	}
	wg.Wait()
	return out
}

func newClient(timeout time.Duration) *http.Client {
	d := &net.Dialer{Timeout: timeout}
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           d.DialContext,
			TLSHandshakeTimeout:   timeout,
			ResponseHeaderTimeout: timeout,
			MaxIdleConnsPerHost:   1,
		},
	}
}

type statusResponse struct {
	Result *struct {
		NodeInfo struct {
			Network string `json:"network"`
			Version string `json:"version"`
			Moniker string `json:"moniker"`
		} `json:"node_info"`
		SyncInfo struct {
			LatestBlockHeight string    `json:"latest_block_height"`
			LatestBlockTime   time.Time `json:"latest_block_time"`
			CatchingUp        bool      `json:"catching_up"`
		} `json:"sync_info"`
	} `json:"result"`
	Error *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Data    string `json:"data"`
	} `json:"error"`
}

// StatusURL returns the /status URL of an RPC endpoint, which may carry a
// path prefix (https://rpc.example/rpc → https://rpc.example/rpc/status).
func StatusURL(endpoint string) string {
	return strings.TrimRight(endpoint, "/") + "/status"
}

// One probes a single endpoint.
func One(ctx context.Context, client *http.Client, endpoint, wantChainID string, timeout time.Duration) Result {
	r := Result{Endpoint: endpoint}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, StatusURL(endpoint), nil)
	if err != nil {
		r.Error = fmt.Sprintf("invalid endpoint: %v", err)
		return r
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		r.Error = describe(err, timeout)
		return r
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	r.Latency = time.Since(start)
	r.LatencyMS = float64(r.Latency.Microseconds()) / 1000
	if err != nil {
		r.Error = "reading /status: " + describe(err, timeout)
		return r
	}
	if resp.StatusCode != http.StatusOK {
		r.Error = fmt.Sprintf("/status answered HTTP %d", resp.StatusCode)
		return r
	}
	var st statusResponse
	if err := json.Unmarshal(body, &st); err != nil || (st.Result == nil && st.Error == nil) {
		r.Error = "not a CometBFT RPC endpoint: /status did not return JSON-RPC status"
		return r
	}
	if st.Error != nil {
		r.Error = fmt.Sprintf("/status error %d: %s %s", st.Error.Code, st.Error.Message, st.Error.Data)
		return r
	}
	r.ChainID = st.Result.NodeInfo.Network
	r.NodeVersion = st.Result.NodeInfo.Version
	r.Moniker = st.Result.NodeInfo.Moniker
	r.CatchingUp = st.Result.SyncInfo.CatchingUp
	r.BlockTime = st.Result.SyncInfo.LatestBlockTime
	if h, err := strconv.ParseInt(st.Result.SyncInfo.LatestBlockHeight, 10, 64); err == nil {
		r.Height = h
	}
	if wantChainID != "" && r.ChainID != wantChainID {
		r.ChainIDMismatch = true
		r.Error = fmt.Sprintf("chain id mismatch: endpoint serves %q, network expects %q", r.ChainID, wantChainID)
		return r
	}
	r.OK = true
	return r
}

func describe(err error, timeout time.Duration) string {
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		return fmt.Sprintf("no answer within %s", timeout)
	case errors.Is(err, context.Canceled):
		return "cancelled"
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fmt.Sprintf("cannot resolve host %q", dnsErr.Name)
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return fmt.Sprintf("cannot connect: %v", opErr.Err)
	}
	return err.Error()
}
