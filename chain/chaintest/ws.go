package chaintest

import (
	"encoding/json"
	"net/http"
	"sync/atomic"

	cmtjson "github.com/cometbft/cometbft/libs/json"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	rpctypes "github.com/cometbft/cometbft/rpc/jsonrpc/types"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/gorilla/websocket"
)

// ServeNewBlocks makes /websocket accept a NewBlock subscription, send
// the given blocks and then drop the connection (as a node restarting or
// a proxy timing out would). It returns a counter of connections.
func (n *Node) ServeNewBlocks(blocks []cmttypes.EventDataNewBlock) *atomic.Int32 {
	var conns atomic.Int32
	up := websocket.Upgrader{}
	n.Mu.Lock()
	defer n.Mu.Unlock()
	n.WSHandler = func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		conns.Add(1)
		var req struct {
			Method string          `json:"method"`
			Params json.RawMessage `json:"params"`
		}
		if err := c.ReadJSON(&req); err != nil || req.Method != "subscribe" {
			return
		}
		id := rpctypes.JSONRPCIntID(1)
		if err := c.WriteJSON(rpctypes.NewRPCSuccessResponse(id, struct{}{})); err != nil {
			return
		}
		for _, b := range blocks {
			res, err := cmtjson.Marshal(coretypes.ResultEvent{Query: "tm.event='NewBlock'", Data: b})
			if err != nil {
				n.t.Errorf("encoding NewBlock: %v", err)
				return
			}
			if err := c.WriteJSON(rpctypes.RPCResponse{JSONRPC: "2.0", ID: id, Result: res}); err != nil {
				return
			}
		}
	}
	return &conns
}

// ServeSilent makes /websocket accept the subscription and then send
// nothing, holding the connection until the client gives up (a stalled
// node or proxy).
func (n *Node) ServeSilent() {
	up := websocket.Upgrader{}
	n.Mu.Lock()
	defer n.Mu.Unlock()
	n.WSHandler = func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		var req json.RawMessage
		if err := c.ReadJSON(&req); err != nil {
			return
		}
		if err := c.WriteJSON(rpctypes.NewRPCSuccessResponse(rpctypes.JSONRPCIntID(1), struct{}{})); err != nil {
			return
		}
		// Block until the client closes the connection.
		for {
			if _, _, err := c.ReadMessage(); err != nil {
				return
			}
		}
	}
}
