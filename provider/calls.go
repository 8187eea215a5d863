package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Version asks a provider for its software versions (no authentication).
func (c *Client) Version(ctx context.Context, provider string) (*VersionInfo, error) {
	var v VersionInfo
	if err := c.getJSON(ctx, request{provider: provider, method: http.MethodGet, path: "/version"}, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// Status asks a provider for its capacity (CPU, memory, GPUs, storage), leases and orders.
func (c *Client) Status(ctx context.Context, provider string) (*Status, error) {
	var s Status
	if err := c.getJSON(ctx, request{provider: provider, method: http.MethodGet, path: "/status"}, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Validate asks a provider whether it would bid on groups (the deployment's group specs as
// JSON). The call needs no authentication, so it works before the account has a public key
// on chain. A provider that would not bid answers with an error status whose text is the reason;
// that is a result, not an error. Errors are transport or lookup failures.
func (c *Client) Validate(ctx context.Context, provider string, groups json.RawMessage) (*ValidateResult, error) {
	res := &ValidateResult{Provider: provider}
	req := request{provider: provider, method: http.MethodGet, path: "/validate", body: groups,
		contentType: "application/json"}
	resp, err := c.do(ctx, req)
	var he *HTTPError
	if errors.As(err, &he) && he.Status == http.StatusMethodNotAllowed {
		req.method = http.MethodPost
		resp, err = c.do(ctx, req)
	}
	if errors.As(err, &he) && he.Status != http.StatusUnauthorized && he.Status/100 == 4 {
		res.Reason = he.Body
		if res.Reason == "" {
			res.Reason = http.StatusText(he.Status)
		}
		return res, nil
	}
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("provider %s: reading validate answer: %w", provider, err)
	}
	res.WouldBid = true
	if json.Valid(body) {
		res.Detail = body
	}
	return res, nil
}

// ErrManifestVersion reports a manifest whose hash is not the deployment's on-chain version.
var ErrManifestVersion = errors.New("manifest does not match the deployment's on-chain version hash")

// SendManifest sends the manifest (JSON array of groups, exactly the bytes whose hash is the
// deployment version) for a lease's deployment. Transient failures (network errors, 5xx, and
// "lease not found" while the provider catches up with a new lease) are retried with
// exponential backoff; a version mismatch is returned at once as ErrManifestVersion.
func (c *Client) SendManifest(ctx context.Context, lease LeaseID, manifest []byte) error {
	if !json.Valid(manifest) {
		return fmt.Errorf("sending manifest for dseq %d: the manifest is not valid JSON", lease.DSeq)
	}
	req := request{provider: lease.Provider, method: http.MethodPut,
		path: fmt.Sprintf("/deployment/%d/manifest", lease.DSeq), body: manifest,
		contentType: "application/json", auth: true}
	wait := c.retry.Initial
	var err error
	for attempt := 1; ; attempt++ {
		var resp *http.Response
		resp, err = c.do(ctx, req)
		if err == nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
			resp.Body.Close()
			return nil
		}
		if isVersionMismatch(err) {
			return fmt.Errorf("sending manifest for dseq %d to %s: %w (the provider said: %v); send exactly the manifest the deployment was created or last updated with, or update the deployment first",
				lease.DSeq, lease.Provider, ErrManifestVersion, err)
		}
		if attempt >= c.retry.Attempts || !isTransient(err) || ctx.Err() != nil {
			break
		}
		if c.retry.OnRetry != nil {
			c.retry.OnRetry(attempt, wait, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("sending manifest for dseq %d to %s: %w (last error: %v)", lease.DSeq, lease.Provider, ctx.Err(), err)
		case <-time.After(wait):
		}
		wait = min(wait*2, c.retry.Max)
	}
	return fmt.Errorf("sending manifest for dseq %d to %s: %w", lease.DSeq, lease.Provider, err)
}

func isVersionMismatch(err error) bool {
	var he *HTTPError
	if !errors.As(err, &he) || he.Status/100 != 4 && he.Status/100 != 5 {
		return false
	}
	b := strings.ToLower(he.Body)
	return strings.Contains(b, "manifest version") || strings.Contains(b, "version validation") ||
		strings.Contains(b, "hash mismatch") || strings.Contains(b, "version mismatch")
}

// isTransient reports whether a failed call may succeed if retried.
func isTransient(err error) bool {
	var he *HTTPError
	if errors.As(err, &he) {
		if he.Status >= 500 || he.Status == http.StatusTooManyRequests || he.Status == http.StatusRequestTimeout {
			return true
		}
		// A provider answers 404 "lease not found" until it has seen the new lease on chain.
		return he.Status == http.StatusNotFound && strings.Contains(strings.ToLower(he.Body), "lease")
	}
	var ce *CertificateError
	if errors.As(err, &ce) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	return true // transport errors: connection refused, reset, timeouts
}

// GetManifest returns the manifest a provider holds for a lease.
func (c *Client) GetManifest(ctx context.Context, lease LeaseID) (json.RawMessage, error) {
	var m json.RawMessage
	if err := c.getJSON(ctx, request{provider: lease.Provider, method: http.MethodGet, path: lease.path("manifest"), auth: true}, &m); err != nil {
		return nil, fmt.Errorf("getting manifest of dseq %d: %w", lease.DSeq, err)
	}
	return m, nil
}

// LeaseStatus returns the services, URIs, forwarded ports and replica counts of a lease.
func (c *Client) LeaseStatus(ctx context.Context, lease LeaseID) (*LeaseStatus, error) {
	var s LeaseStatus
	if err := c.getJSON(ctx, request{provider: lease.Provider, method: http.MethodGet, path: lease.path("status"), auth: true}, &s); err != nil {
		return nil, fmt.Errorf("getting status of lease %d/%d/%d: %w", lease.DSeq, lease.GSeq, lease.OSeq, err)
	}
	return &s, nil
}

// ServiceStatus returns the status of one service of a lease.
func (c *Client) ServiceStatus(ctx context.Context, lease LeaseID, service string) (*ServiceStatus, error) {
	var s ServiceStatus
	path := lease.path("service/" + url.PathEscape(service) + "/status")
	if err := c.getJSON(ctx, request{provider: lease.Provider, method: http.MethodGet, path: path, auth: true}, &s); err != nil {
		return nil, fmt.Errorf("getting status of service %q of dseq %d: %w", service, lease.DSeq, err)
	}
	return &s, nil
}
