package live

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/chain/chaintest"
	"github.com/akt-project/akt/config"
)

// testMnemonic is the well-known BIP-39 test vector (never a real wallet).
const testMnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon " +
	"abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art"

const (
	testChainID  = "test-1"
	testProvider = "akash1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq7cdc78"
)

// env is a fake node, a test keyring holding key "alice", and a session over them.
type env struct {
	node *chaintest.Node
	cfg  *config.Config
	s    *Session
	addr string
}

// testConfig is a configuration whose active network "testnet" points at rpc, with a test
// keyring in its own home and every directory in a temporary one.
func testConfig(t *testing.T, rpc string) *config.Config {
	t.Helper()
	dir := t.TempDir()
	net := config.Network{Name: "testnet", ChainID: testChainID, RPC: []string{rpc},
		FeeDenom: "uakt", GasPrice: "0.025", GasAdjustment: 1.5, DeploymentDenom: "uact"}
	nets := config.BuiltinNetworks()
	nets["testnet"] = net
	return &config.Config{
		NetworkName: "testnet", Network: net, Networks: nets, From: "alice",
		KeyringBackend: "test", Home: filepath.Join(dir, "home"), Output: "text",
		File: filepath.Join(dir, "config", "config.yaml"),
		Dirs: config.Dirs{UserHome: dir, Config: filepath.Join(dir, "config"), State: filepath.Join(dir, "state"), Data: filepath.Join(dir, "data")},
	}
}

// newEnv starts a fake node answering balances and accounts, stores "alice" in the test
// keyring and opens a session with short timeouts.
func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{node: chaintest.NewNode(t, testChainID)}
	e.cfg = testConfig(t, e.node.URL())
	kr, err := chain.OpenKeyring("test", e.cfg.Home, nil)
	if err != nil {
		t.Fatal(err)
	}
	info, err := kr.Recover("alice", testMnemonic)
	if err != nil {
		t.Fatal(err)
	}
	e.addr = info.Address
	e.node.Handle("/cosmos.bank.v1beta1.Query/AllBalances", func([]byte) (proto.Message, uint32, string) {
		return &banktypes.QueryAllBalancesResponse{Balances: sdk.NewCoins(sdk.NewInt64Coin("uakt", 125_500_000), sdk.NewInt64Coin("uact", 48_250_000))}, 0, ""
	})
	e.node.Handle("/cosmos.auth.v1beta1.Query/Account", func([]byte) (proto.Message, uint32, string) {
		acc, _ := codectypes.NewAnyWithValue(&authtypes.BaseAccount{Address: e.addr, AccountNumber: 7, Sequence: 3})
		return &authtypes.QueryAccountResponse{Account: acc}, 0, ""
	})
	e.node.Handle("/cosmos.tx.v1beta1.Service/Simulate", func([]byte) (proto.Message, uint32, string) {
		return &txtypes.SimulateResponse{GasInfo: &sdk.GasInfo{GasUsed: 100_000, GasWanted: 100_000}}, 0, ""
	})
	e.s = New(e.cfg, Options{RPCTimeout: 2 * time.Second, PollInterval: 20 * time.Millisecond})
	t.Cleanup(e.s.Close)
	return e
}

// ctx is a test context bounded well above every expected wait.
func ctx(t *testing.T) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return c
}

func dec(s string) sdkmath.LegacyDec { return sdkmath.LegacyMustNewDecFromStr(s) }
