// Package provider is akt's client for Akash provider gateways: the HTTPS API on a
// provider's host_uri used after a lease is created (manifest, status, logs, events, shell).
//
// The provider's TLS certificate is checked against the certificates the provider published
// on chain, not against system roots. Requests authenticate with a short-lived ES256K JWT
// made from the tenant's key, or with a client certificate (mTLS) published on chain.
// Streams (logs, events, shell) take a context and deliver through callbacks or io.Writers;
// nothing here prints.
package provider

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/akt-project/akt/provider/jwt"
)

// Signer is the tenant's account key, as the chain package's keyring signer provides it.
type Signer interface {
	// Address is the bech32 account address (akash1...).
	Address() string
	// PubKey is the 33-byte compressed secp256k1 public key.
	PubKey() []byte
	// Sign returns the 64-byte r||s (low-S) signature of sha256(msg), as the keyring does.
	Sign(ctx context.Context, msg []byte) ([]byte, error)
}

// CertSource looks up what the chain says about a provider.
type CertSource interface {
	// ProviderInfo returns the provider's host URI (https://host:port) and its valid
	// (not revoked) certificates published with the cert module.
	ProviderInfo(ctx context.Context, provider string) (hostURI string, certs []*x509.Certificate, err error)
}

// AuthMode selects how the client authenticates to providers.
type AuthMode string

const (
	// AuthAuto uses a JWT and falls back to the client certificate when a provider rejects
	// the JWT (401) and a certificate is configured.
	AuthAuto AuthMode = "auto"
	// AuthJWT uses only JWTs.
	AuthJWT AuthMode = "jwt"
	// AuthMTLS uses only the client certificate.
	AuthMTLS AuthMode = "mtls"
)

// LeaseID names a lease: the deployment owner's dseq, group and order sequence, and provider.
type LeaseID struct {
	Owner    string `json:"owner"`
	DSeq     uint64 `json:"dseq"`
	GSeq     uint32 `json:"gseq"`
	OSeq     uint32 `json:"oseq"`
	Provider string `json:"provider"`
}

// String formats the lease as owner/dseq/gseq/oseq/provider.
func (l LeaseID) String() string {
	return fmt.Sprintf("%s/%d/%d/%d/%s", l.Owner, l.DSeq, l.GSeq, l.OSeq, l.Provider)
}

func (l LeaseID) path(suffix string) string {
	return fmt.Sprintf("/lease/%d/%d/%d/%s", l.DSeq, l.GSeq, l.OSeq, suffix)
}

// Client talks to provider gateways on behalf of one tenant. It is safe for concurrent use.
type Client struct {
	signer     Signer
	certs      CertSource
	tokens     *jwt.Source
	leases     jwt.Leases
	mode       AuthMode
	clientCert *tls.Certificate
	retry      RetryPolicy
	now        func() time.Time

	cache *gatewayCache // shared with clients made by WithAccess
}

// gatewayCache holds the per-provider connection settings.
type gatewayCache struct {
	mu       sync.Mutex
	gateways map[string]*gateway
}

// RetryPolicy controls how SendManifest retries transient failures.
type RetryPolicy struct {
	Attempts int           // total attempts, at least 1
	Initial  time.Duration // first wait; doubles each time
	Max      time.Duration // upper bound of one wait
	// OnRetry, when set, hears about each failed attempt before the wait (e.g. to show
	// "provider not ready, retrying in 2s"). It must not block.
	OnRetry func(attempt int, wait time.Duration, err error)
}

// DefaultRetry retries a manifest send 6 times over about half a minute: a provider often
// answers "lease not found" for a few seconds after the lease is created.
var DefaultRetry = RetryPolicy{Attempts: 6, Initial: time.Second, Max: 10 * time.Second}

// Option configures a Client.
type Option func(*Client)

// WithAuthMode selects JWT, mTLS or automatic fallback (the default).
func WithAuthMode(m AuthMode) Option { return func(c *Client) { c.mode = m } }

// WithClientCertificate sets the client certificate used for mTLS.
func WithClientCertificate(cert tls.Certificate) Option {
	return func(c *Client) { c.clientCert = &cert }
}

// WithLeaseAccess limits the JWTs the client sends (scoped or granular); full by default.
func WithLeaseAccess(l jwt.Leases) Option { return func(c *Client) { c.leases = l } }

// WithTokenSource replaces the JWT source (e.g. to change token lifetime).
func WithTokenSource(s *jwt.Source) Option { return func(c *Client) { c.tokens = s } }

// WithRetry sets the manifest send retry policy.
func WithRetry(p RetryPolicy) Option { return func(c *Client) { c.retry = p } }

// New returns a client for the tenant signer, looking providers up in certs.
func New(signer Signer, certs CertSource, opts ...Option) *Client {
	c := &Client{
		signer: signer,
		certs:  certs,
		leases: jwt.FullAccess(),
		mode:   AuthAuto,
		retry:  DefaultRetry,
		now:    time.Now,
		cache:  &gatewayCache{gateways: map[string]*gateway{}},
	}
	for _, o := range opts {
		o(c)
	}
	if c.tokens == nil {
		c.tokens = jwt.NewSource(signer)
	}
	if c.retry.Attempts < 1 {
		c.retry.Attempts = 1
	}
	return c
}

// WithAccess returns a client that sends tokens granting only leases (e.g. jwt.LeaseAccess
// for one lease's logs), sharing this client's connections and token cache.
func (c *Client) WithAccess(leases jwt.Leases) *Client {
	cp := *c
	cp.leases = leases
	return &cp
}

// Address returns the tenant address the client authenticates as.
func (c *Client) Address() string { return c.signer.Address() }

// gateway is what the client knows about one provider.
type gateway struct {
	provider string
	base     *url.URL
	tlsJWT   *tls.Config // no client certificate
	tlsMTLS  *tls.Config // presents the client certificate; nil without one
	httpJWT  *http.Client
	httpMTLS *http.Client

	mu        sync.Mutex
	preferTLS bool // a JWT was rejected and mTLS worked: use mTLS from now on
}

func (g *gateway) useMTLS(mode AuthMode) bool {
	switch mode {
	case AuthMTLS:
		return true
	case AuthJWT:
		return false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.preferTLS && g.tlsMTLS != nil
}

func (g *gateway) setPreferMTLS() {
	g.mu.Lock()
	g.preferTLS = true
	g.mu.Unlock()
}

// gateway returns (and caches) the connection settings for a provider.
func (c *Client) gateway(ctx context.Context, provider string) (*gateway, error) {
	c.cache.mu.Lock()
	g, ok := c.cache.gateways[provider]
	c.cache.mu.Unlock()
	if ok {
		return g, nil
	}
	hostURI, certs, err := c.certs.ProviderInfo(ctx, provider)
	if err != nil {
		return nil, fmt.Errorf("looking up provider %s: %w", provider, err)
	}
	base, err := parseHostURI(hostURI)
	if err != nil {
		return nil, fmt.Errorf("provider %s: %w", provider, err)
	}
	if len(certs) == 0 {
		return nil, fmt.Errorf("provider %s has no valid certificate on chain; cannot verify its gateway %s", provider, base.Host)
	}
	g = &gateway{provider: provider, base: base}
	g.tlsJWT = pinnedTLSConfig(provider, certs, nil, c.now)
	g.httpJWT = newHTTPClient(g.tlsJWT)
	if c.clientCert != nil {
		g.tlsMTLS = pinnedTLSConfig(provider, certs, c.clientCert, c.now)
		g.httpMTLS = newHTTPClient(g.tlsMTLS)
	}
	c.cache.mu.Lock()
	c.cache.gateways[provider] = g
	c.cache.mu.Unlock()
	return g, nil
}

// forget drops a cached provider (after a certificate mismatch the chain may have a newer one).
func (c *Client) forget(provider string) {
	c.cache.mu.Lock()
	if g, ok := c.cache.gateways[provider]; ok {
		g.httpJWT.CloseIdleConnections()
		if g.httpMTLS != nil {
			g.httpMTLS.CloseIdleConnections()
		}
		delete(c.cache.gateways, provider)
	}
	c.cache.mu.Unlock()
}

// Close releases idle connections.
func (c *Client) Close() {
	c.cache.mu.Lock()
	defer c.cache.mu.Unlock()
	for p, g := range c.cache.gateways {
		g.httpJWT.CloseIdleConnections()
		if g.httpMTLS != nil {
			g.httpMTLS.CloseIdleConnections()
		}
		delete(c.cache.gateways, p)
	}
}

func parseHostURI(hostURI string) (*url.URL, error) {
	if !strings.Contains(hostURI, "://") {
		hostURI = "https://" + hostURI
	}
	u, err := url.Parse(hostURI)
	if err != nil {
		return nil, fmt.Errorf("parsing host URI %q: %w", hostURI, err)
	}
	if u.Scheme != "https" {
		return nil, fmt.Errorf("host URI %q: scheme %q, want https", hostURI, u.Scheme)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("host URI %q has no host", hostURI)
	}
	return &url.URL{Scheme: "https", Host: u.Host}, nil
}

func newHTTPClient(cfg *tls.Config) *http.Client {
	return &http.Client{Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		TLSClientConfig:       cfg,
		TLSHandshakeTimeout:   15 * time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   4,
		ExpectContinueTimeout: time.Second,
		ForceAttemptHTTP2:     false,
	}}
}
