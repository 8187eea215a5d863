package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// ErrUnauthorized reports a provider that rejected the tenant's credentials.
var ErrUnauthorized = errors.New("provider rejected the credentials")

// HTTPError is a non-success answer from a provider gateway.
type HTTPError struct {
	Provider string
	Method   string
	Path     string
	Status   int
	Body     string // the provider's error text, trimmed
}

func (e *HTTPError) Error() string {
	msg := e.Body
	if msg == "" {
		msg = http.StatusText(e.Status)
	}
	return fmt.Sprintf("provider %s: %s %s: %d: %s", e.Provider, e.Method, e.Path, e.Status, msg)
}

// Unwrap makes errors.Is(err, ErrUnauthorized) true for 401 and 403 answers.
func (e *HTTPError) Unwrap() error {
	if e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden {
		return ErrUnauthorized
	}
	return nil
}

const maxErrorBody = 64 << 10

func readErrorBody(r io.Reader) string {
	b, _ := io.ReadAll(io.LimitReader(r, maxErrorBody))
	return strings.TrimSpace(string(b))
}

// request is one gateway call.
type request struct {
	provider    string
	method      string
	path        string
	query       url.Values
	body        []byte
	contentType string
	auth        bool
}

// do sends req and returns a response with a 2xx status; the caller closes its body. Any other
// status becomes an *HTTPError. With AuthAuto, a 401 to a JWT is retried once with the client
// certificate when one is configured.
func (c *Client) do(ctx context.Context, req request) (*http.Response, error) {
	g, err := c.gateway(ctx, req.provider)
	if err != nil {
		return nil, err
	}
	mtls := req.auth && g.useMTLS(c.mode)
	resp, err := c.send(ctx, g, req, mtls)
	var he *HTTPError
	if req.auth && !mtls && c.mode == AuthAuto && g.tlsMTLS != nil && errors.As(err, &he) && he.Status == http.StatusUnauthorized {
		resp, err = c.send(ctx, g, req, true)
		if err == nil {
			g.setPreferMTLS()
		}
	}
	return resp, err
}

func (c *Client) send(ctx context.Context, g *gateway, req request, mtls bool) (*http.Response, error) {
	u := *g.base
	u.Path = req.path
	if len(req.query) > 0 {
		u.RawQuery = req.query.Encode()
	}
	var body io.Reader
	if req.body != nil {
		body = bytes.NewReader(req.body)
	}
	hreq, err := http.NewRequestWithContext(ctx, req.method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("provider %s: building %s %s: %w", g.provider, req.method, req.path, err)
	}
	if req.contentType != "" {
		hreq.Header.Set("Content-Type", req.contentType)
	}
	hreq.Header.Set("Accept", "application/json")
	client := g.httpJWT
	if req.auth {
		if mtls {
			if g.httpMTLS == nil {
				return nil, fmt.Errorf("provider %s: mTLS requested but no client certificate is configured (create one with `akt cert create`)", g.provider)
			}
			client = g.httpMTLS
		} else {
			tok, err := c.tokens.Token(ctx, c.leases)
			if err != nil {
				return nil, fmt.Errorf("provider %s: making JWT: %w", g.provider, err)
			}
			hreq.Header.Set("Authorization", "Bearer "+tok)
		}
	}
	resp, err := client.Do(hreq)
	if err != nil {
		var ce *CertificateError
		if errors.As(err, &ce) {
			c.forget(g.provider)
			return nil, ce
		}
		return nil, fmt.Errorf("provider %s: %s %s: %w", g.provider, req.method, req.path, err)
	}
	if resp.StatusCode/100 != 2 {
		defer resp.Body.Close()
		return nil, &HTTPError{Provider: g.provider, Method: req.method, Path: req.path, Status: resp.StatusCode, Body: readErrorBody(resp.Body)}
	}
	return resp, nil
}

// getJSON performs a request and decodes a JSON answer into out.
func (c *Client) getJSON(ctx context.Context, req request, out any) error {
	resp, err := c.do(ctx, req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("provider %s: decoding %s answer: %w", req.provider, req.path, err)
	}
	return nil
}
