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
		{"sdlBlockOneStorage", unsafe.Sizeof(sdlBlockOneStorage{}), 1536},
		{"sdlBlockOneStorage2", unsafe.Sizeof(sdlBlockOneStorage2{}), 1792},
		{"sdlBlockOneExposes", unsafe.Sizeof(sdlBlockOneExposes{}), 1536},
		{"sdlBlockOneBoth", unsafe.Sizeof(sdlBlockOneBoth{}), 1792},
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
		if got := bytesPerCall(func() { blockSink = a.init(c.services) }); got < c.class || got >= c.class+64 {
			t.Errorf("the block for %d services takes %d bytes, want %d", c.services, got, c.class)
		}
	}
}

// bytesPerCall is what f allocates per call, over 1000 calls. The tests
// accept a few bytes over a size class for what the runtime allocates
// meanwhile; the next class up is 128 bytes more.
func bytesPerCall(f func()) uint64 {
	var before, after runtime.MemStats
	const runs = 1000
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / runs
}

// TestBlockOneAllocation is TestBlockAllocation for the one-service blocks
// of each shape. (Not parallel: it reads the process's allocation count.)
func TestBlockOneAllocation(t *testing.T) {
	for _, c := range []struct {
		shape int
		class uint64
	}{{0, 1280}, {oneParams, 1536}, {oneExposes, 1536}, {oneParams | oneExposes, 1792},
		{oneParams | oneStorage2, 1792}, {oneParams | oneStorage2 | oneExposes, 1792}} {
		var a arena
		if got := bytesPerCall(func() { blockSink = a.initOne(c.shape) }); got < c.class || got >= c.class+64 {
			t.Errorf("the one-service block of shape %d takes %d bytes, want %d", c.shape, got, c.class)
		}
	}
}

// TestOneServiceShape checks which one-service block a service's value
// picks.
func TestOneServiceShape(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, yaml string
		want       int
	}{
		{"plain", "image: nginx\nexpose:\n  - port: 80\n", 0},
		{"params", "image: nginx\nparams:\n  storage:\n    data:\n      mount: /data\n", oneParams},
		{"null params", "image: nginx\nparams:\n", 0},
		{"two exposes", "image: nginx\nexpose:\n  - port: 80\n  - port: 443\n", oneExposes},
		{"both", "expose:\n  - port: 80\n  - port: 443\nparams:\n  storage: {}\n", oneParams | oneExposes},
		{"two volumes", "params:\n  storage:\n    data: {mount: /data}\n    shm: {mount: /dev/shm}\n", oneParams | oneStorage2},
		{"not a mapping", "nginx\n", 0},
	} {
		v, release, err := loadValue([]byte(c.yaml), &diagList{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := oneServiceShape(v); got != c.want {
			t.Errorf("%s: shape %d, want %d", c.name, got, c.want)
		}
		release()
	}
	if oneServiceShape(nil) != 0 {
		t.Error("a missing service has a shape")
	}
}
