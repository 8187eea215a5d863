package config

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// fileData is what the config file says, with the line of every key.
type fileData struct {
	path     string
	scalars  map[string]fileScalar
	networks map[string]fileNetwork
	problems []string
}

type fileScalar struct {
	value string
	line  int
}

type fileNetwork struct {
	net   Network
	line  int
	lines map[string]int
	set   map[string]bool
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseFile reads the YAML config file strictly: a syntax error, an unknown
// key or a value of the wrong type is reported with the file and line.
func parseFile(path string, data []byte) (*fileData, error) {
	ff := &fileData{path: path, scalars: map[string]fileScalar{}, networks: map[string]fileNetwork{}}
	if len(strings.TrimSpace(string(data))) == 0 {
		return ff, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := err.Error()
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			return nil, fmt.Errorf("config file %s:%s: %s", path, m[1], m[2])
		}
		return nil, fmt.Errorf("config file %s: %s", path, strings.TrimPrefix(msg, "yaml: "))
	}
	if len(doc.Content) == 0 {
		return ff, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("config file %s:%d: expected a mapping of settings, found %s", path, root.Line, kindName(root))
	}
	known := append(append([]string{}, ScalarKeys...), KeyNetworks)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, val := root.Content[i], root.Content[i+1]
		switch {
		case k.Value == KeyNetworks:
			ff.parseNetworks(val)
		case contains(ScalarKeys, k.Value):
			if val.Kind != yaml.ScalarNode {
				ff.problem(val.Line, "%s: expected a single value, found %s", k.Value, kindName(val))
				continue
			}
			ff.scalars[k.Value] = fileScalar{value: val.Value, line: k.Line}
		default:
			ff.problem(k.Line, "unknown key %q%s", k.Value, suggest(k.Value, known))
		}
	}
	return ff, nil
}

func (ff *fileData) problem(line int, format string, args ...any) {
	ff.problems = append(ff.problems, fmt.Sprintf("%s (from file %s:%d)", fmt.Sprintf(format, args...), ff.path, line))
}

var networkKeys = []string{
	"chain-id", "rpc", "grpc", "rest", "fee-denom", "gas-price", "gas-adjustment",
	"deployment-denom", "faucet", "explorer", "keyring-backend", "default-key", "home",
}

func (ff *fileData) parseNetworks(n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		ff.problem(n.Line, "%s: expected a mapping of network names, found %s", KeyNetworks, kindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		name, body := n.Content[i].Value, n.Content[i+1]
		path := KeyNetworks + "." + name
		if err := ValidateNetworkName(name); err != nil {
			ff.problem(n.Content[i].Line, "%s: %v", path, err)
			continue
		}
		if body.Kind != yaml.MappingNode {
			ff.problem(body.Line, "%s: expected a mapping, found %s", path, kindName(body))
			continue
		}
		fn := fileNetwork{
			line:  n.Content[i].Line,
			lines: map[string]int{},
			set:   map[string]bool{},
			net: Network{
				Name:            name,
				FeeDenom:        DefaultFeeDenom,
				GasPrice:        DefaultGasPrice,
				GasAdjustment:   DefaultGasAdjustment,
				DeploymentDenom: DefaultDeploymentDenom,
			},
		}
		for j := 0; j+1 < len(body.Content); j += 2 {
			k, v := body.Content[j], body.Content[j+1]
			fn.lines[k.Value] = k.Line
			fn.set[k.Value] = true
			if !ff.setNetworkField(&fn, path, k, v) {
				delete(fn.set, k.Value)
			}
		}
		// Index keys such as rpc[1] point at the list's line.
		for _, list := range []string{"rpc", "grpc", "rest"} {
			for idx := 0; idx < 16; idx++ {
				fn.lines[fmt.Sprintf("%s[%d]", list, idx)] = fn.lines[list]
			}
		}
		ff.networks[name] = fn
	}
}

func (ff *fileData) setNetworkField(fn *fileNetwork, path string, k, v *yaml.Node) bool {
	key := path + "." + k.Value
	str := func(dst *string) bool {
		if v.Kind != yaml.ScalarNode {
			ff.problem(v.Line, "%s: expected a single value, found %s", key, kindName(v))
			return false
		}
		*dst = v.Value
		return true
	}
	list := func(dst *[]string) bool {
		switch v.Kind {
		case yaml.ScalarNode: // a single URL, or a comma-separated list
			*dst = SplitList(v.Value)
			return true
		case yaml.SequenceNode:
			out := make([]string, 0, len(v.Content))
			for _, it := range v.Content {
				if it.Kind != yaml.ScalarNode {
					ff.problem(it.Line, "%s: expected a list of strings", key)
					return false
				}
				out = append(out, it.Value)
			}
			*dst = out
			return true
		}
		ff.problem(v.Line, "%s: expected a list, found %s", key, kindName(v))
		return false
	}
	n := &fn.net
	switch k.Value {
	case "chain-id":
		return str(&n.ChainID)
	case "rpc":
		return list(&n.RPC)
	case "grpc":
		return list(&n.GRPC)
	case "rest":
		return list(&n.REST)
	case "fee-denom":
		return str(&n.FeeDenom)
	case "gas-price":
		return str(&n.GasPrice)
	case "gas-adjustment":
		var s string
		if !str(&s) {
			return false
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			ff.problem(v.Line, "%s: invalid number %q", key, s)
			return false
		}
		n.GasAdjustment = f
		return true
	case "deployment-denom":
		return str(&n.DeploymentDenom)
	case "faucet":
		return str(&n.Faucet)
	case "explorer":
		return str(&n.Explorer)
	case "keyring-backend":
		return str(&n.KeyringBackend)
	case "default-key":
		return str(&n.DefaultKey)
	case "home":
		return str(&n.Home)
	}
	ff.problem(k.Line, "unknown key %q%s", key, suggest(k.Value, networkKeys))
	return false
}

// SplitList splits a comma-separated list, trimming blanks.
func SplitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("the value %q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest returns ` (did you mean "x"?)` for the closest known key within
// a small edit distance, or "".
func suggest(key string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := editDistance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
