package sdl

import "testing"

// quotedView is the byte-by-byte form of quoted's fast path: the quoted
// scalar at t[0] when it closes on the line with no escapes.
func quotedView(t string) (s string, end int, ok bool) {
	q := t[0]
	for i := 1; i < len(t); i++ {
		if t[i] == q && (q == '"' || i+1 == len(t) || t[i+1] != '\'') {
			return t[1:i], i + 1, true
		}
		if q == '"' && t[i] == '\\' || q == '\'' && t[i] == '\'' {
			break
		}
	}
	return "", 0, false
}

// TestQuotedFastPath checks quoted against quotedView on every text of up
// to five pieces after the opening quote, each a quote, a backslash, a
// letter or eight letters (which put the first mark past one or more
// eight-byte words).
func TestQuotedFastPath(t *testing.T) {
	t.Parallel()
	alphabet := []string{"a", "\"", "'", "\\", "abcdefgh"}
	var walk func(text string, depth int)
	walk = func(text string, depth int) {
		for _, q := range []string{"\"", "'"} {
			line := q + text
			s, end, view, ok := quoted(line, 0)
			ws, wend, wok := quotedView(line)
			if wok && (!view || !ok || s != ws || end != wend) {
				t.Fatalf("quoted(%q) = %q, %d, view %v, ok %v; want view %q, %d", line, s, end, view, ok, ws, wend)
			}
			if !wok && view {
				t.Fatalf("quoted(%q) = view %q; want escapes or no close", line, s)
			}
		}
		if depth == 0 {
			return
		}
		for _, a := range alphabet {
			walk(text+a, depth-1)
		}
	}
	walk("", 5)
}
