package sdl

import (
	"math/bits"

	"gopkg.in/yaml.v3"
)

// The hot recursive functions below have no defer statements: when reading
// fails, the whole document goes to yaml.v3 and the parser's state (depth,
// stacks) is dropped, so only the successful paths restore it.

// blockMapping reads a block mapping whose keys sit at column indent+1,
// starting at byte offset start of line li (after "- " when it is a
// sequence item). colon is the offset of the first key's colon when the
// caller found it already, or -1.
func (f *fastParser) blockMapping(indent, li int, t string, start, colon int) *value {
	f.depth++
	if f.depth > maxDepth {
		return f.fail()
	}
	at := pos{li + 1, f.col(li, start)}
	// The first entries are gathered in an array on this function's stack,
	// where writing them pays no write barrier while the garbage collector
	// marks; a mapping with more keys continues on f.stE.
	var local [localEntries]fastEntry
	n := 0
	base := len(f.stE)
	// seen has a bit per key length and first byte: keys are compared only
	// when one's bit is set already
	var seen uint64
	digits := false // a key starting with a digit may need JS ordering
	off := start
	for {
		// "key:" at off; rest is the offset just past the colon. A plain
		// key is read here (a call costs as much as reading it).
		if off >= len(t) {
			return f.fail()
		}
		var key string
		var rest int
		if i := colon; !keyStart[t[off]] {
			if off == 0 && len(t) >= 3 && (t[:3] == "---" || t[:3] == "...") && (len(t) == 3 || t[3] == ' ') {
				return f.fail() // a document marker, not a key
			}
			if i < 0 {
				// the first ':' followed by a space or the line's end,
				// eight bytes at a time while the line has them, then byte
				// by byte (t[off] is no '#' or ':')
				for i = off; ; i++ {
					if i+8 <= len(t) {
						m := colonHashMask(le64(t, i))
						if m == 0 {
							i += 7
							continue
						}
						i += bits.TrailingZeros64(m) >> 3
					} else {
						for i < len(t) && t[i] != ':' && t[i] != '#' {
							i++
						}
						if i == len(t) {
							return f.fail()
						}
					}
					if t[i] == ':' {
						if i+1 == len(t) || t[i+1] == ' ' {
							break
						}
					} else if t[i-1] == ' ' {
						return f.fail() // a comment before any colon
					}
				}
			}
			e := i
			for t[e-1] == ' ' {
				e--
			}
			if i-off > maxKeyLen || e-off == 2 && t[off:e] == "<<" {
				return f.fail()
			}
			key, rest = f.keep(t[off:e]), i+1
		} else {
			var ok bool
			if key, rest, ok = f.quotedKey(t, off); !ok {
				return f.fail()
			}
		}
		c0 := byte(0)
		if key != "" {
			c0 = key[0]
		}
		h := uint64(1) << ((uint(len(key)) + uint(c0)*7) & 63)
		if seen&h != 0 {
			for k := range min(n, localEntries) {
				if local[k].key == key {
					return f.fail() // yaml.v3's loader reports it, with its path
				}
			}
			for k := range f.stE[base:] {
				if f.stE[base+k].key == key {
					return f.fail()
				}
			}
		}
		seen |= h
		digits = digits || c0-'0' < 10
		kp := pos{li + 1, f.col(li, off)}
		// the value: on this line, or a block node on the next ones
		j := rest
		for j < len(t) && t[j] == ' ' {
			j++
		}
		f.i = li + 1
		var val *value
		if j == len(t) || t[j] == '#' {
			val = f.nested(indent, true, pos{li + 1, f.col(li, rest)})
		} else {
			val = f.inlineValue(li, t, j, indent)
		}
		if f.failed {
			return nil
		}
		if n < localEntries {
			local[n].key, local[n].kp, local[n].val = key, kp, val
		} else {
			// field by field: moving a whole entry with pointers in it takes
			// the garbage collector's slow bulk barrier while it marks
			m := len(f.stE)
			if m == cap(f.stE) {
				f.stE = append(f.stE, fastEntry{})
			} else {
				f.stE = f.stE[:m+1]
			}
			e := &f.stE[m]
			e.key, e.kp, e.val = key, kp, val
		}
		n++
		// the next key, at the same indentation (values end on a line
		// that is not blank, or at the end)
		if f.i >= len(f.lines) {
			break
		}
		l := &f.lines[f.i]
		if int(l.indent) < indent {
			break
		}
		t = f.text(f.i)
		if int(l.indent) > indent || t[indent] == '-' && (len(t) == indent+1 || t[indent+1] == ' ') {
			return f.fail()
		}
		li, off, colon = f.i, indent, -1
	}
	md := f.newMapData(n)
	// sliced to one length, so that the loop checks no index
	m := min(n, localEntries)
	keys, keyP, vals := md.keys[:m], md.keyP[:m], md.vals[:m]
	for k := range keys {
		e := &local[k]
		keys[k], keyP[k], vals[k] = e.key, e.kp, e.val
	}
	if n > localEntries {
		es := f.stE[base:]
		for k := range es {
			md.keys[localEntries+k], md.keyP[localEntries+k], md.vals[localEntries+k] = es[k].key, es[k].kp, es[k].val
		}
		f.stE = f.stE[:base]
	}
	v := f.newMap(at, md)
	if digits {
		v.jsOrder()
	}
	f.depth--
	return v
}

// localEntries is how many entries of a mapping, or items of a sequence,
// are gathered on the stack before the shared stacks are used. SDL
// mappings have two entries on average: each entry held here is zeroed on
// every call, so a larger array costs more than the rarer spills it saves
// (measured: 3, 6 and 8 are slower).
const localEntries = 4

// maxKeyLen keeps keys well under YAML's 1024-character limit on implicit
// keys; longer ones are left to yaml.v3.
const maxKeyLen = 1000

// quotedKey reads a quoted "key:" at offset off of t, for blockMapping;
// rest is the offset just past the colon.
func (f *fastParser) quotedKey(t string, off int) (key string, rest int, ok bool) {
	if c := t[off]; c != '"' && c != '\'' {
		return "", 0, false // no plain key can start with c
	}
	s, end, view, good := quoted(t, off)
	if !good || end >= len(t) || t[end] != ':' || (end+1 < len(t) && t[end+1] != ' ') || end-off > maxKeyLen {
		return "", 0, false
	}
	if view {
		s = f.keep(s)
	}
	return s, end + 1, true
}

// colonHashMask has the high bit of each byte of x that is ':' or '#' set
// (exact per byte: no carries between bytes).
func colonHashMask(x uint64) uint64 {
	c, h := x^0x3a3a3a3a3a3a3a3a, x^0x2323232323232323
	return (^(((c & low7Bits) + low7Bits) | c) | ^(((h & low7Bits) + low7Bits) | h)) & highBits
}

// keyStart marks the characters a plain key cannot start with, and quotes.
var keyStart = [256]bool{'"': true, '\'': true, '?': true, '[': true, '{': true, '&': true, '*': true,
	'!': true, '|': true, '>': true, '%': true, '@': true, '`': true, '-': true, ',': true, ']': true,
	'}': true, '#': true, ':': true}

// isDash reports a "- " or "-" sequence entry at offset i of t.
func isDash(t string, i int) bool {
	return i < len(t) && t[i] == '-' && (i+1 == len(t) || t[i+1] == ' ')
}

// nested reads the block node on the lines after a "key:" or "-" with
// nothing after it: a more indented mapping or sequence, a sequence at the
// same indentation (for mapping values), or null.
func (f *fastParser) nested(indent int, inMapping bool, nullAt pos) *value {
	f.skipBlank()
	if f.i < len(f.lines) {
		ind := int(f.lines[f.i].indent)
		t := f.text(f.i)
		isSeq := isDash(t, ind)
		if ind > indent {
			if isSeq {
				return f.blockSequence(ind)
			}
			return f.blockMapping(ind, f.i, t, ind, -1)
		}
		if inMapping && ind == indent && isSeq {
			return f.blockSequence(indent)
		}
	}
	return f.newValue(kNull, nullAt)
}

// blockSequence reads "- item" lines at indent.
func (f *fastParser) blockSequence(indent int) *value {
	f.depth++
	if f.depth > maxDepth {
		return f.fail()
	}
	at := pos{f.i + 1, f.col(f.i, indent)}
	// as in blockMapping: the first items on the stack, then f.stV
	var local [localEntries]*value
	n := 0
	base := len(f.stV)
	for {
		// items end on a line that is not blank, or at the end
		if f.i >= len(f.lines) {
			break
		}
		ind := int(f.lines[f.i].indent)
		if ind < indent {
			break
		}
		t := f.text(f.i)
		if !isDash(t, ind) {
			if ind == indent {
				break // a key of the enclosing mapping
			}
			return f.fail()
		}
		if ind > indent {
			return f.fail()
		}
		item := f.sequenceItem(f.i, t, indent)
		if f.failed {
			return nil
		}
		if n < localEntries {
			local[n] = item
		} else {
			f.stV = append(f.stV, item)
		}
		n++
	}
	seq := f.newSeq(n)
	for k := range min(n, localEntries) {
		seq[k] = local[k]
	}
	if n > localEntries {
		copy(seq[localEntries:], f.stV[base:])
		f.stV = f.stV[:base]
	}
	f.depth--
	return f.newSeqValue(at, seq)
}

// sequenceItem reads one "- ..." entry of line li whose dash is at indent.
func (f *fastParser) sequenceItem(li int, t string, indent int) *value {
	j := indent + 1
	for j < len(t) && t[j] == ' ' {
		j++
	}
	f.i = li + 1
	if j == len(t) || t[j] == '#' {
		return f.nested(indent, false, pos{li + 1, f.col(li, indent+1)})
	}
	if isDash(t, j) {
		return f.fail() // "- - x": rare, left to yaml.v3
	}
	if colon, ok := f.startsMapping(li, t, j); ok {
		// the item is a mapping whose first key is on the dash's line
		return f.blockMapping(j, li, t, j, colon)
	}
	return f.inlineValue(li, t, j, indent)
}

// startsMapping reports whether the text at j is "key: ..." (a mapping),
// and where the colon of a plain key is (-1 for quoted keys).
func (f *fastParser) startsMapping(li int, t string, j int) (colon int, ok bool) {
	switch t[j] {
	case '"', '\'':
		_, end, _, ok := quoted(t, j)
		return -1, ok && end < len(t) && t[end] == ':' && (end+1 == len(t) || t[end+1] == ' ')
	case '[', '{', '|', '>', '&', '*', '!':
		return -1, false
	}
	// each ':' or '#' from j on, eight bytes at a time, reading on into the
	// next lines of f.s (as in inlineValue)
	s := f.s
	base := int(f.lines[li].start)
	for p, lend := base+j, base+len(t); p < lend; p++ {
		if p+8 <= len(s) {
			m := colonHashMask(le64(s, p))
			if m == 0 {
				p += 7
				continue
			}
			if p += bits.TrailingZeros64(m) >> 3; p >= lend {
				break
			}
		} else if s[p] != ':' && s[p] != '#' {
			continue
		}
		i := p - base
		if t[i] == '#' {
			if i > j && t[i-1] == ' ' {
				return -1, false
			}
		} else if i+1 == len(t) || t[i+1] == ' ' {
			return i, true
		}
	}
	return -1, false
}

// inlineValue reads a value starting at offset j of line li (scalar, flow
// collection or block scalar header); parentIndent is the indentation of the
// mapping or sequence holding it.
func (f *fastParser) inlineValue(li int, t string, j, parentIndent int) *value {
	at := pos{li + 1, f.col(li, j)}
	var v *value
	switch t[j] {
	case '[', '{':
		v = f.flowValue(li, j, parentIndent)
	case '|', '>':
		return f.blockScalar(li, j, parentIndent, at)
	case '"', '\'':
		style := yaml.DoubleQuotedStyle
		if t[j] == '\'' {
			style = yaml.SingleQuotedStyle
		}
		s, end, view, ok := quoted(t, j)
		if view {
			s = f.keep(s)
		}
		if !ok {
			// it may go on over the next lines
			var endLine int
			if s, endLine, end, ok = f.quotedLines(li, j); !ok {
				return f.fail()
			}
			li, t = endLine, f.text(endLine)
			f.i = li + 1
		}
		if !onlyComment(t, end) {
			return f.fail()
		}
		v = f.scalarAt(s, style, at)
	case '&', '*', '!', '%', '@', '`', '?', ',', ']', '}':
		return f.fail()
	default:
		if (t[j] == '-' || t[j] == ':') && (j+1 == len(t) || t[j+1] == ' ') {
			return f.fail()
		}
		// the value ends at a comment; a ':' then a space or the line's
		// end makes it an error. Each ':' or '#' is found eight bytes at a
		// time, reading on into the next lines of f.s rather than byte by
		// byte at the line's end (written out here and in startsMapping:
		// a call costs as much as the search).
		end := len(t)
		s := f.s
		base := int(f.lines[li].start)
		for p, lend := base+j, base+len(t); p < lend; p++ {
			if p+8 <= len(s) {
				m := colonHashMask(le64(s, p))
				if m == 0 {
					p += 7
					continue
				}
				if p += bits.TrailingZeros64(m) >> 3; p >= lend {
					break
				}
			} else if s[p] != ':' && s[p] != '#' {
				continue
			}
			i := p - base
			if t[i] == '#' {
				if t[i-1] == ' ' {
					end = i
					break
				}
			} else if i+1 == len(t) || t[i+1] == ' ' {
				return f.fail() // "a: b: c" is an error; let yaml.v3 report it
			}
		}
		for t[end-1] == ' ' {
			end--
		}
		v = f.plainScalar(t[j:end], at)
	}
	if f.failed {
		return nil
	}
	// A more indented line after the value would continue it (or be an
	// error): leave both to yaml.v3. The blank lines skipped here are
	// skipped by the caller anyway.
	f.skipBlank()
	if f.i < len(f.lines) && int(f.lines[f.i].indent) > parentIndent {
		return f.fail()
	}
	return v
}
