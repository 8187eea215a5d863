package fake

import (
	"context"
	"fmt"

	"github.com/akt-project/akt/tui/svc"
)

// Detail implements svc.DeploymentDetails over the deployments list: one lease per
// deployment with a provider.
func (d *Deployments) Detail(ctx context.Context, dseq uint64) (svc.DeploymentDetail, error) {
	for _, dep := range d.list {
		if dep.DSeq != dseq {
			continue
		}
		out := svc.DeploymentDetail{Deployment: dep}
		if dep.Provider != "" {
			out.Leases = []svc.Lease{{ID: svc.LeaseID{DSeq: dseq, GSeq: 1, OSeq: 1, Provider: "akash1prov0000000000000000000000000000000003"},
				Host: dep.Provider, State: "active", PricePerBlock: dep.PricePerBlock}}
		}
		return out, nil
	}
	return svc.DeploymentDetail{}, fmt.Errorf("no deployment %d", dseq)
}

// Logs implements svc.LeaseLogs: a fixed web server log, then waits for ctx.
func (p *Providers) Logs(ctx context.Context, l svc.LeaseID, service string, follow bool, tail int) (<-chan svc.LogLine, error) {
	lines := []svc.LogLine{
		{Service: "web", Pod: "web-6d9f7-abcde", Text: "Listening on 0.0.0.0:8080"},
		{Service: "web", Pod: "web-6d9f7-abcde", Text: "GET /healthz 200 0.4ms"},
		{Service: "db", Pod: "db-0", Text: "database system is ready to accept connections"},
		{Service: "web", Pod: "web-6d9f7-fghij", Text: "GET / 200 12.1ms"},
		{Service: "web", Pod: "web-6d9f7-fghij", Text: "error: upstream timed out after 30s"},
		{Service: "db", Pod: "db-0", Text: "checkpoint complete: wrote 112 buffers"},
	}
	ch := make(chan svc.LogLine)
	go func() {
		defer close(ch)
		for _, ln := range lines {
			if service != "" && ln.Service != service {
				continue
			}
			select {
			case ch <- ln:
			case <-ctx.Done():
				return
			}
		}
		if follow {
			<-ctx.Done()
		}
	}()
	return ch, nil
}

// Events implements svc.LeaseLogs.
func (p *Providers) Events(ctx context.Context, l svc.LeaseID) (<-chan svc.Event, error) {
	evs := []svc.Event{
		{Type: "Normal", Reason: "Pulling", Object: "pod/web-6d9f7-abcde", Message: "Pulling image \"example/web:1\""},
		{Type: "Normal", Reason: "Started", Object: "pod/web-6d9f7-abcde", Message: "Started container web"},
		{Type: "Warning", Reason: "BackOff", Object: "pod/db-0", Message: "Back-off restarting failed container"},
	}
	ch := make(chan svc.Event)
	go func() {
		defer close(ch)
		for _, e := range evs {
			select {
			case ch <- e:
			case <-ctx.Done():
				return
			}
		}
		<-ctx.Done()
	}()
	return ch, nil
}

// SDL implements svc.DeploymentSDLs: every deployment was made from the nginx template.
func (d *Deployments) SDL(ctx context.Context, dseq uint64) ([]byte, error) {
	if d.Catalog == nil {
		return nil, fmt.Errorf("no SDL stored for deployment %d", dseq)
	}
	return d.Catalog.Render(ctx, "nginx", map[string]string{"replicas": "1"})
}
