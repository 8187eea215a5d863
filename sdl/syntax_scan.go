package sdl

import (
	"bytes"
	"unicode/utf8"
)

// blank overwrites the bytes from the start of pos's line to end (the end
// of a line) with spaces, keeping line breaks.
func (s *syntaxScan) blank(pos, end int) {
	ls, _ := s.lineBounds(pos)
	end = max(min(end, len(s.buf)), ls)
	for i := ls; i < end; i++ {
		if s.buf[i] != '\n' && s.buf[i] != '\r' {
			s.buf[i] = ' '
		}
	}
	if s.mlo < 0 || ls < s.mlo {
		s.mlo = ls
	}
	s.mhi = max(s.mhi, end)
}

// blockEnd is the end of the line starting at ls and of every following
// line indented deeper than it (its children), blank lines included.
func (s *syntaxScan) blockEnd(ls int) int {
	i := s.lineIndex(ls)
	_, end := s.lineBounds(s.lines[i])
	// A tab counts as one column: its children are every line indented
	// deeper by that count, so that none is left orphaned.
	ind := indentOf(s.buf[s.lines[i]:end])
	for i++; i < len(s.lines); i++ {
		_, ne := s.lineBounds(s.lines[i])
		if text := s.buf[s.lines[i]:ne]; len(bytes.TrimSpace(text)) > 0 && indentOf(text) <= ind {
			break
		}
		end = ne
	}
	return end
}

// visualIndent is the indentation of a line as an editor shows it, a tab
// reaching the next multiple of 8 columns.
func visualIndent(line []byte) int {
	col := 0
	for _, c := range line {
		switch c {
		case ' ':
			col++
		case '\t':
			col += 8 - col%8
		default:
			return col
		}
	}
	return col
}

func indentOf(line []byte) int { return len(line) - len(bytes.TrimLeft(line, " \t")) }

// lineStarts lists the offset of each line's first byte.
func lineStarts(b []byte) []int {
	starts := []int{0}
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineBounds gives the start and end (before the line break) of the line
// holding offset pos.
func (s *syntaxScan) lineBounds(pos int) (int, int) {
	ls := s.lineStartOf(pos)
	le := ls
	for le < len(s.buf) && s.buf[le] != '\n' {
		le++
	}
	if le > ls && s.buf[le-1] == '\r' {
		le--
	}
	return ls, le
}

func (s *syntaxScan) lineStartOf(pos int) int {
	i := s.lineIndex(pos)
	return s.lines[i]
}

func (s *syntaxScan) lineIndex(pos int) int {
	lo, hi := 0, len(s.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if s.lines[mid] <= pos {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// lineCol gives the 1-based line and column (in characters) of offset pos.
func (s *syntaxScan) lineCol(pos int) (int, int) {
	i := s.lineIndex(pos)
	return i + 1, utf8.RuneCount(s.buf[s.lines[i]:pos]) + 1
}

// flowSpan is a flow collection: its opening and closing bracket (-1 when
// never closed).
type flowSpan struct{ open, close int }

// flowScan is what a light scan of a YAML document finds: the quote of a
// quoted scalar still open at the end (-1 if none), the brackets never
// closed (innermost first) and every flow collection.
type flowScan struct {
	openQuote int
	unclosed  []int
	flows     []flowSpan
	quotes    []flowSpan // quoted scalars, from quote to quote
}

// scanFlow follows quoted scalars, flow brackets, comments, plain scalars
// and block scalars well enough to tell which quote or bracket is left
// open. It only proposes spots: callers check them with yaml.v3.
func scanFlow(b []byte) flowScan {
	fs := flowScan{openQuote: -1}
	var stack []int // indexes into fs.flows
	var quote byte
	qstart, block := -1, -1 // block: indent of a block scalar's parent line
	for ls := 0; ls < len(b); {
		le := ls
		for le < len(b) && b[le] != '\n' {
			le++
		}
		line := b[ls:le]
		ind := indentOf(line)
		i := ls
		switch {
		case quote != 0:
		case block >= 0 && (len(bytes.TrimSpace(line)) == 0 || ind > block):
			i = le // block scalar content
		default:
			block = -1
		}
	scan:
		for i < le {
			c := b[i]
			if quote != 0 {
				switch {
				case c == '\\' && quote == '"':
					i++
				case c == quote && quote == '\'' && i+1 < le && b[i+1] == '\'':
					i++
				case c == quote:
					quote = 0
					fs.quotes = append(fs.quotes, flowSpan{open: qstart, close: i})
				}
				i++
				continue
			}
			blankAfter := i+1 >= le || isBlank(b[i+1])
			switch {
			case c == ' ' || c == '\t' || c == '\r' || c == ',':
			case c == '"' || c == '\'':
				quote, qstart = c, i
			case c == '#':
				break scan
			case c == '[' || c == '{':
				fs.flows = append(fs.flows, flowSpan{open: i, close: -1})
				stack = append(stack, len(fs.flows)-1)
			case c == ']' || c == '}':
				for len(stack) > 0 {
					top := &fs.flows[stack[len(stack)-1]]
					stack = stack[:len(stack)-1]
					if closer(b[top.open]) == c {
						top.close = i
						break
					}
					fs.unclosed = append(fs.unclosed, top.open)
				}
			case (c == '-' || c == '?' || c == ':') && blankAfter:
			case c == '&' || c == '*' || c == '!':
				for i+1 < le && !isBlank(b[i+1]) && !bytes.ContainsRune([]byte(",[]{}"), rune(b[i+1])) {
					i++
				}
			case (c == '|' || c == '>') && len(stack) == 0:
				block = ind
				break scan
			default: // a plain scalar, up to ": ", " #" or (in a flow) an indicator
				for i+1 < le {
					n := b[i+1]
					if (n == ':' && (i+2 >= le || isBlank(b[i+2]))) || (n == '#' && isBlank(b[i])) ||
						(len(stack) > 0 && bytes.ContainsRune([]byte(",[]{}"), rune(n))) {
						break
					}
					i++
				}
			}
			i++
		}
		ls = le + 1
	}
	if quote != 0 {
		fs.openQuote = qstart
	}
	for j := len(stack) - 1; j >= 0; j-- {
		fs.unclosed = append(fs.unclosed, fs.flows[stack[j]].open)
	}
	return fs
}
