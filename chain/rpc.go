package chain

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	cmtjson "github.com/cometbft/cometbft/libs/json"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
)

// rpcClient speaks CometBFT JSON-RPC over HTTP(S) to a list of endpoints,
// failing over in order on connection errors and remembering the healthy
// one. Every endpoint's chain id is checked before first use.
type rpcClient struct {
	endpoints []string
	chainID   string
	http      *http.Client
	timeout   time.Duration
	current   atomic.Int64
	nextID    atomic.Int64

	mu      sync.Mutex
	checked map[string]bool
}

// rpcError is a JSON-RPC error answered by a node (not a transport error).
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Data    string `json:"data"`
}

func (e *rpcError) Error() string {
	if e.Data != "" {
		return fmt.Sprintf("RPC error %d: %s: %s", e.Code, e.Message, e.Data)
	}
	return fmt.Sprintf("RPC error %d: %s", e.Code, e.Message)
}

// connError marks a failure to reach an endpoint (the request may or may
// not have arrived); the caller decides whether failing over is safe.
type connError struct {
	endpoint string
	err      error
	// sent is true when the request may have reached the node (timeout
	// after connecting, or a broken response).
	sent bool
}

func (e *connError) Error() string { return fmt.Sprintf("RPC endpoint %s: %v", e.endpoint, e.err) }
func (e *connError) Unwrap() error { return e.err }

type rpcResponse struct {
	Result json.RawMessage `json:"result"`
	Error  *rpcError       `json:"error"`
}

// callOne sends one JSON-RPC request to endpoint and decodes the result
// with CometBFT's JSON encoding into out.
func (c *rpcClient) callOne(ctx context.Context, endpoint, method string, params map[string]any, out any) error {
	if params == nil {
		params = map[string]any{}
	}
	body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": c.nextID.Add(1), "method": method, "params": params})
	if err != nil {
		return fmt.Errorf("encoding %s request: %w", method, err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("RPC endpoint %q is not a valid URL: %w", endpoint, err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return &connError{endpoint: endpoint, err: err, sent: !isDialError(err)}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return &connError{endpoint: endpoint, err: fmt.Errorf("reading %s response: %w", method, err), sent: true}
	}
	var r rpcResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		if resp.StatusCode >= 500 || resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusTooManyRequests {
			return &connError{endpoint: endpoint, err: fmt.Errorf("HTTP %s", resp.Status), sent: resp.StatusCode != http.StatusServiceUnavailable && resp.StatusCode != http.StatusNotFound}
		}
		return fmt.Errorf("decoding %s response from %s (HTTP %s): %w", method, endpoint, resp.Status, err)
	}
	if r.Error != nil {
		return r.Error
	}
	if out == nil {
		return nil
	}
	if err := cmtjson.Unmarshal(r.Result, out); err != nil {
		return fmt.Errorf("decoding %s result from %s: %w", method, endpoint, err)
	}
	return nil
}

// isDialError reports whether err happened before the request was sent.
func isDialError(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// checkEndpoint verifies an endpoint's chain id once.
func (c *rpcClient) checkEndpoint(ctx context.Context, endpoint string) error {
	c.mu.Lock()
	ok := c.checked[endpoint]
	c.mu.Unlock()
	if ok {
		return nil
	}
	var st coretypes.ResultStatus
	if err := c.callOne(ctx, endpoint, "status", nil, &st); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.chainID != "" && st.NodeInfo.Network != c.chainID {
		return fmt.Errorf("RPC endpoint %s serves chain %q, want %q: %w", endpoint, st.NodeInfo.Network, c.chainID, ErrChainIDMismatch)
	}
	if c.chainID == "" {
		c.chainID = st.NodeInfo.Network
	}
	c.checked[endpoint] = true
	return nil
}

// call runs method on the healthy endpoint, failing over to the next ones
// on connection errors. When idempotent is false a request that may have
// reached a node is not retried elsewhere: the connError is returned so the
// caller can look the result up first.
func (c *rpcClient) call(ctx context.Context, method string, params map[string]any, out any, idempotent bool) error {
	n := len(c.endpoints)
	start := int(c.current.Load())
	var errs []error
	for i := 0; i < n; i++ {
		idx := (start + i) % n
		ep := c.endpoints[idx]
		err := c.checkEndpoint(ctx, ep)
		if err == nil {
			err = c.callOne(ctx, ep, method, params, out)
			var ce *connError
			if err != nil && !idempotent && errors.As(err, &ce) && ce.sent {
				return err
			}
		}
		if err == nil {
			c.current.Store(int64(idx))
			return nil
		}
		var ce *connError
		if !errors.As(err, &ce) && !errors.Is(err, ErrChainIDMismatch) {
			c.current.Store(int64(idx))
			return err
		}
		if ctx.Err() != nil {
			return fmt.Errorf("%s: %w", method, ctx.Err())
		}
		errs = append(errs, err)
	}
	return fmt.Errorf("%s: %w: %w", method, ErrNoEndpoint, errors.Join(errs...))
}

// chain returns the chain id (configured or learnt from the first node).
func (c *rpcClient) chain() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.chainID
}

// endpoint returns the endpoint currently believed healthy.
func (c *rpcClient) endpoint() string { return c.endpoints[int(c.current.Load())%len(c.endpoints)] }

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
