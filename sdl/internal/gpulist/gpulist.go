// Package gpulist turns the provider-configs GPU catalogue into the compact
// model list package sdl embeds (vendor, model, memory, interface per line).
package gpulist

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

type catalogue map[string]struct {
	Name    string `json:"name"`
	Devices map[string]struct {
		Name       string `json:"name"`
		Interface  string `json:"interface"`
		MemorySize string `json:"memory_size"`
	} `json:"devices"`
}

// FromCatalogue returns the sorted, de-duplicated TSV lines
// "vendor\tmodel\tmemory\tinterface" (interface as the SDL writes it: pcie or sxm).
func FromCatalogue(data []byte) ([]byte, error) {
	var c catalogue
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("decoding catalogue: %w", err)
	}
	seen := map[string]bool{}
	var lines []string
	for vid, v := range c {
		if v.Name == "" {
			return nil, fmt.Errorf("vendor %s has no name", vid)
		}
		for did, d := range v.Devices {
			if d.Name == "" {
				return nil, fmt.Errorf("vendor %s device %s has no name", vid, did)
			}
			iface := strings.ToLower(d.Interface)
			if strings.HasPrefix(iface, "sxm") {
				iface = "sxm" // SDL names the form factor, not its generation
			}
			line := strings.Join([]string{v.Name, d.Name, d.MemorySize, iface}, "\t")
			if !seen[line] {
				seen[line] = true
				lines = append(lines, line)
			}
		}
	}
	sort.Strings(lines)
	var b bytes.Buffer
	b.WriteString("# vendor\tmodel\tmemory\tinterface — derived from provider-configs devices/pcie/gpus.json by internal/gengpus\n")
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}
