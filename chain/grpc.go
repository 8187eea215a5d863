package chain

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"

	"github.com/cosmos/cosmos-sdk/client/grpc/cmtservice"
	"github.com/cosmos/gogoproto/proto"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/status"
)

// grpcTransport runs queries over gRPC when the network lists gRPC
// endpoints. It is optional: on a transport failure the client falls back
// to abci_query over CometBFT RPC, the one transport every node has.
type grpcTransport struct {
	targets []string
	// chainID, when set, is checked once per connection with GetNodeInfo
	// before any query goes to it, as for RPC endpoints.
	chainID string
	mu      sync.Mutex
	conn    *grpc.ClientConn
	current int
	checked bool
}

// grpcTarget normalises a gRPC endpoint and says whether it needs TLS:
// "https://h:443", "h:443" and "grpcs://h" use TLS, "http://h:9090" and
// other ports do not.
func grpcTarget(ep string) (string, bool) {
	useTLS := false
	switch {
	case strings.HasPrefix(ep, "https://"), strings.HasPrefix(ep, "grpcs://"):
		ep, useTLS = ep[strings.Index(ep, "://")+3:], true
	case strings.HasPrefix(ep, "http://"), strings.HasPrefix(ep, "grpc://"):
		ep = ep[strings.Index(ep, "://")+3:]
	}
	ep = strings.TrimRight(ep, "/")
	if _, port, err := net.SplitHostPort(ep); err == nil {
		if port == "443" {
			useTLS = true
		}
	} else {
		if useTLS {
			ep += ":443"
		} else {
			ep += ":9090"
		}
	}
	return ep, useTLS
}

func (g *grpcTransport) connection() (*grpc.ClientConn, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.conn != nil {
		return g.conn, nil
	}
	target, useTLS := grpcTarget(g.targets[g.current])
	creds := insecure.NewCredentials()
	if useTLS {
		creds = credentials.NewTLS(&tls.Config{MinVersion: tls.VersionTLS12})
	}
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(creds))
	if err != nil {
		return nil, fmt.Errorf("gRPC endpoint %s: %w", target, err)
	}
	g.conn, g.checked = conn, false
	return conn, nil
}

// nodeInfoPath is the query that tells which chain a gRPC endpoint serves.
const nodeInfoPath = "/cosmos.base.tendermint.v1beta1.Service/GetNodeInfo"

// checkChain asks a fresh connection which chain it serves; a node of
// another chain is dropped (the client fails over) like an RPC endpoint.
func (g *grpcTransport) checkChain(ctx context.Context, conn *grpc.ClientConn, codec encoding.Codec) error {
	g.mu.Lock()
	done := g.checked || g.chainID == ""
	g.mu.Unlock()
	if done {
		return nil
	}
	var info cmtservice.GetNodeInfoResponse
	if err := conn.Invoke(ctx, nodeInfoPath, &cmtservice.GetNodeInfoRequest{}, &info, grpc.ForceCodec(codec)); err != nil {
		if ctx.Err() == nil {
			g.failover()
		}
		return fmt.Errorf("%w: checking the chain id: %w", errGRPCUnavailable, err)
	}
	if got := info.GetDefaultNodeInfo().GetNetwork(); got != g.chainID {
		g.failover()
		return fmt.Errorf("%w: %w: gRPC endpoint serves %q, network expects %q", errGRPCUnavailable, ErrChainIDMismatch, got, g.chainID)
	}
	g.mu.Lock()
	if g.conn == conn {
		g.checked = true
	}
	g.mu.Unlock()
	return nil
}

// failover drops the current connection and moves to the next target.
func (g *grpcTransport) failover() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.conn != nil {
		_ = g.conn.Close()
		g.conn = nil
	}
	g.current = (g.current + 1) % len(g.targets)
}

func (g *grpcTransport) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.conn != nil {
		_ = g.conn.Close()
		g.conn = nil
	}
}

// errGRPCUnavailable marks a gRPC failure after which abci_query is tried.
var errGRPCUnavailable = errors.New("gRPC unavailable")

// invoke runs one unary query. Answers from the node (not found, invalid
// argument) become *QueryError; transport failures errGRPCUnavailable.
func (g *grpcTransport) invoke(ctx context.Context, codec encoding.Codec, path string, req, resp proto.Message) error {
	conn, err := g.connection()
	if err != nil {
		return fmt.Errorf("%w: %w", errGRPCUnavailable, err)
	}
	if err := g.checkChain(ctx, conn, codec); err != nil {
		return err
	}
	err = conn.Invoke(ctx, path, req, resp, grpc.ForceCodec(codec))
	if err == nil {
		return nil
	}
	st, _ := status.FromError(err)
	switch st.Code() {
	case codes.Unavailable, codes.DeadlineExceeded, codes.Unimplemented, codes.Unknown, codes.Internal, codes.Canceled:
		if ctx.Err() == nil {
			g.failover()
		}
		return fmt.Errorf("%w: %s: %w", errGRPCUnavailable, path, err)
	case codes.NotFound:
		return &QueryError{Path: path, Codespace: "grpc", Code: 38, Log: st.Message()}
	default:
		return &QueryError{Path: path, Codespace: "grpc", Code: uint32(st.Code()), Log: st.Message()}
	}
}
