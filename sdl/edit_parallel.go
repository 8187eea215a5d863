package sdl

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Inference servers that shard a model over several GPUs take the number of
// GPUs as a flag of their command line: vLLM's --tensor-parallel-size (-tp
// for short) and SGLang's --tp-size (--tp). A template writes the GPU count
// there; when the GPU units of the profile change, the flag must follow, or
// the server uses fewer GPUs than the lease pays for (or fails to start
// asking for more than it has).

// tensorParallelFlags are those flags, longest first so that --tp never
// matches the start of --tp-size.
var tensorParallelFlags = []string{"--tensor-parallel-size", "--tp-size", "--tp", "-tp"}

// tensorParallelRe finds a flag and its number inside one string: a shell
// line such as `vllm serve m --tensor-parallel-size 8` or an argument such as
// `--tp=2`. Submatch 1 is the number. The flag must start the string or
// follow a blank or a quote, and the number may follow "=" or blanks,
// including the line breaks of a folded or literal block scalar.
var tensorParallelRe = regexp.MustCompile(`(?:^|[\s"'])(?:` + strings.Join(tensorParallelFlags, "|") + `)(?:=|\s+)([0-9]+)\b`)

// SyncTensorParallel sets the tensor-parallel size in the command and args of
// every service deployed with the compute profile to units, the profile's GPU
// count, and returns the names of the services it changed (none when no
// command line names the flag, or when it already says units). Only the
// digits are rewritten, so quoting, folding and everything else stay as
// written. Both forms are found: the flag and its value in one string
// (`--tp 8`, `--tensor-parallel-size=8`, a shell line in a block scalar) and
// the flag and its value as two list items. units 0 changes nothing: a
// profile without GPUs has no tensor-parallel size to follow.
func (d *Document) SyncTensorParallel(profile string, units uint32) ([]string, error) {
	if units == 0 {
		return nil, nil
	}
	var changed []string
	err := d.apply(fmt.Sprintf("setting the tensor-parallel size of the services using %q", profile), func(ix *textIndex) ([]patch, error) {
		want := strconv.FormatUint(uint64(units), 10)
		var ps []patch
		for _, svc := range d.servicesUsing(profile) {
			s, err := d.lookup("services", svc)
			if err != nil {
				continue // deployed but not defined: the SDL says so itself
			}
			n := len(ps)
			for _, key := range []string{"command", "args"} {
				if _, v := pair(s, key); v != nil {
					ps = append(ps, tensorParallelPatches(ix, v, want)...)
				}
			}
			if len(ps) > n {
				changed = append(changed, svc)
			}
		}
		return ps, nil
	})
	if err != nil {
		return nil, err
	}
	return changed, nil
}

// servicesUsing returns, in document order, the services that some placement
// of the deployment section runs with profile.
func (d *Document) servicesUsing(profile string) []string {
	_, dep := pair(d.root, "deployment")
	if dep == nil || dep.Kind != yaml.MappingNode {
		return nil
	}
	var out []string
	for i := 0; i+1 < len(dep.Content); i += 2 {
		svc, places := dep.Content[i].Value, dep.Content[i+1]
		if places.Kind != yaml.MappingNode || slices.Contains(out, svc) {
			continue
		}
		for j := 1; j < len(places.Content); j += 2 {
			if _, p := pair(places.Content[j], "profile"); p != nil && p.Kind == yaml.ScalarNode && p.Value == profile {
				out = append(out, svc)
				break
			}
		}
	}
	return out
}

// tensorParallelPatches returns the patches setting every tensor-parallel
// size in a command or args value (a list of strings, or one string) to want.
func tensorParallelPatches(ix *textIndex, v *yaml.Node, want string) []patch {
	items := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		items = v.Content
	}
	var ps []patch
	for i, it := range items {
		if it.Kind != yaml.ScalarNode || it.Tag == "!!null" {
			continue
		}
		if slices.Contains(tensorParallelFlags, it.Value) && i+1 < len(items) {
			// the flag and its value as two items
			if p, ok := digitsPatch(ix, items[i+1], want); ok {
				ps = append(ps, p)
			}
			continue
		}
		if !tensorParallelRe.MatchString(it.Value) {
			continue
		}
		// the raw text holds the same digits as the value (digits are never
		// escaped or folded), so the matches are found where they are written
		start, end := ix.start(it), ix.end(it)
		raw := ix.text[start:end]
		for _, m := range tensorParallelRe.FindAllSubmatchIndex(raw, -1) {
			if string(raw[m[2]:m[3]]) != want {
				ps = append(ps, patch{start: start + m[2], end: start + m[3], repl: want})
			}
		}
	}
	return ps
}

// digitsPatch returns the patch setting a list item that is a whole number
// (plain or quoted) to want; ok is false when it is not one or says want.
func digitsPatch(ix *textIndex, n *yaml.Node, want string) (patch, bool) {
	if n.Kind != yaml.ScalarNode || !intRe.MatchString(n.Value) || n.Value == want {
		return patch{}, false
	}
	start := ix.start(n)
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		start++ // past the opening quote
	}
	end := start + len(n.Value)
	if end > len(ix.text) || string(ix.text[start:end]) != n.Value {
		return patch{}, false // written in a form the digits cannot be found in
	}
	return patch{start: start, end: end, repl: want}, true
}
