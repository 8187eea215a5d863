package chain

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	cmtjson "github.com/cometbft/cometbft/libs/json"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/gorilla/websocket"
)

// SubscribeOptions configures Subscribe.
type SubscribeOptions struct {
	// Owner keeps only events about this owner's deployments, orders,
	// bids and leases ("" keeps all). New blocks are always delivered.
	Owner string
	// PollInterval is how often /status is polled when the websocket is
	// down (default 3s).
	PollInterval time.Duration
	// RetryWebsocket is how long to poll before trying the websocket
	// again (default 30s).
	RetryWebsocket time.Duration
	// MaxCatchUp bounds how many missed blocks are fetched after a gap
	// (default 50).
	MaxCatchUp int64
	// StallTimeout is how long a silent websocket is trusted before it is
	// dropped and polling takes over (default 60s, ten Akash blocks).
	StallTimeout time.Duration
}

// Subscribe delivers new blocks and akt's events (bids, leases,
// deployments, escrow depleted) until ctx ends, when the channel is
// closed. It listens on the node's websocket (/subscribe NewBlock), and
// when that drops it polls /status and /block_results, catching up on
// missed blocks, and tries the websocket again later.
func (c *Client) Subscribe(ctx context.Context, opts SubscribeOptions) <-chan ChainEvent {
	if opts.PollInterval <= 0 {
		opts.PollInterval = 3 * time.Second
	}
	if opts.RetryWebsocket <= 0 {
		opts.RetryWebsocket = 30 * time.Second
	}
	if opts.MaxCatchUp <= 0 {
		opts.MaxCatchUp = 50
	}
	if opts.StallTimeout <= 0 {
		opts.StallTimeout = 60 * time.Second
	}
	out := make(chan ChainEvent, 64)
	s := &subscriber{c: c, opts: opts, out: out}
	go s.run(ctx)
	return out
}

type subscriber struct {
	c    *Client
	opts SubscribeOptions
	out  chan<- ChainEvent
	last int64
}

func (s *subscriber) run(ctx context.Context) {
	defer close(s.out)
	for ctx.Err() == nil {
		err := s.websocket(ctx)
		if ctx.Err() != nil {
			return
		}
		s.emit(ctx, ChainEvent{Kind: EventTransport, Height: s.last, Detail: "polling: " + errString(err)})
		s.poll(ctx, s.opts.RetryWebsocket)
	}
}

func errString(err error) string {
	if err == nil {
		return "websocket closed"
	}
	return err.Error()
}

func (s *subscriber) emit(ctx context.Context, ev ChainEvent) bool {
	select {
	case s.out <- ev:
		return true
	case <-ctx.Done():
		return false
	}
}

func (s *subscriber) emitBlock(ctx context.Context, evs []ChainEvent) {
	for _, ev := range evs {
		if !s.emit(ctx, ev) {
			return
		}
	}
	if len(evs) > 0 && evs[0].Height > s.last {
		s.last = evs[0].Height
	}
}

// websocketURL turns an RPC endpoint into its /websocket URL.
func websocketURL(endpoint string) (string, error) {
	u, err := url.Parse(endpoint)
	if err != nil {
		return "", err
	}
	switch u.Scheme {
	case "https":
		u.Scheme = "wss"
	default:
		u.Scheme = "ws"
	}
	u.Path = strings.TrimRight(u.Path, "/") + "/websocket"
	return u.String(), nil
}

// websocket subscribes to NewBlock on the healthy endpoint and delivers
// events until the connection drops.
func (s *subscriber) websocket(ctx context.Context) error {
	wsURL, err := websocketURL(s.c.rpc.endpoint())
	if err != nil {
		return err
	}
	dialer := websocket.Dialer{HandshakeTimeout: s.c.opts.timeout}
	conn, _, err := dialer.DialContext(ctx, wsURL, nil)
	if err != nil {
		return fmt.Errorf("websocket %s: %w", wsURL, err)
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	defer stop()
	req := map[string]any{"jsonrpc": "2.0", "id": 1, "method": "subscribe", "params": map[string]any{"query": "tm.event='NewBlock'"}}
	if err := conn.WriteJSON(req); err != nil {
		return fmt.Errorf("websocket subscribe: %w", err)
	}
	announced := false
	for {
		var msg rpcResponse
		_ = conn.SetReadDeadline(time.Now().Add(s.opts.StallTimeout))
		if err := conn.ReadJSON(&msg); err != nil {
			return fmt.Errorf("websocket read: %w", err)
		}
		if msg.Error != nil {
			return fmt.Errorf("websocket subscribe: %w", msg.Error)
		}
		if !announced {
			announced = true
			if s.last > 0 {
				s.catchUp(ctx)
			}
			s.emit(ctx, ChainEvent{Kind: EventTransport, Height: s.last, Detail: "websocket"})
		}
		if len(msg.Result) == 0 || string(msg.Result) == "{}" {
			continue
		}
		var res coretypes.ResultEvent
		if err := cmtjson.Unmarshal(msg.Result, &res); err != nil {
			return fmt.Errorf("websocket event: %w", err)
		}
		nb, ok := res.Data.(cmttypes.EventDataNewBlock)
		if !ok || nb.Block == nil {
			continue
		}
		h := nb.Block.Height
		if h <= s.last {
			continue // already delivered (by polling or a previous connection)
		}
		if s.last > 0 && h > s.last+1 {
			s.catchUpTo(ctx, h-1)
		}
		s.emitBlock(ctx, blockEvents(s.opts.Owner, h, nb.Block.Time, nb.ResultFinalizeBlock.TxResults, nb.ResultFinalizeBlock.Events))
	}
}

// poll follows new blocks through /status and /block_results for d.
func (s *subscriber) poll(ctx context.Context, d time.Duration) {
	deadline := time.Now().Add(d)
	for ctx.Err() == nil && time.Now().Before(deadline) {
		s.catchUp(ctx)
		select {
		case <-ctx.Done():
			return
		case <-time.After(s.opts.PollInterval):
		}
	}
}

// catchUp delivers the blocks after s.last up to the latest height (only
// the latest on the first call).
func (s *subscriber) catchUp(ctx context.Context) {
	st, err := s.c.Status(ctx)
	if err != nil {
		return
	}
	if s.last == 0 {
		s.last = st.LatestHeight - 1
	}
	s.catchUpTo(ctx, st.LatestHeight)
}

func (s *subscriber) catchUpTo(ctx context.Context, latest int64) {
	from := s.last + 1
	if latest-from >= s.opts.MaxCatchUp {
		from = latest - s.opts.MaxCatchUp + 1
	}
	for h := from; h <= latest && ctx.Err() == nil; h++ {
		res, err := s.c.blockResults(ctx, h)
		if err != nil {
			var re *rpcError
			if errors.As(err, &re) {
				continue
			}
			return
		}
		s.emitBlock(ctx, blockEvents(s.opts.Owner, h, time.Time{}, res.TxsResults, res.FinalizeBlockEvents))
	}
}
