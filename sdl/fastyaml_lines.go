package sdl

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"
)

// splitLines copies the source to a string (the loaded tree's strings
// outlive data) and splits it into lines, checking that the text is
// something this reader handles: printable UTF-8 with LF or CRLF line ends.
// Tabs, lone CRs, control characters, invalid UTF-8 and the characters YAML
// reads as line breaks (NEL, LS, PS) make it return false.
func (f *fastParser) splitLines() bool {
	s := string(f.src)
	if want := bytes.Count(f.src, []byte{'\n'}) + 1; cap(f.lines) < want {
		f.lines = make([]fastLine, 0, want)
	}
	for start, num := 0, 1; ; num++ {
		n, end, ascii, ok := scanLine(f.src, start)
		if !ok {
			return false
		}
		f.addLine(s[start:n], num, ascii)
		if end == len(s) {
			return true
		}
		start = end + 1
	}
}

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// scanLine checks the line starting at offset i of b, finding its end in
// the same pass: end is the offset of its LF (len(b) for the last line) and
// n the end of its text, before a CR ending it, which is allowed only
// before an LF.
func scanLine(b []byte, i int) (n, end int, ascii, ok bool) {
	// eight bytes at a time while they are all printable ASCII (0x20-0x7e)
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		if (x|(x+lowBits)|((x-0x20*lowBits)&^x))&highBits != 0 {
			break
		}
	}
	ascii = true
	for i < len(b) {
		c := b[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			i++
		case c == '\n':
			return i, i, ascii, true
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(b[i:])
			if !printable(r) || r == utf8.RuneError && size == 1 || r == 0x85 || r == 0x2028 || r == 0x2029 {
				return 0, 0, false, false
			}
			ascii = false
			i += size
		case c == '\r' && i+1 < len(b) && b[i+1] == '\n':
			return i, i + 1, ascii, true // CRLF line ends read like LF
		default:
			return 0, 0, false, false
		}
	}
	return len(b), len(b), ascii, true
}

func (f *fastParser) addLine(text string, num int, ascii bool) {
	ind := 0
	for ind < len(text) && text[ind] == ' ' {
		ind++
	}
	blank := ind == len(text) || text[ind] == '#'
	f.lines = append(f.lines, fastLine{text: text, indent: ind, num: num, ascii: ascii, blank: blank})
}

// printable reports the non-ASCII characters YAML allows in a document.
func printable(r rune) bool {
	return r == 0x85 || r >= 0xA0 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF || r >= 0x10000 && r <= 0x10FFFF
}
