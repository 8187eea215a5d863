package sdl

import "fmt"

// keySet is the keys a mapping of the SDL may have, in the order messages
// list them, with a small collision-free hash table for finding a key's
// index in a few instructions.
type keySet struct {
	names []string
	find  func(string) int // a faster index, for the sets parsed most often
	a, b  uint8            // hash parameters, picked for no collisions
	slot  [32]uint8        // index+1 by hash, 0 when no key hashes there
}

// newKeySet builds the set of names, at most 31 distinct non-empty keys.
func newKeySet(names ...string) *keySet {
	for a := uint8(1); a < 64; a++ {
		for b := uint8(1); b < 64; b++ {
			k := &keySet{names: names, a: a, b: b}
			if k.fill() {
				return k
			}
		}
	}
	panic(fmt.Sprintf("sdl: no collision-free hash for keys %q", names))
}

// withFind sets the set's faster index function.
func (k *keySet) withFind(find func(string) int) *keySet {
	k.find = find
	return k
}

func (k *keySet) fill() bool {
	for i, n := range k.names {
		h := k.hash(n)
		if k.slot[h] != 0 {
			return false
		}
		k.slot[h] = uint8(i + 1)
	}
	return true
}

// hash mixes the length and the first, middle and last bytes of s (not
// empty).
func (k *keySet) hash(s string) uint8 {
	return (uint8(len(s))*k.a + s[0]*k.b + s[len(s)>>1]*3 + s[len(s)-1]) & 31
}

// index returns the position of key in the set, or -1.
func (k *keySet) index(key string) int {
	if k.find != nil {
		return k.find(key)
	}
	if key == "" {
		return -1
	}
	i := int(k.slot[k.hash(key)]) - 1
	if i < 0 || k.names[i] != key {
		return -1
	}
	return i
}

// The key sets of the SDL's mappings.
var (
	rootKeySet        = newKeySet(rootKeys[:]...).withFind(rootKeyIndex)
	serviceKeySet     = newKeySet(serviceKeys...).withFind(serviceKeyIndex)
	dependencyKeySet  = newKeySet("service")
	exposeKeySet      = newKeySet(exposeKeys...).withFind(exposeKeyIndex)
	exposeToKeySet    = newKeySet("service", "global", "ip").withFind(exposeToKeyIndex)
	httpOptionKeySet  = newKeySet(httpOptionKeys[:]...)
	paramsKeySet      = newKeySet("storage", "permissions")
	storageParamSet   = newKeySet("mount", "readOnly")
	permissionsKeySet = newKeySet("read")
	credentialsKeySet = newKeySet("host", "email", "username", "password")
	profilesKeySet    = newKeySet("compute", "placement").withFind(profilesKeyIndex)
	computeKeySet     = newKeySet("resources").withFind(computeKeyIndex)
	resourcesKeySet   = newKeySet("cpu", "memory", "storage", "gpu").withFind(resourcesKeyIndex)
	memoryKeySet      = newKeySet("size").withFind(memoryKeyIndex)
	unitsKeySet       = newKeySet("units", "attributes").withFind(unitsKeyIndex)
	volumeKeySet      = newKeySet(storageVolumeKeys...).withFind(volumeKeyIndex)
	volumeAttrKeySet  = newKeySet("class", "persistent")
	gpuAttrKeySet     = newKeySet("vendor")
	gpuVendorKeySet   = newKeySet("nvidia")
	gpuModelKeySet    = newKeySet(gpuModelKeys...)
	placementKeySet   = newKeySet(placementKeys...).withFind(placementKeyIndex)
	listAttrKeySet    = newKeySet("key", "value")
	signedByKeySet    = newKeySet("allOf", "anyOf")
	priceKeySet       = newKeySet("denom", "amount").withFind(priceKeyIndex)
	deploymentKeySet  = newKeySet("profile", "count").withFind(deploymentKeyIndex)
	endpointKeySet    = newKeySet("kind")
)

// fields reports every key of the mapping v not in set (as checkKeys does)
// and stores the value of each key of the set in out at its index, so that
// one pass over the keys replaces a lookup per key. out, when not nil, has
// room for every key of the set and starts all nil; a key left nil is
// absent (a null value is a value of kind null).
func (p *parser) fields(v *value, path dpath, set *keySet, ignore map[string]string, out []*value) {
	for i, k := range v.keys {
		if j := set.index(k); j >= 0 {
			if out != nil && out[j] == nil {
				out[j] = v.vals[i]
			}
			continue
		}
		p.unknownKey(v, i, path, set.names, ignore)
	}
}

// need reports the key as missing from the mapping v when its value f
// (from fields) is absent, as require does.
func (p *parser) need(v *value, path dpath, f *value, key string) {
	if f == nil {
		p.diags.errorf(v, path, "missing required key %q", key)
	}
}
