package chain

import (
	"context"
	"strconv"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	cmttypes "github.com/cometbft/cometbft/types"

	"github.com/akt-project/akt/chain/chaintest"
)

func typedEvent(typ string, attrs ...string) abci.Event {
	e := abci.Event{Type: typ}
	for i := 0; i+1 < len(attrs); i += 2 {
		e.Attributes = append(e.Attributes, abci.EventAttribute{Key: attrs[i], Value: attrs[i+1]})
	}
	return e
}

func bidID(owner string, dseq int) string {
	return `{"owner":"` + owner + `","dseq":"` + strconv.Itoa(dseq) + `","gseq":1,"oseq":1,"provider":"` + testProvider + `","bseq":0}`
}

// TestSubscribeWebsocketDropThenPoll: the websocket delivers block 101
// with a bid for us (and one for someone else), drops; polling picks up
// block 102 whose lease closed for lack of funds; the websocket is tried
// again.
func TestSubscribeWebsocketDropThenPoll(t *testing.T) {
	t.Parallel()
	n := chaintest.NewNode(t, "test-1")
	other := "akash1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq7cdc78"
	block := cmttypes.EventDataNewBlock{
		Block: &cmttypes.Block{Header: cmttypes.Header{Height: 101, Time: time.Date(2026, 11, 27, 4, 0, 0, 0, time.UTC)}},
		ResultFinalizeBlock: abci.ResponseFinalizeBlock{TxResults: []*abci.ExecTxResult{{Events: []abci.Event{
			typedEvent("akash.market.v1.EventBidCreated", "id", bidID(testAddress, 42), "price", `{"denom":"uact","amount":"0.750000000000000000"}`),
			typedEvent("akash.market.v1.EventBidCreated", "id", bidID(other, 43)),
			typedEvent("transfer", "amount", "5uakt"),
		}}}},
	}
	conns := n.ServeNewBlocks([]cmttypes.EventDataNewBlock{block})
	n.Mu.Lock()
	n.Height = 102
	n.BlockResults = func(h int64) *coretypes.ResultBlockResults {
		res := &coretypes.ResultBlockResults{Height: h}
		if h == 102 {
			res.TxsResults = []*abci.ExecTxResult{{Events: []abci.Event{
				typedEvent("akash.market.v1.EventLeaseClosed", "id", bidID(testAddress, 42), "reason", `"lease_closed_reason_insufficient_funds"`),
			}}}
		}
		return res
	}
	n.Mu.Unlock()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := Dial(ctx, Endpoints{RPC: []string{n.URL()}}, WithTimeout(2*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	evs := c.Subscribe(ctx, SubscribeOptions{Owner: testAddress, PollInterval: 10 * time.Millisecond, RetryWebsocket: 50 * time.Millisecond})
	var got []ChainEvent
	for ev := range evs {
		got = append(got, ev)
		if ev.Kind == EventEscrowDepleted {
			break
		}
	}
	// Wait for the websocket to be tried again.
	for conns.Load() < 2 {
		select {
		case _, ok := <-evs:
			if !ok {
				t.Fatalf("subscription ended before reconnecting; events: %+v", got)
			}
		case <-ctx.Done():
			t.Fatalf("no websocket reconnect; events: %+v", got)
		}
	}
	cancel()
	for range evs {
	}

	var bid, depleted, ws, polling, blocks int
	for _, ev := range got {
		switch ev.Kind {
		case EventBidCreated:
			bid++
			if ev.ID.DSeq != 42 || ev.ID.Provider != testProvider || ev.Price == nil || ev.Price.Denom != "uact" || ev.Height != 101 {
				t.Fatalf("bid event %+v", ev)
			}
		case EventEscrowDepleted:
			depleted++
			if ev.ID.DSeq != 42 || ev.Height != 102 {
				t.Fatalf("depleted event %+v", ev)
			}
		case EventTransport:
			if ev.Detail == "websocket" {
				ws++
			} else {
				polling++
			}
		case EventNewBlock:
			blocks++
		}
	}
	if bid != 1 || depleted != 1 || ws < 1 || polling < 1 || blocks < 2 {
		t.Fatalf("bid %d depleted %d ws %d polling %d blocks %d: %+v", bid, depleted, ws, polling, blocks, got)
	}
}

func TestWebsocketURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"http://127.0.0.1:26657":   "ws://127.0.0.1:26657/websocket",
		"https://rpc.akt.dev/rpc/": "wss://rpc.akt.dev/rpc/websocket",
	} {
		got, err := websocketURL(in)
		if err != nil || got != want {
			t.Fatalf("%s: %s %v, want %s", in, got, err, want)
		}
	}
}

// TestSubscribeStalledWebsocket: a websocket that goes silent is dropped
// after StallTimeout and polling delivers the blocks.
func TestSubscribeStalledWebsocket(t *testing.T) {
	t.Parallel()
	n := chaintest.NewNode(t, "test-1")
	n.ServeSilent()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := Dial(ctx, Endpoints{RPC: []string{n.URL()}})
	if err != nil {
		t.Fatal(err)
	}
	evs := c.Subscribe(ctx, SubscribeOptions{StallTimeout: 50 * time.Millisecond, PollInterval: 10 * time.Millisecond, RetryWebsocket: time.Hour})
	sawWS, sawPolling := false, false
	for ev := range evs {
		switch {
		case ev.Kind == EventTransport && ev.Detail == "websocket":
			sawWS = true
		case ev.Kind == EventTransport:
			sawPolling = true
		case ev.Kind == EventNewBlock && sawPolling:
			if !sawWS || ev.Height != 100 {
				t.Fatalf("block %+v (websocket seen: %v)", ev, sawWS)
			}
			cancel()
		}
	}
	if !sawPolling {
		t.Fatal("never fell back to polling")
	}
}
