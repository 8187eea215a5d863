package chain

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cometbft/cometbft/p2p"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	rpctypes "github.com/cometbft/cometbft/rpc/jsonrpc/types"
	"github.com/cosmos/gogoproto/proto"
)

// queryHandler answers one abci_query path: it gets the request bytes and
// returns the response message, or a non-zero code and log.
type queryHandler func(req []byte) (proto.Message, uint32, string)

// fakeNode is an httptest server speaking the CometBFT JSON-RPC endpoints
// akt uses. Fields may be changed under mu while the server runs.
type fakeNode struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	chainID   string
	height    int64
	queries   map[string]queryHandler
	calls     map[string]int
	broadcast []([]byte)
	// checkTx decides the CheckTx answer of a broadcast tx.
	checkTx func(tx []byte) (uint32, string, string)
	// deliver is the DeliverTx result recorded for included txs.
	deliverCode uint32
	deliverLog  string
	// includeAfter is the number of /tx lookups answering "not found"
	// before an accepted tx shows as included.
	includeAfter int
	lookups      map[string]int
	included     map[string][]byte
	// broadcastHang makes broadcast_tx_sync accept the tx and then never answer
	// before the client's timeout (the result is unknown to the client).
	broadcastHang time.Duration
	wsHandler     http.HandlerFunc
}

func newFakeNode(t *testing.T, chainID string) *fakeNode {
	t.Helper()
	n := &fakeNode{
		t: t, chainID: chainID, height: 100,
		queries: map[string]queryHandler{}, calls: map[string]int{},
		lookups: map[string]int{}, included: map[string][]byte{},
		checkTx: func([]byte) (uint32, string, string) { return 0, "", "" },
	}
	n.srv = httptest.NewServer(http.HandlerFunc(n.serve))
	t.Cleanup(n.srv.Close)
	return n
}

func (n *fakeNode) URL() string { return n.srv.URL }

func (n *fakeNode) callCount(method string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.calls[method]
}

func (n *fakeNode) handle(path string, h queryHandler) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.queries[path] = h
}

func (n *fakeNode) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/websocket" {
		n.mu.Lock()
		h := n.wsHandler
		n.mu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
		return
	}
	var req struct {
		ID     json.RawMessage            `json:"id"`
		Method string                     `json:"method"`
		Params map[string]json.RawMessage `json:"params"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	n.mu.Lock()
	n.calls[req.Method]++
	n.mu.Unlock()
	id := rpctypes.JSONRPCIntID(1)
	result, rpcErr := n.dispatch(req.Method, req.Params)
	if hang := n.hangFor(req.Method); hang > 0 {
		time.Sleep(hang)
	}
	var resp rpctypes.RPCResponse
	if rpcErr != "" {
		resp = rpctypes.NewRPCErrorResponse(id, -32603, "Internal error", rpcErr)
	} else {
		resp = rpctypes.NewRPCSuccessResponse(id, result)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

func (n *fakeNode) hangFor(method string) time.Duration {
	n.mu.Lock()
	defer n.mu.Unlock()
	if method == "broadcast_tx_sync" {
		return n.broadcastHang
	}
	return 0
}

func unquote(raw json.RawMessage) string {
	var s string
	_ = json.Unmarshal(raw, &s)
	return s
}

func (n *fakeNode) dispatch(method string, params map[string]json.RawMessage) (any, string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch method {
	case "status":
		return &coretypes.ResultStatus{
			NodeInfo: p2p.DefaultNodeInfo{Network: n.chainID, Moniker: "fake", Version: "0.38.21"},
			SyncInfo: coretypes.SyncInfo{LatestBlockHeight: n.height, LatestBlockTime: time.Unix(1700000000, 0).UTC()},
		}, ""
	case "abci_query":
		path := unquote(params["path"])
		data, err := hex.DecodeString(unquote(params["data"]))
		if err != nil {
			return nil, "bad hex data"
		}
		h, ok := n.queries[path]
		if !ok {
			return &coretypes.ResultABCIQuery{Response: abci.ResponseQuery{Code: 6, Codespace: "sdk", Log: "unknown query path " + path}}, ""
		}
		n.mu.Unlock()
		msg, code, log := h(data)
		n.mu.Lock()
		if code != 0 {
			return &coretypes.ResultABCIQuery{Response: abci.ResponseQuery{Code: code, Codespace: "sdk", Log: log}}, ""
		}
		bz, err := proto.Marshal(msg)
		if err != nil {
			n.t.Errorf("fake node: encoding %s answer: %v", path, err)
		}
		return &coretypes.ResultABCIQuery{Response: abci.ResponseQuery{Value: bz, Height: n.height}}, ""
	case "broadcast_tx_sync":
		tx, err := base64.StdEncoding.DecodeString(unquote(params["tx"]))
		if err != nil {
			return nil, "bad tx encoding"
		}
		hash := sha256.Sum256(tx)
		key := strings.ToUpper(hex.EncodeToString(hash[:]))
		if _, dup := n.included[key]; dup {
			return nil, "tx already exists in cache"
		}
		n.broadcast = append(n.broadcast, tx)
		code, codespace, log := n.checkTx(tx)
		if code == 0 {
			n.included[key] = tx
		}
		return &coretypes.ResultBroadcastTx{Code: code, Codespace: codespace, Log: log, Hash: hash[:]}, ""
	case "tx":
		raw, err := base64.StdEncoding.DecodeString(unquote(params["hash"]))
		if err != nil {
			return nil, "bad hash encoding"
		}
		key := strings.ToUpper(hex.EncodeToString(raw))
		tx, ok := n.included[key]
		n.lookups[key]++
		if !ok || n.lookups[key] <= n.includeAfter {
			return nil, "tx (" + key + ") not found"
		}
		return &coretypes.ResultTx{Hash: raw, Height: n.height + 1, Tx: tx, TxResult: abci.ExecTxResult{
			Code: n.deliverCode, Log: n.deliverLog, Codespace: codespaceFor(n.deliverCode), GasUsed: 80000, GasWanted: 100000,
		}}, ""
	case "block_results":
		return &coretypes.ResultBlockResults{Height: n.height}, ""
	}
	return nil, "method " + method + " not found"
}

func codespaceFor(code uint32) string {
	if code == 0 {
		return ""
	}
	return "sdk"
}

// deadURL returns the URL of a server that has been shut down.
func deadURL(t *testing.T) string {
	t.Helper()
	s := httptest.NewServer(http.NotFoundHandler())
	u := s.URL
	s.Close()
	return u
}
