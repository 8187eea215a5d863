package chain

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
)

// EventKind names what a ChainEvent reports.
type EventKind string

// Event kinds delivered by Subscribe.
const (
	// EventNewBlock: a block was committed (Height, Time).
	EventNewBlock EventKind = "new_block"
	// EventTransport: the subscription switched between websocket and
	// polling (Detail says which).
	EventTransport         EventKind = "transport"
	EventDeploymentCreated EventKind = "deployment_created"
	EventDeploymentClosed  EventKind = "deployment_closed"
	EventOrderCreated      EventKind = "order_created"
	EventBidCreated        EventKind = "bid_created"
	EventBidClosed         EventKind = "bid_closed"
	EventLeaseCreated      EventKind = "lease_created"
	EventLeaseClosed       EventKind = "lease_closed"
	// EventEscrowDepleted: a lease was closed because the deployment's
	// escrow ran out of funds.
	EventEscrowDepleted EventKind = "escrow_depleted"
)

// ChainEvent is one thing that happened on chain that akt cares about.
type ChainEvent struct {
	Kind   EventKind `json:"kind"`
	Height int64     `json:"height"`
	Time   time.Time `json:"time,omitempty"`
	// ID names the deployment/order/bid/lease (fields unset when not relevant).
	ID     LeaseID  `json:"id"`
	Price  *DecCoin `json:"price,omitempty"`
	Reason string   `json:"reason,omitempty"`
	Detail string   `json:"detail,omitempty"`
}

// akashEventKinds maps typed Akash event names to kinds.
var akashEventKinds = map[string]EventKind{
	"akash.deployment.v1.EventDeploymentCreated": EventDeploymentCreated,
	"akash.deployment.v1.EventDeploymentClosed":  EventDeploymentClosed,
	"akash.market.v1.EventOrderCreated":          EventOrderCreated,
	"akash.market.v1.EventBidCreated":            EventBidCreated,
	"akash.market.v1.EventBidClosed":             EventBidClosed,
	"akash.market.v1.EventLeaseCreated":          EventLeaseCreated,
	"akash.market.v1.EventLeaseClosed":           EventLeaseClosed,
}

// eventID is the JSON of an Akash id attribute; numbers may be quoted.
type eventID struct {
	Owner    string      `json:"owner"`
	DSeq     json.Number `json:"dseq"`
	GSeq     json.Number `json:"gseq"`
	OSeq     json.Number `json:"oseq"`
	Provider string      `json:"provider"`
	BSeq     json.Number `json:"bseq"`
}

func unquoteJSON(v string) string {
	if s, err := strconv.Unquote(v); err == nil {
		return s
	}
	return v
}

func parseNum(n json.Number) uint64 {
	u, _ := strconv.ParseUint(strings.Trim(string(n), `"`), 10, 64)
	return u
}

// decodeAkashEvent turns a typed Akash event into a ChainEvent.
func decodeAkashEvent(e abci.Event, height int64, at time.Time) (ChainEvent, bool) {
	kind, ok := akashEventKinds[e.Type]
	if !ok {
		return ChainEvent{}, false
	}
	ev := ChainEvent{Kind: kind, Height: height, Time: at}
	for _, a := range e.Attributes {
		switch a.Key {
		case "id":
			var id eventID
			dec := json.NewDecoder(strings.NewReader(a.Value))
			dec.UseNumber()
			if err := dec.Decode(&id); err != nil {
				return ChainEvent{}, false
			}
			ev.ID = LeaseID{Owner: id.Owner, DSeq: parseNum(id.DSeq), GSeq: uint32(parseNum(id.GSeq)), OSeq: uint32(parseNum(id.OSeq)),
				Provider: id.Provider, BSeq: uint32(parseNum(id.BSeq))}
		case "price":
			var p DecCoin
			if json.Unmarshal([]byte(a.Value), &p) == nil {
				ev.Price = &p
			}
		case "reason":
			ev.Reason = strings.ToLower(unquoteJSON(a.Value))
		}
	}
	if kind == EventLeaseClosed && strings.Contains(ev.Reason, "insufficient_funds") {
		ev.Kind = EventEscrowDepleted
	}
	return ev, true
}

// blockEvents extracts akt's events from a block's tx results and
// finalize-block events, keeping those of owner ("" keeps all).
func blockEvents(owner string, height int64, at time.Time, txs []*abci.ExecTxResult, block []abci.Event) []ChainEvent {
	out := []ChainEvent{{Kind: EventNewBlock, Height: height, Time: at}}
	add := func(evs []abci.Event) {
		for _, e := range evs {
			if ev, ok := decodeAkashEvent(e, height, at); ok && (owner == "" || ev.ID.Owner == owner) {
				out = append(out, ev)
			}
		}
	}
	for _, tx := range txs {
		if tx != nil && tx.Code == 0 {
			add(tx.Events)
		}
	}
	add(block)
	return out
}

// blockResults fetches the events of one block by polling.
func (c *Client) blockResults(ctx context.Context, height int64) (*coretypes.ResultBlockResults, error) {
	var res coretypes.ResultBlockResults
	if err := c.rpc.call(ctx, "block_results", map[string]any{"height": fmt.Sprint(height)}, &res, true); err != nil {
		return nil, fmt.Errorf("loading results of block %d: %w", height, err)
	}
	return &res, nil
}
