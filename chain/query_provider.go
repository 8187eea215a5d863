package chain

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cosmos/cosmos-sdk/types/query"

	auditv1 "github.com/akt-project/akt/chain/types/audit/v1"
	certv1 "github.com/akt-project/akt/chain/types/cert/v1"
	pv1beta4 "github.com/akt-project/akt/chain/types/provider/v1beta4"
)

// Provider is a provider as registered on chain, with its auditors.
type Provider struct {
	Address    string      `json:"address"`
	HostURI    string      `json:"host_uri"`
	Attributes []Attribute `json:"attributes"`
	Region     string      `json:"region,omitempty"`
	GPUModels  []string    `json:"gpu_models,omitempty"`
	Email      string      `json:"email,omitempty"`
	Website    string      `json:"website,omitempty"`
	AuditedBy  []string    `json:"audited_by,omitempty"`
}

func toProvider(p pv1beta4.Provider) Provider {
	out := Provider{Address: p.Owner, HostURI: p.HostURI, Attributes: toAttrs(p.Attributes), Email: p.Info.EMail, Website: p.Info.Website}
	seen := map[string]bool{}
	for _, a := range p.Attributes {
		if a.Key == "region" || a.Key == "location-region" {
			if out.Region == "" {
				out.Region = a.Value
			}
		}
		// Providers advertise GPUs as capabilities/gpu/vendor/<v>/model/<m>[/...] = true.
		if strings.HasPrefix(a.Key, "capabilities/gpu/") {
			parts := strings.Split(a.Key, "/")
			for i := 0; i+1 < len(parts); i++ {
				if parts[i] == "model" && !seen[parts[i+1]] {
					seen[parts[i+1]] = true
					out.GPUModels = append(out.GPUModels, parts[i+1])
				}
			}
		}
	}
	sort.Strings(out.GPUModels)
	return out
}

// Providers lists every provider (all pages), with auditors.
func (c *Client) Providers(ctx context.Context) ([]Provider, error) {
	var out []Provider
	err := paginate(ctx, func(p *query.PageRequest) (*query.PageResponse, error) {
		var resp pv1beta4.QueryProvidersResponse
		if err := c.abciQuery(ctx, "/akash.provider.v1beta4.Query/Providers", &pv1beta4.QueryProvidersRequest{Pagination: p}, &resp); err != nil {
			return nil, err
		}
		for _, pr := range resp.Providers {
			out = append(out, toProvider(pr))
		}
		return resp.Pagination, nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading providers: %w", err)
	}
	audits, err := c.auditedProviders(ctx)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].AuditedBy = audits[out[i].Address]
	}
	return out, nil
}

// Provider returns one provider with its auditors.
func (c *Client) Provider(ctx context.Context, addr string) (Provider, error) {
	if err := ValidateAddress(addr); err != nil {
		return Provider{}, err
	}
	var resp pv1beta4.QueryProviderResponse
	if err := c.abciQuery(ctx, "/akash.provider.v1beta4.Query/Provider", &pv1beta4.QueryProviderRequest{Owner: addr}, &resp); err != nil {
		return Provider{}, fmt.Errorf("loading provider %s: %w", addr, err)
	}
	p := toProvider(resp.Provider)
	var audit auditv1.QueryProvidersResponse
	err := c.abciQuery(ctx, "/akash.audit.v1.Query/ProviderAttributes", &auditv1.QueryProviderAttributesRequest{Owner: addr}, &audit)
	if err != nil {
		return Provider{}, fmt.Errorf("loading auditors of provider %s: %w", addr, err)
	}
	for _, a := range audit.Providers {
		p.AuditedBy = appendUnique(p.AuditedBy, a.Auditor)
	}
	return p, nil
}

// auditedProviders maps provider address → auditors.
func (c *Client) auditedProviders(ctx context.Context) (map[string][]string, error) {
	out := map[string][]string{}
	err := paginate(ctx, func(p *query.PageRequest) (*query.PageResponse, error) {
		var resp auditv1.QueryProvidersResponse
		if err := c.abciQuery(ctx, "/akash.audit.v1.Query/AllProvidersAttributes", &auditv1.QueryAllProvidersAttributesRequest{Pagination: p}, &resp); err != nil {
			return nil, err
		}
		for _, a := range resp.Providers {
			out[a.Owner] = appendUnique(out[a.Owner], a.Auditor)
		}
		return resp.Pagination, nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading provider audits: %w", err)
	}
	return out, nil
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// Certificate is a client or provider certificate published on chain.
type Certificate struct {
	Owner  string `json:"owner"`
	Serial string `json:"serial"`
	State  string `json:"state"`
	Cert   string `json:"cert_pem"`
	PubKey string `json:"pubkey_pem"`
}

// Certificates lists the certificates of owner (state "valid", "revoked" or "").
func (c *Client) Certificates(ctx context.Context, owner, state string) ([]Certificate, error) {
	var out []Certificate
	err := paginate(ctx, func(p *query.PageRequest) (*query.PageResponse, error) {
		var resp certv1.QueryCertificatesResponse
		req := &certv1.QueryCertificatesRequest{Filter: certv1.CertificateFilter{Owner: owner, State: state}, Pagination: p}
		if err := c.abciQuery(ctx, "/akash.cert.v1.Query/Certificates", req, &resp); err != nil {
			return nil, err
		}
		for _, cr := range resp.Certificates {
			out = append(out, Certificate{Owner: owner, Serial: cr.Serial, State: certv1.State_name[int32(cr.Certificate.State)],
				Cert: string(cr.Certificate.Cert), PubKey: string(cr.Certificate.Pubkey)})
		}
		return resp.Pagination, nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading certificates of %s: %w", owner, err)
	}
	return out, nil
}
