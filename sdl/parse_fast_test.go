package sdl

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// The parser checks a few simple patterns by hand instead of running a
// regexp; these tests hold them to the patterns they replace.

// gpuRAMRe is the pattern of a GPU memory size that isGPURAM matches.
var gpuRAMRe = regexp.MustCompile(`^[0-9]+(Ki|Mi|Gi|Ti|Pi|Ei)$`)

var matcherInputs = []string{
	"", "a", "ab", "a1", "a-", "a_", "-a", "1a", "A", "Ab", "aB", "abc-def_0", "ab c", "ab.", "ab\n",
	"é", "aé", "ip1", "my-ip", "x--", "z9",
	"0Gi", "80Gi", "80gi", "80G", "Gi", "80Gi ", " 80Gi", "1Ki", "2Mi", "3Ti", "4Pi", "5Ei", "6Zi", "7Bi",
	"12345678901234567890Gi", "8GI", "8iG", "-8Gi", "8.5Gi", "٣Gi", "8Gi\n",
	"0", "5", "5.", ".5", "5.5", "..5", "5..5", "5.5.", ".", "05", "1e3", "-1", " 1", "1 ", "12.34.56",
}

func TestIsEndpointNameMatchesRegexp(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`^[a-z]+[-_0-9a-z]+$`)
	for _, s := range matcherInputs {
		if got, want := isEndpointName(s), re.MatchString(s); got != want {
			t.Errorf("isEndpointName(%q) = %v, regexp says %v", s, got, want)
		}
	}
}

func TestIsGPURAMMatchesRegexp(t *testing.T) {
	t.Parallel()
	for _, s := range matcherInputs {
		if got, want := isGPURAM(s), gpuRAMRe.MatchString(s); got != want {
			t.Errorf("isGPURAM(%q) = %v, regexp says %v", s, got, want)
		}
	}
}

func TestIsFloatTextMatchesRegexp(t *testing.T) {
	t.Parallel()
	for _, s := range matcherInputs {
		if s == "" {
			continue
		}
		if got, want := isFloatText(s), floatPrefixRe.FindString(s) == s; got != want {
			t.Errorf("isFloatText(%q) = %v, regexp says %v", s, got, want)
		}
	}
}

func FuzzMatchers(f *testing.F) {
	for _, s := range matcherInputs {
		f.Add(s)
	}
	re := regexp.MustCompile(`^[a-z]+[-_0-9a-z]+$`)
	f.Fuzz(func(t *testing.T, s string) {
		if isEndpointName(s) != re.MatchString(s) {
			t.Errorf("isEndpointName(%q) disagrees with the regexp", s)
		}
		if isGPURAM(s) != gpuRAMRe.MatchString(s) {
			t.Errorf("isGPURAM(%q) disagrees with the regexp", s)
		}
		if s != "" && isFloatText(s) != (floatPrefixRe.FindString(s) == s) {
			t.Errorf("isFloatText(%q) disagrees with the regexp", s)
		}
	})
}

func TestArenaNumberIsJSNumber(t *testing.T) {
	t.Parallel()
	var a arena
	a.init(2)
	nums := []float64{0, 1, 99, 100, 500, 1000, 536870912, 1 << 40, 1<<53 - 1, 1 << 53, 1e20, 1e21, 1e22,
		-1, -100, 0.5, 1.5, 1e-7, math.Inf(1), math.NaN()}
	var got []string
	for i := 0; i < 40; i++ { // enough to fill the block's text and more
		for _, f := range nums {
			got = append(got, a.number(f))
		}
	}
	for i, s := range got {
		if want := jsNumber(nums[i%len(nums)]); s != want {
			t.Fatalf("number(%v) = %q, want %q", nums[i%len(nums)], s, want)
		}
	}
}

func TestArenaConcat(t *testing.T) {
	t.Parallel()
	var a arena
	a.init(2)
	var got []string
	for i := 0; i < 50; i++ {
		got = append(got, a.concat("vendor/nvidia/model/", strconv.Itoa(i), "/ram/", "80Gi"))
	}
	long := a.concat(string(make([]byte, 100)), "x")
	for i, s := range got {
		if want := "vendor/nvidia/model/" + strconv.Itoa(i) + "/ram/80Gi"; s != want {
			t.Fatalf("concat %d = %q, want %q", i, s, want)
		}
	}
	if len(long) != 101 || long[100] != 'x' {
		t.Fatalf("long concat = %q", long)
	}
}

func TestTakeCapsCarvedSlices(t *testing.T) {
	t.Parallel()
	pool := make([]int, 4)
	a := take(&pool, 2)
	b := take(&pool, 2)
	a = append(a, 1, 2, 3) // past its room: must not reach b's elements
	b = append(b, 7, 8)
	if b[0] != 7 || b[1] != 8 || a[2] != 3 {
		t.Fatalf("carved slices overlap: a=%v b=%v", a, b)
	}
	if c := take(&pool, 1); cap(c) != 1 || len(c) != 0 {
		t.Fatalf("take from an empty pool = len %d cap %d", len(c), cap(c))
	}
}

var decimalInputs = []string{"0", "1", "512", "0.5", ".5", "1.5", "0.1", "0.3", "123456789012345", "1234567890123456",
	"99999999999999999999", "0.000000000000001", "1.000000000000001", "3.14159265358979", "00000000000000000000001",
	"9007199254740993", "1e5", "1.2.3", "", ".", "abc", "12a"}

func TestParseDecimalIsParseFloat(t *testing.T) {
	t.Parallel()
	for _, s := range decimalInputs {
		checkDecimal(t, s)
	}
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range decimalInputs {
		f.Add(s)
	}
	f.Fuzz(checkDecimal)
}

func checkDecimal(t *testing.T, s string) {
	want, err := strconv.ParseFloat(s, 64)
	got, ok := parseDecimal(s)
	if ok != (err == nil) || ok && math.Float64bits(got) != math.Float64bits(want) {
		t.Errorf("parseDecimal(%q) = %v, %v; ParseFloat gives %v, %v", s, got, ok, want, err)
	}
}

func TestEditDistance(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"servcie", "service", 1}, {"image", "imgae", 1}, {"env", "environment", 8},
		{"abc", "", 3}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"ca", "abc", 3},
		{"bêta1", "beta1", 1}, {"größe", "grosse", 3}, {string(make([]byte, 70)), "", 70},
	} {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestSizeScalesArePow(t *testing.T) {
	t.Parallel()
	for k := 0; k < 6; k++ {
		if decimalScale[k] != math.Pow(1000, float64(k+1)) || binaryScale[k] != math.Pow(1024, float64(k+1)) {
			t.Errorf("scale %d: %v, %v; math.Pow gives %v, %v", k, decimalScale[k], binaryScale[k],
				math.Pow(1000, float64(k+1)), math.Pow(1024, float64(k+1)))
		}
	}
}

// TestBlockSizes keeps the blocks within the allocator's size classes they
// were sized for (1.5 KiB and 3 KiB): a field added to a type of the SDL
// should make someone re-balance them.
func TestBlockSizes(t *testing.T) {
	t.Parallel()
	if n := unsafe.Sizeof(sdlBlockSmall{}); n > 1536 {
		t.Errorf("sdlBlockSmall is %d bytes, over 1536", n)
	}
	if n := unsafe.Sizeof(sdlBlock{}); n > 3072 {
		t.Errorf("sdlBlock is %d bytes, over 3072", n)
	}
}

// TestSuggestSkipsFarKeys checks the length shortcut of suggest against the
// plain closest-key search it replaces.
func TestSuggestSkipsFarKeys(t *testing.T) {
	t.Parallel()
	known := append(append(append([]string(nil), serviceKeys...), exposeKeys...), "signedBy", "readOnly", "größe", "beta1")
	for _, u := range []string{"servcie", "imgae", "img", "x", "environment", "SIGNEDBY", "readonly", "grösse", "gröse",
		"bta1", "exposee", "http_option", "", "abcdefghijklmnop", "porrt", "to", "tp"} {
		best, bestD := "", 1<<30
		for _, k := range known {
			if d := editDistance(strings.ToLower(u), strings.ToLower(k)); d < bestD {
				best, bestD = k, d
			}
		}
		limit := 2
		if len(u) <= 4 {
			limit = 1
		}
		if bestD > limit {
			best = ""
		}
		if got := suggest(u, known); got != best {
			t.Errorf("suggest(%q) = %q, want %q", u, got, best)
		}
	}
}

// TestCanonicalUnit checks the constant table of canonicalUnit against the
// rule it stands for: the letter picks the power (upper case but k), a
// following i makes it binary (Ki for k).
func TestCanonicalUnit(t *testing.T) {
	t.Parallel()
	rule := func(unit string) string {
		lu := strings.ToLower(unit)
		if lu == "" || lu == "b" {
			return ""
		}
		prefix := strings.ToUpper(lu[:1])
		if prefix == "K" {
			prefix = "k"
		}
		if strings.HasPrefix(lu[1:], "i") {
			if prefix == "k" {
				prefix = "K"
			}
			return prefix + "i"
		}
		return prefix
	}
	for _, l := range "kKmMgGtTpPeEbB" {
		for _, rest := range []string{"", "i", "I", "b", "B", "ib", "iB", "Ib", "IB"} {
			u := string(l) + rest
			if got, want := canonicalUnit(u), rule(u); got != want {
				t.Errorf("canonicalUnit(%q) = %q, want %q", u, got, want)
			}
		}
	}
	if canonicalUnit("") != "" {
		t.Error(`canonicalUnit("") is not ""`)
	}
}
