package sdl

import "testing"

// TestKeySets checks that every set finds each of its keys at its index and
// nothing else: every key of every set, and near misses, are tried.
func TestKeySets(t *testing.T) {
	t.Parallel()
	sets := []*keySet{rootKeySet, serviceKeySet, dependencyKeySet, exposeKeySet, exposeToKeySet,
		httpOptionKeySet, paramsKeySet, storageParamSet, permissionsKeySet, credentialsKeySet,
		profilesKeySet, computeKeySet, resourcesKeySet, memoryKeySet, unitsKeySet, volumeKeySet,
		volumeAttrKeySet, gpuAttrKeySet, gpuVendorKeySet, gpuModelKeySet, placementKeySet,
		listAttrKeySet, signedByKeySet, priceKeySet, deploymentKeySet, endpointKeySet}
	var all []string
	for _, s := range sets {
		for _, n := range s.names {
			all = append(all, n, n+"s", "x"+n, n[:len(n)-1], n[1:])
		}
	}
	all = append(all, "", "a", "depends_on", "environment", "Image", "IMAGE")
	for _, s := range sets {
		for _, k := range all {
			want := -1
			for i, n := range s.names {
				if n == k {
					want = i
				}
			}
			if got := s.index(k); got != want {
				t.Errorf("set %q: index(%q) = %d, want %d", s.names, k, got, want)
			}
		}
	}
}

// TestFieldIndexes checks the named indexes used with fields.
func TestFieldIndexes(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		set  *keySet
		i    int
		name string
	}{
		{serviceKeySet, svcImage, "image"}, {serviceKeySet, svcCommand, "command"}, {serviceKeySet, svcArgs, "args"},
		{serviceKeySet, svcEnv, "env"}, {serviceKeySet, svcExpose, "expose"}, {serviceKeySet, svcParams, "params"},
		{serviceKeySet, svcCredentials, "credentials"}, {serviceKeySet, svcDependencies, "dependencies"},
		{exposeKeySet, exPort, "port"}, {exposeKeySet, exAs, "as"}, {exposeKeySet, exProto, "proto"},
		{exposeKeySet, exAccept, "accept"}, {exposeKeySet, exTo, "to"}, {exposeKeySet, exHTTPOptions, "http_options"},
	} {
		if got := c.set.index(c.name); got != c.i {
			t.Errorf("index of %q = %d, want %d", c.name, got, c.i)
		}
	}
	if len(serviceKeys) != nServiceKeys || len(exposeKeys) != nExposeKeys {
		t.Errorf("key counts: %d services (want %d), %d expose (want %d)", len(serviceKeys), nServiceKeys, len(exposeKeys), nExposeKeys)
	}
}
