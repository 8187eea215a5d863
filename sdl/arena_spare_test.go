package sdl

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestRecycledBlocks parses the corpus twice over, so that the blocks of
// rejected SDLs serve later parses, and checks that (1) no diagnostic of a
// rejected SDL changes when its block is reused, which it would if one
// viewed the block's memory, and (2) every accepted SDL parses the same
// into a reused block as into a new one.
func TestRecycledBlocks(t *testing.T) {
	rows := loadCorpus(t)
	type kept struct {
		err  *Error
		copy []Diagnostic
	}
	var rejected []kept
	first := make([]*SDL, len(rows))
	for i, r := range rows {
		s, err := Parse(r.Data)
		var e *Error
		if errors.As(err, &e) {
			c := make([]Diagnostic, len(e.Diagnostics))
			for j, d := range e.Diagnostics {
				d.Path, d.Message = strings.Clone(d.Path), strings.Clone(d.Message)
				c[j] = d
			}
			rejected = append(rejected, kept{e, c})
		}
		first[i] = s
	}
	if len(rejected) == 0 {
		t.Fatal("the corpus has no rejected SDL to recycle a block from")
	}
	for round := 0; round < 2; round++ {
		for i, r := range rows {
			s, _ := Parse(r.Data)
			if first[i] != nil && !reflect.DeepEqual(s, first[i]) {
				t.Errorf("%s: parsed into a reused block, the SDL differs", r.Path)
			}
		}
	}
	for _, k := range rejected {
		if !reflect.DeepEqual(k.err.Diagnostics, k.copy) {
			t.Errorf("diagnostics changed after their block was reused: %v, were %v", k.err.Diagnostics, k.copy)
		}
	}
}
