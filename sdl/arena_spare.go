package sdl

import "sync/atomic"

// Blocks of rejected SDLs are reused. When Parse rejects an SDL, nothing
// points into its block any more (diagnostics are built from copies:
// formatted, concatenated or constant text, never a view of the block's
// text), so instead of leaving it to the garbage collector, Parse keeps one
// block of each kind for the next parse: about one corpus file in eight is
// rejected after its block is made, and the collector's work follows the
// bytes allocated. A spare is taken with an atomic swap, so concurrent
// parses never share one, and zeroed before use, as a new block would be.
var (
	spareSmall atomic.Pointer[sdlBlockSmall]
	sparePair  atomic.Pointer[sdlBlockPair]
	spareBig   atomic.Pointer[sdlBlock]
)

// spareBlock returns the spare block of its kind, zeroed, or a new one.
func spareBlock[T any](spare *atomic.Pointer[T]) *T {
	if b := spare.Swap(nil); b != nil {
		var zero T
		*b = zero
		return b
	}
	return new(T)
}

// recycle keeps the arena's block as the spare of its kind. Only for an
// SDL that Parse rejects: the block must be garbage but for this.
func (a *arena) recycle() {
	switch {
	case a.small != nil:
		spareSmall.Store(a.small)
	case a.pair != nil:
		sparePair.Store(a.pair)
	case a.big != nil:
		spareBig.Store(a.big)
	}
	*a = arena{}
}
