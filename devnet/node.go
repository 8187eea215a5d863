package devnet

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	"cosmossdk.io/log"
	cmtcfg "github.com/cometbft/cometbft/config"
	"github.com/cometbft/cometbft/crypto/ed25519"
	"github.com/cometbft/cometbft/node"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/privval"
	"github.com/cometbft/cometbft/proxy"
	rpclocal "github.com/cometbft/cometbft/rpc/client/local"
	cmttypes "github.com/cometbft/cometbft/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/server"
	"github.com/cosmos/cosmos-sdk/server/api"
	serverconfig "github.com/cosmos/cosmos-sdk/server/config"
	servergrpc "github.com/cosmos/cosmos-sdk/server/grpc"
	servercmtlog "github.com/cosmos/cosmos-sdk/server/log"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"google.golang.org/grpc"

	"github.com/akt-project/akt/devnet/app"
)

// chainNode is the in-process chain: the app, the CometBFT node and the gRPC/REST servers.
type chainNode struct {
	app     *app.App
	node    *node.Node
	grpc    *grpc.Server
	cancel  context.CancelFunc
	apiDone chan struct{}
	apiErr  chan error // the REST server's start error, if it stopped with one
	client  client.Context
}

// nodeConfig is what startNode needs.
type nodeConfig struct {
	home      string
	chainID   string
	blockTime time.Duration
	rpcAddr   string // host:port the CometBFT RPC listens on (behind the proxy)
	p2pPort   int
	grpcPort  int
	restPort  int
	genesis   *cmttypes.GenesisDoc
	consKey   ed25519.PrivKey
	nodeKey   ed25519.PrivKey
	logger    log.Logger
	appOpts   app.Options
}

// startNode creates the app over an in-memory database and runs a single-validator
// CometBFT node plus the SDK's gRPC and REST servers, all on 127.0.0.1.
func startNode(nc nodeConfig) (*chainNode, error) {
	dir := filepath.Join(nc.home, "node")
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("clearing old node state in %s: %w", dir, err)
	}
	cfg := cmtcfg.DefaultConfig()
	cfg.SetRoot(dir)
	cfg.Moniker = "akt-devnet"
	cfg.DBBackend = "memdb"
	cfg.RPC.ListenAddress = "tcp://" + nc.rpcAddr
	cfg.RPC.CORSAllowedOrigins = []string{"*"}
	cfg.P2P.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", nc.p2pPort)
	cfg.P2P.PexReactor = false
	cfg.P2P.AddrBookStrict = false
	cfg.Consensus.TimeoutCommit = nc.blockTime
	cfg.Consensus.TimeoutPropose = max(nc.blockTime, time.Second)
	cfg.Instrumentation.Prometheus = false
	cfg.TxIndex.Indexer = "kv"
	cfg.Mempool.Broadcast = false
	for _, d := range []string{filepath.Join(dir, "config"), filepath.Join(dir, "data")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("creating %s: %w", d, err)
		}
	}
	if err := nc.genesis.SaveAs(cfg.GenesisFile()); err != nil {
		return nil, fmt.Errorf("writing genesis to %s: %w", cfg.GenesisFile(), err)
	}
	pv := privval.NewFilePV(nc.consKey, cfg.PrivValidatorKeyFile(), cfg.PrivValidatorStateFile())
	pv.Save()
	nodeKey := &p2p.NodeKey{PrivKey: nc.nodeKey}

	application, err := app.New(nc.logger, dbm.NewMemDB(), nil, nc.appOpts)
	if err != nil {
		return nil, fmt.Errorf("creating devnet app: %w", err)
	}
	genDoc := nc.genesis
	n, err := node.NewNode(cfg, pv, nodeKey,
		proxy.NewLocalClientCreator(server.NewCometABCIWrapper(application)),
		func() (*cmttypes.GenesisDoc, error) { return genDoc, nil },
		cmtcfg.DefaultDBProvider,
		node.DefaultMetricsProvider(cfg.Instrumentation),
		servercmtlog.CometLoggerWrapper{Logger: nc.logger},
	)
	if err != nil {
		return nil, fmt.Errorf("creating CometBFT node: %w", err)
	}
	if err := n.Start(); err != nil {
		return nil, fmt.Errorf("starting CometBFT node: %w", err)
	}
	cn := &chainNode{app: application, node: n, apiDone: make(chan struct{}), apiErr: make(chan error, 1)}

	enc := application.Encoding()
	cn.client = client.Context{}.
		WithCodec(enc.Codec).
		WithInterfaceRegistry(enc.InterfaceRegistry).
		WithTxConfig(enc.TxConfig).
		WithLegacyAmino(enc.Amino).
		WithChainID(nc.chainID).
		WithClient(rpclocal.New(n)).
		WithAccountRetriever(authtypes.AccountRetriever{}).
		WithBroadcastMode("sync").
		WithHomeDir(nc.home)

	application.RegisterTxService(cn.client)
	application.RegisterTendermintService(cn.client)
	srvCfg := serverconfig.DefaultConfig()
	srvCfg.MinGasPrices = MinGasPrice
	srvCfg.GRPC.Address = fmt.Sprintf("127.0.0.1:%d", nc.grpcPort)
	srvCfg.API.Enable = true
	srvCfg.API.Address = fmt.Sprintf("tcp://127.0.0.1:%d", nc.restPort)
	application.RegisterNodeService(cn.client, *srvCfg)

	cn.grpc, err = servergrpc.NewGRPCServer(cn.client, application, srvCfg.GRPC)
	if err != nil {
		cn.close()
		return nil, fmt.Errorf("creating gRPC server: %w", err)
	}
	lis, err := net.Listen("tcp", srvCfg.GRPC.Address)
	if err != nil {
		cn.close()
		return nil, fmt.Errorf("listening for gRPC on %s: %w", srvCfg.GRPC.Address, err)
	}
	go func() { _ = cn.grpc.Serve(lis) }()

	ctx, cancel := context.WithCancel(context.Background())
	cn.cancel = cancel
	apiSrv := api.New(cn.client, nc.logger.With("module", "api-server"), cn.grpc)
	application.RegisterAPIRoutes(apiSrv, srvCfg.API)
	go func() {
		defer close(cn.apiDone)
		if err := apiSrv.Start(ctx, *srvCfg); err != nil {
			nc.logger.Error("REST server stopped", "err", err)
			cn.apiErr <- fmt.Errorf("REST server on %s: %w", srvCfg.API.Address, err)
		}
	}()
	return cn, nil
}

// restErr returns the REST server's error if it has stopped with one (a taken port).
func (cn *chainNode) restErr() error {
	select {
	case err := <-cn.apiErr:
		return err
	default:
		return nil
	}
}

// close stops the servers, the node and the app. It is safe to call more than once.
func (cn *chainNode) close() {
	if cn.cancel != nil {
		cn.cancel()
		<-cn.apiDone
		cn.cancel = nil
	}
	if cn.grpc != nil {
		cn.grpc.Stop()
		cn.grpc = nil
	}
	if cn.node != nil && cn.node.IsRunning() {
		_ = cn.node.Stop()
		cn.node.Wait()
	}
	if cn.app != nil {
		_ = cn.app.Close()
	}
}
