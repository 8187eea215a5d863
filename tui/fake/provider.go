package fake

import (
	"context"
	"fmt"
	"sync"

	"github.com/akt-project/akt/tui/svc"
)

// Providers is an in-memory provider gateway: the manifest fails FailManifest times, then
// succeeds; the status goes from starting to ready.
type Providers struct {
	mu sync.Mutex
	// FailManifest is how many SendManifest calls fail before one succeeds.
	FailManifest int
	sent         int
}

// SendManifest implements svc.Providers.
func (p *Providers) SendManifest(ctx context.Context, lease svc.LeaseID, sdl []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.FailManifest > 0 {
		p.FailManifest--
		return fmt.Errorf("PUT https://%s:8443/deployment/%d/manifest: 503 Service Unavailable", hostOf(lease), lease.DSeq)
	}
	p.sent++
	return nil
}

// Sent is the number of manifests accepted.
func (p *Providers) Sent() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sent
}

func hostOf(l svc.LeaseID) string {
	var n int
	_, _ = fmt.Sscanf(l.Provider, "akash1prov%d", &n)
	return fmt.Sprintf("provider-%02d.example.net", n)
}

// WatchStatus implements svc.Providers: starting, then ready, then waits for ctx.
func (p *Providers) WatchStatus(ctx context.Context, lease svc.LeaseID) (<-chan svc.LeaseStatus, error) {
	host := hostOf(lease)
	starting := svc.LeaseStatus{Services: []svc.ServiceStatus{{Name: "web", Ready: 0, Total: 2}}}
	ready := svc.LeaseStatus{Services: []svc.ServiceStatus{
		{Name: "web", Ready: 2, Total: 2, URIs: []string{"k3v9q2hd1l.ingress." + host},
			Ports: []svc.ForwardedPort{{Port: 22, ExternalPort: 31522, Host: host, Proto: "TCP"}}},
	}}
	ch := make(chan svc.LeaseStatus)
	go func() {
		defer close(ch)
		for _, s := range []svc.LeaseStatus{starting, ready} {
			select {
			case ch <- s:
			case <-ctx.Done():
				return
			}
		}
		<-ctx.Done()
	}()
	return ch, nil
}

// Validate implements svc.Preflight with ten providers, four of which would bid.
func (p *Providers) Validate(ctx context.Context, sdl []byte) (<-chan svc.ProviderCheck, error) {
	reasons := []string{"", "no GPU matching nvidia h100 80Gi sxm", "", "not enough CPU: 8 cores needed, 6 free",
		"", "price below this provider's minimum of 120,000 uact/block", "placement attribute region=us-east not offered",
		"", "unreachable: dial tcp 203.0.113.7:8443: i/o timeout", "persistent storage class beta3 not offered"}
	regions := []string{"us-west", "eu-central", "us-east", "ap-southeast", ""}
	ch := make(chan svc.ProviderCheck)
	go func() {
		defer close(ch)
		for i, r := range reasons {
			c := svc.ProviderCheck{Provider: fmt.Sprintf("akash1prov%034d", i), Host: fmt.Sprintf("provider-%02d.example.net", i),
				Region: regions[i%len(regions)], Audited: i%3 != 2, WouldBid: r == "", Reason: r}
			select {
			case ch <- c:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch, nil
}
