package live

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmttypes "github.com/cometbft/cometbft/types"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/config"
	"github.com/akt-project/akt/tui/svc"
)

func TestDepsAreOfflineAndComplete(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	d := e.s.Deps()
	if d.Wallet == nil || d.Blocks == nil || d.Networks == nil || d.Keys == nil || d.Catalog == nil || d.Editor == nil ||
		d.Deployments == nil || d.Market == nil || d.Providers == nil || d.Grants == nil || d.Signer == nil {
		t.Fatalf("missing services: %+v", d)
	}
	if n := e.node.CallCount("status") + e.node.CallCount("abci_query"); n != 0 {
		t.Fatalf("building the deps made %d RPC calls", n)
	}
	e.cfg.ReadOnly = true
	if ro := New(e.cfg, Options{}).Deps(); ro.Signer != nil || !ro.ReadOnly {
		t.Fatal("read-only deps still have a signer")
	}
}

func TestAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	acc, err := e.s.Deps().Wallet.Account(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if acc.Network.Name != "testnet" || acc.Network.ChainID != testChainID || !acc.Network.Active || !acc.Network.Custom {
		t.Fatalf("network %+v", acc.Network)
	}
	if acc.Key == nil || acc.Key.Name != "alice" || acc.Key.Address != e.addr {
		t.Fatalf("key %+v", acc.Key)
	}
	if acc.Balances != (svc.Balances{UAKT: 125_500_000, UACT: 48_250_000}) {
		t.Fatalf("balances %+v", acc.Balances)
	}
}

func TestAccountWithoutKeyAndUnreachable(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.cfg.From = "bob" // not in the keyring
	acc, err := New(e.cfg, Options{}).Deps().Wallet.Account(ctx(t))
	if err != nil || acc.Key != nil {
		t.Fatalf("missing key: %+v, %v", acc, err)
	}
	cfg := testConfig(t, "http://127.0.0.1:1")
	cfg.Home = e.cfg.Home
	_, err = New(cfg, Options{RPCTimeout: time.Second}).Deps().Wallet.Account(ctx(t))
	if err == nil || !strings.Contains(err.Error(), "testnet") {
		t.Fatalf("unreachable node: %v (want an error naming the network)", err)
	}
}

func TestWatchHeightsFromEvents(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var blocks []cmttypes.EventDataNewBlock
	for h := int64(101); h <= 103; h++ {
		blocks = append(blocks, cmttypes.EventDataNewBlock{Block: &cmttypes.Block{Header: cmttypes.Header{Height: h, Time: time.Unix(1700000000+h, 0)}},
			ResultFinalizeBlock: abci.ResponseFinalizeBlock{}})
	}
	e.node.ServeNewBlocks(blocks)
	c := ctx(t)
	hs, err := e.s.Deps().Blocks.WatchHeights(c)
	if err != nil {
		t.Fatal(err)
	}
	for want := int64(101); want <= 103; want++ {
		if got := <-hs; got != want {
			t.Fatalf("height %d, want %d", got, want)
		}
	}
	// Blocks one second apart: the account reports the measured block time.
	acc, err := e.s.Deps().Wallet.Account(ctx(t))
	if err != nil || acc.BlockTime != time.Second {
		t.Fatalf("block time %v, %v", acc.BlockTime, err)
	}
}

func TestBlockClock(t *testing.T) {
	t.Parallel()
	var c blockClock
	t0 := time.Unix(1700000000, 0)
	if c.average(0) != 0 {
		t.Fatal("a block time before any block")
	}
	c.observe(0, 10, t0)
	c.observe(0, 12, t0.Add(12*time.Second))
	if got := c.average(0); got != 6*time.Second {
		t.Fatalf("average %v", got)
	}
	if c.average(1) != 0 {
		t.Fatal("another network's block time")
	}
	c.observe(1, 500, t0) // a switch starts over
	if c.average(1) != 0 {
		t.Fatal("one block gave a block time")
	}
}

func TestNetworks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	n := e.s.Deps().Networks
	list, err := n.List(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, x := range list {
		names = append(names, x.Name)
		if x.Active != (x.Name == "testnet") {
			t.Fatalf("active flag of %+v", x)
		}
	}
	if strings.Join(names, ",") != "mainnet,sandbox,devnet,testnet" {
		t.Fatalf("networks %v", names)
	}
	if _, err := n.Probe(ctx(t), "nowhere"); err == nil {
		t.Fatal("probed an unknown network")
	}
	if err := n.Switch(ctx(t), "nowhere"); err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Fatalf("switch to an unknown network: %v", err)
	}

	// The devnet brings its own keyring, home and key when the user chose none.
	if err := n.Switch(ctx(t), "devnet"); err != nil {
		t.Fatal(err)
	}
	st := e.s.snapshot()
	if st.netName != "devnet" || st.backend != "test" || st.from != config.DevnetKeyName || st.home != e.cfg.Dirs.DevnetHome() || st.client != nil {
		t.Fatalf("after switching to devnet: %+v", st)
	}
	// Back to the start network restores its settings.
	if err := n.Switch(ctx(t), "testnet"); err != nil {
		t.Fatal(err)
	}
	if st := e.s.snapshot(); st.from != "alice" || st.home != e.cfg.Home {
		t.Fatalf("after switching back: %+v", st)
	}
}

func TestProbe(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/status" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, `{"jsonrpc":"2.0","id":-1,"result":{"node_info":{"network":"test-1","version":"0.38.21"},"sync_info":{"latest_block_height":"4118220"}}}`)
	}))
	t.Cleanup(srv.Close)
	cfg := testConfig(t, srv.URL)
	n := New(cfg, Options{}).Deps().Networks
	p, err := n.Probe(ctx(t), "testnet")
	if err != nil || p.Height != 4118220 || p.ChainID != testChainID {
		t.Fatalf("probe %+v, %v", p, err)
	}
	cfg = testConfig(t, srv.URL)
	cfg.Network.ChainID = "other-2"
	_, err = New(cfg, Options{}).Deps().Networks.Probe(ctx(t), "testnet")
	if err == nil || !strings.Contains(err.Error(), "chain id mismatch") {
		t.Fatalf("probe of another chain: %v", err)
	}
}

func TestNetworkAddAndPersist(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	s := New(e.cfg, Options{PersistNetwork: true})
	n := s.Deps().Networks
	err := n.Add(ctx(t), svc.Network{Name: "oracle", ChainID: "testnet-oracle", RPC: "https://rpc.example.org:443, https://rpc2.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Add(ctx(t), svc.Network{Name: "Bad Name", ChainID: "x-1", RPC: "https://x"}); err == nil {
		t.Fatal("a bad name was accepted")
	}
	if err := n.Add(ctx(t), svc.Network{Name: "oracle2", ChainID: "x-1", RPC: "ftp://x"}); err == nil || !strings.Contains(err.Error(), "ftp://x") {
		t.Fatalf("a bad URL: %v", err)
	}
	if err := n.Switch(ctx(t), "oracle"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(e.cfg.File)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"network: oracle", "chain-id: testnet-oracle", "https://rpc2.example.org"} {
		if !strings.Contains(string(data), want) {
			t.Fatalf("config file lacks %q:\n%s", want, data)
		}
	}
	list, _ := n.List(ctx(t))
	found := false
	for _, x := range list {
		if x.Name == "oracle" {
			found = x.Active && x.Custom && x.RPC == "https://rpc.example.org:443"
		}
	}
	if !found {
		t.Fatalf("added network not listed as active and custom: %+v", list)
	}
}

func TestSwitchReadsDevnetEndpoints(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	home := e.cfg.Dirs.DevnetHome()
	if err := os.MkdirAll(home, 0o700); err != nil {
		t.Fatal(err)
	}
	body := `{"chain_id":"akt-devnet-7","rpc":"http://127.0.0.1:46657","grpc":"127.0.0.1:49090","key_name":"tenant2"}`
	if err := os.WriteFile(filepath.Join(home, config.LocalEndpointsFile), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := e.s.Deps().Networks.Switch(ctx(t), "devnet"); err != nil {
		t.Fatal(err)
	}
	st := e.s.snapshot()
	if st.net.ChainID != "akt-devnet-7" || st.net.RPC[0] != "http://127.0.0.1:46657" || st.from != "tenant2" {
		t.Fatalf("devnet endpoints not applied: %+v", st)
	}
}

func TestKeys(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	k := e.s.Deps().Keys
	m, err := k.NewMnemonic(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(strings.Fields(m)) != 24 || chain.ValidateMnemonic(m) != nil {
		t.Fatalf("mnemonic of %d words: %v", len(strings.Fields(m)), chain.ValidateMnemonic(m))
	}
	bob, err := k.Import(ctx(t), "bob", m)
	if err != nil || bob.Name != "bob" || !strings.HasPrefix(bob.Address, "akash1") || bob.Active {
		t.Fatalf("import: %+v, %v", bob, err)
	}
	if _, err := k.Import(ctx(t), "carol", "abandon abandon"); err == nil || strings.Contains(err.Error(), "abandon") {
		t.Fatalf("a bad mnemonic: %v (must fail without echoing it)", err)
	}
	if _, err := k.Import(ctx(t), "alice", m); !errors.Is(err, chain.ErrKeyExists) {
		t.Fatalf("a taken name: %v", err)
	}
	if err := k.Select(ctx(t), "bob"); err != nil {
		t.Fatal(err)
	}
	if err := k.Select(ctx(t), "nobody"); err == nil {
		t.Fatal("selected a missing key")
	}
	list, err := k.List(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	active := ""
	for _, x := range list {
		if x.Active {
			active += x.Name
		}
	}
	if len(list) != 2 || active != "bob" {
		t.Fatalf("keys %+v", list)
	}
	acc, err := e.s.Deps().Wallet.Account(ctx(t))
	if err != nil || acc.Key == nil || acc.Key.Address != bob.Address {
		t.Fatalf("account after select: %+v, %v", acc.Key, err)
	}
}
