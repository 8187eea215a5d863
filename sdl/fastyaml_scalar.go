package sdl

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// plainKind classifies the plain scalars that do not need yaml.v3's tag
// resolution: kString for text it can only read as a string (it resolves
// other tags only for text starting with a digit, '.', '~', '<', a sign
// followed by a digit or '.', and the words true, false and null in three
// spellings each (yes, no, on and off are strings in yaml.v3); and digits
// followed by letters, like 512Mi, are strings unless they spell 0x/0o/0b
// or an exponent), kNumber for short decimal integers, kNull otherwise
// (ask yaml.v3).
func plainKind(s string) kind {
	if s == "" {
		return kNull
	}
	c := s[0]
	if !plainSpecial[c] {
		return kString // most scalars: no tag starts with c
	}
	switch {
	case c >= '1' && c <= '9' || c == '0' && len(s) == 1:
		i := 1
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
			i++
		}
		if i == len(s) {
			if len(s) <= 15 && strings.IndexByte(s, '.') < 0 {
				return kNumber
			}
			return kNull
		}
		for j := i; j < len(s); j++ {
			if l := s[j] | 0x20; l < 'a' || l > 'z' || l == 'e' {
				return kNull
			}
		}
		return kString
	case c == '-' || c == '+':
		// a sign then a letter ("-c", "--port") is no number yaml.v3 reads
		if len(s) > 1 && (s[1]|0x20 >= 'a' && s[1]|0x20 <= 'z' || s[1] == '-') {
			return kString
		}
		return kNull
	case c >= '0' && c <= '9', c == '.', c == '~', c == '<':
		return kNull
	}
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
		return kNull // the only words yaml.v3 resolves to another tag
	}
	return kString
}

// plainSpecial marks the first bytes of the plain scalars plainKind does
// not read as strings at once: numbers, signs, '.', '~', '<' and the first
// letters of true, false and null in their three spellings.
var plainSpecial = func() (t [256]bool) {
	for _, c := range []byte("0123456789-+.~<tTfFnN") {
		t[c] = true
	}
	return t
}()

func onlyComment(t string, i int) bool {
	for ; i < len(t); i++ {
		switch t[i] {
		case ' ':
		case '#':
			return t[i-1] == ' '
		default:
			return false
		}
	}
	return true
}

// plainScalar resolves a plain scalar, part of the text being read,
// exactly as the yaml.v3 path does.
func (f *fastParser) plainScalar(s string, at pos) *value {
	s = f.keep(s)
	if len(s) > 0 && !plainSpecial[s[0]] {
		return f.newScalar(kString, at, s) // plainKind's first test, without a call
	}
	if s == "<<" {
		// yaml.v3's parser tags a plain << as a merge key wherever it is
		return f.newScalar(kOther, at, s)
	}
	switch plainKind(s) {
	case kString:
		return f.newScalar(kString, at, s)
	case kNumber:
		// at most 15 digits: exact in a float64, as ParseFloat would read it
		n := 0
		for i := 0; i < len(s); i++ {
			n = n*10 + int(s[i]-'0')
		}
		v := f.newScalar(kNumber, at, s)
		v.num = float64(n)
		return v
	}
	// the common forms yaml.v3 would resolve the slow way
	switch {
	case s == "true" || s == "false":
		v := f.newScalar(kBool, at, s)
		v.b = s == "true"
		return v
	case simpleDecimal(s):
		n, _ := strconv.ParseFloat(s, 64)
		v := f.newScalar(kNumber, at, s)
		v.num = n
		return v
	}
	return f.resolved(s, 0, at)
}

// scalarAt resolves a scalar of any style exactly as the yaml.v3 path does;
// s is a string of its own, no view of the text being read.
func (f *fastParser) scalarAt(s string, style yaml.Style, at pos) *value {
	if style == 0 {
		return f.plainScalar(s, at)
	}
	if style&quotedOrBlock != 0 {
		// yaml.v3 tags an untagged quoted or block scalar !!str whatever
		// its text (Node.ShortTag): resolving it is a string, with no
		// yaml.Node to build
		return f.newScalar(kString, at, s)
	}
	return f.resolved(s, style, at)
}

// quotedOrBlock are the styles yaml.v3 always reads as strings.
const quotedOrBlock = yaml.SingleQuotedStyle | yaml.DoubleQuotedStyle | yaml.LiteralStyle | yaml.FoldedStyle

// resolved resolves a scalar with yaml.v3's own rules.
func (f *fastParser) resolved(s string, style yaml.Style, at pos) *value {
	n := yaml.Node{Kind: yaml.ScalarNode, Value: s, Style: style, Line: at.line, Column: at.col}
	v := f.newValue(kNull, at)
	fillScalar(v, &n)
	return v
}

// simpleDecimal reports a plain decimal fraction such as 0.5 or 12.25 (no
// sign, exponent or leading zeros), which YAML reads as a float.
func simpleDecimal(s string) bool {
	if len(s) < 3 || len(s) > 15 || s[0] == '0' && s[1] != '.' {
		return false
	}
	dot := strings.IndexByte(s, '.')
	if dot < 1 || dot == len(s)-1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i != dot && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}
