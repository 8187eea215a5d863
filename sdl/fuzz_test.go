package sdl

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// fuzzSeeds adds a few real SDLs to a fuzz corpus.
func fuzzSeeds(f *testing.F, add func(data []byte)) {
	add([]byte(baseSDL))
	add([]byte(commented))
	dir := filepath.Join(repoRoot(f), "..", "shared", "sdl-corpus", "fixtures")
	for _, name := range []string{"v2.1-simple-with-ip.yaml", "ts_gpu_basic_ram_interface.yaml", "storageClass6.yaml", "v2.1-service-mix.yaml"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			add(b)
		}
	}
}

// FuzzParse: parsing never panics, the fast YAML reader agrees with yaml.v3
// whenever it accepts an input, nothing parsed points into the input, and
// an accepted SDL always yields groups, a manifest that is valid JSON, and
// its SHA-256 as the version.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f, func(b []byte) { f.Add(b) })
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFastAgrees(t, "input", data)
		buf := bytes.Clone(data)
		s, err := Parse(buf)
		for i := range buf {
			buf[i] = 'x'
		}
		if ref, refErr := Parse(data); sdlOutputs(s, err) != sdlOutputs(ref, refErr) {
			t.Fatalf("outputs changed when the input was overwritten after Parse")
		}
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		_ = s.Groups()
		if !json.Valid(s.ManifestJSON()) {
			t.Fatalf("invalid manifest JSON: %s", s.ManifestJSON())
		}
		if !json.Valid(GroupsJSON(s.Groups())) {
			t.Fatalf("invalid groups JSON")
		}
		if s.Version() != sha256.Sum256(s.ManifestJSON()) {
			t.Fatalf("version is not the SHA-256 of the manifest JSON")
		}
		_ = s.Warnings("mainnet")
	})
}

// FuzzEditRoundTrip: editing never panics, and when a valid SDL accepts an
// edit, the written document parses, is valid, and re-opens for editing.
// syncErr keeps the error of SyncTensorParallel.
func syncErr(_ []string, err error) error { return err }

func FuzzEditRoundTrip(f *testing.F) {
	fuzzSeeds(f, func(b []byte) { f.Add(b, "500m", "2Gi", uint8(1), "a100", "80Gi") })
	f.Fuzz(func(t *testing.T, data []byte, cpu, size string, units uint8, model, ram string) {
		s, err := Parse(data)
		if err != nil {
			return
		}
		d, err := Edit(data)
		if err != nil {
			t.Fatalf("valid SDL does not open for editing: %v", err)
		}
		ok := 0
		for i := range s.Compute {
			name := s.Compute[i].Name
			for _, e := range []error{
				d.SetCPU(name, cpu),
				d.SetMemory(name, size),
				d.SetStorage(name, "default", size),
				d.SetGPU(name, uint32(units%4)),
				d.AddGPUModel(name, "nvidia", GPUModelSpec{Model: model, RAM: ram}),
				d.RemoveGPUModel(name, "nvidia", GPUModelSpec{Model: model}),
				syncErr(d.SyncTensorParallel(name, uint32(units%4))),
			} {
				if e == nil {
					ok++
				}
			}
		}
		for _, dep := range s.Deployments {
			for _, pd := range dep.Placements {
				if d.SetCount(dep.Service, pd.Placement, uint32(units)+1) == nil {
					ok++
				}
				if d.SetPrice(pd.Placement, pd.Profile, size, "") == nil {
					ok++
				}
			}
		}
		if _, err := Parse(d.Bytes()); err != nil {
			t.Fatalf("after %d accepted edits the SDL is invalid: %v\n%s", ok, err, d.Bytes())
		}
		if _, err := Edit(d.Bytes()); err != nil {
			t.Fatalf("edited SDL does not re-open: %v", err)
		}
	})
}
