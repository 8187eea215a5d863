package templates

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
)

// gpusJSON lists the GPU models providers advertise, derived from the
// akash-network/provider-configs GPU catalogue (vendor, SDL model key, memory).
//
//go:embed gpus.json
var gpusJSON []byte

// GPUModel is one GPU model a provider can advertise and an SDL can request.
type GPUModel struct {
	Vendor     string   `json:"vendor"`
	Model      string   `json:"model"`
	Memory     []string `json:"memory"`
	Interfaces []string `json:"interfaces"`
}

// GPUModels returns the known GPU models sorted by vendor then model.
func GPUModels() []GPUModel {
	models, err := parseGPUModels(gpusJSON)
	if err != nil {
		// The file is embedded and checked by tests; failing here is a build defect.
		panic(err)
	}
	return models
}

func parseGPUModels(data []byte) ([]GPUModel, error) {
	var models []GPUModel
	if err := json.Unmarshal(data, &models); err != nil {
		return nil, fmt.Errorf("parsing embedded gpus.json: %w", err)
	}
	sort.Slice(models, func(i, j int) bool {
		if models[i].Vendor != models[j].Vendor {
			return models[i].Vendor < models[j].Vendor
		}
		return models[i].Model < models[j].Model
	})
	return models, nil
}

// gpuVendors maps a model key to the vendors that sell a model of that name.
// It is computed once from the embedded list and never modified.
var gpuVendors = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	for _, m := range GPUModels() {
		out[m.Model] = append(out[m.Model], m.Vendor)
	}
	return out
})
