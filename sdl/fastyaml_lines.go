package sdl

import (
	"encoding/binary"
	"math"
	"math/bits"
	"unicode/utf8"
)

// fastLine is one line of the document as offsets into the parser's copy of
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
// ASCII and line feeds, needs no look at its single bytes.
func (f *fastParser) splitLines() bool {
	b := f.src
	if len(b) >= math.MaxInt32 {
		return false
	}
	lines := f.lines[:0]
	lines = append(lines, lineAt(b, 0))
	cur := 0 // index of the line being read
	i := 0
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
				for nl != 0 {
					p := i + bits.TrailingZeros64(nl)>>3
					lines[cur].end = int32(p)
					lines = append(lines, lineAt(b, p+1))
					cur++
					nl &= nl - 1
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
			lines[cur].end = int32(i)
			if c == '\r' {
				i++
			}
			i++
			lines = append(lines, lineAt(b, i))
			cur++
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(b[i:])
			if !printable(r) || r == utf8.RuneError && size == 1 || r == 0x85 || r == 0x2028 || r == 0x2029 {
				f.lines = lines
				return false
			}
			lines[cur].flags |= lineNonASCII
			i += size
		default:
			f.lines = lines
			return false
		}
	}
	lines[cur].end = int32(len(b))
	f.lines = lines
	return true
}

// lineAt starts the line at offset start: its indentation and whether it
// is blank (its end is set when its line break is found).
func lineAt(b []byte, start int) fastLine {
	j := start
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
	l := fastLine{start: int32(start), end: int32(j), indent: int32(j - start)}
	if j == len(b) || b[j] == '\n' || b[j] == '\r' || b[j] == '#' {
		l.flags = lineBlank
	}
	return l
}

// text is the text of line li, without its line break.
func (f *fastParser) text(li int) string {
	l := &f.lines[li]
	return f.s[l.start:l.end]
}

// col converts a byte offset in line li to a 1-based character column.
func (f *fastParser) col(li, off int) int {
	if f.lines[li].flags&lineNonASCII == 0 {
		return off + 1
	}
	return utf8.RuneCountInString(f.text(li)[:off]) + 1
}

// printable reports the non-ASCII characters YAML allows in a document.
func printable(r rune) bool {
	return r == 0x85 || r >= 0xA0 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF || r >= 0x10000 && r <= 0x10FFFF
}

// colonOrHash returns the offset of the first ':' or '#' in t from i on,
// or len(t); it looks at eight bytes at a time.
func colonOrHash(t string, i int) int {
	for ; i+8 <= len(t); i += 8 {
		x := le64(t, i)
		c := x ^ 0x3a3a3a3a3a3a3a3a
		h := x ^ 0x2323232323232323
		// a byte of c or h is zero where t has ':' or '#' (exact per byte)
		m := ^(((c & low7Bits) + low7Bits) | c) | ^(((h & low7Bits) + low7Bits) | h)
		if m &= highBits; m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for ; i < len(t); i++ {
		if t[i] == ':' || t[i] == '#' {
			return i
		}
	}
	return len(t)
}

// le64 reads eight bytes of s at i as a little-endian number.
func le64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
