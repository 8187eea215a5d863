package core

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/provider"
	"github.com/akt-project/akt/sdl"
)

// providerQuerier is the part of chain.Querier the provider commands use.
type providerQuerier interface {
	Leases(ctx context.Context, f chain.LeaseFilter) ([]chain.Lease, error)
	Provider(ctx context.Context, addr string) (chain.Provider, error)
	Providers(ctx context.Context) ([]chain.Provider, error)
	Certificates(ctx context.Context, owner, state string) ([]chain.Certificate, error)
}

// chainBackend implements ProviderBackend with the chain package's queries, the keyring
// signer and the SDL engine. publish sends MsgCreateCertificate (after the usual
// confirmation); nil means certificates cannot be published from here.
type chainBackend struct {
	q       providerQuerier
	signer  provider.Signer
	home    string
	publish func(ctx context.Context, certPEM, pubKeyPEM []byte) error
}

// newChainBackend returns the provider commands' backend for a chain client (q, usually a
// *chain.Client), the --from signer and the keyring home directory.
func newChainBackend(q providerQuerier, signer provider.Signer, keyringHome string, publish func(ctx context.Context, certPEM, pubKeyPEM []byte) error) ProviderBackend {
	return &chainBackend{q: q, signer: signer, home: keyringHome, publish: publish}
}

func (b *chainBackend) Signer(context.Context) (provider.Signer, error) { return b.signer, nil }

func (b *chainBackend) KeyringDir() string { return b.home }

// ProviderInfo returns the provider's host URI and its valid on-chain certificates.
func (b *chainBackend) ProviderInfo(ctx context.Context, addr string) (string, []*x509.Certificate, error) {
	p, err := b.q.Provider(ctx, addr)
	if err != nil {
		return "", nil, err
	}
	recs, err := b.q.Certificates(ctx, addr, "valid")
	if err != nil {
		return "", nil, err
	}
	var certs []*x509.Certificate
	for _, r := range recs {
		block, _ := pem.Decode([]byte(r.Cert))
		if block == nil || block.Type != "CERTIFICATE" {
			continue // a malformed record cannot match the gateway's certificate anyway
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			continue
		}
		certs = append(certs, c)
	}
	return p.HostURI, certs, nil
}

// Leases returns the owner's active leases of dseq.
func (b *chainBackend) Leases(ctx context.Context, owner string, dseq uint64) ([]provider.LeaseID, error) {
	ls, err := b.q.Leases(ctx, chain.LeaseFilter{Owner: owner, DSeq: dseq, State: "active"})
	if err != nil {
		return nil, err
	}
	out := make([]provider.LeaseID, 0, len(ls))
	for _, l := range ls {
		out = append(out, provider.LeaseID{Owner: l.ID.Owner, DSeq: l.ID.DSeq, GSeq: l.ID.GSeq, OSeq: l.ID.OSeq, Provider: l.ID.Provider})
	}
	return out, nil
}

// Providers returns every registered provider's address.
func (b *chainBackend) Providers(ctx context.Context) ([]string, error) {
	ps, err := b.q.Providers(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Address
	}
	return out, nil
}

// PublishCertificate publishes a client certificate on chain.
func (b *chainBackend) PublishCertificate(ctx context.Context, certPEM, pubKeyPEM []byte) error {
	if b.publish == nil {
		return errors.New("publishing a certificate needs a signing transaction; run `akt cert create`")
	}
	return b.publish(ctx, certPEM, pubKeyPEM)
}

// Manifest builds the manifest JSON from SDL with akt's SDL engine.
func (b *chainBackend) Manifest(data []byte) ([]byte, error) {
	s, err := sdl.Parse(data)
	if err != nil {
		return nil, err
	}
	return s.ManifestJSON(), nil
}

// Groups builds the deployment's group specs from SDL, one JSON document per group: a
// provider's /validate screens a single GroupSpec decoded with Go's encoding/json.
func (b *chainBackend) Groups(data []byte) ([]json.RawMessage, error) {
	return chain.ValidationGroups(data)
}
