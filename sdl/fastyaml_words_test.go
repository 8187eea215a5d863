package sdl

import (
	"strings"
	"testing"
	"unsafe"
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
	// copies into an arena with room are written from the words read for
	// the lookup; one without makes a new block
	for _, f := range []*fastParser{{}, {arena: make([]byte, 1024)}} {
		keepsCopies(t, f)
	}
}

// keepsCopies keeps words that are not listed with f, in turn.
func keepsCopies(t *testing.T, f *fastParser) {
	var kept []string
	for _, w := range []string{"a", "ab", "abb", "imagex", "imag", "servicess", "version2", "deploymentt",
		"resourcez", "persistenT", "http_optionz", "max_body_sizes", "0.50", "1Gi2", "xxxxxxxxxxxxxxxxx",
		"abcde", "abcdefg", "sixteen-bytes-xx", "q", "zy", "xyz"} {
		got := f.keep(w)
		if got != w || unsafe.StringData(got) == unsafe.StringData(w) {
			t.Errorf("keep(%q) = %q; want a copy", w, got)
		}
		kept = append(kept, got)
	}
	// later copies wrote nothing over earlier ones
	if got := strings.Join(kept, ","); got != "a,ab,abb,imagex,imag,servicess,version2,deploymentt,resourcez,"+
		"persistenT,http_optionz,max_body_sizes,0.50,1Gi2,xxxxxxxxxxxxxxxxx,abcde,abcdefg,sixteen-bytes-xx,q,zy,xyz" {
		t.Errorf("kept words changed: %s", got)
	}
}
