package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

// dial opens an authenticated websocket to a provider. With AuthAuto, a 401 to a JWT is
// retried once with the client certificate when one is configured.
func (c *Client) dial(ctx context.Context, provider, path string, query url.Values) (*websocket.Conn, error) {
	g, err := c.gateway(ctx, provider)
	if err != nil {
		return nil, err
	}
	mtls := g.useMTLS(c.mode)
	conn, err := c.dialOnce(ctx, g, path, query, mtls)
	var he *HTTPError
	if !mtls && c.mode == AuthAuto && g.tlsMTLS != nil && errors.As(err, &he) && he.Status == http.StatusUnauthorized {
		conn, err = c.dialOnce(ctx, g, path, query, true)
		if err == nil {
			g.setPreferMTLS()
		}
	}
	return conn, err
}

func (c *Client) dialOnce(ctx context.Context, g *gateway, path string, query url.Values, mtls bool) (*websocket.Conn, error) {
	u := url.URL{Scheme: "wss", Host: g.base.Host, Path: path, RawQuery: query.Encode()}
	d := websocket.Dialer{
		Proxy:            http.ProxyFromEnvironment,
		HandshakeTimeout: 15 * time.Second,
		TLSClientConfig:  g.tlsJWT,
		ReadBufferSize:   64 << 10,
		WriteBufferSize:  32 << 10,
	}
	header := http.Header{}
	if mtls {
		if g.tlsMTLS == nil {
			return nil, fmt.Errorf("provider %s: mTLS requested but no client certificate is configured (create one with `akt cert create`)", g.provider)
		}
		d.TLSClientConfig = g.tlsMTLS
	} else {
		tok, err := c.tokens.Token(ctx, c.leases)
		if err != nil {
			return nil, fmt.Errorf("provider %s: making JWT: %w", g.provider, err)
		}
		header.Set("Authorization", "Bearer "+tok)
	}
	conn, resp, err := d.DialContext(ctx, u.String(), header)
	if err != nil {
		var ce *CertificateError
		if errors.As(err, &ce) {
			c.forget(g.provider)
			return nil, ce
		}
		if resp != nil && resp.StatusCode != http.StatusSwitchingProtocols {
			defer resp.Body.Close()
			return nil, &HTTPError{Provider: g.provider, Method: "GET", Path: path, Status: resp.StatusCode, Body: readErrorBody(resp.Body)}
		}
		return nil, fmt.Errorf("provider %s: opening websocket %s: %w", g.provider, path, err)
	}
	return conn, nil
}

// closeOnDone closes conn when ctx ends, unblocking readers; call the returned stop when done.
func closeOnDone(ctx context.Context, conn *websocket.Conn) (stop func() bool) {
	return context.AfterFunc(ctx, func() {
		_ = conn.WriteControl(websocket.CloseMessage,
			websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(time.Second))
		conn.Close()
	})
}

// LogOptions selects the log lines of a lease.
type LogOptions struct {
	// Services limits lines to these services; empty means all.
	Services []string
	// Follow keeps the stream open for new lines until the context ends.
	Follow bool
	// Tail, when positive, starts with only the last Tail lines of each replica.
	Tail int
}

// LogLine is one line of a service replica's log.
type LogLine struct {
	// Name is the replica (pod) name, e.g. "web-7d9f-0".
	Name    string `json:"name"`
	Message string `json:"message"`
	// Received is when akt received the line (the gateway sends no timestamps).
	Received time.Time `json:"received"`
}

// Event is a Kubernetes event of a lease's workloads.
type Event struct {
	Type                string `json:"type"`
	ReportingController string `json:"reportingController,omitempty"`
	ReportingInstance   string `json:"reportingInstance,omitempty"`
	Reason              string `json:"reason"`
	Note                string `json:"note"`
	Object              struct {
		Kind      string `json:"kind"`
		Namespace string `json:"namespace,omitempty"`
		Name      string `json:"name"`
	} `json:"object"`
	Received time.Time `json:"received"`
}

// EventOptions selects the events of a lease.
type EventOptions struct {
	// Services limits events to these services; empty means all.
	Services []string
	// Follow keeps the stream open for new events until the context ends.
	Follow bool
}

func streamQuery(services []string, follow bool, tail int) url.Values {
	q := url.Values{}
	q.Set("follow", strconv.FormatBool(follow))
	if tail > 0 {
		q.Set("tail", strconv.Itoa(tail))
	}
	if len(services) > 0 {
		q.Set("service", strings.Join(services, ","))
	}
	return q
}

// Logs streams a lease's log lines to fn until the provider ends the stream (nil), the
// context ends (its error) or fn returns an error (that error).
func (c *Client) Logs(ctx context.Context, lease LeaseID, opts LogOptions, fn func(LogLine) error) error {
	err := streamJSON(ctx, c, lease, "logs", streamQuery(opts.Services, opts.Follow, opts.Tail), func(raw []byte, at time.Time) error {
		var ln LogLine
		if err := json.Unmarshal(raw, &ln); err != nil {
			return fmt.Errorf("decoding log line %q: %w", raw, err)
		}
		ln.Received = at
		return fn(ln)
	})
	if err != nil {
		return fmt.Errorf("logs of dseq %d: %w", lease.DSeq, err)
	}
	return nil
}

// Events streams a lease's Kubernetes events to fn, like Logs.
func (c *Client) Events(ctx context.Context, lease LeaseID, opts EventOptions, fn func(Event) error) error {
	err := streamJSON(ctx, c, lease, "kubeevents", streamQuery(opts.Services, opts.Follow, 0), func(raw []byte, at time.Time) error {
		var ev Event
		if err := json.Unmarshal(raw, &ev); err != nil {
			return fmt.Errorf("decoding event %q: %w", raw, err)
		}
		ev.Received = at
		return fn(ev)
	})
	if err != nil {
		return fmt.Errorf("events of dseq %d: %w", lease.DSeq, err)
	}
	return nil
}

// streamJSON reads JSON messages of a lease websocket until it closes.
func streamJSON(ctx context.Context, c *Client, lease LeaseID, what string, q url.Values, fn func([]byte, time.Time) error) error {
	conn, err := c.dial(ctx, lease.Provider, lease.path(what), q)
	if err != nil {
		return err
	}
	defer conn.Close()
	stop := closeOnDone(ctx, conn)
	defer stop()
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if websocket.IsCloseError(err, websocket.CloseNormalClosure, websocket.CloseGoingAway) {
				return nil
			}
			return fmt.Errorf("reading %s stream from %s: %w", what, lease.Provider, err)
		}
		if err := fn(msg, time.Now()); err != nil {
			return err
		}
	}
}
