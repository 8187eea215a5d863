package sdl

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// The editor changes a document by patching its text at the positions of the
// yaml.v3 nodes it changes, so everything else — comments, blank lines, key
// order, quoting, indentation — stays byte for byte as the user wrote it.

// patch replaces text[start:end] with repl.
type patch struct {
	start, end int
	repl       string
}

// textIndex maps node positions to byte offsets in the document.
type textIndex struct {
	text   []byte
	lines  []int // byte offset of each line start (line 1 at index 0)
	parent map[*yaml.Node]*yaml.Node
}

func newTextIndex(text []byte, root *yaml.Node) *textIndex {
	ix := &textIndex{text: text, lines: []int{0}, parent: map[*yaml.Node]*yaml.Node{}}
	for i, c := range text {
		if c == '\n' {
			ix.lines = append(ix.lines, i+1)
		}
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range n.Content {
			ix.parent[c] = n
			walk(c)
		}
	}
	walk(root)
	return ix
}

// offset converts a 1-based line and column (in characters) to a byte offset.
func (ix *textIndex) offset(line, col int) int {
	if line < 1 || line > len(ix.lines) {
		return len(ix.text)
	}
	off := ix.lines[line-1]
	for c := 1; c < col && off < len(ix.text) && ix.text[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(ix.text[off:])
		off += size
	}
	return off
}

// lineEnd returns the offset of the newline ending the line holding off (or
// the end of the text).
func (ix *textIndex) lineEnd(off int) int {
	for off < len(ix.text) && ix.text[off] != '\n' {
		off++
	}
	return off
}

func (ix *textIndex) lineStart(off int) int {
	for off > 0 && ix.text[off-1] != '\n' {
		off--
	}
	return off
}

func (ix *textIndex) inFlow(n *yaml.Node) bool {
	for p := ix.parent[n]; p != nil; p = ix.parent[p] {
		if (p.Kind == yaml.MappingNode || p.Kind == yaml.SequenceNode) && p.Style&yaml.FlowStyle != 0 {
			return true
		}
	}
	return false
}

// start is the byte offset where a node's text begins.
func (ix *textIndex) start(n *yaml.Node) int { return ix.offset(n.Line, n.Column) }

// end is the byte offset just past a node's text.
func (ix *textIndex) end(n *yaml.Node) int {
	switch n.Kind {
	case yaml.ScalarNode, yaml.AliasNode:
		return ix.scalarEnd(n)
	case yaml.MappingNode, yaml.SequenceNode:
		if n.Style&yaml.FlowStyle != 0 {
			return ix.flowEnd(ix.start(n))
		}
		if len(n.Content) == 0 {
			return ix.start(n)
		}
		return ix.end(n.Content[len(n.Content)-1])
	}
	return ix.start(n)
}

func (ix *textIndex) scalarEnd(n *yaml.Node) int {
	s := ix.start(n)
	t := ix.text
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == "" {
		return s // empty value: nothing written
	}
	if n.Kind == yaml.ScalarNode {
		switch {
		case n.Style&yaml.DoubleQuotedStyle != 0:
			for i := s + 1; i < len(t); i++ {
				if t[i] == '\\' {
					i++
				} else if t[i] == '"' {
					return i + 1
				}
			}
			return len(t)
		case n.Style&yaml.SingleQuotedStyle != 0:
			for i := s + 1; i < len(t); i++ {
				if t[i] == '\'' {
					if i+1 < len(t) && t[i+1] == '\'' {
						i++
						continue
					}
					return i + 1
				}
			}
			return len(t)
		case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
			return ix.blockScalarEnd(s)
		}
	}
	flow := ix.inFlow(n)
	e := s
	for e < len(t) && t[e] != '\n' {
		if t[e] == '#' && e > s && (t[e-1] == ' ' || t[e-1] == '\t') {
			break
		}
		if flow && (t[e] == ',' || t[e] == ']' || t[e] == '}') {
			break
		}
		if t[e] == ':' && (e+1 == len(t) || strings.IndexByte(" \t\r\n", t[e+1]) >= 0 || flow && strings.IndexByte(",]}", t[e+1]) >= 0) {
			break
		}
		e++
	}
	for e > s && (t[e-1] == ' ' || t[e-1] == '\t' || t[e-1] == '\r') {
		e--
	}
	return e
}

// blockScalarEnd is the end of the last non-blank line of the literal or
// folded block scalar whose header (| or >) is at s. Its lines are the ones
// after the header indented at least as deep as the first non-blank one
// (which is deeper than the header's line), with blank lines between them; counting the lines of the value instead
// misses every line a folded scalar joins into another.
func (ix *textIndex) blockScalarEnd(s int) int {
	t := ix.text
	end := ix.lineEnd(s)
	indent := -1
	for off := end + 1; off < len(t); {
		le := ix.lineEnd(off)
		i := off
		for i < le && t[i] == ' ' {
			i++
		}
		blank := strings.TrimSpace(string(t[i:le])) == ""
		switch {
		case blank:
		case indent < 0 && i-off > ix.indentOf(s):
			indent = i - off
			end = le
		case indent >= 0 && i-off >= indent:
			end = le
		default:
			return end
		}
		off = le + 1
	}
	return end
}

// indentOf is the number of spaces that start the line holding off: the
// block scalar's content is indented deeper than the node holding it.
func (ix *textIndex) indentOf(off int) int {
	i := ix.lineStart(off)
	n := 0
	for i+n < len(ix.text) && ix.text[i+n] == ' ' {
		n++
	}
	return n
}

// flowEnd finds the bracket closing the flow collection opening at s.
func (ix *textIndex) flowEnd(s int) int {
	t := ix.text
	depth := 0
	for i := s; i < len(t); i++ {
		switch t[i] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '"':
			for i++; i < len(t) && t[i] != '"'; i++ {
				if t[i] == '\\' {
					i++
				}
			}
		case '\'':
			for i++; i < len(t); i++ {
				if t[i] == '\'' {
					if i+1 < len(t) && t[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
		case '#':
			if i > 0 && (t[i-1] == ' ' || t[i-1] == '\t') {
				i = ix.lineEnd(i) - 1
			}
		}
	}
	return len(t)
}

// afterColon returns the offset just past the ':' that follows a mapping key.
func (ix *textIndex) afterColon(key *yaml.Node) int {
	i := ix.end(key)
	for i < len(ix.text) && ix.text[i] != ':' {
		i++
	}
	if i < len(ix.text) {
		i++
	}
	return i
}

func applyPatches(text []byte, ps []patch) []byte {
	sort.Slice(ps, func(i, j int) bool { return ps[i].start > ps[j].start })
	out := append([]byte(nil), text...)
	for _, p := range ps {
		out = append(out[:p.start], append([]byte(p.repl), out[p.end:]...)...)
	}
	return out
}

// ---- rendering new YAML text ----

var plainSafeRe = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_./:@+-]*$`)

// renderScalar writes a string so that YAML reads it back as that string.
func renderScalar(s string) string {
	if plainSafeRe.MatchString(s) && !strings.Contains(s, ": ") {
		n := &yaml.Node{Kind: yaml.ScalarNode, Value: s}
		if n.ShortTag() == "!!str" {
			return s
		}
	}
	return strconv.Quote(s)
}

// renderBlock renders a new node as block YAML lines at the given indentation.
func renderBlock(n *yaml.Node, indent, step int) []string {
	pad := strings.Repeat(" ", indent)
	switch n.Kind {
	case yaml.MappingNode:
		var out []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			key := pad + renderScalar(k.Value) + ":"
			switch {
			case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
				out = append(out, key)
			case v.Kind == yaml.ScalarNode:
				out = append(out, key+" "+scalarText(v))
			case len(v.Content) == 0 && v.Kind == yaml.SequenceNode:
				out = append(out, key+" []")
			case len(v.Content) == 0:
				out = append(out, key+" {}")
			default:
				out = append(out, key)
				out = append(out, renderBlock(v, indent+step, step)...)
			}
		}
		return out
	case yaml.SequenceNode:
		var out []string
		for _, item := range n.Content {
			if item.Kind == yaml.ScalarNode {
				out = append(out, pad+"- "+scalarText(item))
				continue
			}
			lines := renderBlock(item, indent+2, step)
			if len(lines) == 0 {
				out = append(out, pad+"- {}")
				continue
			}
			lines[0] = pad + "- " + strings.TrimLeft(lines[0], " ")
			out = append(out, lines...)
		}
		return out
	}
	return []string{pad + scalarText(n)}
}

// renderFlow renders a node in flow style on one line.
func renderFlow(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		parts := make([]string, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			parts = append(parts, renderScalar(n.Content[i].Value)+": "+renderFlow(n.Content[i+1]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case yaml.SequenceNode:
		parts := make([]string, len(n.Content))
		for i, c := range n.Content {
			parts[i] = renderFlow(c)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	if n.Tag == "!!null" {
		return "null"
	}
	return scalarText(n)
}

// scalarText renders a scalar node: numbers and booleans plain, strings so
// they read back as strings (keeping the user's quoting when there was one).
func scalarText(n *yaml.Node) string {
	switch n.Tag {
	case "!!int", "!!float", "!!bool":
		return n.Value
	case "!!null":
		return ""
	}
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		return strconv.Quote(n.Value)
	case n.Style&yaml.SingleQuotedStyle != 0 && !strings.ContainsAny(n.Value, "\n"):
		return "'" + strings.ReplaceAll(n.Value, "'", "''") + "'"
	}
	return renderScalar(n.Value)
}

func strNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func numNode(s string) *yaml.Node {
	tag := "!!int"
	if strings.ContainsAny(s, ".eE") {
		tag = "!!float"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}
}

func nullNode() *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"} }

func mapNode(kv ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: kv}
}

func errNotFound(what string) error { return fmt.Errorf("%s not found", what) }
