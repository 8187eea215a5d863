package sdl

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/bits"
	"unicode/utf8"
	"unsafe"
)

// fastLine is one line of the document as offsets into the parser's view of
// the source: the table holds no pointers, so filling it costs no write
// barriers and the garbage collector never scans it.
type fastLine struct {
	start, end int32 // the line's text, without its line break
	indent     int32 // leading spaces
	flags      uint8 // lineBlank, lineNonASCII
}

const (
	lineBlank    = 1 << iota // only spaces or a comment
	lineNonASCII             // columns must count characters, not bytes
)

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
	low7Bits = 0x7f7f7f7f7f7f7f7f
	spaces8  = 0x2020202020202020
	breaks8  = 0x0a0a0a0a0a0a0a0a
)

// splitLines splits the source into lines, checking in the same pass that
// the text is something this reader handles: printable UTF-8 with LF or
// CRLF line ends. Tabs, lone CRs, control characters, invalid UTF-8 and the
// characters YAML reads as line breaks (NEL, LS, PS) make it return false.
// It reads eight bytes at a time: a word of printable ASCII, or of printable
// ASCII and line feeds, needs no look at its single bytes. A second pass
// finds each line's indentation.
func (f *fastParser) splitLines() bool {
	b := f.src
	if len(b) >= math.MaxInt32 {
		return false
	}
	// the pooled line table is nearly always long enough: the lines are
	// counted only when it is not, or when the text is not plain
	res := f.splitPlainTable()
	if res == plainShort {
		if n := bytes.Count(b, []byte{'\n'}) + 1; cap(f.lines) < n {
			f.lines = make([]fastLine, n, n+n/4)
		}
		res = f.splitPlainTable()
	}
	if res == plainSplit {
		return true
	}
	// the lines before the first one that is not plain are split already:
	// go on from there
	k := len(f.lines) // the line being read
	done := k
	start := 0 // where it starts
	if k > 0 {
		start = int(f.lines[k-1].end) + 1
	}
	n := bytes.Count(b, []byte{'\n'}) + 1
	if cap(f.lines) < n {
		lines := make([]fastLine, n, n+n/4)
		copy(lines, f.lines)
		f.lines = lines
	}
	lines := f.lines[:n]
	f.lines = lines
	flags := uint8(0)
	i := start
	for i < len(b) {
		if i+8 <= len(b) {
			x := binary.LittleEndian.Uint64(b[i:])
			// high bit set, below 0x20, or 0x7f: exact per byte (no carries)
			m := x & low7Bits
			bad := (x | ^(m + 0x6060606060606060) | (m + lowBits)) & highBits
			if bad == 0 {
				i += 8
				continue
			}
			y := x ^ breaks8
			nl := ^(((y & low7Bits) + low7Bits) | y) & highBits
			if bad == nl {
				for ; nl != 0; nl &= nl - 1 {
					p := i + bits.TrailingZeros64(nl)>>3
					lines[k] = fastLine{start: int32(start), end: int32(p), flags: flags}
					k++
					start, flags = p+1, 0
				}
				i += 8
				continue
			}
			// skip to the first byte that needs a closer look
			i += bits.TrailingZeros64(bad) >> 3
		}
		c := b[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			i++
		case c == '\n' || c == '\r' && i+1 < len(b) && b[i+1] == '\n':
			// CRLF line ends read like LF
			lines[k] = fastLine{start: int32(start), end: int32(i), flags: flags}
			k++
			if c == '\r' {
				i++
			}
			i++
			start, flags = i, 0
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(b[i:])
			if !printable(r) || r == utf8.RuneError && size == 1 || r == 0x85 || r == 0x2028 || r == 0x2029 {
				return false
			}
			flags = lineNonASCII
			i += size
		default:
			return false
		}
	}
	lines[k] = fastLine{start: int32(start), end: int32(len(b)), flags: flags}
	for k := done; k < len(lines); k++ {
		l := &lines[k]
		j := int(l.start)
		// the spaces stop at the line's end: a line break is no space
		for j+8 <= len(b) {
			if y := binary.LittleEndian.Uint64(b[j:]) ^ spaces8; y != 0 {
				j += bits.TrailingZeros64(y) >> 3
				goto counted
			}
			j += 8
		}
		for j < len(b) && b[j] == ' ' {
			j++
		}
	counted:
		l.indent = int32(j) - l.start
		if int32(j) == l.end || b[j] == '#' {
			l.flags |= lineBlank
		}
	}
	return true
}

// splitPlain is splitPlainTable with room for n lines.
func (f *fastParser) splitPlain(n int) bool {
	if cap(f.lines) < n {
		f.lines = make([]fastLine, n, n+n/4)
	}
	return f.splitPlainTable() == plainSplit
}

// What splitPlainTable found.
const (
	plainNot   = iota // text that is not plain: f.lines holds the lines before it
	plainSplit        // split into f.lines
	plainShort        // f.lines has too little room
)

// splitPlainTable splits text made of printable ASCII and line feeds only,
// as nearly every SDL is, into f.lines (up to its capacity), and reports
// plainNot for anything else (splitLines then looks at it byte by byte):
// no byte may be 0x7f or above, and the bytes below 0x20 must be line
// feeds. It flags such bytes 64 at a time (one bit each, in a single
// number: a block without line feeds costs no branch per word), and looks
// only at the flagged ones.
func (f *fastParser) splitPlainTable() int {
	b := f.s
	// the loop below calls nothing (no append), so that its variables
	// stay in registers; the room check replaces the bounds check of
	// each write
	lines := f.lines[:cap(f.lines)]
	k := 0
	start, ind := 0, spacesAt(b, 0)
	i := 0
	for i+8 <= len(b) {
		// a bit per byte, in text order, that is a line feed or not
		// printable ASCII (see plainFlags): for 64 bytes at a time while
		// the text has them, then for eight
		var m uint64
		step := 8
		if i+64 <= len(b) {
			w := b[i : i+64]
			m = plainFlags(le64(w, 0)) | plainFlags(le64(w, 8))<<8 |
				plainFlags(le64(w, 16))<<16 | plainFlags(le64(w, 24))<<24 |
				plainFlags(le64(w, 32))<<32 | plainFlags(le64(w, 40))<<40 |
				plainFlags(le64(w, 48))<<48 | plainFlags(le64(w, 56))<<56
			step = 64
		} else {
			m = plainFlags(le64(b, i))
		}
		// flagged bytes are looked at from the lowest up, so the first
		// that is no line feed ends the search before a carry out of it
		// can mislead it
		for ; m != 0; m &= m - 1 {
			p := i + bits.TrailingZeros64(m)
			if b[p] != '\n' {
				f.lines = lines[:k]
				return plainNot
			}
			if k >= len(lines) {
				return plainShort
			}
			lines[k] = plainLine(b, start, p, ind)
			k++
			start = p + 1
			// the next line's indentation: its spaces stop at its end, as
			// a line feed is no space
			j := start
			for j+8 <= len(b) {
				if y := le64(b, j) ^ spaces8; y != 0 {
					j += bits.TrailingZeros64(y) >> 3
					break
				}
				j += 8
			}
			for j+8 > len(b) && j < len(b) && b[j] == ' ' {
				j++
			}
			ind = j - start
		}
		i += step
	}
	for ; i < len(b); i++ {
		switch c := b[i]; {
		case c >= 0x7f:
			f.lines = lines[:k]
			return plainNot
		case c == '\n':
			if k >= len(lines) {
				return plainShort
			}
			lines[k] = plainLine(b, start, i, ind)
			k++
			start = i + 1
			ind = spacesAt(b, start)
		case c < 0x20:
			f.lines = lines[:k]
			return plainNot
		}
	}
	if k >= len(lines) {
		return plainShort
	}
	lines[k] = plainLine(b, start, len(b), ind)
	f.lines = lines[:k+1]
	f.ascii = true
	return plainSplit
}

// plainFlags has a bit for each byte of x, the lowest for its first byte,
// set when the byte is below 0x20 (a line feed or a control character:
// adding 0x60 leaves its high bit clear) or 0x7f and above (adding one sets
// it, or for 0xff adding 0x60 leaves it clear). The tests are exact up to
// the first flagged byte: only bytes above 0x7f carry into the next one.
func plainFlags(x uint64) uint64 {
	c := ((x + lowBits) | ^(x + 0x6060606060606060)) & highBits
	// gather the eight high bits into one byte: bit 8j+7 moves to bit
	// 56+j, and no two products meet
	return (c >> 7) * 0x0102040810204080 >> 56
}

// spacesAt counts the spaces at offset j of s.
func spacesAt(s string, j int) int {
	i := j
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i - j
}

// plainLine is the line from start to end with ind spaces of indentation.
func plainLine(b string, start, end, ind int) fastLine {
	l := fastLine{start: int32(start), end: int32(end), indent: int32(ind)}
	if start+ind == end || b[start+ind] == '#' {
		l.flags = lineBlank
	}
	return l
}

// text is the text of line li, without its line break. The line table is
// built from f.s and always fits it, so the text is made without the two
// bounds checks of slicing f.s: text is called for nearly every line two or
// three times. An empty line is "", so that no string points just past f.s.
func (f *fastParser) text(li int) string {
	l := &f.lines[li]
	n := int(l.end - l.start)
	if n == 0 {
		return ""
	}
	return unsafe.String((*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(f.s)), l.start)), n)
}

// col converts a byte offset in line li to a 1-based character column.
func (f *fastParser) col(li, off int) int {
	if f.ascii || f.lines[li].flags&lineNonASCII == 0 {
		return off + 1
	}
	return utf8.RuneCountInString(f.text(li)[:off]) + 1
}

// printable reports the non-ASCII characters YAML allows in a document.
func printable(r rune) bool {
	return r == 0x85 || r >= 0xA0 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF || r >= 0x10000 && r <= 0x10FFFF
}

// le64 reads eight bytes of s at i as a little-endian number.
func le64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
