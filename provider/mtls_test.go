package provider_test

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/akt-project/akt/provider"
	"github.com/akt-project/akt/provider/providertest"
)

type recordingPublisher struct {
	certs [][]byte
	pubs  [][]byte
}

func (p *recordingPublisher) PublishCertificate(_ context.Context, certPEM, pubKeyPEM []byte) error {
	p.certs = append(p.certs, certPEM)
	p.pubs = append(p.pubs, pubKeyPEM)
	return nil
}

func TestClientCertLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := ctxT(t)
	dir := t.TempDir()
	pub := &recordingPublisher{}
	now := time.Now()
	cc, err := provider.EnsureClientCert(ctx, e.signer, dir, pub, now)
	if err != nil {
		t.Fatal(err)
	}
	c := cc.Cert
	if c.Subject.CommonName != e.signer.Address() || c.Issuer.CommonName != e.signer.Address() ||
		!slices.Equal(c.ExtKeyUsage, []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}) ||
		c.SerialNumber.Int64() != now.UnixNano() || len(c.Subject.Names) != 2 {
		t.Fatalf("certificate fields: subject %v issuer %v eku %v serial %v", c.Subject, c.Issuer, c.ExtKeyUsage, c.SerialNumber)
	}
	if len(pub.certs) != 1 {
		t.Fatalf("published %d certificates, want 1", len(pub.certs))
	}
	if b, _ := pem.Decode(pub.pubs[0]); b == nil || b.Type != "EC PUBLIC KEY" {
		t.Fatalf("published public key PEM %q", pub.pubs[0])
	}
	st, err := os.Stat(provider.ClientCertPath(dir, e.signer.Address()))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("stored file: %v, mode %v", err, st.Mode())
	}
	again, err := provider.EnsureClientCert(ctx, e.signer, dir, pub, now.Add(time.Hour))
	if err != nil || !again.Cert.Equal(cc.Cert) || len(pub.certs) != 1 {
		t.Fatalf("stored certificate not reused: %v, published %d", err, len(pub.certs))
	}
	if _, err := provider.EnsureClientCert(ctx, e.signer, dir, pub, now.Add(provider.ClientCertValidity)); err != nil || len(pub.certs) != 2 {
		t.Fatalf("expiring certificate not renewed: %v, published %d", err, len(pub.certs))
	}
	// Another key claiming the same address cannot decrypt the stored key.
	other, _ := providertest.NewKeySigner(fixedKey(5))
	if _, err := provider.LoadClientCert(ctx, impostor{KeySigner: other, addr: e.signer.Address()}, dir); err == nil {
		t.Fatal("stored key decrypted with another account key")
	}
	if _, err := provider.LoadClientCert(ctx, other, dir); !errors.Is(err, provider.ErrNoClientCert) {
		t.Fatalf("missing certificate: %v", err)
	}
}

func TestMTLSAuth(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := ctxT(t)
	cc, _, err := provider.GenerateClientCert(e.signer.Address(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	mtls := e.client(t, provider.WithAuthMode(provider.AuthMTLS), provider.WithClientCertificate(cc.TLS))
	if _, err := mtls.LeaseStatus(ctx, e.lease); !errors.Is(err, provider.ErrUnauthorized) {
		t.Fatalf("certificate not on chain: error = %v, want ErrUnauthorized", err)
	}
	e.gw.AddClientCert(e.signer.Address(), cc.Cert)
	if _, err := mtls.LeaseStatus(ctx, e.lease); err != nil {
		t.Fatalf("mTLS LeaseStatus: %v", err)
	}
	if code, err := mtls.Exec(ctx, e.lease, provider.ExecOptions{Service: "web", Command: []string{"true"}}); err != nil || code != 0 {
		t.Fatalf("mTLS shell: %d, %v", code, err)
	}
	jwtOnly := e.client(t, provider.WithAuthMode(provider.AuthJWT))
	if _, err := jwtOnly.LeaseStatus(ctx, e.lease); err != nil {
		t.Fatalf("JWT LeaseStatus: %v", err)
	}
	noCert := e.client(t, provider.WithAuthMode(provider.AuthMTLS))
	if _, err := noCert.LeaseStatus(ctx, e.lease); err == nil {
		t.Fatal("mTLS without a certificate succeeded")
	}
}

func TestAutoFallsBackToMTLS(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := ctxT(t)
	// A tenant the provider cannot verify by JWT (e.g. its public key is not on chain yet).
	tenant, _ := providertest.NewKeySigner(fixedKey(6))
	e.gw.AddLease(providertest.Lease{Owner: tenant.Address(), DSeq: 7, GSeq: 1, OSeq: 1, Services: []string{"web"},
		Logs: []providertest.LogLine{{Service: "web", Pod: "web-0", Message: "hi"}}, Status: map[string]any{}})
	lease := provider.LeaseID{Owner: tenant.Address(), DSeq: 7, GSeq: 1, OSeq: 1, Provider: e.gw.Address}
	cc, _, err := provider.GenerateClientCert(tenant.Address(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.gw.AddClientCert(tenant.Address(), cc.Cert)
	jwtOnly := provider.New(tenant, e.gw, provider.WithAuthMode(provider.AuthJWT))
	defer jwtOnly.Close()
	if _, err := jwtOnly.LeaseStatus(ctx, lease); !errors.Is(err, provider.ErrUnauthorized) {
		t.Fatalf("JWT-only: %v, want ErrUnauthorized", err)
	}
	auto := provider.New(tenant, e.gw, provider.WithClientCertificate(cc.TLS))
	defer auto.Close()
	if _, err := auto.LeaseStatus(ctx, lease); err != nil {
		t.Fatalf("auto mode did not fall back to mTLS: %v", err)
	}
	var got []string
	if err := auto.Logs(ctx, lease, provider.LogOptions{}, func(l provider.LogLine) error { got = append(got, l.Message); return nil }); err != nil || len(got) != 1 {
		t.Fatalf("auto-mode logs over mTLS: %q, %v", got, err)
	}
}
