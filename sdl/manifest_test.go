package sdl

import "testing"

// TestManifestMatchesJSON: ManifestJSON and Version are rendered from a
// pooled scratch manifest, Manifest builds a fresh one; over the corpus
// (each file parsed after the others, so scratch slices are reused) the
// manifest must render to the same JSON, and repeated calls must agree.
func TestManifestMatchesJSON(t *testing.T) {
	t.Parallel()
	for _, r := range loadCorpus(t) {
		s, err := Parse(r.Data)
		if err != nil {
			continue
		}
		js := string(s.ManifestJSON())
		if got := string(s.Manifest().appendCanonicalJSON(nil)); got != js {
			t.Fatalf("%s: Manifest renders\n%.400s\nbut ManifestJSON is\n%.400s", r.File, got, js)
		}
		again, err := Parse(r.Data)
		if err != nil {
			t.Fatalf("%s: second parse failed: %v", r.File, err)
		}
		if again.Version() != s.Version() || string(again.ManifestJSON()) != js {
			t.Fatalf("%s: a second parse gives another manifest", r.File)
		}
	}
}
