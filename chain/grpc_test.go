package chain

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/cometbft/cometbft/proto/tendermint/p2p"
	"github.com/cosmos/cosmos-sdk/client/grpc/cmtservice"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/akt-project/akt/chain/chaintest"
)

// rawCodec passes message bytes through, so the test server can decode
// gogoproto messages itself.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) { return *(v.(*[]byte)), nil }
func (rawCodec) Unmarshal(data []byte, v any) error {
	*(v.(*[]byte)) = append([]byte(nil), data...)
	return nil
}
func (rawCodec) Name() string { return "proto" }

// grpcServer answers AllBalances with 7uact and everything else with NotFound.
func grpcServer(t *testing.T) string { t.Helper(); return grpcServerOf(t, "test-1") }

// grpcServerOf is grpcServer for a node that says it serves network.
func grpcServerOf(t *testing.T, network string) string {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer(grpc.ForceServerCodec(rawCodec{}), grpc.UnknownServiceHandler(func(_ any, stream grpc.ServerStream) error {
		method, _ := grpc.MethodFromServerStream(stream)
		var in []byte
		if err := stream.RecvMsg(&in); err != nil {
			return err
		}
		if method == nodeInfoPath {
			out, _ := proto.Marshal(&cmtservice.GetNodeInfoResponse{DefaultNodeInfo: &p2p.DefaultNodeInfo{Network: network}})
			return stream.SendMsg(&out)
		}
		if method != "/cosmos.bank.v1beta1.Query/AllBalances" {
			return status.Error(codes.NotFound, "no such thing")
		}
		out, _ := proto.Marshal(&banktypes.QueryAllBalancesResponse{Balances: sdk.NewCoins(sdk.NewInt64Coin("uact", 7))})
		return stream.SendMsg(&out)
	}))
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	return lis.Addr().String()
}

func TestGRPCQueriesWithFallback(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	node := chaintest.NewNode(t, "test-1")
	node.Handle("/cosmos.bank.v1beta1.Query/AllBalances", func([]byte) (proto.Message, uint32, string) {
		return &banktypes.QueryAllBalancesResponse{Balances: sdk.NewCoins(sdk.NewInt64Coin("uakt", 1))}, 0, ""
	})

	// gRPC answers: its balance (uact) wins over the RPC node's (uakt).
	c, err := Dial(ctx, Endpoints{RPC: []string{node.URL()}, GRPC: []string{grpcServer(t)}}, WithTimeout(2*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	bal, err := c.Balances(ctx, testAddress)
	if err != nil {
		t.Fatal(err)
	}
	if AmountOf(bal, "uact") != "7" || node.CallCount("abci_query") != 0 {
		t.Fatalf("balances %v, %d abci queries", bal, node.CallCount("abci_query"))
	}
	// A NotFound from the gRPC node is an answer, not a reason to fall back.
	if _, err := c.Account(ctx, testAddress); err == nil || node.CallCount("abci_query") != 0 {
		t.Fatalf("account over gRPC: %v, %d abci queries", err, node.CallCount("abci_query"))
	}

	// gRPC down: the same query goes through abci_query.
	lis, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := lis.Addr().String()
	lis.Close()
	c2, err := Dial(ctx, Endpoints{RPC: []string{node.URL()}, GRPC: []string{dead}}, WithTimeout(2*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	bal, err = c2.Balances(ctx, testAddress)
	if err != nil {
		t.Fatal(err)
	}
	if AmountOf(bal, "uakt") != "1" || node.CallCount("abci_query") != 1 {
		t.Fatalf("fallback balances %v, %d abci queries", bal, node.CallCount("abci_query"))
	}
}

func TestGRPCTarget(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, target string
		tls        bool
	}{
		{"akash-grpc.publicnode.com:443", "akash-grpc.publicnode.com:443", true},
		{"grpc.sandbox-2.aksh.pw:9090", "grpc.sandbox-2.aksh.pw:9090", false},
		{"https://grpc.example.com", "grpc.example.com:443", true},
		{"http://127.0.0.1:9090/", "127.0.0.1:9090", false},
	}
	for _, tc := range tests {
		got, tls := grpcTarget(tc.in)
		if got != tc.target || tls != tc.tls {
			t.Fatalf("%s: %s %v, want %s %v", tc.in, got, tls, tc.target, tc.tls)
		}
	}
}

// TestGRPCChainIDChecked: a gRPC endpoint of another chain is never asked
// anything else; the query goes through the RPC node, whose chain id was
// checked, and one of the right chain is used.
func TestGRPCChainIDChecked(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	node := chaintest.NewNode(t, "test-1")
	node.Handle("/cosmos.bank.v1beta1.Query/AllBalances", func([]byte) (proto.Message, uint32, string) {
		return &banktypes.QueryAllBalancesResponse{Balances: sdk.NewCoins(sdk.NewInt64Coin("uakt", 1))}, 0, ""
	})
	for _, tc := range []struct {
		network, denom string
		abci           int
	}{
		{network: "other-1", denom: "uakt", abci: 1},
		{network: "test-1", denom: "uact", abci: 1},
	} {
		c, err := Dial(ctx, Endpoints{RPC: []string{node.URL()}, GRPC: []string{grpcServerOf(t, tc.network)}},
			WithChainID("test-1"), WithTimeout(2*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		bal, err := c.Balances(ctx, testAddress)
		c.Close()
		if err != nil {
			t.Fatal(err)
		}
		if AmountOf(bal, tc.denom) == "0" || node.CallCount("abci_query") != tc.abci {
			t.Errorf("gRPC node of %s: balances %v, %d abci queries; want %s from the right node", tc.network, bal, node.CallCount("abci_query"), tc.denom)
		}
	}
}
