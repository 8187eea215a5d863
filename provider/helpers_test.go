package provider_test

import (
	"context"
	"crypto/x509"
	"testing"
	"time"

	"github.com/akt-project/akt/provider"
	"github.com/akt-project/akt/provider/providertest"
)

const testManifest = `[{"name":"dcloud","services":[{"name":"web","image":"nginx:1.27","command":null,"args":null,"env":null,"resources":{"id":1,"cpu":{"units":{"val":"500"}},"memory":{"size":{"val":"536870912"}},"storage":[{"name":"default","size":{"val":"1073741824"}}],"gpu":{"units":{"val":"0"}},"endpoints":[{"sequence_number":0}]},"count":1,"expose":[{"port":80,"externalPort":80,"proto":"TCP","service":"","global":true,"hosts":null,"httpOptions":{"maxBodySize":1048576,"readTimeout":60000,"sendTimeout":60000,"nextTries":3,"nextTimeout":0,"nextCases":["error","timeout"]},"ip":"","endpointSequenceNumber":0}],"credentials":null}]}]`

type env struct {
	gw     *providertest.Gateway
	signer *providertest.KeySigner
	lease  provider.LeaseID
}

func fixedKey(b byte) []byte {
	k := make([]byte, 32)
	for i := range k {
		k[i] = b
	}
	return k
}

// newEnv starts a gateway with one tenant and one lease (dseq 42) holding a web service.
func newEnv(t testing.TB) *env {
	t.Helper()
	gw, err := providertest.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(gw.Close)
	signer, err := providertest.NewKeySigner(fixedKey(3))
	if err != nil {
		t.Fatal(err)
	}
	gw.AddTenant(signer.Address(), signer.PubKey())
	hash, err := providertest.ManifestVersion([]byte(testManifest))
	if err != nil {
		t.Fatal(err)
	}
	gw.AddLease(providertest.Lease{
		Owner: signer.Address(), DSeq: 42, GSeq: 1, OSeq: 1, ManifestHash: hash,
		Services: []string{"web", "db"},
		Status: map[string]any{
			"services": map[string]any{"web": map[string]any{
				"name": "web", "available": 1, "total": 1, "uris": []string{"web.example.test"},
				"replicas": 1, "ready_replicas": 1, "available_replicas": 1, "updated_replicas": 1,
			}},
			"forwarded_ports": map[string]any{"web": []any{map[string]any{
				"host": "node.example.test", "port": 22, "externalPort": 31022, "proto": "TCP", "name": "web",
			}}},
		},
		Logs: []providertest.LogLine{
			{Service: "web", Pod: "web-0", Message: "web 1"}, {Service: "db", Pod: "db-0", Message: "db 1"},
			{Service: "web", Pod: "web-0", Message: "web 2"}, {Service: "web", Pod: "web-0", Message: "web 3"},
		},
		Events: []any{map[string]any{"type": "Normal", "reason": "Scheduled", "note": "assigned",
			"object": map[string]string{"kind": "Pod", "name": "web-0"}}},
	})
	gw.Exec = providertest.LocalExec(t.TempDir())
	return &env{gw: gw, signer: signer, lease: provider.LeaseID{
		Owner: signer.Address(), DSeq: 42, GSeq: 1, OSeq: 1, Provider: gw.Address,
	}}
}

func (e *env) client(t testing.TB, opts ...provider.Option) *provider.Client {
	t.Helper()
	c := provider.New(e.signer, e.gw, opts...)
	t.Cleanup(c.Close)
	return c
}

func ctxT(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// fakeCerts answers provider lookups with a fixed URL and certificate list.
type fakeCerts struct {
	url   string
	certs []*x509.Certificate
}

func (f fakeCerts) ProviderInfo(context.Context, string) (string, []*x509.Certificate, error) {
	return f.url, f.certs, nil
}
