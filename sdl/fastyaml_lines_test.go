package sdl

import (
	"strings"
	"testing"
)

// TestSplitPlainBytes puts every byte value at every offset of a 91-byte
// text with line feeds around it (read 64 bytes at a time, then eight, then
// one by one): splitPlain takes it only when the text is
// printable ASCII and line feeds, and then finds the same lines as a plain
// split on "\n" would.
func TestSplitPlainBytes(t *testing.T) {
	t.Parallel()
	base := []byte("ab: c\n  d: e\n\n- x  # yz\n          long: line over a word\n" +
		"\n\n\n\n\n\n\n\n\n  k: v\nlast:            x")
	for at := range base {
		for c := range 256 {
			text := append([]byte(nil), base...)
			text[at] = byte(c)
			f := &fastParser{src: text, s: string(text)}
			ok := f.splitPlain(len(text) + 1)
			want := c == '\n' || c >= 0x20 && c < 0x7f
			if ok != want {
				t.Fatalf("byte %#x at %d: splitPlain = %v, want %v", c, at, ok, want)
			}
			if !ok {
				continue
			}
			parts := strings.Split(string(text), "\n")
			if len(f.lines) != len(parts) {
				t.Fatalf("byte %#x at %d: %d lines, want %d", c, at, len(f.lines), len(parts))
			}
			for i, p := range parts {
				ind := len(p) - len(strings.TrimLeft(p, " "))
				if got := f.text(i); got != p || int(f.lines[i].indent) != ind {
					t.Fatalf("byte %#x at %d: line %d = %q indented %d, want %q indented %d",
						c, at, i, got, f.lines[i].indent, p, ind)
				}
			}
		}
	}
}
