package sdl

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// flowCursor walks a flow collection that may span lines.
type flowCursor struct {
	f    *fastParser
	line int // index into f.lines
	off  int // byte offset in that line
	min  int // continuation lines must be indented more than this
}

func (c *flowCursor) text() string { return c.f.text(c.line) }

func (c *flowCursor) pos() pos {
	return pos{c.line + 1, c.f.col(c.line, c.off)}
}

// skip passes spaces, comments and line breaks; ok is false at the end of
// the document or on a continuation line that is not indented enough.
func (c *flowCursor) skip() bool {
	for {
		t := c.text()
		for c.off < len(t) && t[c.off] == ' ' {
			c.off++
		}
		if c.off < len(t) && t[c.off] == '#' && (c.off == 0 || t[c.off-1] == ' ') {
			c.off = len(t)
		}
		if c.off < len(t) {
			return true
		}
		c.line++
		if c.line >= len(c.f.lines) {
			return false
		}
		c.off = 0
		if l := &c.f.lines[c.line]; l.flags&lineBlank == 0 && int(l.indent) <= c.min {
			return false
		}
	}
}

// flowValue reads a flow collection starting at offset j of line li.
func (f *fastParser) flowValue(li, j, parentIndent int) *value {
	c := &flowCursor{f: f, line: li, off: j, min: parentIndent}
	v := c.node(0)
	if v == nil || f.failed {
		return f.fail()
	}
	if !onlyComment(c.text(), c.off) {
		return f.fail()
	}
	f.i = c.line + 1
	return v
}

func (c *flowCursor) node(depth int) *value {
	if depth > maxDepth || !c.skip() {
		return nil
	}
	t := c.text()
	at := c.pos()
	switch t[c.off] {
	case '[':
		c.off++
		v := c.f.newValue(kSeq, at)
		for {
			if !c.skip() {
				return nil
			}
			if c.text()[c.off] == ']' {
				c.off++
				return v
			}
			item := c.node(depth + 1)
			if item == nil || !c.skip() {
				return nil
			}
			switch c.text()[c.off] {
			case ',':
				c.off++
			case ']':
			default:
				return nil // "a: b" pairs inside a list, or junk
			}
			v.seq = append(v.seq, item)
		}
	case '{':
		c.off++
		v := c.f.newValue(kMap, at)
		v.mapData = &mapData{}
		for {
			if !c.skip() {
				return nil
			}
			if c.text()[c.off] == '}' {
				c.off++
				v.jsOrder()
				return v
			}
			kp := c.pos()
			kline, koff := c.line, c.off
			k := c.node(depth + 1)
			if c.line != kline || c.off-koff > maxKeyLen {
				return nil // multi-line or over-long implicit keys: yaml.v3
			}
			if k == nil || k.kind == kSeq || k.kind == kMap || !c.skip() {
				return nil
			}
			t := c.text()
			if t[c.off] != ':' || c.off+1 >= len(t) || t[c.off+1] != ' ' {
				return nil
			}
			c.off++
			val := c.node(depth + 1)
			if val == nil || !c.skip() {
				return nil
			}
			switch c.text()[c.off] {
			case ',':
				c.off++
			case '}':
			default:
				return nil
			}
			if k.str == "<<" || contains(v.keys, k.str) {
				return nil // duplicates and merges: let yaml.v3 report or apply them
			}
			v.keys = append(v.keys, k.str)
			v.keyP = append(v.keyP, kp)
			v.vals = append(v.vals, val)
		}
	case '"', '\'':
		style := yaml.DoubleQuotedStyle
		if t[c.off] == '\'' {
			style = yaml.SingleQuotedStyle
		}
		s, end, view, ok := quoted(t, c.off)
		if !ok {
			return nil
		}
		if view {
			s = c.f.keep(s)
		}
		c.off = end
		return c.f.scalarAt(s, style, at)
	case ']', '}', ',', '#', '&', '*', '!', '|', '>', '%', '@', '`', '?', ':', '-':
		if t[c.off] == '-' && c.off+1 < len(t) && t[c.off+1] != ' ' && t[c.off+1] != ',' {
			break // "-1", "-x": a plain scalar
		}
		return nil
	}
	start := c.off
	i := start
	for i < len(t) {
		ch := t[i]
		if ch == ',' || ch == '[' || ch == ']' || ch == '{' || ch == '}' {
			break
		}
		if ch == ':' && (i+1 == len(t) || strings.IndexByte(" ,[]{}", t[i+1]) >= 0) {
			break
		}
		if ch == '#' && t[i-1] == ' ' {
			break
		}
		i++
	}
	s := strings.TrimRight(t[start:i], " ")
	c.off = i
	if i == len(t) || t[i] == '#' {
		// the scalar reaches the end of the line: the next thing must close
		// or separate, otherwise it continues on the next line
		line, off := c.line, c.off // only ints: copying *c would make f escape
		if !c.skip() {
			return nil
		}
		if ch := c.text()[c.off]; ch != ',' && ch != ']' && ch != '}' && ch != ':' {
			return nil
		}
		c.line, c.off = line, off
	}
	return c.f.plainScalar(s, at)
}
