package templates

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// placeholderPattern matches {{name}} (spaces inside the braces allowed).
var placeholderPattern = regexp.MustCompile(`\{\{\s*([a-z][a-z0-9_]*)\s*\}\}`)

// Placeholders are swapped for sentinels before YAML parsing, because a bare
// {{x}} is a YAML flow mapping. A sentinel is a plain scalar anywhere a value
// may stand; parameter names never contain "__", so the closing marker is
// unambiguous.
const sentinelPrefix, sentinelSuffix = "__AKT_", "__"

var sentinelPattern = regexp.MustCompile(`__AKT_([a-z][a-z0-9]*(?:_[a-z0-9]+)*)__`)

// envItemPattern recognises KEY=value list items so paths can name them.
var envItemPattern = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_.]*)=`)

// Env item labels show placeholders in names as {{name}}.

// parseSource replaces placeholders by sentinels and parses the SDL source.
func parseSource(src []byte) (*yaml.Node, error) {
	if bytes.Contains(src, []byte(sentinelPrefix)) {
		return nil, fmt.Errorf("deploy.yaml must not contain the reserved text %q", sentinelPrefix)
	}
	text := placeholderPattern.ReplaceAll(src, []byte(sentinelPrefix+"${1}"+sentinelSuffix))
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		return nil, fmt.Errorf("parsing deploy.yaml: %w", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("deploy.yaml must hold one YAML mapping")
	}
	return &doc, nil
}

// placement is one occurrence of a placeholder in the SDL.
type placement struct {
	path   string
	whole  bool // the scalar is exactly the placeholder
	node   *yaml.Node
	parent *yaml.Node // the sequence holding node, if node is an item
}

// findPlacements walks the document and returns every placeholder occurrence by
// parameter name. Placeholders in mapping keys are errors.
func findPlacements(doc *yaml.Node) (map[string][]placement, error) {
	found := map[string][]placement{}
	var walk func(n *yaml.Node, path string, parent *yaml.Node) error
	walk = func(n *yaml.Node, path string, parent *yaml.Node) error {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				if err := walk(c, path, nil); err != nil {
					return err
				}
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if sentinelPattern.MatchString(k.Value) {
					return fmt.Errorf("deploy.yaml line %d: a placeholder cannot be a mapping key", k.Line)
				}
				child := k.Value
				if path != "" {
					child = path + "." + k.Value
				}
				if err := walk(n.Content[i+1], child, nil); err != nil {
					return err
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				label := strconv.Itoa(i)
				if c.Kind == yaml.ScalarNode {
					if m := envItemPattern.FindStringSubmatch(c.Value); m != nil {
						label = sentinelPattern.ReplaceAllString(m[1], "{{${1}}}")
					} else if sentinelPattern.FindString(c.Value) == c.Value {
						label = "" // a list spliced into this sequence
					}
				}
				if err := walk(c, path+"["+label+"]", n); err != nil {
					return err
				}
			}
		case yaml.ScalarNode:
			matches := sentinelPattern.FindAllStringSubmatchIndex(n.Value, -1)
			for _, m := range matches {
				name := n.Value[m[2]:m[3]]
				whole := m[0] == 0 && m[1] == len(n.Value)
				found[name] = append(found[name], placement{path: path, whole: whole, node: n, parent: parent})
			}
		case yaml.AliasNode:
			// Aliases point at anchored nodes already walked.
		}
		return nil
	}
	if err := walk(doc, "", nil); err != nil {
		return nil, err
	}
	return found, nil
}

// Render fills the template's parameters (see Resolve for how values combine),
// writes each value with correct YAML quoting, and checks the result with the
// catalog's Validator. Errors name the parameter or the SDL problem.
func (t *Template) Render(values map[string]string) (string, error) {
	resolved, err := t.Resolve(values)
	if err != nil {
		return "", err
	}
	out, err := t.fill(resolved)
	if err != nil {
		return "", err
	}
	if t.validate != nil {
		if err := t.validate(out); err != nil {
			return "", fmt.Errorf("template %s renders an invalid SDL: %w", t.ID, err)
		}
	}
	return string(out), nil
}

// fill substitutes already resolved values into a fresh parse of the source.
// A template without parameters (an imported one) is returned byte for byte.
func (t *Template) fill(resolved map[string]string) ([]byte, error) {
	if len(t.Params) == 0 {
		return bytes.Clone(t.sdl), nil
	}
	doc, err := parseSource(t.sdl)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", t.ID, err)
	}
	places, err := findPlacements(doc)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", t.ID, err)
	}
	parsed := make(map[string]value, len(t.Params))
	for _, p := range t.Params {
		v, err := p.parse(resolved[p.Name])
		if err != nil {
			return nil, &ParamError{Template: t.ID, Param: p.Name, Value: resolved[p.Name], Reason: err.Error()}
		}
		parsed[p.Name] = v
	}
	// Embedded placeholders first: several may share one scalar.
	done := map[*yaml.Node]bool{}
	for _, list := range places {
		for _, pl := range list {
			if pl.whole || done[pl.node] {
				continue
			}
			done[pl.node] = true
			pl.node.Value = sentinelPattern.ReplaceAllStringFunc(pl.node.Value, func(s string) string {
				return parsed[sentinelPattern.FindStringSubmatch(s)[1]].text
			})
			pl.node.Tag = "!!str"
			pl.node.Style = scalarStyle(pl.node.Value, pl.node.Style)
		}
	}
	for name, list := range places {
		for _, pl := range list {
			switch {
			case pl.whole && pl.parent != nil && parsed[name].list:
				splice(pl.parent, pl.node, parsed[name])
			case pl.whole:
				setNode(pl.node, parsed[name], t.Param(name).Type)
			}
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("template %s: writing YAML: %w", t.ID, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("template %s: writing YAML: %w", t.ID, err)
	}
	return buf.Bytes(), nil
}

// setNode turns a placeholder scalar into the value's YAML form. The style is
// reset so the encoder quotes strings exactly when plain text would be read
// back as something else.
func setNode(n *yaml.Node, v value, typ ParamType) {
	n.Style = 0
	n.Anchor = ""
	if !v.list {
		n.Kind = yaml.ScalarNode
		n.Tag = v.tag
		n.Value = v.text
		if v.tag == "!!str" {
			n.Style = scalarStyle(v.text, 0)
		}
		return
	}
	n.Kind = yaml.SequenceNode
	n.Tag = "!!seq"
	n.Value = ""
	n.Content = nil
	if len(v.items) == 0 {
		n.Style = yaml.FlowStyle
	}
	for _, item := range v.items {
		scalar := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: item, Style: scalarStyle(item, 0)}
		if typ == TypeGPUModels {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{
				{Kind: yaml.ScalarNode, Tag: "!!str", Value: "model"}, scalar,
			}})
			continue
		}
		n.Content = append(n.Content, scalar)
	}
}

// splice replaces the item node of seq by the list's items, so a list
// placeholder written as one sequence item adds zero or more items.
func splice(seq, node *yaml.Node, v value) {
	i := slices.Index(seq.Content, node)
	if i < 0 {
		return
	}
	items := make([]*yaml.Node, len(v.items))
	for j, item := range v.items {
		items[j] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: item, Style: scalarStyle(item, 0)}
	}
	seq.Content = slices.Concat(seq.Content[:i], items, seq.Content[i+1:])
}

// checkPlacements verifies, when a template is loaded, that placeholders and
// parameters match one to one and that each parameter's declared targets are
// where its placeholders are.
func (t *Template) checkPlacements() error {
	doc, err := parseSource(t.sdl)
	if err != nil {
		return err
	}
	places, err := findPlacements(doc)
	if err != nil {
		return err
	}
	for name := range places {
		if t.Param(name) == nil {
			return fmt.Errorf("deploy.yaml uses {{%s}} but template.json declares no such parameter", name)
		}
	}
	for _, p := range t.Params {
		list := places[p.Name]
		if len(list) == 0 && !p.isPreset() {
			return fmt.Errorf("parameter %q is declared but deploy.yaml never uses {{%s}}", p.Name, p.Name)
		}
		paths := []string{}
		for _, pl := range list {
			if (p.List || p.Type == TypeGPUModels) && !pl.whole {
				return fmt.Errorf("parameter %q is a list and must be a whole YAML value at %s", p.Name, pl.path)
			}
			paths = append(paths, pl.path)
			if p.Type == TypeGPUModels {
				vendor, ok := gpuVendorFromPath(pl.path)
				if !ok {
					return fmt.Errorf("parameter %q: a gpu-model list must sit under resources.gpu.attributes.vendor.<vendor>, not %s", p.Name, pl.path)
				}
				p.vendor = vendor
			}
		}
		want := append([]string{}, p.Targets...)
		slices.Sort(paths)
		slices.Sort(want)
		if !slices.Equal(paths, want) {
			return fmt.Errorf("parameter %q: targets %q do not match where deploy.yaml uses it: %q", p.Name, p.Targets, paths)
		}
	}
	return nil
}

func gpuVendorFromPath(path string) (string, bool) {
	const marker = ".resources.gpu.attributes.vendor."
	i := strings.LastIndex(path, marker)
	if i < 0 {
		return "", false
	}
	vendor := path[i+len(marker):]
	return vendor, vendor != "" && !strings.ContainsAny(vendor, ".[")
}

// isPreset reports whether p is an enum whose every choice sets other
// parameters; such a parameter may be used nowhere in the SDL itself.
func (p *Param) isPreset() bool {
	if p.Type != TypeEnum || len(p.Choices) == 0 {
		return false
	}
	for _, c := range p.Choices {
		if len(c.Sets) == 0 {
			return false
		}
	}
	return true
}

// scalarStyle picks how a substituted string is written. yaml.v3 chooses
// well for single-line text (style 0), but its block scalars mangle text
// that starts with a line break or blank ("\n" reads back empty, "\na" is
// invalid YAML). A template's own block style is kept for ordinary
// multi-line text (scripts stay readable); anything else with a line break
// is double-quoted, which escapes every character.
func scalarStyle(value string, current yaml.Style) yaml.Style {
	if !strings.ContainsAny(value, "\n\r\u0085\u2028\u2029") {
		if current == yaml.LiteralStyle || current == yaml.FoldedStyle {
			return current
		}
		return 0
	}
	block := current == yaml.LiteralStyle || current == yaml.FoldedStyle
	if block && !strings.ContainsAny(value, "\r\u0085\u2028\u2029") && value[0] != '\n' && value[0] != ' ' && value[0] != '\t' {
		return current
	}
	return yaml.DoubleQuotedStyle
}
