package devnet

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"

	attrv1 "github.com/akt-project/akt/chain/types/base/attributes/v1"
	dtypes "github.com/akt-project/akt/chain/types/deployment/v1beta4"
)

// GPU is a GPU model a simulated provider offers; names follow ../shared/sdl-corpus/gpus.json.
type GPU struct {
	Model     string // e.g. "a100"
	RAM       string // e.g. "80Gi"
	Interface string // "pcie" or "sxm"
	Count     int64
}

// Inventory is what a simulated provider can lease and at what price.
type Inventory struct {
	Region  string
	Audited bool
	// CPU in millicores, Memory in bytes, Storage in bytes per class ("default", "beta2", ...).
	CPU     int64
	Memory  int64
	Storage map[string]int64
	GPUs    []GPU
	// PriceMin and PriceMax bound the bid price as a fraction of the order's maximum price.
	// Simplification: real providers price from their resources; this keeps bids within the
	// tenant's price while spreading them between providers.
	PriceMin, PriceMax float64
}

const gi = int64(1) << 30

// defaultInventories give a realistic little market: H100s are scarce (one provider, two
// cards), one provider is unaudited and cheap, prices are spread.
func defaultInventories() []Inventory {
	return []Inventory{
		{Region: "us-west", Audited: true, CPU: 64000, Memory: 256 * gi,
			Storage:  map[string]int64{"default": 2048 * gi, "beta2": 1024 * gi, "ram": 64 * gi},
			GPUs:     []GPU{{"rtx4090", "24Gi", "pcie", 8}, {"a100", "80Gi", "sxm", 4}},
			PriceMin: 0.55, PriceMax: 0.8},
		{Region: "eu-central", Audited: true, CPU: 128000, Memory: 512 * gi,
			Storage:  map[string]int64{"default": 4096 * gi, "beta3": 2048 * gi, "ram": 128 * gi},
			GPUs:     []GPU{{"h100", "80Gi", "sxm", 2}, {"t4", "16Gi", "pcie", 8}},
			PriceMin: 0.7, PriceMax: 0.95},
		{Region: "us-east", Audited: false, CPU: 32000, Memory: 64 * gi,
			Storage:  map[string]int64{"default": 1024 * gi, "beta3": 512 * gi},
			PriceMin: 0.3, PriceMax: 0.5},
		{Region: "ap-southeast", Audited: true, CPU: 96000, Memory: 384 * gi,
			Storage:  map[string]int64{"default": 2048 * gi, "beta2": 1024 * gi, "ram": 32 * gi},
			GPUs:     []GPU{{"rtx3090", "24Gi", "pcie", 4}},
			PriceMin: 0.45, PriceMax: 0.75},
		{Region: "us-central", Audited: true, CPU: 48000, Memory: 128 * gi,
			Storage:  map[string]int64{"default": 1024 * gi, "beta1": 512 * gi},
			PriceMin: 0.5, PriceMax: 0.85},
	}
}

// inventoryFor returns provider i's inventory: the defaults in turn, varied by the seed
// beyond the first five.
func inventoryFor(i int, r *rand.Rand) Inventory {
	defs := defaultInventories()
	inv := defs[i%len(defs)]
	if i >= len(defs) {
		inv.Region = fmt.Sprintf("%s-%d", inv.Region, i/len(defs)+1)
		shift := r.Float64()*0.2 - 0.1
		inv.PriceMin = min(max(inv.PriceMin+shift, 0.1), 0.9)
		inv.PriceMax = min(max(inv.PriceMax+shift, inv.PriceMin+0.05), 1)
	}
	return inv
}

// attributes are the provider's on-chain attributes.
func (inv Inventory) attributes() attrv1.Attributes {
	attrs := attrv1.Attributes{
		{Key: "region", Value: inv.Region},
		{Key: "host", Value: "akash"},
		{Key: "tier", Value: "community"},
		{Key: "organization", Value: "akt-devnet"},
	}
	classes := make([]string, 0, len(inv.Storage))
	for c := range inv.Storage {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	for i, c := range classes {
		attrs = append(attrs, attrv1.Attribute{Key: fmt.Sprintf("capabilities/storage/%d/class", i+1), Value: c})
	}
	for _, g := range inv.GPUs {
		attrs = append(attrs, attrv1.Attribute{Key: fmt.Sprintf("capabilities/gpu/vendor/nvidia/model/%s/ram/%s/interface/%s", g.Model, g.RAM, g.Interface), Value: "true"})
	}
	return attrs
}

// usage is resources in use or requested.
type usage struct {
	cpu, mem int64
	storage  map[string]int64
	gpus     int64
}

// need sums what a group spec asks for and checks each unit against the inventory;
// it returns a reason when the provider cannot serve the group at all.
func (inv Inventory) need(spec dtypes.GroupSpec) (usage, string) {
	u := usage{storage: map[string]int64{}}
	for _, ru := range spec.Resources {
		n := int64(ru.Count)
		r := ru.Resource
		if r.CPU != nil {
			u.cpu += r.CPU.Units.Val.Int64() * n
		}
		if r.Memory != nil {
			u.mem += r.Memory.Quantity.Val.Int64() * n
		}
		for _, s := range r.Storage {
			class := "default"
			for _, a := range s.Attributes {
				if a.Key == "class" {
					class = a.Value
				}
			}
			if _, ok := inv.Storage[class]; !ok {
				return u, fmt.Sprintf("no %q storage class here (have %s)", class, strings.Join(keys(inv.Storage), ", "))
			}
			u.storage[class] += s.Quantity.Val.Int64() * n
		}
		if r.GPU != nil && r.GPU.Units.Val.IsPositive() {
			if reason := inv.gpuMatch(r.GPU.Attributes); reason != "" {
				return u, reason
			}
			u.gpus += r.GPU.Units.Val.Int64() * n
		}
	}
	return u, ""
}

// gpuMatch checks GPU attributes (vendor/nvidia/model/<m>[/ram/<r>][/interface/<i>]).
func (inv Inventory) gpuMatch(attrs attrv1.Attributes) string {
	if len(inv.GPUs) == 0 {
		return "no GPUs here"
	}
	for _, a := range attrs {
		parts := strings.Split(a.Key, "/")
		if len(parts) < 4 || parts[0] != "vendor" || parts[1] != "nvidia" || parts[2] != "model" {
			return fmt.Sprintf("unsupported GPU attribute %q", a.Key)
		}
		want := map[string]string{"model": parts[3]}
		for i := 4; i+1 < len(parts); i += 2 {
			want[parts[i]] = parts[i+1]
		}
		ok := false
		for _, g := range inv.GPUs {
			if (want["model"] == "*" || want["model"] == g.Model) &&
				(want["ram"] == "" || want["ram"] == g.RAM) &&
				(want["interface"] == "" || strings.HasPrefix(strings.ToLower(g.Interface), strings.ToLower(want["interface"]))) {
				ok = true
			}
		}
		if ok {
			return ""
		}
	}
	have := make([]string, 0, len(inv.GPUs))
	for _, g := range inv.GPUs {
		have = append(have, g.Model+"/"+g.RAM+"/"+g.Interface)
	}
	return fmt.Sprintf("no matching GPU model here (have %s)", strings.Join(have, ", "))
}

// offeredGPU narrows a resource unit's GPU attributes to the one inventory
// GPU the provider would allocate, spelled out in full
// (vendor/nvidia/model/<m>/ram/<r>/interface/<i>), as a provider's offer names
// the card it has rather than echoing every model the tenant accepts. It
// returns attrs unchanged when nothing matches.
func (inv Inventory) offeredGPU(attrs attrv1.Attributes) attrv1.Attributes {
	for _, a := range attrs {
		parts := strings.Split(a.Key, "/")
		if len(parts) < 4 || parts[0] != "vendor" || parts[1] != "nvidia" || parts[2] != "model" {
			continue
		}
		want := map[string]string{"model": parts[3]}
		for i := 4; i+1 < len(parts); i += 2 {
			want[parts[i]] = parts[i+1]
		}
		for _, g := range inv.GPUs {
			if (want["model"] == "*" || want["model"] == g.Model) &&
				(want["ram"] == "" || want["ram"] == g.RAM) &&
				(want["interface"] == "" || strings.HasPrefix(strings.ToLower(g.Interface), strings.ToLower(want["interface"]))) {
				key := "vendor/nvidia/model/" + g.Model + "/ram/" + g.RAM + "/interface/" + strings.ToLower(g.Interface)
				return attrv1.Attributes{{Key: key, Value: "true"}}
			}
		}
	}
	return attrs
}

// fits checks a need against what is free after used.
func (inv Inventory) fits(n, used usage) string {
	if used.cpu+n.cpu > inv.CPU {
		return fmt.Sprintf("not enough CPU: %dm requested, %dm free", n.cpu, inv.CPU-used.cpu)
	}
	if used.mem+n.mem > inv.Memory {
		return fmt.Sprintf("not enough memory: %d bytes requested, %d free", n.mem, inv.Memory-used.mem)
	}
	for c, q := range n.storage {
		if used.storage[c]+q > inv.Storage[c] {
			return fmt.Sprintf("not enough %s storage: %d bytes requested, %d free", c, q, inv.Storage[c]-used.storage[c])
		}
	}
	var gpus int64
	for _, g := range inv.GPUs {
		gpus += g.Count
	}
	if used.gpus+n.gpus > gpus {
		return fmt.Sprintf("not enough GPUs: %d requested, %d free", n.gpus, gpus-used.gpus)
	}
	return ""
}

func (u *usage) add(o usage) {
	u.cpu += o.cpu
	u.mem += o.mem
	u.gpus += o.gpus
	if u.storage == nil {
		u.storage = map[string]int64{}
	}
	for c, q := range o.storage {
		u.storage[c] += q
	}
}

func keys(m map[string]int64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
