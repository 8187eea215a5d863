package provider_test

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/akt-project/akt/provider"
	"github.com/akt-project/akt/provider/jwt"
	"github.com/akt-project/akt/provider/providertest"
)

func TestCallsWithJWT(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.gw.StatusJSON = map[string]any{
		"cluster": map[string]any{"leases": map[string]any{"active": 3}, "inventory": map[string]any{
			"available": map[string]any{"nodes": []any{
				map[string]any{"name": "n1", "allocatable": map[string]any{"cpu": 8000, "gpu": 2, "memory": 1 << 34},
					"available": map[string]any{"cpu": 4000, "gpu": 1, "memory": 1 << 33}},
				map[string]any{"name": "n2", "allocatable": map[string]any{"cpu": 8000, "gpu": 4},
					"available": map[string]any{"cpu": 2000, "gpu": 4}},
			}}}},
		"bidengine": map[string]any{"orders": 2}, "manifest": map[string]any{"deployments": 3},
	}
	c := e.client(t)
	ctx := ctxT(t)
	v, err := c.Version(ctx, e.gw.Address)
	if err != nil || v.Kube.GitVersion != "v1.31.0" {
		t.Fatalf("Version = %+v, %v", v, err)
	}
	st, err := c.Status(ctx, e.gw.Address)
	if err != nil {
		t.Fatal(err)
	}
	alloc, avail := st.Capacity()
	if alloc.GPU != 6 || avail.GPU != 5 || avail.CPU != 6000 || st.Cluster.ActiveLeases() != 3 {
		t.Fatalf("capacity alloc %+v avail %+v leases %d", alloc, avail, st.Cluster.ActiveLeases())
	}
	ls, err := c.LeaseStatus(ctx, e.lease)
	if err != nil {
		t.Fatal(err)
	}
	if web := ls.Services["web"]; web.ReadyReplicas != 1 || len(web.URIs) != 1 || ls.ForwardedPorts["web"][0].ExternalPort != 31022 {
		t.Fatalf("lease status = %+v", ls)
	}
	ss, err := c.ServiceStatus(ctx, e.lease, "web")
	if err != nil || ss.Name != "web" || ss.AvailableReplicas != 1 {
		t.Fatalf("service status = %+v, %v", ss, err)
	}
	if _, err := c.ServiceStatus(ctx, e.lease, "nope"); err == nil || !strings.Contains(err.Error(), "service not found") {
		t.Fatalf("unknown service error = %v", err)
	}
}

func TestJWTRejected(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := ctxT(t)
	past := time.Now().Add(-time.Hour)
	expired := jwt.NewSource(e.signer, jwt.WithClock(func() time.Time { return past }))
	intruder, err := providertest.NewKeySigner(fixedKey(4))
	if err != nil {
		t.Fatal(err)
	}
	// The intruder claims the tenant's address but signs with its own key.
	wrongKey := jwt.NewSource(impostor{KeySigner: intruder, addr: e.signer.Address()})
	for name, src := range map[string]*jwt.Source{"expired": expired, "wrong key": wrongKey} {
		c := e.client(t, provider.WithTokenSource(src))
		_, err := c.LeaseStatus(ctx, e.lease)
		if !errors.Is(err, provider.ErrUnauthorized) {
			t.Errorf("%s token: error = %v, want ErrUnauthorized", name, err)
		}
	}
	scoped := e.client(t, provider.WithLeaseAccess(jwt.ScopedAccess(jwt.ScopeLogs)))
	if _, err := scoped.LeaseStatus(ctx, e.lease); !errors.Is(err, provider.ErrUnauthorized) {
		t.Errorf("logs-only token reading status: error = %v, want ErrUnauthorized (403)", err)
	}
	if _, err := scoped.GetManifest(ctx, e.lease); err == nil {
		t.Error("logs-only token could read the manifest")
	}
}

type impostor struct {
	*providertest.KeySigner
	addr string
}

func (i impostor) Address() string { return i.addr }

func TestTLSVerifiedAgainstChainCert(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	other, err := providertest.New()
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ctx := ctxT(t)
	// The chain lists another certificate for the provider than the one its gateway presents.
	c := provider.New(e.signer, fakeCerts{url: e.gw.URL, certs: []*x509.Certificate{other.Cert}})
	defer c.Close()
	_, err = c.Version(ctx, e.gw.Address)
	if !errors.Is(err, provider.ErrCertificateMismatch) {
		t.Fatalf("error = %v, want ErrCertificateMismatch", err)
	}
	if !strings.Contains(err.Error(), e.gw.Address) {
		t.Fatalf("error %q does not name the provider", err)
	}
	none := provider.New(e.signer, fakeCerts{url: e.gw.URL})
	defer none.Close()
	if _, err := none.Version(ctx, e.gw.Address); err == nil || !strings.Contains(err.Error(), "no valid certificate on chain") {
		t.Fatalf("provider without on-chain cert: error = %v", err)
	}
}

func TestSendManifest(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := ctxT(t)
	var retries []time.Duration
	fast := provider.WithRetry(provider.RetryPolicy{Attempts: 4, Initial: time.Millisecond, Max: 5 * time.Millisecond,
		OnRetry: func(_ int, wait time.Duration, _ error) { retries = append(retries, wait) }})
	c := e.client(t, fast)
	e.gw.FailManifest(http.StatusServiceUnavailable, http.StatusNotFound) // 404 "lease not found": provider catching up
	if err := c.SendManifest(ctx, e.lease, []byte(testManifest)); err != nil {
		t.Fatalf("SendManifest with transient failures: %v", err)
	}
	if len(retries) != 2 || retries[1] != 2*retries[0] {
		t.Fatalf("retries waited %v, want two doubling waits", retries)
	}
	got, err := c.GetManifest(ctx, e.lease)
	if err != nil || string(got) != testManifest {
		t.Fatalf("GetManifest = %s, %v", got, err)
	}
	wrong := strings.Replace(testManifest, "nginx:1.27", "nginx:1.28", 1)
	err = c.SendManifest(ctx, e.lease, []byte(wrong))
	if !errors.Is(err, provider.ErrManifestVersion) || !strings.Contains(err.Error(), "dseq 42") {
		t.Fatalf("wrong-hash manifest: error = %v, want ErrManifestVersion naming dseq 42", err)
	}
	e.gw.FailManifest(http.StatusBadRequest)
	if err := c.SendManifest(ctx, e.lease, []byte(testManifest)); err == nil || !strings.Contains(err.Error(), "400") {
		t.Fatalf("400 must not be retried into success: %v", err)
	}
	e.gw.FailManifest(http.StatusBadGateway, http.StatusBadGateway, http.StatusBadGateway, http.StatusBadGateway)
	if err := c.SendManifest(ctx, e.lease, []byte(testManifest)); err == nil || !strings.Contains(err.Error(), "502") {
		t.Fatalf("retries must stop after 4 attempts: %v", err)
	}
	if err := c.SendManifest(ctx, e.lease, []byte("{not json")); err == nil {
		t.Fatal("invalid JSON sent")
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.gw.Validate = func(groups []byte) (bool, string) {
		if strings.Contains(string(groups), "gpu") {
			return false, "no GPUs of model h100 available"
		}
		return true, ""
	}
	c := e.client(t)
	ctx := ctxT(t)
	res, err := c.Validate(ctx, e.gw.Address, []byte(`[{"name":"a"}]`))
	if err != nil || !res.WouldBid || len(res.Detail) == 0 {
		t.Fatalf("Validate = %+v, %v", res, err)
	}
	res, err = c.Validate(ctx, e.gw.Address, []byte(`[{"name":"gpu"}]`))
	if err != nil || res.WouldBid || res.Reason != "no GPUs of model h100 available" {
		t.Fatalf("Validate (no bid) = %+v, %v", res, err)
	}
}

func TestValidateAll(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	second, err := providertest.New()
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	second.AddTenant(e.signer.Address(), e.signer.PubKey())
	second.Validate = func([]byte) (bool, string) { return false, "insufficient capacity" }
	c := provider.New(e.signer, providertest.Directory{e.gw, second})
	defer c.Close()
	answers := c.ValidateAll(ctxT(t), []string{e.gw.Address, second.Address, "akash1unknown"}, []json.RawMessage{[]byte(`{}`)}, 2)
	if len(answers) != 3 || !answers[0].WouldBid || answers[1].WouldBid || answers[1].Reason != "insufficient capacity" ||
		answers[2].Err == nil || answers[2].Provider != "akash1unknown" {
		t.Fatalf("answers = %+v", answers)
	}
}

func TestGatewayWithIdentity(t *testing.T) {
	t.Parallel()
	signer, _ := providertest.NewKeySigner(fixedKey(11))
	owner := signer.Address()
	provAddr := "akash1qufa3xzrf34qvwyejkhvnc4psf49fftaw0asmh"
	certPEM, keyPEM, cert, err := providertest.SelfSignedCert(provAddr, true)
	if err != nil {
		t.Fatal(err)
	}
	var lookups atomic.Int32
	gw, err := providertest.NewWithOptions(providertest.Options{Address: provAddr, CertPEM: certPEM, KeyPEM: keyPEM,
		PubKeyLookup: func(_ context.Context, addr string) ([]byte, error) {
			lookups.Add(1)
			if addr == owner {
				return signer.PubKey(), nil
			}
			return nil, errors.New("unknown account")
		}})
	if err != nil {
		t.Fatal(err)
	}
	defer gw.Close()
	if gw.Address != provAddr || !gw.Cert.Equal(cert) {
		t.Fatalf("gateway identity %s / serial %s", gw.Address, gw.Cert.SerialNumber)
	}
	gw.AddLease(providertest.Lease{Owner: owner, DSeq: 5, GSeq: 1, OSeq: 1, Status: map[string]any{"services": map[string]any{}}})
	c := provider.New(signer, fakeCerts{url: gw.URL, certs: []*x509.Certificate{cert}})
	defer c.Close()
	if _, err := c.LeaseStatus(ctxT(t), provider.LeaseID{Owner: owner, DSeq: 5, GSeq: 1, OSeq: 1, Provider: provAddr}); err != nil || lookups.Load() == 0 {
		t.Fatalf("LeaseStatus via looked-up public key: %v (lookups %d)", err, lookups.Load())
	}
}

func TestLeaseScopedToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := ctxT(t)
	c := e.client(t).WithAccess(jwt.LeaseAccess(e.gw.Address, e.lease.DSeq, e.lease.GSeq, e.lease.OSeq, []string{"web"}, jwt.ScopeLogs))
	var n int
	if err := c.Logs(ctx, e.lease, provider.LogOptions{Services: []string{"web"}}, func(provider.LogLine) error { n++; return nil }); err != nil || n != 3 {
		t.Fatalf("logs of web with a web-logs token: %d lines, %v", n, err)
	}
	if err := c.Logs(ctx, e.lease, provider.LogOptions{Services: []string{"db"}}, func(provider.LogLine) error { return nil }); !errors.Is(err, provider.ErrUnauthorized) {
		t.Fatalf("logs of db with a web-logs token: %v, want ErrUnauthorized", err)
	}
	if _, err := c.LeaseStatus(ctx, e.lease); !errors.Is(err, provider.ErrUnauthorized) {
		t.Fatalf("status with a logs-only token: %v, want ErrUnauthorized", err)
	}
	other := e.lease
	other.DSeq = 43
	e.gw.AddLease(providertest.Lease{Owner: e.signer.Address(), DSeq: 43, GSeq: 1, OSeq: 1, Services: []string{"web"}})
	if err := c.Logs(ctx, other, provider.LogOptions{Services: []string{"web"}}, func(provider.LogLine) error { return nil }); !errors.Is(err, provider.ErrUnauthorized) {
		t.Fatalf("logs of another deployment: %v, want ErrUnauthorized", err)
	}
}
