package chain

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	coretypes "github.com/cometbft/cometbft/rpc/core/types"
)

// Attribute is one key/value of a chain event.
type Attribute struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Event is an ABCI event emitted by a transaction or block.
type Event struct {
	Type       string      `json:"type"`
	Attributes []Attribute `json:"attributes"`
}

// Get returns the first value of attribute key ("" when absent).
func (e Event) Get(key string) string {
	for _, a := range e.Attributes {
		if a.Key == key {
			return a.Value
		}
	}
	return ""
}

func fromABCIEvents(evs []abci.Event) []Event {
	out := make([]Event, 0, len(evs))
	for _, e := range evs {
		ev := Event{Type: e.Type}
		for _, a := range e.Attributes {
			ev.Attributes = append(ev.Attributes, Attribute{Key: a.Key, Value: a.Value})
		}
		out = append(out, ev)
	}
	return out
}

// TxResult is a transaction included in a block.
type TxResult struct {
	Hash      string  `json:"hash"`
	Height    int64   `json:"height"`
	Code      uint32  `json:"code"`
	Codespace string  `json:"codespace,omitempty"`
	Log       string  `json:"log,omitempty"`
	GasWanted int64   `json:"gas_wanted"`
	GasUsed   int64   `json:"gas_used"`
	Events    []Event `json:"events,omitempty"`
}

// Tx looks a transaction up by hash. A tx the node does not know gives an
// error matching ErrNotFound.
func (c *Client) Tx(ctx context.Context, hash string) (TxResult, error) {
	raw, err := hex.DecodeString(hash)
	if err != nil {
		return TxResult{}, fmt.Errorf("tx hash %q is not hex: %w", hash, err)
	}
	var res coretypes.ResultTx
	err = c.rpc.call(ctx, "tx", map[string]any{"hash": base64.StdEncoding.EncodeToString(raw), "prove": false}, &res, true)
	var re *rpcError
	if errors.As(err, &re) && strings.Contains(re.Data+re.Message, "not found") {
		return TxResult{}, fmt.Errorf("tx %s: %w", hash, ErrNotFound)
	}
	if err != nil {
		return TxResult{}, fmt.Errorf("looking up tx %s: %w", hash, err)
	}
	return TxResult{
		Hash: strings.ToUpper(hash), Height: res.Height, Code: res.TxResult.Code, Codespace: res.TxResult.Codespace,
		Log: res.TxResult.Log, GasWanted: res.TxResult.GasWanted, GasUsed: res.TxResult.GasUsed,
		Events: fromABCIEvents(res.TxResult.Events),
	}, nil
}

// lookup polls /tx up to tries times, returning ErrTxNotFound when the tx
// never shows up.
func (t *TxClient) lookup(ctx context.Context, hash string, tries int) (TxResult, error) {
	for i := 0; i < tries; i++ {
		if i > 0 {
			select {
			case <-ctx.Done():
				return TxResult{}, ctx.Err()
			case <-time.After(t.opts.pollInterval):
			}
		}
		res, err := t.client.Tx(ctx, hash)
		if err == nil {
			return res, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return TxResult{}, err
		}
	}
	return TxResult{}, fmt.Errorf("tx %s: %w", hash, ErrTxNotFound)
}

// Wait polls /tx until the transaction is included or the wait timeout
// passes (ErrTxNotFound). An included tx that failed gives a *TxError.
func (t *TxClient) Wait(ctx context.Context, hash string) (TxResult, error) {
	if t.client == nil {
		return TxResult{}, errors.New("waiting for a tx needs a connection to a node")
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, t.opts.waitTimeout)
	defer cancel()
	for {
		res, err := t.client.Tx(ctx, hash)
		if err == nil {
			if res.Code != 0 {
				return res, t.nameAddresses(newTxError("deliver", res.Hash, res.Codespace, res.Code, res.Log), nil)
			}
			return res, nil
		}
		if !errors.Is(err, ErrNotFound) && ctx.Err() == nil {
			var ce *connError
			if !errors.As(err, &ce) && !errors.Is(err, ErrNoEndpoint) {
				return TxResult{}, err
			}
		}
		select {
		case <-ctx.Done():
			if parent.Err() != nil {
				return TxResult{}, fmt.Errorf("waiting for tx %s: %w", hash, parent.Err())
			}
			return TxResult{}, fmt.Errorf("tx %s not included within %s: %w", hash, t.opts.waitTimeout, ErrTxNotFound)
		case <-time.After(t.opts.pollInterval):
		}
	}
}
