package sdl

import "strings"

// The keys of the SDL schema and the values SDLs repeat most are shared by
// every document instead of being copied into each one's arena (see keep).
// They are found by a perfect hash: a word of at most 16 bytes is packed
// into two numbers that, with its length, tell it from any other (the
// loads overlap and cover every byte), so a lookup compares two numbers
// and a length instead of calling memequal, and no word is left out by a
// collision.

// commonWordList is the shared words; words repeated in it count once.
const commonWordList = `version services profiles deployment endpoints include
	image command args env expose params credentials dependencies host username password
	port as to global service ip accept proto http_options max_body_size read_timeout
	send_timeout next_cases next_tries next_timeout storage mount readOnly compute
	resources cpu units memory size gpu attributes vendor nvidia model ram interface
	name persistent class placement pricing denom amount signedBy anyOf allOf count
	profile region tier kind depends_on akash dcloud web app data db true false uakt
	uact tcp udp beta2 beta3 default 0.1 0.25 0.5 1.0 1 2 3 4 8 16 32 50 100 80 443
	3000 5000 8000 8080 2.0 2.1 100m 128Mi 256Mi 512Mi 1Gi 2Gi 4Gi 5Gi 8Gi 10Gi 16Gi
	20Gi 32Gi 50Gi 64Gi 80Gi 100Gi 1000 10000 100000 1000000 shm /dev/shm sh bash -c
	api worker latest postgres redis nginx h100 a100 a6000 rtx4090 us-west us-east
	westcoast eastcoast ssh`

// wordBits sizes the hash table: 2^wordBits slots, sparse enough that a
// perfect multiplier is found in a few tries.
const wordBits = 12

// commonWord is one shared word and its packed form (see wordKey).
type commonWord struct {
	a, b uint64
	s    string
}

var (
	// wordIndex maps a hash slot to a word of wordTable (0: none).
	wordIndex [1 << wordBits]uint8
	// wordTable holds the words from index 1 on; a uint8 index needs no
	// bounds check.
	wordTable [256]commonWord
	// wordMult is the multiplier that gives every word its own slot.
	wordMult uint64
)

func init() {
	words := strings.Fields(commonWordList)
	// multipliers are tried in a fixed order, so every run finds the same
	for m := uint64(0x9E3779B97F4A7C15); ; m += 0x5851F42D4C957F2E {
		wordMult = m
		if fillWordIndex(words) {
			return
		}
	}
}

// fillWordIndex files words by the hash under wordMult, and reports false
// when two different words share a slot.
func fillWordIndex(words []string) bool {
	wordIndex = [1 << wordBits]uint8{}
	n := 0
	for _, w := range words {
		if len(w) > 16 {
			panic("sdl: common word longer than 16 bytes: " + w)
		}
		a, b := wordKey(w)
		h := wordHash(a, b, len(w))
		if i := wordIndex[h]; i != 0 {
			if wordTable[i].s == w {
				continue // listed twice
			}
			return false
		}
		n++
		if n > 255 {
			panic("sdl: too many common words")
		}
		wordTable[n] = commonWord{a, b, w}
		wordIndex[h] = uint8(n)
	}
	return true
}

// wordKey packs s, of 1 to 16 bytes (keep has it written out), into two numbers that with len(s)
// identify it: overlapping loads from both ends cover every byte.
func wordKey(s string) (a, b uint64) {
	n := len(s)
	switch {
	case n >= 8:
		return le64(s, 0), le64(s, n-8)
	case n >= 4:
		return uint64(le32(s, 0)) | uint64(le32(s, n-4))<<32, 0
	}
	return uint64(s[0]) | uint64(s[n>>1])<<8 | uint64(s[n-1])<<16, 0
}

// wordHash is the slot of a packed word of length n.
func wordHash(a, b uint64, n int) uint {
	return uint(((a ^ b<<1 ^ uint64(n)) * wordMult) >> (64 - wordBits))
}

// le32 reads four bytes of s at i as a little-endian number.
func le32(s string, i int) uint32 {
	s = s[i : i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}
