package devnet

import (
	"strings"
	"testing"

	sdkmath "cosmossdk.io/math"

	attrv1 "github.com/akt-project/akt/chain/types/base/attributes/v1"
	rv1beta4 "github.com/akt-project/akt/chain/types/base/resources/v1beta4"
)

func TestInventoryNeedAndFit(t *testing.T) {
	t.Parallel()
	invs := defaultInventories()
	gpu := func(key string) func(*rv1beta4.Resources) {
		return func(r *rv1beta4.Resources) {
			r.GPU = &rv1beta4.GPU{Units: rv1beta4.ResourceValue{Val: sdkmath.NewInt(1)}, Attributes: attrv1.Attributes{{Key: key, Value: "true"}}}
		}
	}
	class := func(c string) func(*rv1beta4.Resources) {
		return func(r *rv1beta4.Resources) {
			r.Storage[0].Attributes = attrv1.Attributes{{Key: "class", Value: c}, {Key: "persistent", Value: "true"}}
		}
	}
	bigCPU := func(r *rv1beta4.Resources) { r.CPU.Units.Val = sdkmath.NewInt(1_000_000) }
	cases := []struct {
		name   string
		inv    int
		change func(*rv1beta4.Resources)
		reason string // "" means the provider can serve it
	}{
		{"plain group", 2, nil, ""},
		{"a100 sxm 80Gi at us-west", 0, gpu("vendor/nvidia/model/a100/ram/80Gi/interface/sxm"), ""},
		{"any nvidia at us-west", 0, gpu("vendor/nvidia/model/*"), ""},
		{"a100 with the wrong RAM", 0, gpu("vendor/nvidia/model/a100/ram/40Gi"), "no matching GPU"},
		{"h100 only at eu-central", 0, gpu("vendor/nvidia/model/h100"), "no matching GPU"},
		{"h100 at eu-central", 1, gpu("vendor/nvidia/model/h100/ram/80Gi/interface/sxm"), ""},
		{"no GPUs at us-east", 2, gpu("vendor/nvidia/model/*"), "no GPUs"},
		{"beta3 at eu-central", 1, class("beta3"), ""},
		{"beta3 missing at us-west", 0, class("beta3"), "no \"beta3\" storage class"},
		{"too much CPU", 4, bigCPU, "not enough CPU"},
	}
	for _, c := range cases {
		spec := groupSpec("g", 100)
		if c.change != nil {
			c.change(&spec.Resources[0].Resource)
		}
		n, reason := invs[c.inv].need(spec)
		if reason == "" {
			reason = invs[c.inv].fits(n, usage{})
		}
		if (c.reason == "") != (reason == "") || !strings.Contains(reason, c.reason) {
			t.Errorf("%s: reason %q, want %q", c.name, reason, c.reason)
		}
	}
}

func TestOfferedGPUNamesTheCard(t *testing.T) {
	t.Parallel()
	inv := Inventory{GPUs: []GPU{{"h100", "80Gi", "sxm", 2}, {"t4", "16Gi", "pcie", 8}}}
	attr := func(keys ...string) attrv1.Attributes {
		var out attrv1.Attributes
		for _, k := range keys {
			out = append(out, attrv1.Attribute{Key: k, Value: "true"})
		}
		return out
	}
	cases := []struct {
		name string
		in   attrv1.Attributes
		want string
	}{
		{"one of several models", attr("vendor/nvidia/model/a100", "vendor/nvidia/model/t4", "vendor/nvidia/model/rtx4090"), "vendor/nvidia/model/t4/ram/16Gi/interface/pcie"},
		{"any model", attr("vendor/nvidia/model/*"), "vendor/nvidia/model/h100/ram/80Gi/interface/sxm"},
		{"ram and interface", attr("vendor/nvidia/model/h100/ram/80Gi/interface/sxm"), "vendor/nvidia/model/h100/ram/80Gi/interface/sxm"},
		{"no match keeps the request", attr("vendor/nvidia/model/a100"), "vendor/nvidia/model/a100"},
	}
	for _, tc := range cases {
		got := inv.offeredGPU(tc.in)
		if len(got) != 1 || got[0].Key != tc.want {
			t.Errorf("%s: offered %v, want %s", tc.name, got, tc.want)
		}
	}
}
