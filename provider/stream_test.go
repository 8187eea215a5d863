package provider_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/akt-project/akt/provider"
)

func TestLogs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client(t)
	ctx := ctxT(t)
	tests := []struct {
		name string
		opts provider.LogOptions
		want []string
	}{
		{"all", provider.LogOptions{}, []string{"web 1", "db 1", "web 2", "web 3"}},
		{"service", provider.LogOptions{Services: []string{"web"}}, []string{"web 1", "web 2", "web 3"}},
		{"tail", provider.LogOptions{Services: []string{"web"}, Tail: 2}, []string{"web 2", "web 3"}},
	}
	for _, tc := range tests {
		var got []string
		err := c.Logs(ctx, e.lease, tc.opts, func(l provider.LogLine) error {
			if l.Received.IsZero() || l.Name == "" {
				t.Errorf("%s: line %+v lacks name or receive time", tc.name, l)
			}
			got = append(got, l.Message)
			return nil
		})
		if err != nil || strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: got %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}

// followUntilCancel follows a stream, cancels after n items and checks the stream stops.
func followUntilCancel(t *testing.T, e *env, follow func(ctx context.Context, onItem func()) error) {
	t.Helper()
	ctx, cancel := context.WithCancel(ctxT(t))
	n := 0
	err := follow(ctx, func() {
		n++
		if n == 5 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("followed stream ended with %v, want context.Canceled", err)
	}
	if n < 5 {
		t.Fatalf("received %d items before cancel, want ≥ 5", n)
	}
	deadline := time.Now().Add(10 * time.Second)
	for e.gw.OpenStreams() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("gateway still serves %d streams after cancel", e.gw.OpenStreams())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestLogsFollowStopsOnCancel(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client(t)
	followUntilCancel(t, e, func(ctx context.Context, onItem func()) error {
		return c.Logs(ctx, e.lease, provider.LogOptions{Follow: true, Services: []string{"web"}}, func(provider.LogLine) error {
			onItem()
			return nil
		})
	})
}

func TestEventsFollowStopsOnCancel(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client(t)
	var first provider.Event
	err := c.Events(ctxT(t), e.lease, provider.EventOptions{}, func(ev provider.Event) error {
		first = ev
		return nil
	})
	if err != nil || first.Reason != "Scheduled" || first.Object.Name != "web-0" {
		t.Fatalf("events = %+v, %v", first, err)
	}
	followUntilCancel(t, e, func(ctx context.Context, onItem func()) error {
		return c.Events(ctx, e.lease, provider.EventOptions{Follow: true}, func(provider.Event) error {
			onItem()
			return nil
		})
	})
}

func TestStreamErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client(t)
	ctx := ctxT(t)
	stop := errors.New("enough")
	if err := c.Logs(ctx, e.lease, provider.LogOptions{Follow: true}, func(provider.LogLine) error { return stop }); !errors.Is(err, stop) {
		t.Fatalf("callback error not returned: %v", err)
	}
	e.gw.CloseLease(e.lease.DSeq)
	err := c.Logs(ctx, e.lease, provider.LogOptions{}, func(provider.LogLine) error { return nil })
	var he *provider.HTTPError
	if !errors.As(err, &he) || he.Status != 404 || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("logs of a closed lease: %v", err)
	}
}
