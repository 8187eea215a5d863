package sdl

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Severity tells an error (the SDL cannot be deployed) from a warning.
type Severity int

const (
	// SeverityError marks a problem that makes the SDL invalid.
	SeverityError Severity = iota
	// SeverityWarning marks something that is accepted but likely to hurt the user.
	SeverityWarning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one located problem in an SDL: the dotted path of the key
// (`services.web.expose[0].port`), the 1-based YAML line and column (0 when
// unknown), and the message.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	Path     string   `json:"path"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Message  string   `json:"message"`
}

// String renders the diagnostic as `path: message (line L, col C)`,
// leaving out what is unknown.
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.Path != "" {
		b.WriteString(d.Path)
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	switch {
	case d.Line > 0 && d.Column > 0:
		fmt.Fprintf(&b, " (line %d, col %d)", d.Line, d.Column)
	case d.Line > 0:
		fmt.Fprintf(&b, " (line %d)", d.Line)
	}
	return b.String()
}

// Error is the error Parse returns for an invalid SDL. It carries every error
// found, not only the first, in document order.
type Error struct {
	Diagnostics []Diagnostic
}

// Error joins all diagnostics, one per line.
func (e *Error) Error() string {
	parts := make([]string, len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		parts[i] = d.String()
	}
	return strings.Join(parts, "\n")
}

// diagList collects diagnostics while parsing.
type diagList struct {
	list []Diagnostic
}

func (l *diagList) add(sev Severity, at pos, path dpath, format string, args ...any) {
	msg := format // a message without verbs needs no formatting
	if len(args) > 0 || strings.IndexByte(format, '%') >= 0 {
		msg = fmt.Sprintf(format, args...)
	}
	l.addText(sev, at, path, msg)
}

// addText adds a diagnostic whose message is already made.
func (l *diagList) addText(sev Severity, at pos, path dpath, msg string) {
	if l.list == nil {
		l.list = make([]Diagnostic, 0, 4)
	}
	l.list = append(l.list, Diagnostic{Severity: sev, Path: path.String(), Line: at.line, Column: at.col, Message: msg})
}

func (l *diagList) errorAt(at pos, path dpath, format string, args ...any) {
	l.add(SeverityError, at, path, format, args...)
}

func (l *diagList) warnAt(at pos, path dpath, format string, args ...any) {
	l.add(SeverityWarning, at, path, format, args...)
}

// errorf reports an error located at v (which may be nil).
func (l *diagList) errorf(v *value, path dpath, format string, args ...any) {
	var at pos
	if v != nil {
		at = v.p
	}
	l.errorAt(at, path, format, args...)
}

func (l *diagList) warnf(v *value, path dpath, format string, args ...any) {
	var at pos
	if v != nil {
		at = v.p
	}
	l.warnAt(at, path, format, args...)
}

// split separates errors from warnings for Parse, which returns only the
// errors of an invalid SDL and only the warnings of a valid one: when there
// are errors the warnings are dropped, and the errors are moved to the front
// of the list in place, so neither case copies to a new list.
func (l *diagList) split() (errs, warns []Diagnostic) {
	n := 0
	for i := range l.list {
		if l.list[i].Severity == SeverityError {
			n++
		}
	}
	switch n {
	case 0:
		return nil, l.list
	case len(l.list):
		return l.list, nil
	}
	j := 0
	for i := range l.list {
		if l.list[i].Severity == SeverityError {
			l.list[j] = l.list[i]
			j++
		}
	}
	return l.list[:n:n], nil
}

// suggest returns the known key closest to an unknown one, or "" when none is
// close enough to be a likely typo.
func suggest(unknown string, known []string) string {
	best, bestD := "", 1<<30
	limit := 2
	if len(unknown) <= 4 {
		limit = 1
	}
	u := strings.ToLower(unknown)
	n := utf8.RuneCountInString(u)
	for _, k := range known {
		lk := strings.ToLower(k)
		if m := utf8.RuneCountInString(lk); m-n > limit || n-m > limit {
			continue // the distance is at least the length difference: too far
		}
		d := boundedDistance(u, lk, limit) // exact up to limit, which is all that can win
		if d < bestD {
			best, bestD = k, d
		}
	}
	if bestD <= limit {
		return best
	}
	return ""
}

// editDistance is the Damerau–Levenshtein (optimal string alignment) distance.
func editDistance(a, b string) int {
	return boundedDistance(a, b, max(len(a), len(b)))
}

// boundedDistance is editDistance(a, b) when that is at most limit, and
// some number over limit otherwise: it stops once no alignment can come
// back under limit, as most keys a typo is compared with are far from it.
func boundedDistance(a, b string, limit int) int {
	if len(a) < 64 && len(b) < 64 && isASCII(a) && isASCII(b) {
		// bytes are characters: work in stack buffers
		var ba, bb [64]byte
		var rows [3][65]int
		return osaDistance(append(ba[:0], a...), append(bb[:0], b...), rows[0][:], rows[1][:], rows[2][:], limit)
	}
	ra, rb := []rune(a), []rune(b)
	return osaDistance(ra, rb, make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1), limit)
}

// osaDistance is boundedDistance over characters, with three rows of at
// least len(rb)+1 ints to work in.
//
// The smallest entry of a row never falls below that of the row above:
// each entry comes from the row above or its left neighbour plus 0 or 1, or
// from a transposition two rows up, and a transposition's characters also
// match diagonally in the row above, which is then no larger. So once a
// row's smallest entry is over limit, the distance is too.
func osaDistance[T byte | rune](ra, rb []T, prev2, prev, cur []int, limit int) int {
	for j := 0; j <= len(rb); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
