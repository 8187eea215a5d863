package live

import (
	"context"
	"encoding/pem"
	"errors"
	"strings"
	"testing"

	"github.com/cosmos/gogoproto/proto"

	"github.com/akt-project/akt/chain"
	auditv1 "github.com/akt-project/akt/chain/types/audit/v1"
	certv1 "github.com/akt-project/akt/chain/types/cert/v1"
	pv1beta4 "github.com/akt-project/akt/chain/types/provider/v1beta4"
	"github.com/akt-project/akt/provider"
	"github.com/akt-project/akt/provider/providertest"
	"github.com/akt-project/akt/sdl"
	"github.com/akt-project/akt/tui/svc"
)

// withGateway starts a provider gateway registered on the fake chain (host URI and
// certificate) that knows alice and serves lease 42/1/1 of the SDL gpuSDL.
func withGateway(t *testing.T, e *env) *providertest.Gateway {
	t.Helper()
	gw, err := providertest.NewWithOptions(providertest.Options{Address: testProvider})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(gw.Close)
	kr, err := chain.OpenKeyring("test", e.cfg.Home, nil)
	if err != nil {
		t.Fatal(err)
	}
	alice, err := kr.Show("alice")
	if err != nil {
		t.Fatal(err)
	}
	gw.AddTenant(e.addr, alice.PubKey)
	parsed, err := sdl.Parse([]byte(gpuSDL))
	if err != nil {
		t.Fatal(err)
	}
	v := parsed.Version()
	gw.AddLease(providertest.Lease{Owner: e.addr, DSeq: 42, GSeq: 1, OSeq: 1, ManifestHash: v[:], Services: []string{"llm"},
		Status: map[string]any{"services": map[string]any{"llm": map[string]any{"name": "llm", "available": 0, "total": 1}}}})
	e.node.Handle("/akash.provider.v1beta4.Query/Provider", func([]byte) (proto.Message, uint32, string) {
		return &pv1beta4.QueryProviderResponse{Provider: pv1beta4.Provider{Owner: testProvider, HostURI: gw.URL}}, 0, ""
	})
	e.node.Handle("/akash.audit.v1.Query/ProviderAttributes", func([]byte) (proto.Message, uint32, string) {
		return &auditv1.QueryProvidersResponse{}, 0, ""
	})
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: gw.Cert.Raw})
	e.node.Handle("/akash.cert.v1.Query/Certificates", func([]byte) (proto.Message, uint32, string) {
		return &certv1.QueryCertificatesResponse{Certificates: certv1.CertificatesResponse{
			{Certificate: certv1.Certificate{State: certv1.CertificateValid, Cert: []byte("not a pem")}, Serial: "1"},
			{Certificate: certv1.Certificate{State: certv1.CertificateValid, Cert: certPEM}, Serial: "2"},
		}}, 0, ""
	})
	return gw
}

var lease42 = svc.LeaseID{DSeq: 42, GSeq: 1, OSeq: 1, Provider: testProvider}

func TestSendManifestFromStoredSDL(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	gw := withGateway(t, e)
	p := e.s.Deps().Providers
	err := p.SendManifest(ctx(t), lease42, nil)
	if err == nil || !strings.Contains(err.Error(), "no SDL stored") {
		t.Fatalf("send without an SDL: %v", err)
	}
	if err := e.s.store.Put("testnet", 42, []byte(gpuSDL)); err != nil {
		t.Fatal(err)
	}
	if err := p.SendManifest(ctx(t), lease42, nil); err != nil {
		t.Fatal(err)
	}
	l, _ := gw.LeaseState(42)
	parsed, _ := sdl.Parse([]byte(gpuSDL))
	if string(l.Manifest) != string(parsed.ManifestJSON()) {
		t.Fatalf("gateway holds %s", l.Manifest)
	}
}

func TestSendManifestVersionMismatch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	withGateway(t, e)
	other := strings.Replace(gpuSDL, "count: 1", "count: 2", 1)
	err := e.s.Deps().Providers.SendManifest(ctx(t), lease42, []byte(other))
	if !errors.Is(err, provider.ErrManifestVersion) || !strings.Contains(err.Error(), "testnet") {
		t.Fatalf("mismatching manifest: %v", err)
	}
}

func TestWatchStatusSendsChanges(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	gw := withGateway(t, e)
	c, cancel := context.WithCancel(ctx(t))
	ch, err := e.s.Deps().Providers.WatchStatus(c, lease42)
	if err != nil {
		t.Fatal(err)
	}
	first := <-ch
	if len(first.Services) != 1 || first.Services[0].Name != "llm" || first.AllReady() {
		t.Fatalf("first status %+v", first)
	}
	gw.AddLease(providertest.Lease{Owner: e.addr, DSeq: 42, GSeq: 1, OSeq: 1, Services: []string{"llm"},
		Status: map[string]any{
			"services":        map[string]any{"llm": map[string]any{"name": "llm", "available": 1, "total": 1, "uris": []string{"abc.ingress.example.org"}}},
			"forwarded_ports": map[string]any{"llm": []any{map[string]any{"host": "provider.example.org", "port": 22, "externalPort": 31522, "proto": "TCP"}}},
		}})
	ready := <-ch
	s := ready.Services[0]
	if !ready.AllReady() || s.URIs[0] != "abc.ingress.example.org" || len(s.Ports) != 1 || s.Ports[0].Address() != "provider.example.org:31522" {
		t.Fatalf("ready status %+v", ready)
	}
	cancel()
	for range ch {
	}
}
