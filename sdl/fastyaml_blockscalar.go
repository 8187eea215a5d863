package sdl

import "gopkg.in/yaml.v3"

// blockScalar reads a literal (|) or folded (>) scalar whose header is at
// offset j of line li, following libyaml's folding and chomping rules.
func (f *fastParser) blockScalar(li, j, parentIndent int, at pos) *value {
	t := f.text(li)
	literal := t[j] == '|'
	chomp := byte(0)
	k := j + 1
	if k < len(t) && (t[k] == '-' || t[k] == '+') {
		chomp = t[k]
		k++
	}
	if k < len(t) && t[k] != ' ' {
		return f.fail() // indentation indicators and the like: yaml.v3
	}
	if !onlyComment(t, k) {
		return f.fail()
	}
	idx := li + 1 // first line after the header
	// leading empty lines, then the first content line fixes the indentation
	first := idx
	maxEmpty := 0
	for first < len(f.lines) && f.lines[first].indent == f.lines[first].end-f.lines[first].start {
		maxEmpty = max(maxEmpty, int(f.lines[first].indent))
		first++
	}
	if first >= len(f.lines) {
		return f.fail()
	}
	ind := int(f.lines[first].indent)
	if ind <= parentIndent || maxEmpty > ind {
		return f.fail()
	}
	// size the text once: at most the block's lines with their breaks
	size := 0
	for m := idx; m < len(f.lines); m++ {
		line := &f.lines[m]
		if int(line.indent) < ind && line.indent < line.end-line.start {
			break
		}
		size += int(line.end-line.start) + 1
	}
	// the text goes into a byte slice of that size, read as a string when
	// done: strings.Builder checked itself on every write, and the breaks
	// held for folding are counted rather than concatenated
	buf := make([]byte, 0, size)
	leadingBreak := false // a line break is held before the next text
	trailingBreaks := 0   // and this many more, for the blank lines since
	leadingBlank := false
	end := idx
	for m := idx; m < len(f.lines); m++ {
		text := f.text(m)
		hasBreak := m+1 < len(f.lines)
		if len(text) <= ind && int(f.lines[m].indent) == len(text) {
			if hasBreak {
				trailingBreaks++
			}
			continue
		}
		if int(f.lines[m].indent) < ind {
			break
		}
		c := text[ind:]
		trailingBlank := c[0] == ' '
		if !literal && leadingBreak && !leadingBlank && !trailingBlank {
			if trailingBreaks == 0 {
				buf = append(buf, ' ')
			}
		} else if leadingBreak {
			buf = append(buf, '\n')
		}
		leadingBreak = false
		buf = appendBreaks(buf, trailingBreaks)
		trailingBreaks = 0
		leadingBlank = trailingBlank
		buf = append(buf, c...)
		if hasBreak {
			leadingBreak = true
		}
		end = m + 1
	}
	if chomp != '-' && leadingBreak {
		buf = append(buf, '\n')
	}
	if chomp == '+' {
		buf = appendBreaks(buf, trailingBreaks)
	}
	f.i = end
	f.skipBlank() // as every value, it ends on a line that is not blank
	style := yaml.FoldedStyle
	if literal {
		style = yaml.LiteralStyle
	}
	return f.scalarAt(viewString(buf), style, at) // buf is not written again
}

// appendBreaks appends n line feeds to buf.
func appendBreaks(buf []byte, n int) []byte {
	for range n {
		buf = append(buf, '\n')
	}
	return buf
}
