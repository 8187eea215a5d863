package sdl

import (
	"runtime"
	"testing"
	"unsafe"
)

// TestBlockClasses checks that each SDL block, with the 8-byte header the
// allocator adds to an object over 512 bytes that holds pointers, fits the
// size class it is sized for: a few bytes over would take the next class.
func TestBlockClasses(t *testing.T) {
	t.Parallel()
	const header = 8
	for _, c := range []struct {
		name  string
		size  uintptr
		class uintptr
	}{
		{"sdlBlockSmall", unsafe.Sizeof(sdlBlockSmall{}), 1280},
		{"sdlBlockPair", unsafe.Sizeof(sdlBlockPair{}), 2048},
		{"sdlBlock", unsafe.Sizeof(sdlBlock{}), 3072},
	} {
		if c.size+header > c.class {
			t.Errorf("%s is %d bytes: with its header over the %d-byte size class", c.name, c.size, c.class)
		}
		if c.size+header <= c.class-128 {
			t.Errorf("%s is %d bytes: %d bytes of its %d-byte size class unused, room for more parts", c.name, c.size, c.class-c.size-header, c.class)
		}
	}
}

// blockSink keeps the blocks TestBlockAllocation makes.
var blockSink *SDL

// TestBlockAllocation measures what a block takes from the allocator: its
// size class, header included. (Not parallel: it reads the process's
// allocation count.)
func TestBlockAllocation(t *testing.T) {
	for _, c := range []struct {
		services int
		class    uint64
	}{{1, 1280}, {2, 2048}, {3, 3072}} {
		var a arena
		var before, after runtime.MemStats
		const runs = 1000
		runtime.ReadMemStats(&before)
		for range runs {
			blockSink = a.init(c.services)
		}
		runtime.ReadMemStats(&after)
		// a few bytes over for what the runtime allocates meanwhile; the
		// next class up is 128 bytes more
		if got := (after.TotalAlloc - before.TotalAlloc) / runs; got < c.class || got >= c.class+64 {
			t.Errorf("the block for %d services takes %d bytes, want %d", c.services, got, c.class)
		}
	}
}
