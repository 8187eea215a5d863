package sdl

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// YAML syntax errors. yaml.v3 stops at the first syntax error and reports
// the line of the construct it was reading (often the line before the
// mistake) and no column. For an invalid document this file finds where
// each mistake is, in its own words, and then blanks out the lines it
// spoils and parses again, so that several mistakes are reported at once:
//
//   - the spot is found by asking yaml.v3 itself: the shortest prefix of the
//     document that fails with the same problem ends at the offending
//     character (searched by bisection), except for an unclosed quote or
//     bracket, where every longer prefix fails too: those are found by a
//     small quote- and bracket-aware scan, checked against yaml.v3;
//   - the blanked region is the offending line with every deeper-indented
//     line after it (its children), and for a flow collection everything to
//     its closing bracket, with spaces, so line numbers stay the same;
//   - a later error counts only when the text from it to what it spoils is
//     untouched and read as in the original: all of it after every blanked
//     region, or all of it on lines before the first (yaml.v3's scanner
//     reads ahead, so it can report a later mistake first); an unclosed
//     quote or bracket runs to the end, so it must follow every region;
//   - the search stops at the first error it cannot place exactly, so that
//     no error is an artefact of the blanking. Diagnostics are then sorted.
//
// Only invalid documents take this path; valid ones never reach it.

// maxSyntaxErrors bounds how many YAML syntax errors one document reports.
const maxSyntaxErrors = 10

// maxSyntaxParses bounds the yaml.v3 parses spent on one invalid document
// (each of a document no larger than the input).
const maxSyntaxParses = 240

// schemaNote ends the last syntax diagnostic: the schema is not checked.
const schemaNote = "; the SDL schema is checked once the YAML parses"

var yamlLineRe = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// yamlProblem splits a yaml.v3 error into its message and reported line
// (0 when it gives none).
func yamlProblem(err error) (msg string, line int) {
	s := err.Error()
	m := yamlLineRe.FindStringSubmatch(s)
	if m == nil {
		return s, 0
	}
	if m[1] != "" {
		line, _ = strconv.Atoi(m[1])
	}
	return s[len(m[0]):], line
}

// syntaxDiagnostics reports the YAML syntax errors of data, whose first
// yaml.v3 error is first.
func syntaxDiagnostics(data []byte, first error) []Diagnostic {
	s := &syntaxScan{buf: bytes.Clone(data), budget: maxSyntaxParses, mlo: -1, mhi: -1}
	s.lines = lineStarts(s.buf)
	var out []Diagnostic
	for err := first; err != nil; err = s.parse(len(s.buf)) {
		msg, yline := yamlProblem(err)
		f, ok := s.locate(msg, yline)
		if !ok {
			if len(out) == 0 { // the first error is always reported, as yaml.v3 gives it
				out = append(out, Diagnostic{Line: yline, Message: "invalid YAML: " + msg})
			}
			break
		}
		line, col := s.lineCol(f.pos)
		out = append(out, Diagnostic{Line: line, Column: col, Message: "invalid YAML: " + f.msg})
		if len(out) == maxSyntaxErrors {
			break
		}
		if s.buf[s.lineStartOf(f.pos)] == '%' {
			break // blanking a directive changes how the rest reads
		}
		from := f.pos
		if f.from >= 0 {
			from = f.from
		}
		s.blank(from, f.end)
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Line < out[j].Line || (out[i].Line == out[j].Line && out[i].Column < out[j].Column)
	})
	if len(out) == maxSyntaxErrors {
		out[len(out)-1].Message += fmt.Sprintf("; stopped after %d YAML errors", maxSyntaxErrors)
	}
	out[len(out)-1].Message += schemaNote
	return out
}

// errBudget ends the search when it has spent its parses.
var errBudget = errors.New("parse budget spent")

// syntaxScan is a document being searched for syntax errors.
type syntaxScan struct {
	buf      []byte
	lines    []int // offset of the first byte of each line
	budget   int
	mlo, mhi int // the first and last blanked byte (-1: none yet)
}

// clean tells whether the text from a to b is as the user wrote it and
// read by yaml.v3 as in the original: all of it after every blanked
// region, or all of it on lines before the first one. An error found there
// is not an artefact of the blanking.
func (s *syntaxScan) clean(a, b int) bool {
	if s.mhi < 0 || a >= s.mhi {
		return true
	}
	_, le := s.lineBounds(b)
	return le < s.mlo
}

// found is one located syntax error: the offending byte, the last byte of
// the construct it spoils (for blanking), and the message.
type found struct {
	pos, end int
	from     int // where blanking starts when not at pos's line (else -1)
	msg      string
}

// parse runs yaml.v3 on the first n bytes as decodeYAML does, returning
// its error (nil when they parse).
func (s *syntaxScan) parse(n int) (err error) {
	if s.budget <= 0 {
		return errBudget
	}
	s.budget--
	// What the fast reader accepts, yaml.v3 reads without error (FuzzParse
	// holds the two to the same tree), at a fraction of the cost.
	if _, ok, release := fastLoad(s.buf[:n]); ok {
		release()
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(s.buf[:n]))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return err
	}
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// failsWith tells whether the first n bytes fail with the problem msg.
func (s *syntaxScan) failsWith(n int, msg string) bool {
	err := s.parse(n)
	if err == nil || errors.Is(err, errBudget) {
		return false
	}
	m, _ := yamlProblem(err)
	return m == msg
}

// locate finds the error yaml.v3 reported as msg at line yline.
func (s *syntaxScan) locate(msg string, yline int) (found, bool) {
	switch {
	case msg == "found unexpected end of stream":
		return s.locateQuote()
	case strings.HasPrefix(msg, "did not find expected ',' or "):
		return s.locateFlow(msg, yline)
	case msg == "could not find expected ':'":
		return s.locateKeyLine(msg, yline)
	case msg == "did not find expected node content":
		if f, ok := s.locateUnclosed(); ok {
			return f, true // truncation inside a flow causes it too
		}
	}
	lo := 0
	if yline > 1 && yline <= len(s.lines) {
		lo = s.lines[yline-1] // yaml.v3's line is never after the error
	}
	pos, ok := s.bisect(msg, lo)
	if !ok || !s.clean(pos, pos) {
		return found{}, false
	}
	f := s.describe(msg, pos)
	start := f.pos
	if f.from >= 0 {
		start = min(start, f.from)
	}
	return f, s.clean(start, pos)
}

// bisect finds the offending byte: the last byte of the shortest prefix
// that fails with msg. Prefixes end at a blank boundary so that no token
// is cut in two (`a:b` cut after the colon would read as a key).
func (s *syntaxScan) bisect(msg string, lo int) (int, bool) {
	n := len(s.buf)
	cut := func(k int) bool {
		return k >= n || isBlank(s.buf[k]) || (k > 0 && isBlank(s.buf[k-1]))
	}
	next := func(k int) int {
		for !cut(k) {
			k++
		}
		return k
	}
	lo = next(lo)
	if lo >= n || s.failsWith(lo, msg) {
		return 0, false
	}
	hi := n // fails (the whole document does)
	// The error is usually a few bytes past yaml.v3's line: gallop from lo
	// before bisecting, so that most probes parse a short prefix.
	for step := 32; lo+step < hi; step *= 2 {
		if s.budget <= 0 {
			return 0, false
		}
		k := next(lo + step)
		if k >= hi {
			break
		}
		if s.failsWith(k, msg) {
			hi = k
			break
		}
		lo = k
	}
	for {
		mid := next(lo + (hi-lo)/2)
		if mid <= lo || mid >= hi {
			mid = next(lo + 1)
		}
		if mid >= hi {
			break
		}
		if s.budget <= 0 {
			return 0, false
		}
		if s.failsWith(mid, msg) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi - 1, true
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// describe turns a bisected problem into a message at the right spot.
func (s *syntaxScan) describe(msg string, pos int) found {
	ls, le := s.lineBounds(pos)
	line := s.buf[ls:le]
	indent := ls + len(line) - len(bytes.TrimLeft(line, " \t"))
	tab := bytes.IndexByte(s.buf[ls:indent], '\t')
	if s.buf[pos] != ':' || msg != "mapping values are not allowed in this context" {
		for pos > ls && !isBlank(s.buf[pos-1]) && !isBlank(s.buf[pos]) {
			pos-- // to the start of the offending token
		}
	}
	f := found{pos: pos, end: s.blockEnd(ls), from: -1}
	const mappingValues = "mapping values are not allowed in this context"
	switch {
	case tab >= 0 && pos <= indent && (strings.Contains(msg, "tab") || strings.Contains(msg, "cannot start any token")):
		f.pos = ls + tab
		f.msg = "tab character in the indentation: YAML indents with spaces only"
	case msg == "found character that cannot start any token":
		r, _ := utf8.DecodeRune(s.buf[pos:])
		f.msg = fmt.Sprintf("%q cannot start a value: put the value in quotes", r)
	case s.runawayQuote(&f):
	case msg == mappingValues && s.firstColon(ls, le) == pos:
		s.continuation(&f, ls, le, indent)
	case msg == mappingValues:
		f.msg = `unexpected ":": a value cannot hold another "key: value" on the same line (quote the value if the colon belongs to it)`
	case pos == indent && msg == "did not find expected key":
		f.msg = "bad indentation: this line does not line up with the keys above it"
	case pos == indent && msg == "did not find expected '-' indicator":
		f.msg = `bad indentation: this line lines up neither with the list items ("- ") above it nor with their keys`
	case msg == "did not find expected key":
		f.msg = "unexpected text after the value: expected a new key on the next line"
	default:
		f.msg = msg
	}
	return f
}

// runawayQuote handles the usual cause of an error just after a quoted
// scalar that spans lines: its closing quote is missing, so it ran on to
// the next quote. It moves f to the opening quote and reports so.
func (s *syntaxScan) runawayQuote(f *found) bool {
	var q flowSpan
	ok := false
	for _, span := range scanFlow(s.buf).quotes {
		if span.close <= f.pos {
			q, ok = span, true
		}
	}
	if !ok {
		return false
	}
	ql, _ := s.lineCol(q.open)
	cl, col := s.lineCol(q.close)
	fl, _ := s.lineCol(f.pos)
	between := s.buf[min(q.close+1, f.pos):f.pos]
	if ql == cl || cl < fl-1 || s.firstColon(q.close+1, f.pos) >= 0 || bytes.IndexByte(between, '#') >= 0 {
		return false
	}
	qs, _ := s.lineBounds(q.open)
	*f = found{pos: q.open, from: -1, end: max(f.end, s.blockEnd(qs)), msg: fmt.Sprintf(
		"unclosed quote: the string opened here by %c runs on to the %c at line %d, col %d; is its closing %c missing?",
		s.buf[q.open], s.buf[q.close], cl, col, s.buf[q.open])}
	return true
}

// continuation explains a key on a line that YAML reads as more text of
// the line above: that line holds text without a key, or a value that
// this deeper line continues. Blanking then takes that line too, as the
// lines after it would only repeat the error.
func (s *syntaxScan) continuation(f *found, ls, le, indent int) {
	f.msg = `unexpected ":" here`
	prev := s.prevLine(ls)
	if prev < 0 || s.buf[prev] == '%' {
		return
	}
	ps, pe := s.lineBounds(prev)
	pc := s.firstColon(ps, pe)
	l, _ := s.lineCol(prev)
	switch {
	case pc < 0:
		f.msg = fmt.Sprintf(`line %d is not a "key: value" pair, so YAML reads this line as more of its text`, l)
	case visualIndent(s.buf[ls:le]) > visualIndent(s.buf[ps:pe]) && len(bytes.TrimSpace(s.buf[pc+1:pe])) > 0:
		f.msg = fmt.Sprintf("bad indentation: this key is indented deeper than line %d, which makes it part of that line's value", l)
	default:
		return
	}
	f.pos, f.from, f.end = indent, ps, max(f.end, s.blockEnd(ps))
}

// prevLine is the start of the last line before the one starting at ls
// that is neither blank nor a comment, or -1.
func (s *syntaxScan) prevLine(ls int) int {
	for i := s.lineIndex(ls) - 1; i >= 0; i-- {
		_, le := s.lineBounds(s.lines[i])
		t := bytes.TrimSpace(s.buf[s.lines[i]:le])
		if len(t) > 0 && t[0] != '#' {
			return s.lines[i]
		}
	}
	return -1
}

// firstColon is the offset of the first value indicator (": " or ":" at
// the end) of a line outside quotes, or -1.
func (s *syntaxScan) firstColon(ls, le int) int {
	var quote byte
	for i := ls; i < le; i++ {
		c := s.buf[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case (c == '"' || c == '\'') && (i == ls || isBlank(s.buf[i-1])):
			quote = c
		case c == '#' && (i == ls || isBlank(s.buf[i-1])):
			return -1
		case c == ':' && (i+1 == le || isBlank(s.buf[i+1])):
			return i
		}
	}
	return -1
}

// locateKeyLine places "could not find expected ':'": a line that should
// hold a key holds only text. Cutting the document inside the text causes
// the same problem, so it is not bisected: yaml.v3 names the line, and the
// document must parse up to that line and fail with it.
func (s *syntaxScan) locateKeyLine(msg string, yline int) (found, bool) {
	if yline < 2 || yline > len(s.lines) {
		return found{}, false
	}
	ls, le := s.lineBounds(s.lines[yline-1])
	pos := ls + indentOf(s.buf[ls:le])
	next := min(le+1, len(s.buf))
	if pos == le || !s.clean(pos, pos) || s.firstColon(ls, le) >= 0 || s.parse(ls) != nil || !s.failsWith(next, msg) {
		return found{}, false
	}
	return found{pos: pos, from: -1, end: s.blockEnd(ls),
		msg: `expected "key: value", but this line has no ":" after its text`}, true
}

// locateQuote finds the opening quote of a quoted scalar that never ends:
// the last quote the scan sees open at the end, checked with yaml.v3 (the
// document cut just before it does not end inside a quote, cut just after
// it does).
func (s *syntaxScan) locateQuote() (found, bool) {
	q := scanFlow(s.buf).openQuote
	if q < 0 || !s.clean(q, len(s.buf)) {
		return found{}, false
	}
	const eos = "found unexpected end of stream"
	if s.failsWith(q, eos) || !s.failsWith(q+1, eos) {
		return found{}, false
	}
	ls, _ := s.lineBounds(q)
	return found{pos: q, from: -1, end: s.blockEnd(ls),
		msg: fmt.Sprintf("unclosed quote: the string opened here by %c never ends", s.buf[q])}, true
}

// locateFlow finds the bracket of a flow collection yaml.v3 could not
// finish: one never closed, or else the one opened on the reported line
// (whose items are then not separated by commas).
func (s *syntaxScan) locateFlow(msg string, yline int) (found, bool) {
	open, what := byte('['), "list"
	if strings.HasSuffix(msg, "'}'") {
		open, what = '{', "mapping"
	}
	if f, ok := s.locateUnclosed(open); ok {
		return f, true
	}
	fs := scanFlow(s.buf)
	// yaml.v3 names the line before the one where the collection opens.
	for _, fl := range fs.flows {
		if s.buf[fl.open] != open || fl.close < 0 || !s.clean(fl.open, fl.close) {
			continue
		}
		if l, _ := s.lineCol(fl.open); l == yline+1 || (yline <= 1 && l <= 2) {
			ls, _ := s.lineBounds(fl.open)
			return found{pos: fl.open, from: -1, end: max(s.blockEnd(ls), s.blockEnd(s.lineStartOf(fl.close))),
				msg: fmt.Sprintf("invalid flow %s: its items must be separated by commas (expected ',' or '%c')", what, closer(open))}, true
		}
	}
	return found{}, false
}

// locateUnclosed finds the innermost bracket (of one of the kinds given,
// or any) never closed.
func (s *syntaxScan) locateUnclosed(kinds ...byte) (found, bool) {
	fs := scanFlow(s.buf)
	if fs.openQuote >= 0 {
		return found{}, false
	}
	for _, b := range fs.unclosed {
		open := s.buf[b]
		if !s.clean(b, len(s.buf)) || (len(kinds) > 0 && !bytes.Contains(kinds, []byte{open})) {
			continue
		}
		what := "list"
		if open == '{' {
			what = "mapping"
		}
		ls, _ := s.lineBounds(b)
		return found{pos: b, from: -1, end: s.blockEnd(ls),
			msg: fmt.Sprintf("unclosed %c: the flow %s opened here has no closing %c", open, what, closer(open))}, true
	}
	return found{}, false
}

func closer(open byte) byte {
	if open == '[' {
		return ']'
	}
	return '}'
}
