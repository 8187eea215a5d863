package sdl

import (
	"strings"
	"testing"
)

// TestCommonWords checks that keep shares every listed word (none is left
// out by a collision of the perfect hash), and copies words that are not
// listed, including ones that pack like a listed word but differ in length
// or in a middle byte.
func TestCommonWords(t *testing.T) {
	t.Parallel()
	for _, w := range strings.Fields(commonWordList) {
		f := &fastParser{s: w}
		if got := f.keep(w); got != w || f.an != 0 {
			t.Errorf("keep(%q) = %q, copied %d bytes; want it shared", w, got, f.an)
		}
	}
	for _, w := range []string{"a", "ab", "abb", "imagex", "imag", "servicess", "version2", "deploymentt",
		"resourcez", "persistenT", "http_optionz", "max_body_sizes", "0.50", "1Gi2", "xxxxxxxxxxxxxxxxx"} {
		f := &fastParser{s: w}
		if got := f.keep(w); got != w || f.an != len(w) {
			t.Errorf("keep(%q) = %q, copied %d bytes; want a copy", w, got, f.an)
		}
	}
}
