package sdl

import (
	"strconv"
	"strings"
	"unicode/utf8"

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

// quoted reads a single- or double-quoted scalar that closes on the same
// line; end is the offset after the closing quote.
func quoted(t string, j int) (s string, end int, ok bool) {
	q := t[j]
	// most quoted scalars have no escapes: return them as a substring
	for i := j + 1; i < len(t); i++ {
		if t[i] == q && (q == '"' || i+1 == len(t) || t[i+1] != '\'') {
			return t[j+1 : i], i + 1, true
		}
		if q == '"' && t[i] == '\\' || q == '\'' && t[i] == '\'' {
			break
		}
	}
	if q == '\'' {
		var b strings.Builder
		for i := j + 1; i < len(t); i++ {
			if t[i] == '\'' {
				if i+1 < len(t) && t[i+1] == '\'' {
					b.WriteByte('\'')
					i++
					continue
				}
				return b.String(), i + 1, true
			}
			b.WriteByte(t[i])
		}
		return "", 0, false
	}
	var b strings.Builder
	for i := j + 1; i < len(t); i++ {
		c := t[i]
		if c == '"' {
			return b.String(), i + 1, true
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(t) {
			return "", 0, false
		}
		switch t[i] {
		case '0':
			b.WriteByte(0)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 't', '\t':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'v':
			b.WriteByte('\v')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case ' ', '"', '/', '\\':
			b.WriteByte(t[i])
		case 'N':
			b.WriteString("\u0085")
		case '_':
			b.WriteString("\u00a0")
		case 'L':
			b.WriteString("\u2028")
		case 'P':
			b.WriteString("\u2029")
		case 'x', 'u', 'U':
			n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[t[i]]
			if i+n >= len(t) {
				return "", 0, false
			}
			r, err := strconv.ParseUint(t[i+1:i+1+n], 16, 32)
			if err != nil || !utf8.ValidRune(rune(r)) {
				return "", 0, false
			}
			b.WriteRune(rune(r))
			i += n
		default:
			return "", 0, false
		}
	}
	return "", 0, false
}

// scalarAt resolves a scalar exactly as the yaml.v3 path does.
func (f *fastParser) scalarAt(s string, style yaml.Style, at pos) *value {
	if style == 0 {
		if s == "<<" {
			// yaml.v3's parser tags a plain << as a merge key wherever it is
			return f.newValue(value{kind: kOther, str: s, p: at})
		}
		switch plainKind(s) {
		case kString:
			return f.newValue(value{kind: kString, str: s, p: at})
		case kNumber:
			n, _ := strconv.ParseFloat(s, 64)
			return f.newValue(value{kind: kNumber, num: n, str: s, p: at})
		}
		// the common forms yaml.v3 would resolve the slow way
		switch {
		case s == "true" || s == "false":
			return f.newValue(value{kind: kBool, b: s == "true", str: s, p: at})
		case simpleDecimal(s):
			n, _ := strconv.ParseFloat(s, 64)
			return f.newValue(value{kind: kNumber, num: n, str: s, p: at})
		}
	}
	n := yaml.Node{Kind: yaml.ScalarNode, Value: s, Style: style, Line: at.line, Column: at.col}
	v := f.newValue(value{})
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
