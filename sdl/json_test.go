package sdl

import "testing"

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
