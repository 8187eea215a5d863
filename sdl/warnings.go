package sdl

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

//go:generate go run ./internal/gengpus -in ../../shared/sdl-corpus/gpus.json -out gpus.tsv

// gpusTSV lists the GPU models providers advertise (vendor, model, memory,
// interface), derived from the provider-configs catalogue.
//
//go:embed gpus.tsv
var gpusTSV string

// GPUModel is one GPU variant providers advertise.
type GPUModel struct {
	Vendor    string
	Model     string
	Memory    string // e.g. "80Gi"
	Interface string // "pcie" or "sxm"
}

// KnownGPUs returns the GPU models providers list, sorted by vendor and model.
func KnownGPUs() []GPUModel {
	var out []GPUModel
	for _, line := range strings.Split(gpusTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			continue
		}
		out = append(out, GPUModel{Vendor: f[0], Model: f[1], Memory: f[2], Interface: f[3]})
	}
	return out
}

// gpuSite is a GPU model entry of the SDL, kept for warnings: item index
// of the vendor's list in compute profile profile.
type gpuSite struct {
	profile                   string
	index                     int
	line, col                 int
	vendor, model, ram, iface string
}

// path renders where the GPU model is, as the parser's dpath would.
func (g *gpuSite) path() string {
	return "profiles.compute." + g.profile + ".resources.gpu.attributes.vendor." + g.vendor + "[" + strconv.Itoa(g.index) + "]"
}

// pricePath renders where a price is, as the parser's dpath would.
func pricePath(placement, profile string) string {
	return "profiles.placement." + placement + ".pricing." + profile
}

// Warnings returns what is accepted but likely to hurt the user on the given
// network ("mainnet", "sandbox", ...): legacy forms read with a guess, GPU
// models no provider lists, prices in a denom the network refuses for new
// deployments, zero prices. Sorted by line.
func (s *SDL) Warnings(network string) []Diagnostic {
	out := append([]Diagnostic(nil), s.warnings...)
	out = append(out, gpuWarnings(s.gpus, KnownGPUs())...)
	// the valid prices, in document order as the parser read them
	for i := range s.Placements {
		pl := &s.Placements[i]
		for j := range pl.Pricing {
			p := &pl.Pricing[j]
			if !p.valid {
				continue
			}
			at := func(format string, args ...any) {
				out = append(out, Diagnostic{Severity: SeverityWarning, Path: pricePath(pl.Name, p.Profile),
					Line: int(p.line), Column: int(p.col), Message: fmt.Sprintf(format, args...)})
			}
			if network == "mainnet" && p.Price.Denom != "uact" {
				at("price denom %q: mainnet accepts only uact for new deployments", p.Price.Denom)
			}
			if strings.Trim(strings.ReplaceAll(p.Price.Amount, ".", ""), "0") == "" {
				at("price is zero: no provider will bid")
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}

func gpuWarnings(sites []gpuSite, known []GPUModel) []Diagnostic {
	var out []Diagnostic
	for _, g := range sites {
		warn := func(format string, args ...any) {
			out = append(out, Diagnostic{Severity: SeverityWarning, Path: g.path(), Line: g.line, Column: g.col,
				Message: fmt.Sprintf(format, args...)})
		}
		var models []string
		var variants []GPUModel
		for _, k := range known {
			if k.Vendor != g.vendor {
				continue
			}
			if !contains(models, k.Model) {
				models = append(models, k.Model)
			}
			if k.Model == g.model {
				variants = append(variants, k)
			}
		}
		if len(variants) == 0 {
			msg := fmt.Sprintf("no provider lists GPU model %q for %s", g.model, g.vendor)
			if sug := suggest(g.model, models); sug != "" {
				msg += fmt.Sprintf(": did you mean %q?", sug)
			}
			warn("%s", msg)
			continue
		}
		match := false
		var have []string
		for _, v := range variants {
			if (g.ram == "" || v.Memory == g.ram) && (g.iface == "" || v.Interface == g.iface) {
				match = true
			}
			have = append(have, v.Memory+"/"+v.Interface)
		}
		if !match {
			warn("no provider lists %s %s with%s%s (listed: %s)", g.vendor, g.model,
				optional(" ram ", g.ram), optional(" interface ", g.iface), strings.Join(have, ", "))
		}
	}
	return out
}

func optional(prefix, v string) string {
	if v == "" {
		return ""
	}
	return prefix + v
}
