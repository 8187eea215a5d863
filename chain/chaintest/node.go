// Package chaintest provides a fake CometBFT node for tests: an httptest
// server answering the JSON-RPC endpoints akt's chain client uses (status,
// abci_query, broadcast_tx_sync, tx, block_results, websocket subscribe).
package chaintest

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
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

// QueryHandler answers one abci_query path: it gets the request bytes and
// returns the response message, or a non-zero code and log.
type QueryHandler func(req []byte) (proto.Message, uint32, string)

// Node is an httptest server speaking the CometBFT JSON-RPC endpoints
// akt uses. Exported fields may be changed under Mu while the server runs.
type Node struct {
	t   *testing.T
	Srv *httptest.Server

	// Mu guards the exported fields while the server runs.
	Mu sync.Mutex
	// ChainID is what /status reports.
	ChainID string
	// Height is the latest block height.
	Height  int64
	queries map[string]QueryHandler
	calls   map[string]int
	// Broadcasts holds every tx received by broadcast_tx_sync.
	Broadcasts [][]byte
	// CheckTx decides the CheckTx answer of a broadcast tx.
	CheckTx func(tx []byte) (uint32, string, string)
	// DeliverCode is the result code recorded for included txs.
	DeliverCode uint32
	// DeliverLog is the log recorded for included txs.
	DeliverLog string
	// IncludeAfter is the number of /tx lookups answering "not found"
	// before an accepted tx shows as included.
	IncludeAfter int
	lookups      map[string]int
	included     map[string][]byte
	// BroadcastHang makes broadcast_tx_sync accept the tx and then never answer
	// before the client's timeout (the result is unknown to the client).
	BroadcastHang time.Duration
	// BlockResults answers block_results when set.
	BlockResults func(height int64) *coretypes.ResultBlockResults
	// WSHandler serves /websocket when set.
	WSHandler http.HandlerFunc
}

// NewNode starts a fake node for chainID, closed when the test ends.
func NewNode(t *testing.T, chainID string) *Node {
	t.Helper()
	n := &Node{
		t: t, ChainID: chainID, Height: 100,
		queries: map[string]QueryHandler{}, calls: map[string]int{},
		lookups: map[string]int{}, included: map[string][]byte{},
		CheckTx: func([]byte) (uint32, string, string) { return 0, "", "" },
	}
	n.Srv = httptest.NewServer(http.HandlerFunc(n.serve))
	t.Cleanup(n.Srv.Close)
	return n
}

// URL is the node's RPC endpoint.
func (n *Node) URL() string { return n.Srv.URL }

// CallCount returns how many times method was called.
func (n *Node) CallCount(method string) int {
	n.Mu.Lock()
	defer n.Mu.Unlock()
	return n.calls[method]
}

// Handle sets the answer of an abci_query path.
func (n *Node) Handle(path string, h QueryHandler) {
	n.Mu.Lock()
	defer n.Mu.Unlock()
	n.queries[path] = h
}

func (n *Node) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/websocket" {
		n.Mu.Lock()
		h := n.WSHandler
		n.Mu.Unlock()
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
	n.Mu.Lock()
	n.calls[req.Method]++
	n.Mu.Unlock()
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

func (n *Node) hangFor(method string) time.Duration {
	n.Mu.Lock()
	defer n.Mu.Unlock()
	if method == "broadcast_tx_sync" {
		return n.BroadcastHang
	}
	return 0
}

func unquote(raw json.RawMessage) string {
	var s string
	_ = json.Unmarshal(raw, &s)
	return s
}

func (n *Node) dispatch(method string, params map[string]json.RawMessage) (any, string) {
	n.Mu.Lock()
	defer n.Mu.Unlock()
	switch method {
	case "status":
		return &coretypes.ResultStatus{
			NodeInfo: p2p.DefaultNodeInfo{Network: n.ChainID, Moniker: "fake", Version: "0.38.21"},
			SyncInfo: coretypes.SyncInfo{LatestBlockHeight: n.Height, LatestBlockTime: time.Unix(1700000000, 0).UTC()},
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
		n.Mu.Unlock()
		msg, code, log := h(data)
		n.Mu.Lock()
		if code != 0 {
			return &coretypes.ResultABCIQuery{Response: abci.ResponseQuery{Code: code, Codespace: "sdk", Log: log}}, ""
		}
		bz, err := proto.Marshal(msg)
		if err != nil {
			n.t.Errorf("fake node: encoding %s answer: %v", path, err)
		}
		return &coretypes.ResultABCIQuery{Response: abci.ResponseQuery{Value: bz, Height: n.Height}}, ""
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
		n.Broadcasts = append(n.Broadcasts, tx)
		code, codespace, log := n.CheckTx(tx)
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
		if !ok || n.lookups[key] <= n.IncludeAfter {
			return nil, "tx (" + key + ") not found"
		}
		return &coretypes.ResultTx{Hash: raw, Height: n.Height + 1, Tx: tx, TxResult: abci.ExecTxResult{
			Code: n.DeliverCode, Log: n.DeliverLog, Codespace: codespaceFor(n.DeliverCode), GasUsed: 80000, GasWanted: 100000,
		}}, ""
	case "block_results":
		var h int64
		_, _ = fmt.Sscan(unquote(params["height"]), &h)
		if n.BlockResults != nil {
			return n.BlockResults(h), ""
		}
		return &coretypes.ResultBlockResults{Height: h}, ""
	}
	return nil, "method " + method + " not found"
}

func codespaceFor(code uint32) string {
	if code == 0 {
		return ""
	}
	return "sdk"
}

// DeadURL returns the URL of a server that has been shut down.
func DeadURL(t *testing.T) string {
	t.Helper()
	s := httptest.NewServer(http.NotFoundHandler())
	u := s.URL
	s.Close()
	return u
}

// Sent returns a copy of the txs received so far.
func (n *Node) Sent() [][]byte {
	n.Mu.Lock()
	defer n.Mu.Unlock()
	return append([][]byte(nil), n.Broadcasts...)
}
