package sdl

import (
	"encoding/base64"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// jsonBuf writes JSON the way the TS SDK's manifestToSortedJSON does: keys in
// the order the caller writes them (callers write them sorted), no spaces,
// JSON.stringify string escapes, then < > & as \u003c \u003e \u0026.
type jsonBuf struct {
	b     []byte
	comma bool // a value was written at this level: the next one needs a comma
}

func (j *jsonBuf) open(c byte) {
	j.b = append(j.b, c)
	j.comma = false
}

func (j *jsonBuf) close(c byte) {
	j.b = append(j.b, c)
	j.comma = true
}

// key writes an object key. Keys are the schema's literal names, which
// need no escaping.
func (j *jsonBuf) key(k string) {
	if j.comma {
		j.b = append(j.b, ',')
	}
	j.b = append(j.b, '"')
	j.b = append(j.b, k...)
	j.b = append(j.b, '"', ':')
	j.comma = false
}

// val starts a value: a comma when it follows another value in a list.
func (j *jsonBuf) val() {
	if j.comma {
		j.b = append(j.b, ',')
	}
	j.comma = true
}

const hexDigits = "0123456789abcdef"

// jsonPlain marks the bytes a JSON string holds as they are: printable ASCII
// other than " \ < > &.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

func (j *jsonBuf) str(s string) { j.b = appendStr(j.b, s) }

// appendStr appends s as a JSON string: quoted, escaped as JSON.stringify
// escapes it, and < > & as \u003c \u003e \u0026.
func appendStr(b []byte, s string) []byte {
	return append(appendText(append(b, '"'), s), '"')
}

// appendText appends s escaped as in a JSON string, without the quotes
// (the manifest writer has them in the runs of keys around it).
//
// It makes plainPrefix's scan itself rather than calling it: a call spills
// both slices around it, which cost as much as the scan of a short string;
// TestPlainPrefix holds the two to the same answer.
func appendText(b []byte, s string) []byte {
	n := len(s)
	if n < 8 {
		if n >= 4 {
			if specialBytes(word4(s)|word4(s[n-4:])<<32) != 0 { // see shortPrefix
				return appendEscaped(b, s, shortPrefix(s))
			}
		} else if i := shortPrefix(s); i < n {
			return appendEscaped(b, s, i)
		}
		return append(b, s...)
	}
	for t := s; len(t) > 8; t = t[8:] {
		if m := specialBytes(word(t)); m != 0 {
			return appendEscaped(b, s, n-len(t)+bits.TrailingZeros64(m)>>3)
		}
	}
	if m := specialBytes(word(s[n-8:])); m != 0 {
		return appendEscaped(b, s, n-8+bits.TrailingZeros64(m)>>3)
	}
	return append(b, s...)
}

// plainPrefix is the length of the longest prefix of s whose bytes are all
// plain (jsonPlain): the index of the first byte to escape, or len(s). It
// reads eight bytes at a time (see specialBytes), the last word
// overlapping the one before it; strings of four to seven bytes are read
// as one word made of their first and last four bytes (most names, CPU
// amounts and short values), shorter ones byte by byte.
func plainPrefix(s string) int {
	n := len(s)
	if n < 8 {
		return shortPrefix(s)
	}
	for t := s; len(t) > 8; t = t[8:] {
		if m := specialBytes(word(t)); m != 0 {
			return n - len(t) + bits.TrailingZeros64(m)>>3
		}
	}
	if m := specialBytes(word(s[n-8:])); m != 0 {
		// the bytes this word shares with the one before are plain, so
		// its first flag is past them
		return n - 8 + bits.TrailingZeros64(m)>>3
	}
	return n
}

// shortPrefix is plainPrefix for s shorter than eight bytes.
func shortPrefix(s string) int {
	n := len(s)
	if n < 4 {
		for i := 0; i < n; i++ {
			if !jsonPlain[s[i]] {
				return i
			}
		}
		return n
	}
	// bytes 4-7 of the word are s[n-4:], which overlaps s[:4] when n < 8:
	// a flag there is exact only when none is in bytes 0-3, and then the
	// bytes they share are plain
	if m := specialBytes(word4(s) | word4(s[n-4:])<<32); m != 0 {
		if i := bits.TrailingZeros64(m) >> 3; i >= 4 {
			return n - 8 + i
		} else {
			return i
		}
	}
	return n
}

// word4 is the first four bytes of s (at least four long) as a
// little-endian number; the compiler makes it one load.
func word4(s string) uint64 {
	w := s[:4]
	return uint64(uint32(w[0]) | uint32(w[1])<<8 | uint32(w[2])<<16 | uint32(w[3])<<24)
}

// word is the first eight bytes of s (at least eight long) as a
// little-endian word; the compiler makes it one load.
func word(s string) uint64 {
	w := s[:8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// Masks for testing the eight bytes of a word at once.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// swar holds the masks specialBytes uses as variables, not constants: an
// operation on a 64-bit constant takes two x86 instructions (the constant
// is loaded into a register first), on a variable one (it reads memory).
// Never written.
var swar = struct{ below, set04, is26, set02, is3e, isBackslash, minusOnes, highs uint64 }{
	1<<64 - ones*0x20, ones * 0x04, ones * 0x26, ones * 0x02, ones * 0x3e, ones * '\\', 1<<64 - ones, highs,
}

// specialBytes flags, in the high bit of each byte, the bytes of x that are
// not plain (jsonPlain): those below 0x20, at or above 0x80, and " & < > \.
// Zero means all eight are plain.
//
// v - ones sets the high bit of each zero byte of v, and x - 0x20 in every
// byte that of each byte below 0x20; a borrow out of such a byte may flag
// the bytes above it too, but never one below, so the lowest flag is exact
// and its position is the first special byte. Setting one bit pairs up the
// special characters: " and & are 0x22 and 0x26, which are the bytes that
// become 0x26 with bit 0x04 set; < and > (0x3c, 0x3e) the bytes that become
// 0x3e with bit 0x02 set; v is zero where x has one of them. A byte of v
// (or of x - 0x20) can also have its high bit set without being zero (or
// below 0x20) only when the byte of x has it set, which flags that byte
// anyway: so no "& ^v" is needed, as the textbook zero-byte test has it.
func specialBytes(x uint64) uint64 {
	k := &swar
	m := x | (x + k.below)
	m |= ((x | k.set04) ^ k.is26) + k.minusOnes
	m |= ((x | k.set02) ^ k.is3e) + k.minusOnes
	m |= (x ^ k.isBackslash) + k.minusOnes
	return m & k.highs
}

// appendEscaped is appendText with s[:i] plain and s[i] to be escaped: it copies each plain run whole, found a word at a
// time, and escapes the byte or character after it.
func appendEscaped(b []byte, s string, i int) []byte {
	for {
		b = append(b, s[:i]...)
		c, size := s[i], 1
		if c < utf8.RuneSelf {
			switch {
			case c == '"':
				b = append(b, '\\', '"')
			case c == '\\':
				b = append(b, '\\', '\\')
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\b':
				b = append(b, '\\', 'b')
			case c == '\f':
				b = append(b, '\\', 'f')
			default: // below 0x20, < > &
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
		}
		s = s[i+size:]
		if i = plainPrefix(s); i == len(s) {
			return append(b, s...)
		}
	}
}

func (j *jsonBuf) sval(s string) { j.val(); j.str(s) }
func (j *jsonBuf) uval(n uint32) { j.val(); j.b = strconv.AppendUint(j.b, uint64(n), 10) }
func (j *jsonBuf) obj()          { j.val(); j.open('{') }
func (j *jsonBuf) arr()          { j.val(); j.open('[') }

func (j *jsonBuf) endObj()        { j.close('}') }
func (j *jsonBuf) endArr()        { j.close(']') }
func (j *jsonBuf) ks(k, v string) { j.key(k); j.sval(v) }

func (j *jsonBuf) list(l []string) {
	j.arr()
	for _, s := range l {
		j.sval(s)
	}
	j.endArr()
}

// GroupsJSON renders groups as proto3 JSON, exactly as the TS SDK's
// GroupSpec.toJSON does: default values omitted, resource quantities as
// base64 of their decimal text, endpoint kinds by name.
func GroupsJSON(groups []GroupSpec) []byte {
	j := &jsonBuf{b: make([]byte, 0, 1024)}
	j.arr()
	for i := range groups {
		j.groupSpec(&groups[i])
	}
	j.endArr()
	return j.b
}

func (j *jsonBuf) groupSpec(g *GroupSpec) {
	j.obj()
	if g.Name != "" {
		j.ks("name", g.Name)
	}
	j.key("requirements")
	j.obj()
	j.key("signed_by")
	j.obj()
	if len(g.Requirements.SignedBy.AllOf) > 0 {
		j.key("all_of")
		j.list(g.Requirements.SignedBy.AllOf)
	}
	if len(g.Requirements.SignedBy.AnyOf) > 0 {
		j.key("any_of")
		j.list(g.Requirements.SignedBy.AnyOf)
	}
	j.endObj()
	j.protoAttributes(g.Requirements.Attributes)
	j.endObj()
	if len(g.Resources) > 0 {
		j.key("resources")
		j.arr()
		for i := range g.Resources {
			j.resourceUnit(&g.Resources[i])
		}
		j.endArr()
	}
	j.endObj()
}

func (j *jsonBuf) protoAttributes(a []Attribute) {
	if len(a) == 0 {
		return
	}
	j.key("attributes")
	j.arr()
	for _, at := range a {
		j.obj()
		if at.Key != "" {
			j.ks("key", at.Key)
		}
		if at.Value != "" {
			j.ks("value", at.Value)
		}
		j.endObj()
	}
	j.endArr()
}

func (j *jsonBuf) protoValue(key, valKey, v string, attrs []Attribute) {
	j.key(key)
	j.obj()
	j.key(valKey)
	j.obj()
	if v != "" {
		j.ks("val", base64.StdEncoding.EncodeToString([]byte(v)))
	}
	j.endObj()
	j.protoAttributes(attrs)
	j.endObj()
}

func (j *jsonBuf) resourceUnit(ru *ResourceUnit) {
	r := &ru.Resources
	j.obj()
	j.key("resource")
	j.obj()
	if r.ID != 0 {
		j.key("id")
		j.uval(r.ID)
	}
	j.protoValue("cpu", "units", r.CPU.Value, r.CPU.Attributes)
	j.protoValue("memory", "quantity", r.Memory.Value, r.Memory.Attributes)
	if len(r.Storage) > 0 {
		j.key("storage")
		j.arr()
		for _, st := range r.Storage {
			j.obj()
			if st.Name != "" {
				j.ks("name", st.Name)
			}
			j.key("quantity")
			j.obj()
			if st.Size != "" {
				j.ks("val", base64.StdEncoding.EncodeToString([]byte(st.Size)))
			}
			j.endObj()
			j.protoAttributes(st.Attributes)
			j.endObj()
		}
		j.endArr()
	}
	j.protoValue("gpu", "units", r.GPU.Value, r.GPU.Attributes)
	if len(r.Endpoints) > 0 {
		j.key("endpoints")
		j.arr()
		for _, e := range r.Endpoints {
			j.obj()
			if e.Kind != 0 {
				j.ks("kind", e.Kind.String())
			}
			if e.SequenceNumber != 0 {
				j.key("sequence_number")
				j.uval(e.SequenceNumber)
			}
			j.endObj()
		}
		j.endArr()
	}
	j.endObj()
	if ru.Count != 0 {
		j.key("count")
		j.uval(ru.Count)
	}
	j.key("price")
	j.obj()
	if ru.Price.Denom != "" {
		j.ks("denom", ru.Price.Denom)
	}
	if ru.Price.Amount != "" {
		j.ks("amount", ru.Price.Amount)
	}
	j.endObj()
	j.endObj()
}
