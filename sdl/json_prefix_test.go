package sdl

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestPlainPrefix: plainPrefix is the index of the first byte the table
// says is not plain, for strings of every length up to 24 (each of its
// paths: byte by byte, the two overlapping halves of four to seven bytes,
// whole words) with up to three odd bytes anywhere; appendText, which
// makes the same scan in line, copies such a string up to that byte and
// escapes from there.
func TestPlainPrefix(t *testing.T) {
	t.Parallel()
	odd := []byte{0, 0x1f, 0x20, '!', '"', '#', '%', '&', '\'', ';', '<', '=', '>', '?', '[', '\\', ']', 0x7f, 0x80, 0xc3, 0xff}
	rng := rand.New(rand.NewPCG(3, 5))
	for n := 0; n <= 24; n++ {
		for range 4000 {
			b := make([]byte, n)
			for i := range b {
				b[i] = 'a' + byte(rng.IntN(26))
			}
			if n > 0 {
				for range 1 + rng.IntN(3) {
					b[rng.IntN(n)] = odd[rng.IntN(len(odd))]
				}
			}
			want := n
			for i, c := range b {
				if !jsonPlain[c] {
					want = i
					break
				}
			}
			if got := plainPrefix(string(b)); got != want {
				t.Fatalf("plainPrefix(%q) = %d, want %d", b, got, want)
			}
			wantText := b
			if want < n {
				wantText = appendEscaped(nil, string(b), want)
			}
			if got := appendText(nil, string(b)); !bytes.Equal(got, wantText) {
				t.Fatalf("appendText(%q) = %q, want %q", b, got, wantText)
			}
		}
	}
}
