package sdl

import (
	"math"
	"strconv"
	"strings"
)

// jsNumber formats a float64 the way JavaScript's Number.prototype.toString does.
func jsNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	a := math.Abs(f)
	if a >= 1e21 || a < 1e-6 {
		s := strconv.FormatFloat(f, 'e', -1, 64) // 1e+21, 1.5e-7
		mant, exp, _ := strings.Cut(s, "e")
		if exp[0] == '+' || exp[0] == '-' {
			sign := exp[:1]
			exp = strings.TrimLeft(exp[1:], "0")
			return mant + "e" + sign + exp
		}
		return s
	}
	if f == math.Trunc(f) && a < 1<<53 {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// jsNumberText is jsNumber(v.num) for a number, reusing its YAML text when
// that already is the JavaScript form (up to 15 digits, no leading zero).
func jsNumberText(v *value) string {
	s := v.str
	if len(s) == 0 || len(s) > 15 || s[0] == '0' && len(s) > 1 {
		return jsNumber(v.num)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return jsNumber(v.num)
		}
	}
	return s
}

// jsString is JavaScript's String(v) for a loaded value.
func jsString(v *value) string {
	if v == nil {
		return "undefined"
	}
	switch v.kind {
	case kNull:
		return "null"
	case kBool:
		if v.b {
			return "true"
		}
		return "false"
	case kNumber:
		return jsNumber(v.num)
	case kString:
		return v.str
	case kSeq:
		parts := make([]string, len(v.seq))
		for i, e := range v.seq {
			if e.kind != kNull {
				parts[i] = jsString(e)
			}
		}
		return strings.Join(parts, ",")
	case kMap:
		return "[object Object]"
	}
	return v.str
}
