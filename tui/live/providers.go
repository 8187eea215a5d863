package live

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"time"

	"github.com/akt-project/akt/provider"
	"github.com/akt-project/akt/sdl"
	"github.com/akt-project/akt/tui/svc"
)

// providers implements svc.Providers with the provider gateway client, authenticating with
// JWTs signed by the active key (and the stored client certificate, when there is one).
type providers struct {
	s *Session

	mu     sync.Mutex
	client *provider.Client
	forGen int
	forKey string
}

var _ svc.Providers = (*providers)(nil)

// chainCerts implements provider.CertSource with chain queries: a provider's host URI and
// its valid on-chain certificates.
type chainCerts struct {
	s *Session
}

// ProviderInfo implements provider.CertSource.
func (cc chainCerts) ProviderInfo(ctx context.Context, addr string) (string, []*x509.Certificate, error) {
	c, st, err := cc.s.chainClient(ctx)
	if err != nil {
		return "", nil, err
	}
	p, err := cc.s.provider(ctx, c, addr)
	if err != nil {
		return "", nil, fmt.Errorf("looking up provider %s on %s: %w", addr, st.netName, err)
	}
	recs, err := c.Certificates(ctx, addr, "valid")
	if err != nil {
		return "", nil, fmt.Errorf("looking up the certificates of provider %s on %s: %w", addr, st.netName, err)
	}
	var certs []*x509.Certificate
	for _, r := range recs {
		block, _ := pem.Decode([]byte(r.Cert))
		if block == nil || block.Type != "CERTIFICATE" {
			continue // a malformed record cannot match the gateway's certificate anyway
		}
		if cert, err := x509.ParseCertificate(block.Bytes); err == nil {
			certs = append(certs, cert)
		}
	}
	return p.HostURI, certs, nil
}

// gateway returns the provider client of the active key, made once per network and key.
func (p *providers) gateway(ctx context.Context) (*provider.Client, string, string, error) {
	key, st, err := p.s.signer()
	if err != nil {
		return nil, "", "", err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.client != nil && p.forGen == st.gen && p.forKey == key.Address() {
		return p.client, key.Address(), st.netName, nil
	}
	if p.client != nil {
		p.client.Close()
	}
	opts := []provider.Option{provider.WithRetry(provider.RetryPolicy{Attempts: 3, Initial: time.Second, Max: 4 * time.Second})}
	cc, err := provider.LoadClientCert(ctx, key, st.home)
	switch {
	case err == nil:
		opts = append(opts, provider.WithClientCertificate(cc.TLS))
	case !errors.Is(err, provider.ErrNoClientCert):
		p.s.log.Warn("client certificate unusable, using JWT only", "err", err)
	}
	p.client = provider.New(key, chainCerts{p.s}, opts...)
	p.forGen, p.forKey = st.gen, key.Address()
	return p.client, key.Address(), st.netName, nil
}

// SendManifest implements svc.Providers. The manifest is built from sdl (or, when nil, from
// the SDL stored when the deployment was created, in this session or an earlier one).
func (p *providers) SendManifest(ctx context.Context, lease svc.LeaseID, doc []byte) error {
	client, owner, network, err := p.gateway(ctx)
	if err != nil {
		return err
	}
	if doc == nil {
		if doc, err = p.s.store.Get(network, lease.DSeq); err != nil {
			return fmt.Errorf("sending the manifest of deployment %d: %w", lease.DSeq, err)
		}
	} else if err := p.s.store.Put(network, lease.DSeq, doc); err != nil {
		p.s.log.Warn("storing the deployment's SDL", "dseq", lease.DSeq, "err", err)
	}
	parsed, err := sdl.Parse(doc)
	if err != nil {
		return fmt.Errorf("building the manifest of deployment %d: %w", lease.DSeq, err)
	}
	id := provider.LeaseID{Owner: owner, DSeq: lease.DSeq, GSeq: lease.GSeq, OSeq: lease.OSeq, Provider: lease.Provider}
	if err := client.SendManifest(ctx, id, parsed.ManifestJSON()); err != nil {
		return fmt.Errorf("on %s: %w", network, err)
	}
	p.s.log.Info("manifest sent", "dseq", lease.DSeq, "provider", lease.Provider, "network", network)
	return nil
}

// WatchStatus implements svc.Providers by polling the gateway (Options.PollInterval) and
// sending the status whenever it changes. Failed polls are logged and retried: a provider
// answers "not found" until it has deployed the manifest.
func (p *providers) WatchStatus(ctx context.Context, lease svc.LeaseID) (<-chan svc.LeaseStatus, error) {
	client, owner, network, err := p.gateway(ctx)
	if err != nil {
		return nil, err
	}
	id := provider.LeaseID{Owner: owner, DSeq: lease.DSeq, GSeq: lease.GSeq, OSeq: lease.OSeq, Provider: lease.Provider}
	out := make(chan svc.LeaseStatus)
	go func() {
		defer close(out)
		var last *svc.LeaseStatus
		t := time.NewTicker(p.s.opts.PollInterval)
		defer t.Stop()
		for {
			qctx, cancel := context.WithTimeout(ctx, p.s.opts.RPCTimeout)
			st, err := client.LeaseStatus(qctx, id)
			cancel()
			if err != nil && ctx.Err() == nil {
				p.s.log.Debug("lease status", "lease", lease.String(), "network", network, "err", err)
			}
			if err == nil {
				cur := toLeaseStatus(st)
				if last == nil || !reflect.DeepEqual(*last, cur) {
					last = &cur
					select {
					case out <- cur:
					case <-ctx.Done():
						return
					}
				}
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return out, nil
}

// toLeaseStatus converts a gateway answer, services sorted by name.
func toLeaseStatus(st *provider.LeaseStatus) svc.LeaseStatus {
	names := make([]string, 0, len(st.Services))
	for name := range st.Services {
		names = append(names, name)
	}
	for name := range st.ForwardedPorts {
		if _, ok := st.Services[name]; !ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var out svc.LeaseStatus
	for _, name := range names {
		s := st.Services[name]
		ss := svc.ServiceStatus{Name: name, Ready: int(s.Available), Total: int(s.Total), URIs: append([]string(nil), s.URIs...)}
		for _, fp := range st.ForwardedPorts[name] {
			ss.Ports = append(ss.Ports, svc.ForwardedPort{Port: int(fp.Port), ExternalPort: int(fp.ExternalPort), Host: fp.Host, Proto: fp.Proto})
		}
		out.Services = append(out.Services, ss)
	}
	return out
}

// close releases the gateway connections.
func (p *providers) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.client != nil {
		p.client.Close()
		p.client = nil
	}
}
