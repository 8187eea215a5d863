package sdl

import (
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Document is an SDL opened for editing. Each setter patches the YAML text
// where the value lives, so comments, key order and formatting elsewhere are
// kept; an edit that would turn a valid SDL into an invalid one is refused
// with the validation errors, and nothing is ever renamed.
type Document struct {
	text []byte
	root *yaml.Node // the top-level mapping
	step int        // indentation step of the document
}

// Edit opens an SDL for editing. The text must be YAML with a mapping at the
// top; it need not be a valid SDL (the editor can help fix one).
func Edit(data []byte) (*Document, error) {
	d := &Document{}
	if err := d.load(data); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Document) load(data []byte) error {
	doc, err := decodeYAML(data)
	if err != nil {
		return err
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return errors.New("editing SDL: the document is not a mapping")
	}
	d.text, d.root = data, doc.Content[0]
	d.step = detectStep(d.root)
	return nil
}

// Bytes returns the edited document.
func (d *Document) Bytes() []byte { return append([]byte(nil), d.text...) }

// SDL parses and validates the edited document.
func (d *Document) SDL() (*SDL, error) { return Parse(d.text) }

// detectStep finds the document's indentation step (2 when unknown).
func detectStep(root *yaml.Node) int {
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 {
			if s := v.Content[0].Column - k.Column; s > 0 && s <= 8 {
				return s
			}
		}
	}
	return 2
}

// apply runs an edit: it computes patches on the current text, applies them,
// re-reads the YAML and refuses the result if it breaks a valid SDL.
func (d *Document) apply(what string, build func(ix *textIndex) ([]patch, error)) error {
	ix := newTextIndex(d.text, d.root)
	ps, err := build(ix)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	text := applyPatches(d.text, ps)
	_, wasErr := Parse(d.text)
	if _, err := Parse(text); err != nil && wasErr == nil {
		return fmt.Errorf("%s: the edited SDL would be invalid: %w", what, err)
	}
	old := d.text
	if err := d.load(text); err != nil {
		_ = d.load(old)
		return fmt.Errorf("%s: internal error, the edit produced invalid YAML: %w", what, err)
	}
	return nil
}

// pair returns the key and value nodes of key in mapping m.
func pair(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// lookup follows mapping keys from the root; the error names the first
// missing key.
func (d *Document) lookup(keys ...string) (*yaml.Node, error) {
	n := d.root
	for i, k := range keys {
		_, v := pair(n, k)
		if v == nil {
			return nil, errNotFound(strings.Join(keys[:i+1], "."))
		}
		n = v
	}
	return n, nil
}

func isEmptyNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == ""
}

func inline(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode || n.Style&yaml.FlowStyle != 0 || len(n.Content) == 0
}

// valueEnd is where the value of a pair ends.
func (ix *textIndex) valueEnd(k, v *yaml.Node) int {
	if isEmptyNull(v) {
		return ix.afterColon(k)
	}
	if v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 {
		n := len(v.Content)
		return ix.valueEnd(v.Content[n-2], v.Content[n-1])
	}
	if v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 {
		last := v.Content[len(v.Content)-1]
		if last.Kind == yaml.MappingNode && last.Style&yaml.FlowStyle == 0 && len(last.Content) > 0 {
			n := len(last.Content)
			return ix.valueEnd(last.Content[n-2], last.Content[n-1])
		}
		return ix.end(last)
	}
	return ix.end(v)
}

// setValue sets key in mapping m to the new node, adding the key when missing.
func (d *Document) setValue(ix *textIndex, m *yaml.Node, key string, nv *yaml.Node) patch {
	k, v := pair(m, key)
	if k == nil {
		return d.insertPair(ix, m, key, nv)
	}
	if isEmptyNull(nv) {
		return patch{ix.afterColon(k), ix.valueEnd(k, v), ""}
	}
	if inline(nv) {
		text := renderFlow(nv)
		if nv.Kind == yaml.ScalarNode {
			text = scalarText(nv)
		}
		if !isEmptyNull(v) && inline(v) {
			return patch{ix.start(v), ix.end(v), text}
		}
		return patch{ix.afterColon(k), ix.valueEnd(k, v), " " + text}
	}
	lines := renderBlock(nv, k.Column-1+d.step, d.step)
	return patch{ix.afterColon(k), ix.valueEnd(k, v), "\n" + strings.Join(lines, "\n")}
}

// insertPair adds key: nv at the end of mapping m.
func (d *Document) insertPair(ix *textIndex, m *yaml.Node, key string, nv *yaml.Node) patch {
	if m.Style&yaml.FlowStyle != 0 || len(m.Content) == 0 {
		nm := mapNode(append(append([]*yaml.Node(nil), m.Content...), strNode(key), nv)...)
		return patch{ix.start(m), ix.end(m), renderFlow(nm)}
	}
	indent := m.Content[0].Column - 1
	lines := renderBlock(mapNode(strNode(key), nv), indent, d.step)
	n := len(m.Content)
	at := ix.lineEnd(ix.valueEnd(m.Content[n-2], m.Content[n-1]))
	return patch{at, at, "\n" + strings.Join(lines, "\n")}
}

// removePair deletes key from a block mapping (whole lines) or a flow one.
func (d *Document) removePair(ix *textIndex, m *yaml.Node, key string) (patch, bool) {
	k, v := pair(m, key)
	if k == nil {
		return patch{}, false
	}
	if m.Style&yaml.FlowStyle != 0 {
		var rest []*yaml.Node
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i] != k {
				rest = append(rest, m.Content[i], m.Content[i+1])
			}
		}
		return patch{ix.start(m), ix.end(m), renderFlow(mapNode(rest...))}, true
	}
	start := ix.lineStart(ix.start(k))
	end := ix.lineEnd(ix.valueEnd(k, v))
	if end < len(ix.text) {
		end++
	}
	return patch{start, end, ""}, true
}

// appendItem adds an item at the end of a sequence.
func (d *Document) appendItem(ix *textIndex, seq, item *yaml.Node) patch {
	if seq.Style&yaml.FlowStyle != 0 || len(seq.Content) == 0 {
		ns := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: append(append([]*yaml.Node(nil), seq.Content...), item)}
		return patch{ix.start(seq), ix.end(seq), renderFlow(ns)}
	}
	first := seq.Content[0]
	dash := ix.start(first)
	for dash > 0 && ix.text[dash] != '-' {
		dash--
	}
	indent := dash - ix.lineStart(dash)
	lines := renderBlock(&yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{item}}, indent, d.step)
	at := ix.lineEnd(ix.itemEnd(seq.Content[len(seq.Content)-1]))
	return patch{at, at, "\n" + strings.Join(lines, "\n")}
}

func (ix *textIndex) itemEnd(item *yaml.Node) int {
	if item.Kind == yaml.MappingNode && item.Style&yaml.FlowStyle == 0 && len(item.Content) > 0 {
		n := len(item.Content)
		return ix.valueEnd(item.Content[n-2], item.Content[n-1])
	}
	return ix.end(item)
}

// removeItems deletes the items at the given indexes of a sequence (not all).
func (d *Document) removeItems(ix *textIndex, seq *yaml.Node, drop map[int]bool) []patch {
	if seq.Style&yaml.FlowStyle != 0 {
		ns := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i, c := range seq.Content {
			if !drop[i] {
				ns.Content = append(ns.Content, c)
			}
		}
		return []patch{{ix.start(seq), ix.end(seq), renderFlow(ns)}}
	}
	var ps []patch
	for i, item := range seq.Content {
		if !drop[i] {
			continue
		}
		start := ix.lineStart(ix.start(item))
		var end int
		if i+1 < len(seq.Content) {
			end = ix.lineStart(ix.start(seq.Content[i+1]))
		} else {
			end = ix.lineEnd(ix.itemEnd(item))
			if end < len(ix.text) {
				end++
			}
		}
		ps = append(ps, patch{start, end, ""})
	}
	return ps
}

// resources returns profiles.compute.<profile>.resources.
func (d *Document) resources(profile string) (*yaml.Node, error) {
	r, err := d.lookup("profiles", "compute", profile, "resources")
	if err != nil {
		return nil, fmt.Errorf("compute profile %q: %w", profile, err)
	}
	if r.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("profiles.compute.%s.resources is not a mapping", profile)
	}
	return r, nil
}

// keepStyle renders a new scalar in the quoting style of the one it replaces.
func keepStyle(old *yaml.Node, nv *yaml.Node) *yaml.Node {
	if old != nil && old.Kind == yaml.ScalarNode && nv.Tag == "!!str" {
		nv.Style = old.Style & (yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle)
	}
	return nv
}
