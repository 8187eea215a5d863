package core

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akt-project/akt/internal/testutil"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/cli"
	"github.com/akt-project/akt/provider"
	"github.com/akt-project/akt/provider/providertest"
)

const cliTestManifest = `[{"name":"dcloud","services":[{"name":"web","image":"nginx:1.27","count":1}]}]`

// fakeBackend serves lookups from providertest gateways.
type fakeBackend struct {
	gws       providertest.Directory
	signer    *providertest.KeySigner
	leases    map[uint64][]provider.LeaseID
	keyring   string
	published int
}

func (b *fakeBackend) ProviderInfo(ctx context.Context, p string) (string, []*x509.Certificate, error) {
	return b.gws.ProviderInfo(ctx, p)
}
func (b *fakeBackend) PublishCertificate(context.Context, []byte, []byte) error {
	b.published++
	return nil
}
func (b *fakeBackend) Signer(context.Context) (provider.Signer, error) { return b.signer, nil }
func (b *fakeBackend) Leases(_ context.Context, owner string, dseq uint64) ([]provider.LeaseID, error) {
	return b.leases[dseq], nil
}
func (b *fakeBackend) Providers(context.Context) ([]string, error) {
	var out []string
	for _, g := range b.gws {
		out = append(out, g.Address)
	}
	return out, nil
}
func (b *fakeBackend) KeyringDir() string { return b.keyring }
func (b *fakeBackend) Manifest(sdl []byte) ([]byte, error) {
	if !bytes.HasPrefix(sdl, []byte("version:")) {
		return nil, errors.New("not an SDL")
	}
	return []byte(cliTestManifest), nil
}
func (b *fakeBackend) Groups([]byte) ([]json.RawMessage, error) {
	return []json.RawMessage{json.RawMessage(`{"name":"dcloud"}`)}, nil
}

// isolate keeps a test away from the user's files and AKT_* variables.
func isolate(t *testing.T) { t.Helper(); env(t) }

type gatewayCLI struct {
	gw      *providertest.Gateway
	backend *fakeBackend
	remote  string // the replica's file system root
}

func newGatewayCLI(t *testing.T) *gatewayCLI {
	t.Helper()
	isolate(t)
	gw, err := providertest.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(gw.Close)
	key := bytes.Repeat([]byte{8}, 32)
	signer, err := providertest.NewKeySigner(key)
	if err != nil {
		t.Fatal(err)
	}
	gw.AddTenant(signer.Address(), signer.PubKey())
	hash, _ := providertest.ManifestVersion([]byte(cliTestManifest))
	gw.AddLease(providertest.Lease{
		Owner: signer.Address(), DSeq: 77, GSeq: 1, OSeq: 1, ManifestHash: hash, Services: []string{"web"},
		Status: map[string]any{"services": map[string]any{"web": map[string]any{
			"name": "web", "total": 1, "ready_replicas": 1, "available_replicas": 1, "uris": []string{"web.test"}}}},
		Logs: []providertest.LogLine{{Service: "web", Pod: "web-0", Message: "one"}, {Service: "web", Pod: "web-0", Message: "two"}},
	})
	gw.StatusJSON = map[string]any{"cluster": map[string]any{"leases": 1, "inventory": map[string]any{"available": map[string]any{
		"nodes": []any{map[string]any{"name": "n", "allocatable": map[string]any{"cpu": 4000, "gpu": 1}, "available": map[string]any{"cpu": 1000, "gpu": 1}}}}}}}
	remote := t.TempDir()
	gw.Exec = providertest.LocalExec(remote)
	return &gatewayCLI{gw: gw, remote: remote, backend: &fakeBackend{
		gws: providertest.Directory{gw}, signer: signer, keyring: t.TempDir(),
		leases: map[uint64][]provider.LeaseID{77: {{Owner: signer.Address(), DSeq: 77, GSeq: 1, OSeq: 1, Provider: gw.Address}}},
	}}
}

func (g *gatewayCLI) run(t *testing.T, stdin io.Reader, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	app := newTestApp(&out, &errb, func(context.Context, *App) (ProviderBackend, error) { return g.backend, nil })
	app.In = stdin
	code := app.Execute(context.Background(), args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// newTestApp builds an app with the provider gateway commands on the given backend.
func newTestApp(out, errw io.Writer, open BackendFunc) *App {
	app := cli.NewApp(strings.NewReader(""), out, errw, cli.BuildInfo{Version: "test"})
	lease := &cobra.Command{Use: "lease"}
	lease.AddCommand(newLeaseGatewayCmds(app, open)...)
	prov := &cobra.Command{Use: "provider"}
	prov.AddCommand(newProviderGatewayCmds(app, open)...)
	app.Root().AddCommand(newManifestCmd(app, open), lease, prov)
	return app
}

func repoRootDir(t *testing.T) string { t.Helper(); return testutil.RepoRoot(t) }

func pemOf(g *providertest.Gateway) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: g.Cert.Raw})
}

func TestManifestCommands(t *testing.T) {
	g := newGatewayCLI(t)
	dir := t.TempDir()
	mf := filepath.Join(dir, "manifest.json")
	sdl := filepath.Join(dir, "deploy.yaml")
	os.WriteFile(mf, []byte(cliTestManifest), 0o644)
	os.WriteFile(sdl, []byte("version: \"2.0\"\n"), 0o644)
	r := g.run(t, nil, "manifest", "send", "77", mf, "--output", "json")
	var sent []struct{ Provider, Status string }
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &sent) != nil || len(sent) != 1 || sent[0].Status != "sent" {
		t.Fatalf("manifest send json: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	if r := g.run(t, nil, "manifest", "send", "77", sdl); r.code != 0 || !strings.Contains(r.stdout, "Sent the manifest of deployment 77") {
		t.Fatalf("manifest send from SDL: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	r = g.run(t, nil, "manifest", "get", "77")
	if r.code != 0 || !strings.Contains(r.stdout, `"image": "nginx:1.27"`) {
		t.Fatalf("manifest get: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	if r := g.run(t, nil, "manifest", "get", "78"); r.code == 0 || !strings.Contains(r.stderr, "no active lease") {
		t.Fatalf("manifest get of unknown dseq: exit %d, %q", r.code, r.stderr)
	}
}

func TestLeaseGatewayCommands(t *testing.T) {
	g := newGatewayCLI(t)
	r := g.run(t, nil, "lease", "status", "77")
	if r.code != 0 || !strings.Contains(r.stdout, "web.test") || !strings.Contains(r.stdout, "1/1") {
		t.Fatalf("lease status: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	r = g.run(t, nil, "lease", "logs", "77", "--tail", "1")
	if r.code != 0 || r.stdout != "[web-0] two\n" {
		t.Fatalf("lease logs: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	r = g.run(t, nil, "lease", "shell", "77", "--", "sh", "-c", "echo hi; exit 5")
	if r.code != 5 || r.stdout != "hi\n" {
		t.Fatalf("lease shell exit 5: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	r = g.run(t, strings.NewReader("piped input"), "lease", "shell", "77", "--stdin", "--", "cat")
	if r.code != 0 || r.stdout != "piped input" {
		t.Fatalf("lease shell --stdin: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	local := filepath.Join(t.TempDir(), "f.txt")
	os.WriteFile(local, []byte("payload"), 0o644)
	r = g.run(t, nil, "lease", "cp", local, "77:web:"+g.remote+"/")
	if r.code != 0 || !strings.Contains(r.stdout, "Copied 1 file") {
		t.Fatalf("lease cp up: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	back := filepath.Join(t.TempDir(), "back.txt")
	r = g.run(t, nil, "lease", "cp", "77:web:"+g.remote+"/f.txt", back, "-o", "json")
	if got, _ := os.ReadFile(back); r.code != 0 || string(got) != "payload" {
		t.Fatalf("lease cp down: exit %d, %q %q, file %q", r.code, r.stdout, r.stderr, got)
	}
	if r := g.run(t, nil, "lease", "cp", "a", "b"); r.code == 0 || !strings.Contains(r.stderr, "DSEQ:SERVICE:PATH") {
		t.Fatalf("lease cp without a remote side: exit %d %q", r.code, r.stderr)
	}
	if r := g.run(t, nil, "lease", "status", "77", "--auth", "mtls"); r.code == 0 || !strings.Contains(r.stderr, "akt cert create") {
		t.Fatalf("--auth mtls without a certificate: exit %d %q", r.code, r.stderr)
	}
}

func TestProviderGatewayCommands(t *testing.T) {
	g := newGatewayCLI(t)
	r := g.run(t, nil, "provider", "status", g.gw.Address)
	if r.code != 0 || !strings.Contains(r.stdout, "GPUs available     1 of 1") || !strings.Contains(r.stdout, "CPU available      1.00 of 4.00 cores") {
		t.Fatalf("provider status: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	sdl := filepath.Join(t.TempDir(), "deploy.yaml")
	os.WriteFile(sdl, []byte("version: \"2.0\"\n"), 0o644)
	g.gw.Validate = func([]byte) (bool, string) { return false, "no GPU of that model" }
	r = g.run(t, nil, "provider", "validate", sdl)
	if r.code != 0 || !strings.Contains(r.stdout, "no GPU of that model") || !strings.Contains(r.stdout, "0 of 1 providers would bid") {
		t.Fatalf("provider validate: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
}
