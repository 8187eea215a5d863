package chain

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	"github.com/cosmos/gogoproto/proto"
)

// Endpoints lists a network's RPC (CometBFT JSON-RPC, tried in order) and
// optional gRPC endpoints.
type Endpoints struct {
	RPC  []string
	GRPC []string
}

// Option configures a Client.
type Option func(*clientOptions)

type clientOptions struct {
	chainID    string
	timeout    time.Duration
	httpClient *http.Client
	registrars []Registrar
}

// WithChainID makes Dial reject nodes that serve another chain.
func WithChainID(id string) Option { return func(o *clientOptions) { o.chainID = id } }

// WithTimeout sets the timeout of one RPC request (default 5s); failover
// to the next endpoint happens after it.
func WithTimeout(d time.Duration) Option { return func(o *clientOptions) { o.timeout = d } }

// WithHTTPClient sets the HTTP client used for RPC requests.
func WithHTTPClient(c *http.Client) Option { return func(o *clientOptions) { o.httpClient = c } }

// WithRegistrar adds message types to the client's codec (the Akash types
// are registered by default once available).
func WithRegistrar(r Registrar) Option {
	return func(o *clientOptions) { o.registrars = append(o.registrars, r) }
}

// Client talks to one network through its RPC endpoints. It is safe for
// concurrent use.
type Client struct {
	rpc  *rpcClient
	grpc *grpcTransport
	opts clientOptions

	encOnce sync.Once
	enc     *Encoding
	encErr  error
}

// Dial connects to the first healthy endpoint whose chain id matches and
// returns a client that fails over to the others later.
func Dial(ctx context.Context, eps Endpoints, opts ...Option) (*Client, error) {
	c, err := newClient(eps, opts...)
	if err != nil {
		return nil, err
	}
	if _, err := c.Status(ctx); err != nil {
		return nil, fmt.Errorf("connecting to %s: %w", strings.Join(eps.RPC, ", "), err)
	}
	return c, nil
}

func newClient(eps Endpoints, opts ...Option) (*Client, error) {
	o := clientOptions{timeout: 5 * time.Second}
	for _, f := range opts {
		f(&o)
	}
	if len(eps.RPC) == 0 {
		return nil, fmt.Errorf("no RPC endpoint configured: %w", ErrNoEndpoint)
	}
	if o.httpClient == nil {
		// A dead endpoint should cost little before failing over: bound
		// the connect step separately from the whole request.
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.DialContext = (&net.Dialer{Timeout: min(o.timeout, 3*time.Second), KeepAlive: 30 * time.Second}).DialContext
		tr.TLSHandshakeTimeout = min(o.timeout, 5*time.Second)
		o.httpClient = &http.Client{Transport: tr}
	}
	rpcEps := make([]string, len(eps.RPC))
	for i, e := range eps.RPC {
		rpcEps[i] = strings.TrimRight(e, "/")
	}
	c := &Client{
		rpc:  &rpcClient{endpoints: rpcEps, chainID: o.chainID, http: o.httpClient, timeout: o.timeout, checked: map[string]bool{}},
		opts: o,
	}
	if len(eps.GRPC) > 0 {
		c.grpc = &grpcTransport{targets: eps.GRPC, chainID: o.chainID}
	}
	return c, nil
}

// ChainID returns the chain id the client is bound to.
func (c *Client) ChainID() string { return c.rpc.chain() }

// Endpoint returns the RPC endpoint currently in use.
func (c *Client) Endpoint() string { return c.rpc.endpoint() }

// Encoding returns the client's codec, building it on first use.
func (c *Client) Encoding() (*Encoding, error) {
	c.encOnce.Do(func() { c.enc, c.encErr = NewEncoding(append(defaultRegistrars(), c.opts.registrars...)...) })
	return c.enc, c.encErr
}

// NodeStatus is what a node says about itself and its latest block.
type NodeStatus struct {
	ChainID      string    `json:"chain_id"`
	Moniker      string    `json:"moniker"`
	Version      string    `json:"version"`
	LatestHeight int64     `json:"latest_height"`
	LatestTime   time.Time `json:"latest_time"`
	CatchingUp   bool      `json:"catching_up"`
	Endpoint     string    `json:"endpoint"`
}

// Status asks the healthy node for its status.
func (c *Client) Status(ctx context.Context) (NodeStatus, error) {
	var st coretypes.ResultStatus
	if err := c.rpc.call(ctx, "status", nil, &st, true); err != nil {
		return NodeStatus{}, fmt.Errorf("node status: %w", err)
	}
	return NodeStatus{
		ChainID:      st.NodeInfo.Network,
		Moniker:      st.NodeInfo.Moniker,
		Version:      st.NodeInfo.Version,
		LatestHeight: st.SyncInfo.LatestBlockHeight,
		LatestTime:   st.SyncInfo.LatestBlockTime,
		CatchingUp:   st.SyncInfo.CatchingUp,
		Endpoint:     c.rpc.endpoint(),
	}, nil
}

// Close releases the client's gRPC connection, if any.
func (c *Client) Close() error {
	if c.grpc != nil {
		c.grpc.close()
	}
	return nil
}

// abciQuery runs a gRPC query method (path is the full method path, e.g.
// /cosmos.bank.v1beta1.Query/AllBalances): over gRPC when the network
// lists gRPC endpoints and they answer, else through abci_query.
func (c *Client) abciQuery(ctx context.Context, path string, req, resp proto.Message) error {
	if c.grpc != nil {
		enc, err := c.Encoding()
		if err != nil {
			return err
		}
		qctx, cancel := context.WithTimeout(ctx, c.opts.timeout)
		err = c.grpc.invoke(qctx, enc.Codec.GRPCCodec(), path, req, resp)
		cancel()
		if !errors.Is(err, errGRPCUnavailable) {
			return err
		}
		resp.Reset()
	}
	return c.abciQueryRPC(ctx, path, req, resp)
}

// abciQueryRPC runs a query through CometBFT's abci_query.
func (c *Client) abciQueryRPC(ctx context.Context, path string, req, resp proto.Message) error {
	data, err := proto.Marshal(req)
	if err != nil {
		return fmt.Errorf("encoding query %s: %w", path, err)
	}
	var res coretypes.ResultABCIQuery
	params := map[string]any{"path": path, "data": hex.EncodeToString(data), "height": "0", "prove": false}
	if err := c.rpc.call(ctx, "abci_query", params, &res, true); err != nil {
		return fmt.Errorf("query %s: %w", path, err)
	}
	if res.Response.Code != 0 {
		return &QueryError{Path: path, Codespace: res.Response.Codespace, Code: res.Response.Code, Log: res.Response.Log}
	}
	if err := proto.Unmarshal(res.Response.Value, resp); err != nil {
		return fmt.Errorf("decoding answer of %s: %w", path, err)
	}
	return nil
}

// defaultRegistrars returns the registrars of the Akash types.
func defaultRegistrars() []Registrar { return nil }
