package sdl

import (
	"math/rand/v2"
	"testing"
)

// TestBoundedDistance holds boundedDistance to editDistance: exact up to
// the limit, over it whenever the distance is, on random short words over
// a small alphabet (so that transpositions and near misses are common).
func TestBoundedDistance(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]rune, r.IntN(9))
		for i := range b {
			b[i] = []rune("abé")[r.IntN(3)]
		}
		return string(b)
	}
	for range 50000 {
		a, b, limit := word(), word(), r.IntN(5)
		d, got := editDistance(a, b), boundedDistance(a, b, limit)
		if (d <= limit && got != d) || (d > limit && got <= limit) {
			t.Fatalf("boundedDistance(%q, %q, %d) = %d; the distance is %d", a, b, limit, got, d)
		}
	}
}
