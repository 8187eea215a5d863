package sdl

import (
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// pos is a 1-based line and column in the document (0 when unknown).
type pos struct{ line, col int }

func posOf(n *yaml.Node) pos {
	if n == nil {
		return pos{}
	}
	return pos{n.Line, n.Column}
}

// kind is the JavaScript type a YAML node loads as in the official TS SDK
// (js-yaml, core schema). akt validates types the way the SDK's JSON schema does.
type kind int

const (
	kNull kind = iota
	kBool
	kNumber
	kString
	kSeq
	kMap
	kOther // timestamps, binary and other tagged values: never valid in an SDL
)

// String names the kind as messages do.
func (k kind) String() string {
	switch k {
	case kNull:
		return "null"
	case kBool:
		return "boolean"
	case kNumber:
		return "number"
	case kString:
		return "string"
	case kSeq:
		return "list"
	case kMap:
		return "mapping"
	}
	return "tagged value"
}

// value is one loaded YAML node with its location. Mapping keys keep the order a
// JavaScript object would give them (integer-like keys first, then insertion order),
// because the TS SDK's output order depends on it.
type value struct {
	kind     kind
	b        bool
	num      float64
	str      string // string value, or the source text of a scalar of any kind
	seq      []*value
	p        pos
	*mapData // mappings only
}

// mapData holds a mapping's keys, their positions and values, in JS order.
type mapData struct {
	keys []string
	keyP []pos
	vals []*value
}

func (v *value) line() int { return v.p.line }
func (v *value) col() int  { return v.p.col }

// get returns the value of key in a mapping, or nil.
func (v *value) get(key string) *value {
	if v == nil || v.kind != kMap {
		return nil
	}
	for i, k := range v.keys {
		if k == key {
			return v.vals[i]
		}
	}
	return nil
}

// has reports whether a mapping has the key at all (even with a null value).
func (v *value) has(key string) bool {
	if v == nil || v.kind != kMap {
		return false
	}
	for _, k := range v.keys {
		if k == key {
			return true
		}
	}
	return false
}

// present reports whether v exists and is not null (JS: value != null).
func (v *value) present() bool { return v != nil && v.kind != kNull }

// loader converts a yaml.v3 node tree to values, reporting duplicate keys.
type loader struct {
	diags *diagList
	depth int
	nodes int // values loaded so far, aliases expanded
}

const (
	maxDepth = 200
	// maxNodes bounds alias expansion ("billion laughs"): real SDLs have a
	// few hundred nodes.
	maxNodes = 200000
)

func (l *loader) load(n *yaml.Node, path string) *value {
	l.depth++
	defer func() { l.depth-- }()
	l.nodes++
	if l.depth > maxDepth || l.nodes > maxNodes {
		if l.nodes == maxNodes+1 || l.depth == maxDepth+1 {
			l.diags.errorAt(posOf(n), rawPath(path), "document too large or nested too deeply (aliases expand to over %d values)", maxNodes)
		}
		return &value{kind: kNull, p: posOf(n)}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return &value{kind: kNull, p: posOf(n)}
		}
		return l.load(n.Content[0], path)
	case yaml.AliasNode:
		if n.Alias == nil {
			return &value{kind: kNull, p: posOf(n)}
		}
		return l.load(n.Alias, path)
	case yaml.SequenceNode:
		v := &value{kind: kSeq, p: posOf(n), seq: make([]*value, 0, len(n.Content))}
		for i, c := range n.Content {
			v.seq = append(v.seq, l.load(c, indexPathString(path, i)))
		}
		return v
	case yaml.MappingNode:
		return l.loadMap(n, path)
	case yaml.ScalarNode:
		return scalar(n)
	}
	return &value{kind: kNull, p: posOf(n)}
}

func (l *loader) loadMap(n *yaml.Node, path string) *value {
	v := &value{kind: kMap, p: posOf(n), mapData: &mapData{}}
	seen := make(map[string]bool, len(n.Content)/2)
	add := func(kn pos, key string, val *value) {
		if seen[key] {
			l.diags.errorAt(kn, rawPath(joinPathString(path, key)), "duplicate key %q", key)
			return
		}
		seen[key] = true
		v.keys = append(v.keys, key)
		v.keyP = append(v.keyP, kn)
		v.vals = append(v.vals, val)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		if kn.Kind == yaml.ScalarNode && kn.Tag == "!!merge" {
			l.merge(v, vn, path, seen)
			continue
		}
		if kn.Kind != yaml.ScalarNode {
			l.diags.errorAt(posOf(kn), rawPath(path), "mapping keys must be plain text")
			continue
		}
		key := kn.Value
		add(posOf(kn), key, l.load(vn, joinPathString(path, key)))
	}
	v.jsOrder()
	return v
}

// merge applies a YAML merge key (<<): keys already present win.
func (l *loader) merge(v *value, src *yaml.Node, path string, seen map[string]bool) {
	m := l.load(src, path)
	var maps []*value
	switch m.kind {
	case kMap:
		maps = []*value{m}
	case kSeq:
		maps = m.seq
	default:
		l.diags.errorAt(posOf(src), rawPath(path), "merge key (<<) needs a mapping")
		return
	}
	for _, mm := range maps {
		if mm.kind != kMap {
			l.diags.errorAt(posOf(src), rawPath(path), "merge key (<<) needs a mapping")
			continue
		}
		for i, k := range mm.keys {
			if seen[k] {
				continue
			}
			seen[k] = true
			v.keys = append(v.keys, k)
			v.keyP = append(v.keyP, mm.keyP[i])
			v.vals = append(v.vals, mm.vals[i])
		}
	}
}

// jsOrder moves integer-like keys first in ascending order, as JS objects do.
func (v *value) jsOrder() {
	n := 0
	for _, k := range v.keys {
		if isArrayIndex(k) {
			n++
		}
	}
	if n == 0 {
		return
	}
	type ent struct {
		k  string
		kn pos
		v  *value
	}
	ints := make([]ent, 0, n)
	rest := make([]ent, 0, len(v.keys)-n)
	for i, k := range v.keys {
		e := ent{k, v.keyP[i], v.vals[i]}
		if isArrayIndex(k) {
			ints = append(ints, e)
		} else {
			rest = append(rest, e)
		}
	}
	// insertion sort: few keys
	for i := 1; i < len(ints); i++ {
		for j := i; j > 0; j-- {
			a, _ := strconv.ParseUint(ints[j-1].k, 10, 64)
			b, _ := strconv.ParseUint(ints[j].k, 10, 64)
			if a <= b {
				break
			}
			ints[j-1], ints[j] = ints[j], ints[j-1]
		}
	}
	all := append(ints, rest...)
	for i, e := range all {
		v.keys[i], v.keyP[i], v.vals[i] = e.k, e.kn, e.v
	}
}

func isArrayIndex(k string) bool {
	if k == "" || len(k) > 10 || (len(k) > 1 && k[0] == '0') {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < '0' || k[i] > '9' {
			return false
		}
	}
	n, err := strconv.ParseUint(k, 10, 64)
	return err == nil && n < math.MaxUint32
}

// scalar resolves a scalar node to its JS value under js-yaml's core schema.
func scalar(n *yaml.Node) *value {
	v := &value{}
	fillScalar(v, n)
	return v
}

// fillScalar resolves a scalar node into v.
func fillScalar(v *value, n *yaml.Node) {
	*v = value{p: posOf(n), str: n.Value}
	switch n.ShortTag() {
	case "!!str":
		v.kind = kString
	case "!!null":
		v.kind = kNull
	case "!!bool":
		v.kind = kBool
		v.b = strings.EqualFold(n.Value, "true")
	case "!!int":
		if f, ok := parseYAMLInt(n.Value); ok {
			v.kind, v.num = kNumber, f
		} else {
			v.kind = kString
		}
	case "!!float":
		if f, ok := parseYAMLFloat(n.Value); ok {
			v.kind, v.num = kNumber, f
		} else {
			v.kind = kString
		}
	default:
		v.kind = kOther
	}
}

func parseYAMLInt(s string) (float64, bool) {
	s = strings.ReplaceAll(s, "_", "")
	neg := false
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		neg = s[0] == '-'
		s = s[1:]
	}
	base := 10
	switch {
	case strings.HasPrefix(s, "0x"):
		base, s = 16, s[2:]
	case strings.HasPrefix(s, "0o"):
		base, s = 8, s[2:]
	case strings.HasPrefix(s, "0b"):
		base, s = 2, s[2:]
	}
	if s == "" {
		return 0, false
	}
	var f float64
	for i := 0; i < len(s); i++ {
		d, ok := digitVal(s[i])
		if !ok || d >= base {
			return 0, false
		}
		f = f*float64(base) + float64(d)
	}
	if base == 10 {
		// exact decimal rounding like JS Number("...")
		if p, err := strconv.ParseFloat(s, 64); err == nil {
			f = p
		}
	}
	if neg {
		f = -f
	}
	return f, true
}

func digitVal(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10, true
	}
	return 0, false
}

func parseYAMLFloat(s string) (float64, bool) {
	s = strings.ReplaceAll(s, "_", "")
	switch strings.ToLower(strings.TrimLeft(s, "+-")) {
	case ".inf":
		if strings.HasPrefix(s, "-") {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	case ".nan":
		return math.NaN(), true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return f, true
}

// joinPathString is joinPath on rendered paths (the yaml.v3 loader's).
func joinPathString(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// indexPathString is indexPath on rendered paths.
func indexPathString(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// locate finds the node a diagnostic path points at, or the deepest existing
// ancestor; keys holding dots are matched greedily.
func locate(root *value, path string) pos {
	v := root
	var best pos
	if v != nil {
		best = v.p
	}
	rest := path
	for v != nil && rest != "" {
		switch {
		case rest[0] == '[':
			end := strings.IndexByte(rest, ']')
			if end < 0 || v.kind != kSeq {
				return best
			}
			i, err := strconv.Atoi(rest[1:end])
			if err != nil || i < 0 || i >= len(v.seq) {
				return best
			}
			v = v.seq[i]
			best = v.p
			rest = strings.TrimPrefix(rest[end+1:], ".")
		case v.kind == kMap:
			bi := -1
			for i, k := range v.keys {
				if strings.HasPrefix(rest, k) && (len(rest) == len(k) || rest[len(k)] == '.' || rest[len(k)] == '[') {
					if bi < 0 || len(k) > len(v.keys[bi]) {
						bi = i
					}
				}
			}
			if bi < 0 {
				return best
			}
			k := v.keys[bi]
			rest = strings.TrimPrefix(rest[len(k):], ".")
			if rest == "" {
				// point at the value for scalars, at the key otherwise
				if val := v.vals[bi]; val.kind != kMap && val.kind != kSeq {
					return val.p
				}
				return v.keyP[bi]
			}
			best = v.keyP[bi]
			v = v.vals[bi]
		default:
			return best
		}
	}
	return best
}
