package sdl

import (
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// fastLoad reads the YAML that SDLs are written in — block mappings and
// sequences, plain, quoted and block scalars, flow collections and comments —
// straight into the loaded tree, several times faster than building a
// yaml.v3 node tree first. Anything else (anchors, tags, multi-line plain
// or quoted scalars, directives, odd indentation, errors) makes it give up
// (ok=false) and the caller uses yaml.v3; FuzzParse checks that both paths
// agree on every input the fast one accepts. So do duplicate keys, which
// yaml.v3's loader reports: the fast reader has no diagnostics of its own,
// and keeps no path of where it is.
func fastLoad(data []byte) (v *value, ok bool, release func()) {
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		return nil, false, noRelease
	}
	b := fastPool.Get().(*fastBufs)
	// The parser lives on the stack: updating its slices then costs no
	// write barriers while the garbage collector runs.
	f := &fastParser{src: data, lines: b.lines[:0], stK: b.stK[:0], stP: b.stP[:0], stV: b.stV[:0]}
	if !f.splitLines() {
		b.lines = f.lines[:0]
		fastPool.Put(b)
		return nil, false, noRelease
	}
	// size the slabs for the document: about one value per line
	n := len(f.lines) + 8
	b.values, f.slab = slab(b.values, n)
	b.maps, f.slabM = slab(b.maps, n)
	b.keys, f.slabK = slab(b.keys, n)
	b.poss, f.slabP = slab(b.poss, n)
	b.ptrs, f.slabV = slab(b.ptrs, n)
	// The slabs are not cleared when released: every element handed out is
	// overwritten first, and what a pooled buffer still references (the
	// strings of one document) is small and goes with the pool at the next
	// GC. Clearing pointer slabs costs write barriers while the GC runs.
	rel := func() { fastPool.Put(b) }
	defer func() {
		// keep the grown work buffers
		b.lines, b.stK, b.stP, b.stV = f.lines[:0], f.stK[:0], f.stP[:0], f.stV[:0]
		if !ok {
			rel()
			release = noRelease
		}
	}()
	ok = false
	f.skipBlank()
	if f.i < len(f.lines) && (f.lines[f.i].text == "---" || strings.HasPrefix(f.lines[f.i].text, "--- ") && onlyComment(f.lines[f.i].text, 3)) {
		f.i++
		f.skipBlank()
	}
	if f.i >= len(f.lines) || f.lines[f.i].indent != 0 {
		return nil, false, noRelease
	}
	root := f.blockMapping(0, f.i, 0)
	if f.failed || root == nil {
		return nil, false, noRelease
	}
	f.skipBlank()
	if f.i < len(f.lines) {
		return nil, false, noRelease
	}
	ok = true
	return root, true, rel
}

type fastLine struct {
	text   string // without the newline
	indent int    // leading spaces
	num    int    // 1-based line number
	ascii  bool
	blank  bool // only spaces or a comment
}

// fastBufs are the buffers of one read, pooled: Parse releases them when it
// is done with the loaded tree (nothing in an SDL points into them), so
// parsing many files does not keep feeding the garbage collector.
type fastBufs struct {
	lines  []fastLine
	values []value
	maps   []mapData
	keys   []string
	poss   []pos
	ptrs   []*value
	stK    []string
	stP    []pos
	stV    []*value
}

// fastPool holds buffers between reads; it is safe for concurrent use.
var fastPool = sync.Pool{New: func() any { return new(fastBufs) }}

func noRelease() {}

// slab returns a buffer of n zeroed elements, reusing buf when it is big
// enough, and the buffer to keep.
func slab[T any](buf []T, n int) (keep, use []T) {
	if cap(buf) < n {
		buf = make([]T, n)
	}
	return buf[:cap(buf)], buf[:n]
}

type fastParser struct {
	src    []byte
	lines  []fastLine
	i      int // current line
	failed bool
	depth  int
	slab   []value
	// entries of the collections being read, and slabs their slices come from
	stK   []string
	stP   []pos
	stV   []*value
	slabK []string
	slabP []pos
	slabV []*value
	slabM []mapData
}

// blankLine reports a line holding only spaces or a comment.
func blankLine(l *fastLine) bool { return l.blank }

func (f *fastParser) skipBlank() {
	for f.i < len(f.lines) && blankLine(&f.lines[f.i]) {
		f.i++
	}
}

func (f *fastParser) fail() *value {
	f.failed = true
	return nil
}

// col converts a byte offset in a line to a 1-based character column.
func (l *fastLine) col(off int) int {
	if l.ascii {
		return off + 1
	}
	return utf8.RuneCountInString(l.text[:off]) + 1
}

// blockMapping reads a block mapping whose keys sit at column indent+1,
// starting at byte offset start of the current line (after "- " when it is
// a sequence item).
func (f *fastParser) blockMapping(indent, lineIdx, start int) *value {
	f.depth++
	defer func() { f.depth-- }()
	if f.depth > maxDepth {
		return f.fail()
	}
	l := &f.lines[lineIdx]
	v := f.newValue(value{kind: kMap, p: pos{l.num, l.col(start)}})
	base, baseV := len(f.stK), len(f.stV)
	defer func() { f.stK, f.stP, f.stV = f.stK[:base], f.stP[:base], f.stV[:baseV] }()
	first := true
	for !f.failed {
		var off int
		if first {
			off = start
			first = false
		} else {
			f.skipBlank()
			if f.i >= len(f.lines) {
				break
			}
			l = &f.lines[f.i]
			if l.indent < indent {
				break
			}
			if l.indent > indent || strings.HasPrefix(l.text[l.indent:], "- ") || l.text[l.indent:] == "-" {
				return f.fail()
			}
			off = indent
		}
		key, kp, rest, ok := f.mappingKey(l, off)
		if !ok {
			return f.fail()
		}
		if contains(f.stK[base:], key) {
			return f.fail() // yaml.v3's loader reports it, with its path
		}
		val := f.blockValue(l, rest, indent)
		if f.failed {
			return nil
		}
		f.stK = append(f.stK, key)
		f.stP = append(f.stP, kp)
		f.stV = append(f.stV, val)
	}
	if f.failed {
		return nil
	}
	n := len(f.stK) - base
	v.mapData = &carve(&f.slabM, 1)[0]
	v.keys = carve(&f.slabK, n)
	copy(v.keys, f.stK[base:])
	v.keyP = carve(&f.slabP, n)
	copy(v.keyP, f.stP[base:])
	v.vals = carve(&f.slabV, n)
	copy(v.vals, f.stV[baseV:])
	v.jsOrder()
	return v
}

// carve takes n elements from a slab, allocating slabs in blocks.
func carve[T any](slab *[]T, n int) []T {
	if len(*slab) < n {
		*slab = make([]T, max(64, n))
	}
	out := (*slab)[:n:n]
	*slab = (*slab)[n:]
	return out
}

// maxKeyLen keeps keys well under YAML's 1024-character limit on implicit
// keys; longer ones are left to yaml.v3.
const maxKeyLen = 1000

// mappingKey reads "key:" at off; rest is the offset just past the colon.
func (f *fastParser) mappingKey(l *fastLine, off int) (key string, kp pos, rest int, ok bool) {
	t := l.text
	kp = pos{l.num, l.col(off)}
	if off >= len(t) {
		return "", kp, 0, false
	}
	if off == 0 && len(t) >= 3 && (t[:3] == "---" || t[:3] == "...") && (len(t) == 3 || t[3] == ' ') {
		return "", kp, 0, false // a document marker, not a key
	}
	switch t[off] {
	case '"', '\'':
		s, end, good := quoted(t, off)
		if !good || end >= len(t) || t[end] != ':' || (end+1 < len(t) && t[end+1] != ' ') || end-off > maxKeyLen {
			return "", kp, 0, false
		}
		return s, kp, end + 1, true
	case '?', '[', '{', '&', '*', '!', '|', '>', '%', '@', '`', '-', ',', ']', '}', '#', ':':
		return "", kp, 0, false
	}
	for i := off; i < len(t); i++ {
		if t[i] == ':' && (i+1 == len(t) || t[i+1] == ' ') {
			if i-off > maxKeyLen {
				return "", kp, 0, false
			}
			key = strings.TrimRight(t[off:i], " ")
			if strings.Contains(key, " #") || key == "<<" {
				return "", kp, 0, false
			}
			return key, kp, i + 1, true
		}
	}
	return "", kp, 0, false
}

// blockValue reads the value after "key:" (rest = offset after the colon)
// of a mapping whose keys are at indent; it advances past the value.
func (f *fastParser) blockValue(l *fastLine, rest, indent int) *value {
	t := l.text
	j := rest
	for j < len(t) && t[j] == ' ' {
		j++
	}
	f.i = l.num // lines are numbered from 1: this is the next line's index
	if j == len(t) || t[j] == '#' {
		return f.nested(indent, true, pos{l.num, l.col(rest)})
	}
	return f.inlineValue(l, j, indent)
}

// nested reads the block node on the lines after a "key:" or "-" with
// nothing after it: a more indented mapping or sequence, a sequence at the
// same indentation (for mapping values), or null.
func (f *fastParser) nested(indent int, inMapping bool, nullAt pos) *value {
	save := f.i
	f.skipBlank()
	if f.i < len(f.lines) {
		l := &f.lines[f.i]
		body := l.text[l.indent:]
		isSeq := strings.HasPrefix(body, "- ") || body == "-"
		if l.indent > indent {
			if isSeq {
				return f.blockSequence(l.indent)
			}
			return f.blockMapping(l.indent, f.i, l.indent)
		}
		if inMapping && l.indent == indent && isSeq {
			return f.blockSequence(indent)
		}
	}
	f.i = save
	return f.newValue(value{kind: kNull, p: nullAt})
}

// blockSequence reads "- item" lines at indent.
func (f *fastParser) blockSequence(indent int) *value {
	f.depth++
	defer func() { f.depth-- }()
	if f.depth > maxDepth {
		return f.fail()
	}
	l := &f.lines[f.i]
	v := f.newValue(value{kind: kSeq, p: pos{l.num, l.col(indent)}})
	base := len(f.stV)
	defer func() { f.stV = f.stV[:base] }()
	for !f.failed {
		f.skipBlank()
		if f.i >= len(f.lines) {
			break
		}
		l = &f.lines[f.i]
		if l.indent < indent {
			break
		}
		body := l.text[l.indent:]
		if l.indent > indent || !(strings.HasPrefix(body, "- ") || body == "-") {
			if l.indent == indent {
				break // a key of the enclosing mapping
			}
			return f.fail()
		}
		item := f.sequenceItem(l, indent)
		if f.failed {
			return nil
		}
		f.stV = append(f.stV, item)
	}
	if f.failed {
		return nil
	}
	v.seq = carve(&f.slabV, len(f.stV)-base)
	copy(v.seq, f.stV[base:])
	return v
}

// sequenceItem reads one "- ..." entry whose dash is at indent.
func (f *fastParser) sequenceItem(l *fastLine, indent int) *value {
	t := l.text
	j := indent + 1
	for j < len(t) && t[j] == ' ' {
		j++
	}
	f.i = l.num
	if j == len(t) || t[j] == '#' {
		return f.nested(indent, false, pos{l.num, l.col(indent + 1)})
	}
	if t[j] == '-' && (j+1 == len(t) || t[j+1] == ' ') {
		return f.fail() // "- - x": rare, left to yaml.v3
	}
	if f.startsMapping(t, j) {
		// the item is a mapping whose first key is on the dash's line
		f.i = l.num - 1
		return f.blockMappingAt(j)
	}
	return f.inlineValue(l, j, indent)
}

// blockMappingAt reads a mapping whose first key is at offset j of the
// current line and whose other keys are at the same column.
func (f *fastParser) blockMappingAt(j int) *value {
	idx := f.i
	f.i++
	return f.blockMapping(j, idx, j)
}

// startsMapping reports whether the text at j is "key: ..." (a mapping).
func (f *fastParser) startsMapping(t string, j int) bool {
	switch t[j] {
	case '"', '\'':
		_, end, ok := quoted(t, j)
		return ok && end < len(t) && t[end] == ':' && (end+1 == len(t) || t[end+1] == ' ')
	case '[', '{', '|', '>', '&', '*', '!':
		return false
	}
	for i := j; i < len(t); i++ {
		if t[i] == '#' && i > j && t[i-1] == ' ' {
			return false
		}
		if t[i] == ':' && (i+1 == len(t) || t[i+1] == ' ') {
			return true
		}
	}
	return false
}

// inlineValue reads a value starting at offset j of line l (scalar, flow
// collection or block scalar header); parentIndent is the indentation of the
// mapping or sequence holding it.
func (f *fastParser) inlineValue(l *fastLine, j, parentIndent int) *value {
	t := l.text
	at := pos{l.num, l.col(j)}
	var v *value
	switch t[j] {
	case '[', '{':
		v = f.flowValue(l, j, parentIndent)
	case '|', '>':
		return f.blockScalar(l, j, parentIndent, at)
	case '"', '\'':
		s, end, ok := quoted(t, j)
		if !ok || !onlyComment(t, end) {
			return f.fail()
		}
		style := yaml.DoubleQuotedStyle
		if t[j] == '\'' {
			style = yaml.SingleQuotedStyle
		}
		v = f.scalarAt(s, style, at)
	case '&', '*', '!', '%', '@', '`', '?', ',', ']', '}':
		return f.fail()
	default:
		if (t[j] == '-' || t[j] == ':') && (j+1 == len(t) || t[j+1] == ' ') {
			return f.fail()
		}
		end := len(t)
		for i := j; i < len(t); i++ {
			if t[i] == '#' && t[i-1] == ' ' {
				end = i
				break
			}
			if t[i] == ':' && (i+1 == len(t) || t[i+1] == ' ') {
				return f.fail() // "a: b: c" is an error; let yaml.v3 report it
			}
		}
		v = f.scalarAt(strings.TrimRight(t[j:end], " "), 0, at)
	}
	if f.failed {
		return nil
	}
	// A more indented line after the value would continue it (or be an
	// error): leave both to yaml.v3.
	save := f.i
	f.skipBlank()
	if f.i < len(f.lines) && f.lines[f.i].indent > parentIndent {
		return f.fail()
	}
	f.i = save
	return v
}

// newValue allocates values in blocks: a document has a few hundred.
func (f *fastParser) newValue(v value) *value {
	if len(f.slab) == 0 {
		f.slab = make([]value, 32)
	}
	p := &f.slab[0]
	f.slab = f.slab[1:]
	*p = v
	return p
}
