package sdl

import (
	"reflect"
	"testing"
)

// TestFieldReaders holds each field reader of keys_fields.go to fields over
// its key set: the same values filed at the same indexes (the first of a
// repeated key wins) and the same reports for unknown keys.
func TestFieldReaders(t *testing.T) {
	t.Parallel()
	one := func(f *value) []*value { return []*value{f} }
	readers := []struct {
		set  *keySet
		read func(p *parser, v *value) []*value
	}{
		{rootKeySet, func(p *parser, v *value) []*value { f := p.rootFields(v, rawPath("")); return f[:] }},
		{serviceKeySet, func(p *parser, v *value) []*value { f := p.serviceFields(v, rawPath("s")); return f[:] }},
		{exposeKeySet, func(p *parser, v *value) []*value { f := p.exposeFields(v, rawPath("s")); return f[:] }},
		{exposeToKeySet, func(p *parser, v *value) []*value { f := p.exposeToFields(v, rawPath("s")); return f[:] }},
		{profilesKeySet, func(p *parser, v *value) []*value { f := p.profilesFields(v, rawPath("s")); return f[:] }},
		{resourcesKeySet, func(p *parser, v *value) []*value { f := p.resourcesFields(v, rawPath("s")); return f[:] }},
		{unitsKeySet, func(p *parser, v *value) []*value { f := p.unitsFields(v, rawPath("s")); return f[:] }},
		{volumeKeySet, func(p *parser, v *value) []*value { f := p.volumeFields(v, rawPath("s")); return f[:] }},
		{placementKeySet, func(p *parser, v *value) []*value { f := p.placementFields(v, rawPath("s")); return f[:] }},
		{priceKeySet, func(p *parser, v *value) []*value { f := p.priceFields(v, rawPath("s")); return f[:] }},
		{deploymentKeySet, func(p *parser, v *value) []*value { f := p.deploymentFields(v, rawPath("s")); return f[:] }},
		{computeKeySet, func(p *parser, v *value) []*value { return one(p.computeField(v, rawPath("s"))) }},
		{memoryKeySet, func(p *parser, v *value) []*value { return one(p.memoryField(v, rawPath("s"))) }},
	}
	for _, r := range readers {
		// every key of the set twice, with unknown keys and near misses
		// between them
		var keys []string
		for _, n := range r.set.names {
			keys = append(keys, n, "x"+n, n[:len(n)-1])
		}
		keys = append(keys, r.set.names...)
		keys = append(keys, "depends_on", "environment", "")
		for _, cut := range []int{0, 1, len(r.set.names), len(keys)} {
			md := &mapData{}
			for i, k := range keys[:cut] {
				md.keys = append(md.keys, k)
				md.keyP = append(md.keyP, pos{i + 1, 1})
				md.vals = append(md.vals, &value{kind: kNumber, num: float64(i), p: pos{i + 1, 3}})
			}
			v := &value{kind: kMap, mapData: md}
			var want, got parser
			out := make([]*value, len(r.set.names))
			want.fields(v, rawPath("s"), r.set, ignoreFor(r.set), out)
			if r.set == rootKeySet {
				// the root's paths start empty
				want = parser{}
				want.fields(v, rawPath(""), r.set, nil, out)
			}
			if g := r.read(&got, v); !reflect.DeepEqual(g, out) {
				t.Errorf("set %q, %d keys: values differ from fields", r.set.names, cut)
			}
			if !reflect.DeepEqual(got.diags, want.diags) {
				t.Errorf("set %q, %d keys: reports %v, fields gives %v", r.set.names, cut, got.diags.list, want.diags.list)
			}
		}
	}
}

// ignoreFor is the ignored keys a set is read with.
func ignoreFor(set *keySet) map[string]string {
	if set == serviceKeySet {
		return ignoredServiceKeys
	}
	return nil
}
