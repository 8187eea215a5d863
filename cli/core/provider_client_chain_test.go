package core

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/provider/providertest"
	"github.com/akt-project/akt/sdl"
)

type fakeQuerier struct {
	providers []chain.Provider
	certs     map[string][]chain.Certificate
	leases    []chain.Lease
}

func (f *fakeQuerier) Leases(_ context.Context, flt chain.LeaseFilter) ([]chain.Lease, error) {
	var out []chain.Lease
	for _, l := range f.leases {
		if l.ID.Owner == flt.Owner && l.ID.DSeq == flt.DSeq && l.State == flt.State {
			out = append(out, l)
		}
	}
	return out, nil
}

func (f *fakeQuerier) Provider(_ context.Context, addr string) (chain.Provider, error) {
	for _, p := range f.providers {
		if p.Address == addr {
			return p, nil
		}
	}
	return chain.Provider{}, errors.New("provider not found")
}

func (f *fakeQuerier) Providers(context.Context) ([]chain.Provider, error) { return f.providers, nil }

func (f *fakeQuerier) Certificates(_ context.Context, owner, state string) ([]chain.Certificate, error) {
	var out []chain.Certificate
	for _, c := range f.certs[owner] {
		if c.State == state {
			out = append(out, c)
		}
	}
	return out, nil
}

// TestChainBackendEndToEnd runs `manifest send` and `lease status` through the chain-backed
// lookups: host URI and certificate from the provider's on-chain records, the lease from the
// market, the manifest built from a real SDL by akt's SDL engine.
func TestChainBackendEndToEnd(t *testing.T) {
	g := newGatewayCLI(t)
	sdlPath := filepath.Join(repoRootDir(t), "..", "shared", "sdl-corpus", "golden", "input", "v2.0", "simple", "input.yaml")
	data, err := os.ReadFile(sdlPath)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := sdl.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	version, err := providertest.ManifestVersion(parsed.ManifestJSON())
	if err != nil {
		t.Fatal(err)
	}
	if want := parsed.Version(); !bytes.Equal(version, want[:]) {
		t.Fatalf("the provider's recomputed version %x differs from the SDL engine's %x", version, want)
	}
	signer := g.backend.signer
	g.gw.AddLease(providertest.Lease{Owner: signer.Address(), DSeq: 90, GSeq: 1, OSeq: 1, ManifestHash: version,
		Services: []string{"web"}, Status: map[string]any{"services": map[string]any{}}})
	other, err := providertest.New()
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	certPEM := "-----BEGIN CERTIFICATE-----\n" + "bm90IGEgY2VydA==" + "\n-----END CERTIFICATE-----\n"
	q := &fakeQuerier{
		providers: []chain.Provider{{Address: g.gw.Address, HostURI: g.gw.URL}, {Address: other.Address, HostURI: other.URL}},
		certs: map[string][]chain.Certificate{g.gw.Address: {
			{Owner: g.gw.Address, State: "revoked", Cert: string(pemOf(other))},
			{Owner: g.gw.Address, State: "valid", Cert: certPEM}, // malformed: skipped
			{Owner: g.gw.Address, State: "valid", Cert: string(pemOf(g.gw))},
		}},
		leases: []chain.Lease{
			{ID: chain.LeaseID{Owner: signer.Address(), DSeq: 90, GSeq: 1, OSeq: 1, Provider: g.gw.Address}, State: "active"},
			{ID: chain.LeaseID{Owner: signer.Address(), DSeq: 90, GSeq: 2, OSeq: 1, Provider: other.Address}, State: "closed"},
		},
	}
	backend := newChainBackend(q, signer, t.TempDir(), nil)
	run := func(args ...string) result {
		var out, errb bytes.Buffer
		app := newTestApp(&out, &errb, func(context.Context, *App) (ProviderBackend, error) { return backend, nil })
		return result{code: app.Execute(context.Background(), args), stdout: out.String(), stderr: errb.String()}
	}
	if r := run("manifest", "send", "90", sdlPath); r.code != 0 {
		t.Fatalf("manifest send via chain backend: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	if l, _ := g.gw.LeaseState(90); !bytes.Equal(l.Manifest, parsed.ManifestJSON()) {
		t.Fatalf("the provider received %q", l.Manifest)
	}
	if r := run("lease", "status", "90", "-o", "json"); r.code != 0 {
		t.Fatalf("lease status via chain backend: exit %d, %q", r.code, r.stderr)
	}
	ps, _ := backend.Providers(context.Background())
	if len(ps) != 2 {
		t.Fatalf("providers %v", ps)
	}
	if err := backend.PublishCertificate(context.Background(), nil, nil); err == nil {
		t.Fatal("publishing without a publisher succeeded")
	}
	if _, err := backend.Groups(data); err != nil {
		t.Fatalf("groups: %v", err)
	}
}
