package sdl

import (
	"encoding/binary"
	"strings"
	"sync"
	"unsafe"
)

// fastLoad reads the YAML that SDLs are written in — block mappings and
// sequences, plain, quoted and block scalars, flow collections and comments —
// straight into the loaded tree, several times faster than building a
// yaml.v3 node tree first. Anything else (anchors, tags, multi-line plain
// scalars, directives, odd indentation, errors) makes it give up
// (ok=false) and the caller uses yaml.v3; FuzzParse checks that both paths
// agree on every input the fast one accepts. So do duplicate keys, which
// yaml.v3's loader reports: the fast reader has no diagnostics of its own,
// and keeps no path of where it is.
func fastLoad(data []byte) (v *value, ok bool, release func()) {
	v, b := fastRead(data)
	if v == nil {
		return nil, false, noRelease
	}
	return v, true, b.release
}

// fastRead is fastLoad, returning the buffers the tree was read with
// (nil when it is not).
func fastRead(data []byte) (*value, *fastBufs) {
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		return nil, nil
	}
	b := fastPool.Get().(*fastBufs)
	// The parser lives on the stack: updating its slices then costs no
	// write barriers while the garbage collector runs.
	f := &fastParser{src: data, lines: b.lines, stE: b.stE[:0], stV: b.stV[:0]}
	// The text is read in place, through a string view: the strings the
	// tree keeps are copied out of it by keep, so it needs no copy of its
	// own (copying it was ~1% of reading).
	f.s = viewString(data)
	if !f.splitLines() {
		b.lines = f.lines[:0]
		fastPool.Put(b)
		return nil, nil
	}
	// Slabs come from the pooled buffers whole: about one value per line,
	// more when flow collections hold several on one line.
	n := len(f.lines) + 8
	f.bufs = b
	b.scalars = slab(b.scalars, n)
	b.mappings = slab(b.mappings, n/2)
	b.sequences = slab(b.sequences, n/4)
	b.maps = slab(b.maps, n/2)
	if cap(b.keys) < n {
		b.keys, b.poss, b.ptrs = make([]string, n), make([]pos, n), make([]*value, n)
	}
	f.scalars.vals, f.mappings.vals, f.sequences.vals = b.scalars, b.mappings, b.sequences
	f.slabM = b.maps
	f.slabK, f.slabP, f.slabV = b.keys[:cap(b.keys)], b.poss[:cap(b.keys)], b.ptrs[:cap(b.keys)]
	// The slabs are not cleared when released: every element handed out is
	// overwritten first, and what a pooled buffer still references (the
	// strings of one document) is small and goes with the pool at the next
	// GC. Clearing pointer slabs costs write barriers while the GC runs.
	root := f.document()
	// keep the grown work buffers
	b.lines, b.stE, b.stV = f.lines[:0], f.stE[:0], f.stV[:0]
	if root == nil {
		fastPool.Put(b)
		return nil, nil
	}
	return root, b
}

// document reads the lines as one document holding a block mapping, or
// returns nil.
func (f *fastParser) document() *value {
	f.skipBlank()
	if f.i < len(f.lines) {
		if t := f.text(f.i); t == "---" || strings.HasPrefix(t, "--- ") && onlyComment(t, 3) {
			f.i++
			f.skipBlank()
		}
	}
	if f.i >= len(f.lines) || f.lines[f.i].indent != 0 {
		return nil
	}
	root := f.blockMapping(0, f.i, f.text(f.i), 0, -1)
	if f.failed || root == nil {
		return nil
	}
	f.skipBlank()
	if f.i < len(f.lines) {
		return nil
	}
	return root
}

// fastBufs are the buffers of one read, pooled: Parse releases them when it
// is done with the loaded tree (nothing in an SDL points into them), so
// parsing many files does not keep feeding the garbage collector.
type fastBufs struct {
	lines []fastLine
	// the value slabs (see valueSlab)
	scalars, mappings, sequences []value
	maps                         []mapData
	keys                         []string
	poss                         []pos
	ptrs                         []*value
	stE                          []fastEntry
	stV                          []*value
	release                      func() // puts these buffers back in the pool
}

// fastPool holds buffers between reads; it is safe for concurrent use.
var fastPool sync.Pool

func init() {
	fastPool.New = func() any {
		b := new(fastBufs)
		// made once per buffer set, so returning it allocates nothing
		b.release = func() { fastPool.Put(b) }
		return b
	}
}

func noRelease() {}

// viewString is a string view of b, without a copy. The parser reads the
// caller's text through it, only while a read lasts; no string the loaded
// tree keeps points into it (keep copies them out, and checkFastAgrees
// verifies it on every input the tests and the fuzzer try), so the caller
// may change its buffer once Parse returns.
func viewString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// keep returns s, a part of the text being read, as a string of the
// document's own: copied to its arena, a byte block the parser allocates
// per document, only appends to, and never changes once written. The
// keys and scalars of a document share a few such blocks instead of each
// having an allocation, and they hold only what the tree keeps (no
// indentation or comments).
func (f *fastParser) keep(s string) string {
	// the keys and words nearly every SDL has are shared, not copied: the
	// lookup in fastyaml_words.go, with wordKey written out (a call costs
	// as much as the lookup)
	n := len(s)
	if uint(n-1) < 16 {
		var a, b uint64
		switch {
		case n >= 8:
			a, b = le64(s, 0), le64(s, n-8)
		case n >= 4:
			a = uint64(le32(s, 0)) | uint64(le32(s, n-4))<<32
		default:
			a = uint64(s[0]) | uint64(s[n>>1])<<8 | uint64(s[n-1])<<16
		}
		w := &wordTable[wordIndex[wordHash(a, b, n)]]
		if w.a == a && w.b == b && len(w.s) == n {
			return w.s
		}
		// not shared: written from the words just read, with no call to
		// memmove, when the arena has room for whole words (the stores
		// overlap as the loads did, and none goes past the n bytes)
		if off := f.an; len(f.arena)-off >= 16 {
			d := f.arena[off : off+16]
			switch {
			case n >= 8:
				binary.LittleEndian.PutUint64(d, a)
				binary.LittleEndian.PutUint64(d[n-8:], b)
			case n >= 4:
				binary.LittleEndian.PutUint32(d, uint32(a))
				binary.LittleEndian.PutUint32(d[n-4:], uint32(a>>32))
			default:
				d[0], d[n>>1], d[n-1] = byte(a), byte(a>>8), byte(a>>16)
			}
			f.an = off + n
			return unsafe.String(&d[0], n)
		}
	} else if n == 0 {
		return ""
	}
	// f.arena is used up to f.an: the slice itself changes only when a new
	// block is made, so copying a string writes no pointer (no write
	// barrier while the garbage collector marks)
	off := f.an
	if len(f.arena)-off < len(s) {
		f.arena = make([]byte, max(len(s), f.rest(s)/4+32))
		off = 0
	}
	f.an = off + copy(f.arena[off:], s)
	return unsafe.String(&f.arena[off], len(s))
}

// rest is how much of the text is left from s, a part of it, on: a new
// arena block is sized for what is still to read (a quarter of the text
// holds more than documents keep), so that a block started near a
// document's end is small.
func (f *fastParser) rest(s string) int {
	at := uintptr(unsafe.Pointer(unsafe.StringData(s))) - uintptr(unsafe.Pointer(unsafe.StringData(f.s)))
	if at >= uintptr(len(f.s)) {
		return len(f.s) // not a part of the text after all
	}
	return len(f.s) - int(at)
}

// slab returns buf at its full capacity, or a new buffer when that is
// under n elements.
func slab[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	return buf[:cap(buf)]
}

type fastParser struct {
	src    []byte // the caller's text: read while splitting lines only
	s      string // a view of src, read while parsing only: see keep
	arena  []byte // this document's own text, for the strings the tree keeps
	an     int    // how much of arena is used
	lines  []fastLine
	i      int // current line
	failed bool
	ascii  bool // the whole text is ASCII: columns are byte offsets + 1
	depth  int
	bufs   *fastBufs
	// entries of the collections being read
	stE []fastEntry
	stV []*value
	// slabs the tree's values and slices come from, and how much of each
	// is used: slabK, slabP and slabV have one length and share nkv
	scalars, mappings, sequences valueSlab
	slabM                        []mapData
	nm                           int
	slabK                        []string
	slabP                        []pos
	slabV                        []*value
	nkv                          int
}

// fastEntry is one entry of a mapping being read.
type fastEntry struct {
	key string
	kp  pos
	val *value
}

func (f *fastParser) skipBlank() {
	for f.i < len(f.lines) && f.lines[f.i].flags&lineBlank != 0 {
		f.i++
	}
}

func (f *fastParser) fail() *value {
	f.failed = true
	return nil
}

// Values come from three slabs, one for scalars, one for mappings and one
// for sequences, so that a slot only ever holds one sort of value: the
// pointer fields its sort does not use stay nil for good and are never
// written. Each value then costs one pointer write (a string, a mapping or
// a sequence), where every pointer written pays a write barrier while the
// garbage collector marks, a nil one too. Only the reader writes these
// fields (fillScalar, for a scalar slot, leaves them nil as well).

// valueSlab is one of the value slabs and how much of it is used.
type valueSlab struct {
	vals []value
	n    int
}

// take hands out the next value of s, whose kind, flag, number and
// position the caller sets; when s is used up, a larger block replaces it
// in the pool (this document keeps using the old one until released).
func (s *valueSlab) take(pooled *[]value) *value {
	if s.n == len(s.vals) {
		*pooled = make([]value, 2*len(s.vals)+32)
		s.vals, s.n = *pooled, 0
	}
	p := &s.vals[s.n]
	s.n++
	return p
}

// newScalar hands out a scalar of kind k with text s.
func (f *fastParser) newScalar(k kind, at pos, s string) *value {
	p := f.scalars.take(&f.bufs.scalars)
	p.kind, p.b, p.num, p.p = k, false, 0, at
	p.str = s
	return p
}

// newValue hands out a value of kind k with no text, mapping or items
// (yet).
func (f *fastParser) newValue(k kind, at pos) *value {
	switch k {
	case kMap:
		return f.newMap(at, nil)
	case kSeq:
		return f.newSeqValue(at, nil)
	}
	return f.newScalar(k, at, "")
}

// newMap hands out a mapping value holding md.
func (f *fastParser) newMap(at pos, md *mapData) *value {
	p := f.mappings.take(&f.bufs.mappings)
	p.kind, p.b, p.num, p.p = kMap, false, 0, at
	p.mapData = md
	return p
}

// newSeqValue hands out a sequence value holding items.
func (f *fastParser) newSeqValue(at pos, items []*value) *value {
	p := f.sequences.take(&f.bufs.sequences)
	p.kind, p.b, p.num, p.p = kSeq, false, 0, at
	p.seq = items
	return p
}

// newMapData hands out a mapping's keys, their positions and values for n
// entries, from the slabs. Growing them is a call of its own, so that the
// common path keeps its values in registers (with the growth written in, it
// spilled them on every call).
func (f *fastParser) newMapData(n int) *mapData {
	if f.nm == len(f.slabM) || f.nkv+n > len(f.slabK) {
		f.growMaps(n)
	}
	md := &f.slabM[f.nm]
	f.nm++
	i := f.nkv
	f.nkv = i + n
	md.keys, md.keyP, md.vals = f.slabK[i:i+n:i+n], f.slabP[i:i+n:i+n], f.slabV[i:i+n:i+n]
	return md
}

// growMaps makes room in the slabs for one more mapping of n entries.
func (f *fastParser) growMaps(n int) {
	if f.nm == len(f.slabM) {
		f.bufs.maps = make([]mapData, 2*len(f.slabM)+16)
		f.slabM, f.nm = f.bufs.maps, 0
	}
	if f.nkv+n > len(f.slabK) {
		f.growKV(n)
	}
}

// newSeq hands out a sequence's n items from the slabs.
func (f *fastParser) newSeq(n int) []*value {
	i := f.carveKV(n)
	return f.slabV[i : i+n : i+n]
}

// carveKV takes n places in slabK, slabP and slabV, and returns the first.
func (f *fastParser) carveKV(n int) int {
	if f.nkv+n > len(f.slabK) {
		f.growKV(n)
	}
	i := f.nkv
	f.nkv += n
	return i
}

// growKV replaces slabK, slabP and slabV with larger ones holding at least
// n places, for this document and the next ones (as in valueSlab.take).
// It is kept out of its callers, so that their common path stays small.
//
//go:noinline
func (f *fastParser) growKV(n int) {
	m := 2*len(f.slabK) + n
	f.bufs.keys, f.bufs.poss, f.bufs.ptrs = make([]string, m), make([]pos, m), make([]*value, m)
	f.slabK, f.slabP, f.slabV, f.nkv = f.bufs.keys, f.bufs.poss, f.bufs.ptrs, 0
}
