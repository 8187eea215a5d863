package sdl

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
)

// sdlOutputs renders everything a parsed SDL (or its error) gives callers.
func sdlOutputs(s *SDL, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprintf("%s\n%s\n%v\n%v", s.ManifestJSON(), GroupsJSON(s.Groups()), s.Warnings("mainnet"), s.Warnings("sandbox"))
}

// TestParseKeepsNoInput: callers may reuse their buffer once Parse returns,
// so overwriting it must change nothing in the SDL, its outputs or errors
// (the fast reader works on a copy of the text; yaml.v3 copies too).
func TestParseKeepsNoInput(t *testing.T) {
	t.Parallel()
	for _, r := range loadCorpus(t) {
		buf := bytes.Clone(r.Data)
		s, err := Parse(buf)
		for i := range buf {
			buf[i] = 'x'
		}
		ref, refErr := Parse(r.Data)
		if got, want := sdlOutputs(s, err), sdlOutputs(ref, refErr); got != want {
			t.Fatalf("%s: outputs changed when the input was overwritten after Parse:\n got: %.300s\nwant: %.300s", r.File, got, want)
		}
		if s != nil {
			s.built, ref.built = nil, nil
			if !reflect.DeepEqual(s, ref) {
				t.Fatalf("%s: the parsed SDL changed when the input was overwritten after Parse", r.File)
			}
		}
	}
}
