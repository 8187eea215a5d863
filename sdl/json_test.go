package sdl

import (
	"math/rand/v2"
	"testing"
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

// TestPlainWord: a word is plain exactly when the byte table says each of
// its bytes is, for words of ordinary bytes with one or two odd ones (the
// neighbours of the special characters included) anywhere.
func TestPlainWord(t *testing.T) {
	t.Parallel()
	var odd []byte
	for c := range 256 {
		if !jsonPlain[c] || c < 0x60 || c > 0x7a {
			odd = append(odd, byte(c)) // everything but lowercase letters
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200000 {
		var w [8]byte
		for i := range w {
			w[i] = 'a' + byte(rng.IntN(26))
		}
		for range 1 + rng.IntN(2) {
			w[rng.IntN(8)] = odd[rng.IntN(len(odd))]
		}
		want := true
		var x uint64
		for i, c := range w {
			want = want && jsonPlain[c]
			x |= uint64(c) << (8 * i)
		}
		if got := plainWord(x); got != want {
			t.Fatalf("plainWord(%q) = %v, want %v", w[:], got, want)
		}
	}
}
