package templates

import (
	"slices"
	"sync"

	"github.com/akt-project/akt/sdl"
)

// gpuVendors maps a GPU model key to the vendors that sell a model of that
// name, from the catalogue the sdl package embeds (sdl.KnownGPUs). It is
// computed once and never modified.
var gpuVendors = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	for _, m := range sdl.KnownGPUs() {
		if !slices.Contains(out[m.Model], m.Vendor) {
			out[m.Model] = append(out[m.Model], m.Vendor)
		}
	}
	return out
})
