package sdl

import (
	"bytes"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestAppendStrEscapes: strings come out as JSON.stringify writes them,
// with < > & escaped as \u003c \u003e \u0026 and bad UTF-8 as U+FFFD.
func TestAppendStrEscapes(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"", `""`},
		{"plain text/with:punctuation!", `"plain text/with:punctuation!"`},
		{`a "quoted" \ word`, `"a \"quoted\" \\ word"`},
		{"tab\there\nnew\rret\bbs\fff", `"tab\there\nnew\rret\bbs\fff"`},
		{"\x00\x1f\x7f", `"\u0000\u001f` + "\x7f" + `"`},
		{"a<b>c&d, longer than one word <>&", `"a\u003cb\u003ec\u0026d, longer than one word \u003c\u003e\u0026"`},
		{"héllo wörld, ünïcödé", `"héllo wörld, ünïcödé"`},
		{"bad \xff utf8 \xc3", `"bad \ufffd utf8 \ufffd"`},
	} {
		if got := string(appendStr(nil, c.in)); got != c.want {
			t.Errorf("appendStr(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

// TestSpecialBytes: specialBytes flags some byte of a word exactly when
// the byte table says one is not plain, and its lowest flag is the first
// such byte, for words of ordinary bytes with one to three odd ones (the
// neighbours of the special characters included) anywhere.
func TestSpecialBytes(t *testing.T) {
	t.Parallel()
	var odd []byte
	for c := range 256 {
		if !jsonPlain[c] || c < 0x60 || c > 0x7a {
			odd = append(odd, byte(c)) // everything but lowercase letters
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 300000 {
		var w [8]byte
		for i := range w {
			w[i] = 'a' + byte(rng.IntN(26))
		}
		for range 1 + rng.IntN(3) {
			w[rng.IntN(8)] = odd[rng.IntN(len(odd))]
		}
		first := 8
		var x uint64
		for i, c := range w {
			if !jsonPlain[c] && first == 8 {
				first = i
			}
			x |= uint64(c) << (8 * i)
		}
		if got := bits.TrailingZeros64(specialBytes(x)) >> 3; got != first {
			t.Fatalf("specialBytes(%q) flags byte %d first, want %d", w[:], got, first)
		}
	}
}

// appendStrRef is appendStr written plainly, a byte at a time: the
// reference for FuzzAppendStr.
func appendStrRef(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, `\n`...)
		case c == '\r':
			b = append(b, `\r`...)
		case c == '\t':
			b = append(b, `\t`...)
		case c == '\b':
			b = append(b, `\b`...)
		case c == '\f':
			b = append(b, `\f`...)
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			b = append(b, fmt.Sprintf(`\u%04x`, c)...)
		default:
			b = append(b, c)
		}
		i++
	}
	return append(b, '"')
}

// FuzzAppendStr: appendStr writes what the plain reference writes, for any
// string, after any prefix.
func FuzzAppendStr(f *testing.F) {
	for _, s := range []string{"", "a", "plain text, longer than a word", "a\"b\\c\nd<e>f&g\x00\x1f\x7f",
		"héllo wörld", "bad \xff utf8 \xc3", "0123456\"", "01234567\"", "\"\"\"\"\"\"\"\"\"", "échappé<>&"} {
		f.Add("x", s)
	}
	f.Fuzz(func(t *testing.T, prefix, s string) {
		got := appendStr([]byte(prefix), s)
		if want := appendStrRef([]byte(prefix), s); !bytes.Equal(got, want) {
			t.Fatalf("appendStr(%q) = %s, want %s", s, got, want)
		}
	})
}
