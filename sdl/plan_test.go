package sdl

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// TestLocaleCmpMatchesCollator: localeCmp, which skips the collator for
// lowercase-only and uppercase-only keys, orders every pair of names as
// the root-locale collator does (outside lowercase-only pairs, whose byte
// order the conformance test holds to the TS SDK's): corpus
// service names, placement names and protocols, and adversarial names
// mixing case, digits, '-', '.', '_' and non-ASCII text.
func TestLocaleCmpMatchesCollator(t *testing.T) {
	t.Parallel()
	names := []string{
		"", "a", "A", "b", "B", "z", "Z", "aa", "aA", "Aa", "AA", "ab", "aB", "Ab", "AB",
		"TCP", "UDP", "tcp", "udp", "Tcp", "TCP1", "TCP-", "TCP.", "TC-P", "TC.P",
		"-", ".", "_", "0", "9", "-a", ".a", "_a", "a-", "a.", "a_", "0a", "a0", "A0", "0A",
		"web", "web-1", "web.1", "web_1", "Web", "WEB", "WEB-1", "WEB.1", "web1", "WEB1",
		"1.0", "1-0", "10", "1.00", "-1", ".1", "A-B", "A.B", "AB-", "AB.",
		"é", "e", "E", "ß", "ss", "日本", "a\x00b", "ab\x01", "a b", "a/b", "a~b",
	}
	for _, r := range loadCorpus(t) {
		s, err := Parse(r.Data)
		if err != nil {
			continue
		}
		for _, svc := range s.Services {
			names = append(names, svc.Name)
			for _, e := range svc.Expose {
				names = append(names, e.Proto)
				for _, to := range e.To {
					names = append(names, to.Service)
				}
			}
		}
		for i := range s.Placements {
			names = append(names, s.Placements[i].Name)
		}
	}
	// random short names over the alphabets the fast paths accept, and mixed
	rng := rand.New(rand.NewPCG(1, 2))
	for _, alphabet := range []string{"abz09-.", "ABZ09-.", "aAbB0-._"} {
		for range 300 {
			n := rng.IntN(5)
			b := make([]byte, n)
			for i := range b {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			}
			names = append(names, string(b))
		}
	}
	coll := collate.New(language.Und)
	ref := func(a, b string) int {
		if a == b {
			return 0
		}
		if byteOrdered(a, 'a', 'z') && byteOrdered(b, 'a', 'z') {
			return strings.Compare(a, b)
		}
		return coll.CompareString(a, b)
	}
	for _, a := range names {
		for _, b := range names {
			if got, want := localeCmp(a, b), ref(a, b); got != want {
				t.Fatalf("localeCmp(%q, %q) = %d, the collator says %d", a, b, got, want)
			}
		}
	}
}
