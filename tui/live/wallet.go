package live

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/config"
	"github.com/akt-project/akt/tui/svc"
)

// wallet implements svc.Wallet and svc.Blocks.
type wallet struct{ s *Session }

var (
	_ svc.Wallet = wallet{}
	_ svc.Blocks = wallet{}
)

// toNetwork converts a config network to the TUI's view of it.
func toNetwork(name string, n config.Network, active bool) svc.Network {
	out := svc.Network{Name: name, ChainID: n.ChainID, Custom: !n.BuiltIn, Active: active}
	if len(n.RPC) > 0 {
		out.RPC = n.RPC[0]
	}
	return out
}

// Account implements svc.Wallet: the active network, the active key (nil when the keyring
// has no such key) and its balances.
func (w wallet) Account(ctx context.Context) (svc.Account, error) {
	st := w.s.snapshot()
	acc := svc.Account{Network: toNetwork(st.netName, st.net, true), BlockTime: w.s.clock.average(st.gen)}
	if st.from == "" {
		return acc, nil
	}
	addr, st, err := w.s.address()
	switch {
	case errors.Is(err, chain.ErrKeyNotFound):
		w.s.log.Warn("active key not in keyring", "key", st.from, "backend", st.backend)
		return acc, nil
	case err != nil:
		return svc.Account{}, err
	}
	name := st.from
	if name == addr {
		name = shortAddress(addr)
	}
	acc.Key = &svc.Key{Name: name, Address: addr, Active: true}
	ctx, cancel := w.s.call(ctx)
	defer cancel()
	c, st, err := w.s.chainClient(ctx)
	if err != nil {
		return svc.Account{}, err
	}
	coins, err := c.Balances(ctx, addr)
	if err != nil {
		return svc.Account{}, fmt.Errorf("reading the balances of %s on %s: %w", addr, st.netName, err)
	}
	if acc.Balances.UAKT, err = microAmount(coins, chain.DenomAKT); err != nil {
		return svc.Account{}, fmt.Errorf("balances of %s on %s: %w", addr, st.netName, err)
	}
	if acc.Balances.UACT, err = microAmount(coins, chain.DenomACT); err != nil {
		return svc.Account{}, fmt.Errorf("balances of %s on %s: %w", addr, st.netName, err)
	}
	return acc, nil
}

// microAmount is the integer amount of denom in coins (0 when absent).
func microAmount(coins []chain.Coin, denom string) (uint64, error) {
	s := chain.AmountOf(coins, denom)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("amount %q of %s is not a whole number that fits: %w", s, denom, err)
	}
	return n, nil
}

// shortAddress is "akash1abcd…wxyz" for labels.
func shortAddress(a string) string {
	if len(a) <= 16 {
		return a
	}
	return a[:10] + "…" + a[len(a)-4:]
}

// WatchHeights implements svc.Blocks over the chain's event subscription (the node's
// websocket, with polling fallback inside package chain).
func (w wallet) WatchHeights(ctx context.Context) (<-chan int64, error) {
	dctx, cancel := w.s.call(ctx)
	c, st, err := w.s.chainClient(dctx)
	cancel()
	if err != nil {
		return nil, err
	}
	events := c.Subscribe(ctx, chain.SubscribeOptions{})
	out := make(chan int64)
	go func() {
		defer close(out)
		for ev := range events {
			switch ev.Kind {
			case chain.EventNewBlock:
				w.s.clock.observe(st.gen, ev.Height, ev.Time)
				select {
				case out <- ev.Height:
				case <-ctx.Done():
					return
				}
			case chain.EventTransport:
				w.s.log.Info("block subscription transport", "network", st.netName, "detail", ev.Detail)
			}
		}
	}()
	return out, nil
}

// blockClock measures the average block time from the blocks the subscription delivers,
// per network (a switch starts a new measure).
type blockClock struct {
	mu          sync.Mutex
	gen         int
	firstHeight int64
	firstTime   time.Time
	lastHeight  int64
	lastTime    time.Time
}

// observe records a block of the network generation gen.
func (c *blockClock) observe(gen int, height int64, at time.Time) {
	if at.IsZero() || height <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || c.firstHeight == 0 || height < c.lastHeight {
		c.gen, c.firstHeight, c.firstTime = gen, height, at
	}
	c.lastHeight, c.lastTime = height, at
}

// average is the measured block time for generation gen; 0 until two blocks were seen.
func (c *blockClock) average(gen int) time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || c.lastHeight <= c.firstHeight || !c.lastTime.After(c.firstTime) {
		return 0
	}
	return c.lastTime.Sub(c.firstTime) / time.Duration(c.lastHeight-c.firstHeight)
}

// blockTime is the measured block time of the active network, or svc.DefaultBlockTime.
func (s *Session) blockTime() time.Duration {
	if bt := s.clock.average(s.snapshot().gen); bt > 0 {
		return bt
	}
	return svc.DefaultBlockTime
}
