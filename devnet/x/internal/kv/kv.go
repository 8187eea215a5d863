// Package kv is the tiny typed key-value layer the devnet's Akash modules store their
// records with: protobuf values under string keys, iterated by prefix in key order.
package kv

import (
	"context"
	"fmt"
	"strconv"

	corestore "cosmossdk.io/core/store"
	storetypes "cosmossdk.io/store/types"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/cosmos/gogoproto/proto"
)

// Table stores values of type T (a gogoproto message) under keys that start with its prefix.
type Table[T any, PT interface {
	*T
	proto.Message
}] struct {
	svc    corestore.KVStoreService
	cdc    codec.BinaryCodec
	prefix string
}

// NewTable returns the table of values under prefix in the module store svc.
func NewTable[T any, PT interface {
	*T
	proto.Message
}](svc corestore.KVStoreService, cdc codec.BinaryCodec, prefix string) Table[T, PT] {
	return Table[T, PT]{svc: svc, cdc: cdc, prefix: prefix + "/"}
}

func (t Table[T, PT]) store(ctx context.Context) storetypes.KVStore {
	return runtime.KVStoreAdapter(t.svc.OpenKVStore(ctx))
}

// Get returns the value at key and whether it exists.
func (t Table[T, PT]) Get(ctx context.Context, key string) (*T, bool, error) {
	bz := t.store(ctx).Get([]byte(t.prefix + key))
	if bz == nil {
		return nil, false, nil
	}
	v := new(T)
	if err := t.cdc.Unmarshal(bz, PT(v)); err != nil {
		return nil, false, fmt.Errorf("decoding %s%s: %w", t.prefix, key, err)
	}
	return v, true, nil
}

// Has tells whether key exists.
func (t Table[T, PT]) Has(ctx context.Context, key string) bool {
	return t.store(ctx).Has([]byte(t.prefix + key))
}

// Set stores v at key.
func (t Table[T, PT]) Set(ctx context.Context, key string, v *T) error {
	bz, err := t.cdc.Marshal(PT(v))
	if err != nil {
		return fmt.Errorf("encoding %s%s: %w", t.prefix, key, err)
	}
	t.store(ctx).Set([]byte(t.prefix+key), bz)
	return nil
}

// Delete removes key.
func (t Table[T, PT]) Delete(ctx context.Context, key string) {
	t.store(ctx).Delete([]byte(t.prefix + key))
}

// Walk calls fn for every value whose key starts with prefix, in key order, until fn
// returns stop or an error. Values collected by fn may be modified and Set afterwards, but
// not during the walk.
func (t Table[T, PT]) Walk(ctx context.Context, prefix string, fn func(key string, v *T) (stop bool, err error)) error {
	it := storetypes.KVStorePrefixIterator(t.store(ctx), []byte(t.prefix+prefix))
	defer it.Close()
	for ; it.Valid(); it.Next() {
		v := new(T)
		if err := t.cdc.Unmarshal(it.Value(), PT(v)); err != nil {
			return fmt.Errorf("decoding %s: %w", it.Key(), err)
		}
		stop, err := fn(string(it.Key()[len(t.prefix):]), v)
		if err != nil {
			return err
		}
		if stop {
			return nil
		}
	}
	return nil
}

// All returns every value under prefix that keep accepts, in key order.
func (t Table[T, PT]) All(ctx context.Context, prefix string, keep func(*T) bool) ([]*T, error) {
	var out []*T
	err := t.Walk(ctx, prefix, func(_ string, v *T) (bool, error) {
		if keep == nil || keep(v) {
			out = append(out, v)
		}
		return false, nil
	})
	return out, err
}

// Page applies a page request to items already filtered. Simplification: the devnet pages
// by offset, and its next_key is the decimal offset of the next page, which clients pass
// back unchanged like any opaque key.
func Page[T any](items []T, req *query.PageRequest) ([]T, *query.PageResponse, error) {
	var offset, limit uint64 = 0, 100
	if req != nil {
		offset = req.Offset
		if len(req.Key) > 0 {
			n, err := strconv.ParseUint(string(req.Key), 10, 64)
			if err != nil {
				return nil, nil, fmt.Errorf("pagination key %q is not a devnet page key", req.Key)
			}
			offset = n
		}
		if req.Limit > 0 {
			limit = req.Limit
		}
		if req.Reverse {
			for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
				items[i], items[j] = items[j], items[i]
			}
		}
	}
	res := &query.PageResponse{}
	if req != nil && req.CountTotal {
		res.Total = uint64(len(items))
	}
	if offset >= uint64(len(items)) {
		return nil, res, nil
	}
	end := min(offset+limit, uint64(len(items)))
	if end < uint64(len(items)) {
		res.NextKey = []byte(strconv.FormatUint(end, 10))
	}
	return items[offset:end], res, nil
}

// U64 formats n zero-padded so keys sort numerically.
func U64(n uint64) string { return fmt.Sprintf("%020d", n) }

// U32 formats n zero-padded so keys sort numerically.
func U32(n uint32) string { return fmt.Sprintf("%010d", n) }
