package sdl

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"testing"
)

// checkBuilt checks what build gives against itself: the manifest JSON
// written straight from the plan against the one a built Manifest renders
// (two writers), the version against the JSON's hash, resource ids
// numbered 1..n in each group, counts adding up to the deployments', and
// every returned slice carved with no spare capacity, so that a caller
// appending to one cannot overwrite its neighbour in the shared block.
func checkBuilt(t *testing.T, name string, s *SDL) {
	t.Helper()
	js := s.ManifestJSON()
	if got := s.Manifest().appendCanonicalJSON(nil); !bytes.Equal(got, js) {
		t.Fatalf("%s: Manifest renders\n%s\nbut ManifestJSON is\n%s", name, got, js)
	}
	if s.Version() != sha256.Sum256(js) {
		t.Fatalf("%s: version is not the SHA-256 of the manifest JSON", name)
	}
	groups := s.Groups()
	if cap(groups) != len(groups) {
		t.Fatalf("%s: groups have spare capacity", name)
	}
	want := map[string]uint32{} // placement -> count of all its deployments
	for _, d := range s.Deployments {
		if s.service(d.Service) == nil {
			continue
		}
		for _, pd := range d.Placements {
			want[pd.Placement] += pd.Count
		}
	}
	for _, g := range groups {
		var count uint32
		if cap(g.Resources) != len(g.Resources) {
			t.Fatalf("%s: group %s: resources have spare capacity", name, g.Name)
		}
		for i, ru := range g.Resources {
			r := ru.Resources
			if r.ID != uint32(i+1) {
				t.Fatalf("%s: group %s: resource %d has id %d", name, g.Name, i, r.ID)
			}
			if cap(r.Storage) != len(r.Storage) || cap(r.Endpoints) != len(r.Endpoints) {
				t.Fatalf("%s: group %s: resource %d: storage or endpoints have spare capacity", name, g.Name, r.ID)
			}
			count += ru.Count
		}
		if count != want[g.Name] {
			t.Fatalf("%s: group %s counts %d, its deployments %d", name, g.Name, count, want[g.Name])
		}
	}
}

// TestBuildConsistent runs checkBuilt over the corpus, each file built
// twice from fresh parses (the second time with pooled scratch space left
// by other files).
func TestBuildConsistent(t *testing.T) {
	t.Parallel()
	rows := loadCorpus(t)
	for round := range 2 {
		for _, r := range rows {
			s, err := Parse(r.Data)
			if err != nil {
				continue
			}
			checkBuilt(t, fmt.Sprintf("%s (round %d)", r.File, round), s)
		}
	}
}

// TestGroupsShareNoCapacity: appending to a returned endpoint or storage
// list leaves the other units' lists alone.
func TestGroupsShareNoCapacity(t *testing.T) {
	t.Parallel()
	for _, r := range loadCorpus(t) {
		s, err := Parse(r.Data)
		if err != nil {
			continue
		}
		groups := s.Groups()
		before := string(GroupsJSON(groups))
		for gi := range groups {
			for ri := range groups[gi].Resources {
				res := &groups[gi].Resources[ri].Resources
				_ = append(res.Endpoints, EndpointSpec{Kind: EndpointLeasedIP, SequenceNumber: 99})
				_ = append(res.Storage, StorageResource{Name: "extra", Size: "1"})
			}
		}
		if after := string(GroupsJSON(groups)); after != before {
			t.Fatalf("%s: appending to returned lists changed the groups\nbefore %s\nafter  %s", r.File, before, after)
		}
	}
}

// FuzzBuild: whatever SDL parses, checkBuilt holds for it.
func FuzzBuild(f *testing.F) {
	fuzzSeeds(f, func(b []byte) { f.Add(b) })
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(data)
		if err != nil {
			return
		}
		checkBuilt(t, "input", s)
	})
}
