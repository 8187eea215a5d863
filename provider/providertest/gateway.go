package providertest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/akt-project/akt/provider/jwt"
	"github.com/akt-project/akt/provider/shell"
)

// Gateway is an in-process provider gateway on 127.0.0.1 with a self-signed certificate, for
// tests of the provider client. It authenticates tenants by JWT (registered public keys) or by
// client certificate (registered certificates) and serves the gateway API from its registry.
type Gateway struct {
	// Address is the provider's account address; URL its https://127.0.0.1:port host URI.
	Address string
	URL     string
	// Cert is the certificate the gateway presents (what the provider publishes on chain).
	Cert *x509.Certificate

	// Exec runs shell commands; LocalExec(t.TempDir()) runs real processes.
	Exec ExecFunc
	// Validate decides /validate answers; nil means "would bid".
	Validate func(groups []byte) (ok bool, reason string)
	// FollowInterval is the pause between generated lines of a followed log or event stream.
	FollowInterval time.Duration
	// StatusJSON and VersionJSON are served at /status and /version.
	StatusJSON, VersionJSON any

	server       *httptest.Server
	now          func() time.Time
	pubKeyLookup func(ctx context.Context, address string) ([]byte, error)
	streams      atomic.Int32

	mu           sync.Mutex
	tenants      map[string][]byte
	clientCerts  map[string][]*x509.Certificate
	leases       map[uint64]*Lease
	manifestFail []int
	resizes      []shell.TermSize
}

// Lease is a lease the gateway serves.
type Lease struct {
	Owner      string
	DSeq       uint64
	GSeq, OSeq uint32
	// ManifestHash is the deployment's on-chain version; a manifest with another hash is
	// rejected. Empty accepts any manifest.
	ManifestHash []byte
	// Manifest is the last manifest accepted.
	Manifest json.RawMessage
	// Services lists service names; Status is served as the lease status.
	Services []string
	Status   any
	// Logs are the existing log lines; Events the existing kube events.
	Logs   []LogLine
	Events []any
	Closed bool
}

// LogLine is one log line of a service replica.
type LogLine struct {
	Service string
	Pod     string
	Message string
}

// Options sets a gateway's identity; the zero value makes a random provider address with a
// fresh self-signed certificate.
type Options struct {
	// Address is the provider's account address.
	Address string
	// CertPEM and KeyPEM are the certificate (as published on chain) and its key.
	CertPEM, KeyPEM []byte
	// PubKeyLookup, when set, finds a tenant's public key (e.g. on a devnet chain) for
	// tenants not registered with AddTenant.
	PubKeyLookup func(ctx context.Context, address string) ([]byte, error)
}

// New starts a gateway with a random identity. Close it when done.
func New() (*Gateway, error) { return NewWithOptions(Options{}) }

// NewWithOptions starts a gateway with the given identity. Close it when done.
func NewWithOptions(o Options) (*Gateway, error) {
	if o.Address == "" {
		key, err := NewKeySigner(randomKey())
		if err != nil {
			return nil, err
		}
		o.Address = key.Address()
	}
	if o.CertPEM == nil {
		var err error
		if o.CertPEM, o.KeyPEM, _, err = SelfSignedCert(o.Address, true); err != nil {
			return nil, err
		}
	}
	pair, err := tls.X509KeyPair(o.CertPEM, o.KeyPEM)
	if err != nil {
		return nil, fmt.Errorf("loading gateway key pair of %s: %w", o.Address, err)
	}
	cert, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil {
		return nil, fmt.Errorf("parsing gateway certificate of %s: %w", o.Address, err)
	}
	g := &Gateway{
		Address:        o.Address,
		Cert:           cert,
		pubKeyLookup:   o.PubKeyLookup,
		FollowInterval: 5 * time.Millisecond,
		now:            time.Now,
		tenants:        map[string][]byte{},
		clientCerts:    map[string][]*x509.Certificate{},
		leases:         map[uint64]*Lease{},
		VersionJSON: map[string]any{
			"akash": map[string]any{"version": "v0.10.0-providertest", "commit": "test"},
			"kube":  map[string]any{"major": "1", "minor": "31", "gitVersion": "v1.31.0"},
		},
	}
	g.server = httptest.NewUnstartedServer(g.routes())
	g.server.Config.ErrorLog = log.New(io.Discard, "", 0) // failed handshakes are what some tests want
	g.server.TLS = &tls.Config{
		MinVersion:   tls.VersionTLS13,
		Certificates: []tls.Certificate{pair},
		ClientAuth:   tls.RequestClientCert,
	}
	g.server.StartTLS()
	g.URL = g.server.URL
	return g, nil
}

// Close stops the gateway and drops open connections.
func (g *Gateway) Close() {
	g.server.CloseClientConnections()
	g.server.Close()
}

// CloseClientConnections drops every open connection (e.g. to break a shell mid-command).
func (g *Gateway) CloseClientConnections() { g.server.CloseClientConnections() }

// ProviderInfo implements the client's certificate source for this one gateway.
func (g *Gateway) ProviderInfo(_ context.Context, provider string) (string, []*x509.Certificate, error) {
	if provider != g.Address {
		return "", nil, fmt.Errorf("provider %s not found", provider)
	}
	return g.URL, []*x509.Certificate{g.Cert}, nil
}

// Directory is a set of gateways that answers provider lookups for all of them.
type Directory []*Gateway

// ProviderInfo implements the client's certificate source.
func (d Directory) ProviderInfo(ctx context.Context, provider string) (string, []*x509.Certificate, error) {
	for _, g := range d {
		if g.Address == provider {
			return g.ProviderInfo(ctx, provider)
		}
	}
	return "", nil, fmt.Errorf("provider %s not found", provider)
}

// AddTenant registers an account's public key (what a real provider reads from chain).
func (g *Gateway) AddTenant(address string, pubKey []byte) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.tenants[address] = slices.Clone(pubKey)
}

// AddClientCert registers a tenant's on-chain client certificate for mTLS.
func (g *Gateway) AddClientCert(address string, cert *x509.Certificate) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.clientCerts[address] = append(g.clientCerts[address], cert)
}

// AddLease registers a lease.
func (g *Gateway) AddLease(l Lease) {
	g.mu.Lock()
	defer g.mu.Unlock()
	cp := l
	g.leases[l.DSeq] = &cp
}

// CloseLease marks a lease closed: its calls answer 404 from then on.
func (g *Gateway) CloseLease(dseq uint64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if l, ok := g.leases[dseq]; ok {
		l.Closed = true
	}
}

// LeaseState returns a copy of a lease's current state.
func (g *Gateway) LeaseState(dseq uint64) (Lease, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	l, ok := g.leases[dseq]
	if !ok {
		return Lease{}, false
	}
	return *l, true
}

// FailManifest makes the next manifest sends answer with these HTTP statuses, in order.
func (g *Gateway) FailManifest(statuses ...int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.manifestFail = append(g.manifestFail, statuses...)
}

// Resizes returns the terminal sizes received on shells so far.
func (g *Gateway) Resizes() []shell.TermSize {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.resizes)
}

// OpenStreams returns the number of log, event and shell websockets being served.
func (g *Gateway) OpenStreams() int { return int(g.streams.Load()) }

// errAuth is an authentication failure answered with 401.
var errAuth = errors.New("unauthorized")

// authenticate returns the tenant address of a request, by JWT or client certificate.
func (g *Gateway) authenticate(r *http.Request) (string, *jwt.Claims, error) {
	bearer, hasJWT := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	hasCert := r.TLS != nil && len(r.TLS.PeerCertificates) > 0
	if hasJWT && hasCert {
		return "", nil, fmt.Errorf("auth ambiguous: both a JWT and a client certificate were sent")
	}
	if hasJWT {
		tok, err := jwt.Parse(bearer)
		if err != nil {
			return "", nil, fmt.Errorf("%w: %v", errAuth, err)
		}
		var iss struct {
			Iss string `json:"iss"`
		}
		_ = json.Unmarshal(tok.PayloadRaw, &iss)
		g.mu.Lock()
		pub, ok := g.tenants[iss.Iss]
		g.mu.Unlock()
		if !ok && g.pubKeyLookup != nil {
			if k, err := g.pubKeyLookup(r.Context(), iss.Iss); err == nil && len(k) > 0 {
				pub, ok = k, true
			}
		}
		if !ok {
			return "", nil, fmt.Errorf("%w: no public key on chain for %q", errAuth, iss.Iss)
		}
		claims, err := jwt.Verify(bearer, pub, g.now())
		if err != nil {
			return "", nil, fmt.Errorf("%w: %v", errAuth, err)
		}
		return claims.Iss, claims, nil
	}
	if hasCert {
		leaf := r.TLS.PeerCertificates[0]
		addr := leaf.Subject.CommonName
		if !slices.Contains(leaf.ExtKeyUsage, x509.ExtKeyUsageClientAuth) {
			return "", nil, fmt.Errorf("%w: client certificate lacks client-auth usage", errAuth)
		}
		now := g.now()
		if now.Before(leaf.NotBefore) || now.After(leaf.NotAfter) {
			return "", nil, fmt.Errorf("%w: client certificate expired or not yet valid", errAuth)
		}
		g.mu.Lock()
		known := g.clientCerts[addr]
		g.mu.Unlock()
		for _, c := range known {
			if c.Equal(leaf) {
				return addr, nil, nil
			}
		}
		return "", nil, fmt.Errorf("%w: client certificate of %s is not on chain", errAuth, addr)
	}
	return "", nil, fmt.Errorf("%w: no credentials", errAuth)
}

// allows reports whether claims (nil for mTLS: full access) permit action on dseq here.
func (g *Gateway) allows(c *jwt.Claims, action jwt.Scope, dseq uint64, service string) bool {
	if c == nil {
		return true
	}
	switch c.Leases.Access {
	case jwt.AccessFull:
		return true
	case jwt.AccessScoped:
		return slices.Contains(c.Leases.Scope, action)
	case jwt.AccessGranular:
		for _, p := range c.Leases.Permissions {
			if p.Provider != g.Address {
				continue
			}
			switch p.Access {
			case jwt.AccessFull:
				return true
			case jwt.AccessScoped:
				return slices.Contains(p.Scope, action)
			}
			for _, d := range p.Deployments {
				if d.Dseq == dseq && slices.Contains(d.Scope, action) &&
					(service == "" || slices.Contains(d.Services, service)) {
					return true
				}
			}
		}
	}
	return false
}

func randomKey() []byte {
	for {
		k := make([]byte, 32)
		if _, err := rand.Read(k); err != nil {
			panic(fmt.Sprintf("reading random key: %v", err))
		}
		if k[0] != 0 && k[0] < 0xf0 { // comfortably inside the curve order
			return k
		}
	}
}

// SelfSignedCert makes an ECDSA P-256 certificate with CN = address, as Akash accounts
// publish: for a server (SANs 127.0.0.1 and localhost, server and client auth) or a client
// (client auth only). It returns the PEM certificate, PEM PKCS#8 key and parsed certificate.
func SelfSignedCert(address string, server bool) (certPEM, keyPEM []byte, cert *x509.Certificate, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("generating certificate key: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(now.UnixNano()),
		Subject:               pkix.Name{CommonName: address},
		Issuer:                pkix.Name{CommonName: address},
		NotBefore:             now.Add(-time.Minute),
		NotAfter:              now.Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageKeyEncipherment | x509.KeyUsageDataEncipherment | x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
	}
	if server {
		tmpl.ExtKeyUsage = append(tmpl.ExtKeyUsage, x509.ExtKeyUsageServerAuth)
		tmpl.IPAddresses = []net.IP{net.IPv4(127, 0, 0, 1)}
		tmpl.DNSNames = []string{"localhost"}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("creating certificate for %s: %w", address, err)
	}
	cert, err = x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("parsing certificate for %s: %w", address, err)
	}
	pk, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("encoding certificate key: %w", err)
	}
	return pemBlock("CERTIFICATE", der), pemBlock("PRIVATE KEY", pk), cert, nil
}
