package sdl

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// splitNumber splits "1.5Gi" into the decimal "1.5" and the letters "Gi":
// digits with an optional fraction (or just a fraction), then only letters.
func splitNumber(s string, leadingDot bool) (num, unit string, ok bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	intDigits := i
	if i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i+1 || intDigits == 0 && !leadingDot {
			return "", "", false
		}
		i = j
	} else if intDigits == 0 {
		return "", "", false
	}
	for k := i; k < len(s); k++ {
		c := s[k] | 0x20
		if c < 'a' || c > 'z' {
			return "", "", false
		}
	}
	return s[:i], s[i:], true
}

// pow10 holds the powers of ten a float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseDecimal is strconv.ParseFloat for what splitNumber returns (digits
// with an optional fraction). Up to 15 digits it is exact without
// strconv: the digits form an integer below 2^53 and the fraction a power
// of ten up to 10^22, both exact in a float64, so one correctly rounded
// division gives the correctly rounded value (the classic fast path).
func parseDecimal(num string) (float64, bool) {
	var mant uint64
	digits, frac := 0, -1
	for i := 0; i < len(num); i++ {
		c := num[i]
		if c == '.' {
			if frac >= 0 {
				return slowDecimal(num)
			}
			frac = 0
			continue
		}
		if c < '0' || c > '9' || digits == 15 {
			return slowDecimal(num)
		}
		mant = mant*10 + uint64(c-'0')
		digits++
		if frac >= 0 {
			frac++
		}
	}
	if digits == 0 {
		return slowDecimal(num)
	}
	f := float64(mant)
	if frac > 0 {
		f /= pow10[frac]
	}
	return f, true
}

func slowDecimal(num string) (float64, bool) {
	f, err := strconv.ParseFloat(num, 64)
	return f, err == nil
}

// isAmount matches a price amount: digits with an optional fraction.
func isAmount(s string) bool {
	num, unit, ok := splitNumber(s, false)
	return ok && unit == "" && num != ""
}

// isDenom matches the denoms the schema allows: uakt, uact, ibc/...
func isDenom(s string) bool {
	return s == "uakt" || s == "uact" || strings.HasPrefix(s, "ibc/")
}

// canonicalUnits are the size suffixes both official SDKs accept (the
// editor's check; the parser uses isCanonicalUnit, which allocates no map).
var canonicalUnits = map[string]bool{
	"": true, "k": true, "M": true, "G": true, "T": true, "P": true, "E": true,
	"Ki": true, "Mi": true, "Gi": true, "Ti": true, "Pi": true, "Ei": true,
}

// isCanonicalUnit reports whether unit is a size suffix both official SDKs
// accept: "", k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei.
func isCanonicalUnit(unit string) bool {
	switch unit {
	case "", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei":
		return true
	}
	return false
}

// size converts a memory or storage size ("512Mi", "1G", "1.5Gi") to bytes,
// rounding up like the TS SDK. Units in another case or with a trailing B
// ("16GB", "1gi") are read as the TS SDK reads them, with a warning.
func (p *parser) size(v *value, path dpath) (string, bool) {
	if v.kind != kString {
		p.diags.errorf(v, path, "size must be text with a unit such as 512Mi or 1Gi, got %s", describe(v))
		return "", false
	}
	if text := commonSize(v.str); text != "" {
		return text, true
	}
	bytes, unit, ok := parseSize(v.str)
	if !ok {
		p.diags.errorf(v, path, "invalid size %q: use a number with a unit such as 512Mi, 1Gi or 1G", v.str)
		return "", false
	}
	text := p.a.number(bytes)
	if !isCanonicalUnit(unit) {
		cu, num := canonicalUnit(unit), strings.TrimSuffix(v.str, unit)
		p.diags.addText(SeverityWarning, v.p, path, "size unit "+strconv.Quote(unit)+" is not standard: read as "+
			cu+" ("+text+" bytes); write "+num+cu)
	}
	return text, true
}

// parseSize returns the size in bytes and the unit as written.
func parseSize(s string) (float64, string, bool) {
	num, unit, ok := splitNumber(s, true)
	if !ok {
		return 0, "", false
	}
	f, ok := parseDecimal(num)
	if !ok {
		return 0, "", false
	}
	// unit holds only ASCII letters (splitNumber): |0x20 lowers them
	if unit == "" || unit == "b" || unit == "B" {
		return math.Ceil(f), unit, true
	}
	power := strings.IndexByte("kmgtpe", unit[0]|0x20)
	if power < 0 {
		return 0, "", false
	}
	scale := &decimalScale
	switch rest := unit[1:]; {
	case len(rest) == 1 && rest[0]|0x20 == 'i', len(rest) == 2 && rest[0]|0x20 == 'i' && rest[1]|0x20 == 'b':
		scale = &binaryScale
	case rest == "", len(rest) == 1 && rest[0]|0x20 == 'b':
	default:
		return 0, "", false
	}
	r := math.Ceil(f * scale[power])
	if r > 1<<63 || math.IsInf(r, 0) {
		return 0, "", false
	}
	return r, unit, true
}

// decimalScale and binaryScale are 1000^k and 1024^k for k = 1..6 (k, M,
// G, T, P, E), exact in a float64 as math.Pow gives them.
var (
	decimalScale = [6]float64{1e3, 1e6, 1e9, 1e12, 1e15, 1e18}
	binaryScale  = [6]float64{1 << 10, 1 << 20, 1 << 30, 1 << 40, 1 << 50, 1 << 60}
)

// canonicalUnit names the standard unit a non-standard one is read as.
func canonicalUnit(unit string) string {
	if len(unit) > 0 {
		// the units parseSize reads, as constants
		binary := len(unit) > 1 && unit[1]|0x20 == 'i'
		if i := strings.IndexByte("kmgtpe", unit[0]|0x20); i >= 0 {
			if binary {
				return [...]string{"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"}[i]
			}
			return [...]string{"k", "M", "G", "T", "P", "E"}[i]
		}
	}
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

// floatPrefixRe is the number prefix the TS SDK's parseFloat reads;
// isFloatText is the parser's hand-written check that it spans a string.
var floatPrefixRe = regexp.MustCompile(`^[0-9]*\.?[0-9]+|^[0-9]+\.?`)

// isFloatText reports whether floatPrefixRe.FindString(s) == s for a
// non-empty s: digits, then optionally a dot and at least one digit, with
// at least one digit in all. (The regexp's first branch wins whenever the
// second could match, so "5." matches only as "5".)
func isFloatText(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == len(s) {
		return i > 0
	}
	if s[i] != '.' {
		return false
	}
	j := i + 1
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	return j == len(s) && j > i+1
}

// jsParseFloat is a strict reading of a decimal number as the TS SDK's
// parseFloat sees it: a number followed by nothing else.
func jsParseFloat(s string) (float64, bool) {
	if s == "" || !isFloatText(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.TrimSuffix(s, "."), 64)
	return f, err == nil
}

// jsLess orders strings by UTF-16 code units, as JavaScript's default sort.
func jsLess(a, b string) bool {
	if isASCII(a) && isASCII(b) {
		return a < b
	}
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return ua[i] < ub[i]
		}
	}
	return len(ua) < len(ub)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// jsCmp is jsLess as a three-way comparison.
func jsCmp(a, b string) int {
	switch {
	case a == b:
		return 0
	case jsLess(a, b):
		return -1
	}
	return 1
}

// sortAttributes sorts attributes by key in locale order, stably.
func sortAttributes(a []Attribute) {
	if len(a) < 2 {
		return
	}
	slices.SortStableFunc(a, func(x, y Attribute) int { return localeCmp(x.Key, y.Key) })
}
