package sdl

// Field readers for the mappings parsed most often: fields, with the set's
// key switch inlined into the loop and the values returned in an array.
// The array lives in this function's frame and is returned by value, so
// filing a value is a plain store: fields writes through the caller's
// slice, which takes the write barrier while the garbage collector marks,
// and calls the key lookup through a function value for every key.
// TestFieldReaders holds each to fields over its key set.

// rootFields is fields for the root mapping.
func (p *parser) rootFields(v *value, path dpath) (f [len(rootKeys)]*value) {
	vals := v.vals[:len(v.keys)]
	for i, k := range v.keys {
		if j := rootKeyIndex(k); j < 0 {
			p.unknownKey(v, i, path, rootKeySet.names, nil)
		} else if f[j] == nil {
			f[j] = vals[i]
		}
	}
	return f
}

// serviceFields is fields for a service.
func (p *parser) serviceFields(v *value, path dpath) (f [nServiceKeys]*value) {
	vals := v.vals[:len(v.keys)]
	for i, k := range v.keys {
		if j := serviceKeyIndex(k); j < 0 {
			p.unknownKey(v, i, path, serviceKeySet.names, ignoredServiceKeys)
		} else if f[j] == nil {
			f[j] = vals[i]
		}
	}
	return f
}

// exposeFields is fields for an expose entry.
func (p *parser) exposeFields(v *value, path dpath) (f [nExposeKeys]*value) {
	vals := v.vals[:len(v.keys)]
	for i, k := range v.keys {
		if j := exposeKeyIndex(k); j < 0 {
			p.unknownKey(v, i, path, exposeKeySet.names, nil)
		} else if f[j] == nil {
			f[j] = vals[i]
		}
	}
	return f
}

// exposeToFields is fields for an expose's to entry (service, global, ip).
func (p *parser) exposeToFields(v *value, path dpath) (f [3]*value) {
	vals := v.vals[:len(v.keys)]
	for i, k := range v.keys {
		if j := exposeToKeyIndex(k); j < 0 {
			p.unknownKey(v, i, path, exposeToKeySet.names, nil)
		} else if f[j] == nil {
			f[j] = vals[i]
		}
	}
	return f
}

// profilesFields is fields for profiles (compute, placement).
func (p *parser) profilesFields(v *value, path dpath) (f [2]*value) {
	vals := v.vals[:len(v.keys)]
	for i, k := range v.keys {
		if j := profilesKeyIndex(k); j < 0 {
			p.unknownKey(v, i, path, profilesKeySet.names, nil)
		} else if f[j] == nil {
			f[j] = vals[i]
		}
	}
	return f
}

// resourcesFields is fields for a compute profile's resources (cpu, memory, storage, gpu).
func (p *parser) resourcesFields(v *value, path dpath) (f [4]*value) {
	vals := v.vals[:len(v.keys)]
	for i, k := range v.keys {
		if j := resourcesKeyIndex(k); j < 0 {
			p.unknownKey(v, i, path, resourcesKeySet.names, nil)
		} else if f[j] == nil {
			f[j] = vals[i]
		}
	}
	return f
}

// unitsFields is fields for cpu (units, attributes).
func (p *parser) unitsFields(v *value, path dpath) (f [2]*value) {
	vals := v.vals[:len(v.keys)]
	for i, k := range v.keys {
		if j := unitsKeyIndex(k); j < 0 {
			p.unknownKey(v, i, path, unitsKeySet.names, nil)
		} else if f[j] == nil {
			f[j] = vals[i]
		}
	}
	return f
}

// volumeFields is fields for a storage volume (name, size, attributes).
func (p *parser) volumeFields(v *value, path dpath) (f [3]*value) {
	vals := v.vals[:len(v.keys)]
	for i, k := range v.keys {
		if j := volumeKeyIndex(k); j < 0 {
			p.unknownKey(v, i, path, volumeKeySet.names, nil)
		} else if f[j] == nil {
			f[j] = vals[i]
		}
	}
	return f
}

// placementFields is fields for a placement (attributes, signedBy, pricing).
func (p *parser) placementFields(v *value, path dpath) (f [3]*value) {
	vals := v.vals[:len(v.keys)]
	for i, k := range v.keys {
		if j := placementKeyIndex(k); j < 0 {
			p.unknownKey(v, i, path, placementKeySet.names, nil)
		} else if f[j] == nil {
			f[j] = vals[i]
		}
	}
	return f
}

// priceFields is fields for a price (denom, amount).
func (p *parser) priceFields(v *value, path dpath) (f [2]*value) {
	vals := v.vals[:len(v.keys)]
	for i, k := range v.keys {
		if j := priceKeyIndex(k); j < 0 {
			p.unknownKey(v, i, path, priceKeySet.names, nil)
		} else if f[j] == nil {
			f[j] = vals[i]
		}
	}
	return f
}

// deploymentFields is fields for a deployment entry (profile, count).
func (p *parser) deploymentFields(v *value, path dpath) (f [2]*value) {
	vals := v.vals[:len(v.keys)]
	for i, k := range v.keys {
		if j := deploymentKeyIndex(k); j < 0 {
			p.unknownKey(v, i, path, deploymentKeySet.names, nil)
		} else if f[j] == nil {
			f[j] = vals[i]
		}
	}
	return f
}

// computeField is fields for a compute profile, which has the one key resources.
func (p *parser) computeField(v *value, path dpath) *value {
	var f *value
	vals := v.vals[:len(v.keys)]
	for i, k := range v.keys {
		if computeKeyIndex(k) < 0 {
			p.unknownKey(v, i, path, computeKeySet.names, nil)
		} else if f == nil {
			f = vals[i]
		}
	}
	return f
}

// memoryField is fields for memory, which has the one key size.
func (p *parser) memoryField(v *value, path dpath) *value {
	var f *value
	vals := v.vals[:len(v.keys)]
	for i, k := range v.keys {
		if memoryKeyIndex(k) < 0 {
			p.unknownKey(v, i, path, memoryKeySet.names, nil)
		} else if f == nil {
			f = vals[i]
		}
	}
	return f
}
