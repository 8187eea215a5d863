package sdl

import (
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"
)

// quoted reads a single- or double-quoted scalar that closes on the same
// line; end is the offset after the closing quote. s is part of t when
// view is true, a string of its own otherwise.
func quoted(t string, j int) (s string, end int, view, ok bool) {
	q := t[j]
	// most quoted scalars have no escapes: return them as a substring. The
	// first quote (or backslash in double quotes) is looked for eight
	// bytes at a time, then byte by byte at the line's end.
	qs, es := uint64(q)*lowBits, uint64(q)*lowBits
	if q == '"' {
		es = '\\' * lowBits
	}
	i := j + 1
	for ; i+8 <= len(t); i += 8 {
		x := le64(t, i)
		a, b := x^qs, x^es
		// a byte of a or b is zero where t has the quote or the escape
		if m := (^(((a & low7Bits) + low7Bits) | a) | ^(((b & low7Bits) + low7Bits) | b)) & highBits; m != 0 {
			i += bits.TrailingZeros64(m) >> 3
			break
		}
	}
	if i+8 > len(t) {
		for i < len(t) && t[i] != q && (q != '"' || t[i] != '\\') {
			i++
		}
	}
	if i < len(t) && t[i] == q && (q == '"' || i+1 == len(t) || t[i+1] != '\'') {
		return t[j+1 : i], i + 1, true, true
	}
	var b strings.Builder
	for i := j + 1; i < len(t); {
		c := t[i]
		switch {
		case c == q && q == '\'' && i+1 < len(t) && t[i+1] == '\'':
			b.WriteByte('\'')
			i += 2
		case c == q:
			return b.String(), i + 1, false, true
		case c == '\\' && q == '"':
			if i+1 == len(t) {
				return "", 0, false, false // an escaped line break
			}
			next, ok := unescape(&b, t, i+1)
			if !ok {
				return "", 0, false, false
			}
			i = next
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", 0, false, false
}

// unescape writes what the escape sequence at t[i] (just after a backslash)
// stands for, as yaml.v3 reads it; next is the offset after the sequence.
func unescape(b *strings.Builder, t string, i int) (next int, ok bool) {
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
	case ' ', '"', '\'', '\\':
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
		n := 2
		if t[i] == 'u' {
			n = 4
		} else if t[i] == 'U' {
			n = 8
		}
		if i+n >= len(t) {
			return 0, false
		}
		r, err := strconv.ParseUint(t[i+1:i+1+n], 16, 32)
		if err != nil || !utf8.ValidRune(rune(r)) {
			return 0, false
		}
		b.WriteRune(rune(r))
		return i + 1 + n, true
	default:
		return 0, false
	}
	return i + 1, true
}

// quotedLines reads a quoted scalar starting at offset j of line li that
// goes on over the next lines, folding its line breaks as libyaml does: a
// single break reads as a space, each further one (empty lines) as a line
// feed; blanks around breaks are dropped, and in double quotes a backslash
// before a break joins the lines. Like yaml.v3, it does not look at how far
// continuation lines are indented, but a document marker (--- or ...) at
// the start of one is an error. end is the offset after the closing quote
// on line endLine.
func (f *fastParser) quotedLines(li, j int) (s string, endLine, end int, ok bool) {
	t := f.text(li)
	q := t[j]
	var b strings.Builder
	i := j + 1
	// next moves to the following line
	next := func() bool {
		if li+1 >= len(f.lines) {
			return false
		}
		li++
		t, i = f.text(li), 0
		return true
	}
	for {
		if i == len(t) && li+1 >= len(f.lines) {
			return "", 0, 0, false // the document ends inside the quotes
		}
		if i == 0 && len(t) >= 3 && (t[:3] == "---" || t[:3] == "...") && (len(t) == 3 || t[3] == ' ') {
			return "", 0, 0, false // yaml.v3: unexpected document indicator
		}
		leadingBlanks := false
		for i < len(t) && t[i] != ' ' {
			c := t[i]
			if c == q && q == '\'' && i+1 < len(t) && t[i+1] == '\'' {
				b.WriteByte('\'')
				i += 2
				continue
			}
			if c == q {
				return b.String(), li, i + 1, true
			}
			if c == '\\' && q == '"' {
				if i+1 == len(t) {
					// an escaped line break: the lines join without a space
					if !next() {
						return "", 0, 0, false
					}
					leadingBlanks = true
					break
				}
				n, good := unescape(&b, t, i+1)
				if !good {
					return "", 0, 0, false
				}
				i = n
				continue
			}
			b.WriteByte(c)
			i++
		}
		if leadingBlanks && i < len(t) && t[i] == q {
			return b.String(), li, i + 1, true
		}
		// blanks and line breaks, then what they fold to
		spaces, breaks, leadingBreak := 0, 0, false
		for {
			if i < len(t) && t[i] == ' ' {
				if !leadingBlanks {
					spaces++
				}
				i++
				continue
			}
			if i == len(t) && li+1 < len(f.lines) {
				if !leadingBlanks {
					spaces, leadingBreak, leadingBlanks = 0, true, true
				} else {
					breaks++
				}
				if !next() {
					return "", 0, 0, false
				}
				continue
			}
			break
		}
		switch {
		case leadingBreak && breaks == 0:
			b.WriteByte(' ')
		case leadingBlanks:
			b.WriteString(strings.Repeat("\n", breaks))
		default:
			b.WriteString(strings.Repeat(" ", spaces))
		}
	}
}
