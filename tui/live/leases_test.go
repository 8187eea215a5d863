package live

import (
	"context"
	"strings"
	"testing"

	"github.com/cosmos/gogoproto/proto"

	auditv1 "github.com/akt-project/akt/chain/types/audit/v1"
	dv1 "github.com/akt-project/akt/chain/types/deployment/v1"
	pv1beta4 "github.com/akt-project/akt/chain/types/provider/v1beta4"
	"github.com/akt-project/akt/provider/providertest"
	"github.com/akt-project/akt/tui/svc"
)

func TestDeploymentDetail(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	withAkash(e)
	e.node.Handle("/akash.deployment.v1beta4.Query/Deployment", func([]byte) (proto.Message, uint32, string) {
		resp := deploymentResponse(e, 42, dv1.DeploymentActive, "6000")
		return &resp, 0, ""
	})
	d, err := e.s.Deps().Details.Detail(ctx(t), 42)
	if err != nil {
		t.Fatal(err)
	}
	if d.DSeq != 42 || d.State != "active" || d.EscrowUACT != 6000 || d.PricePerBlock != 2.5 || d.Provider != "provider.example.org" {
		t.Fatalf("detail %+v", d.Deployment)
	}
	if len(d.Leases) != 1 || d.Leases[0].ID != (svc.LeaseID{DSeq: 42, GSeq: 1, OSeq: 1, Provider: testProvider}) ||
		d.Leases[0].Host != "provider.example.org" || d.Leases[0].State != "active" || d.Leases[0].PricePerBlock != 2.5 {
		t.Fatalf("leases %+v", d.Leases)
	}
	if _, err := e.s.Deps().SDLs.SDL(ctx(t), 42); err == nil || !strings.Contains(err.Error(), "no SDL stored") {
		t.Fatalf("SDL of a deployment made elsewhere: %v", err)
	}
}

func TestPreflight(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	gw := withGateway(t, e)
	gw.Validate = func([]byte) (bool, string) { return false, "no a100 available" }
	down := e.addr // a second provider whose gateway is down
	e.node.Handle("/akash.provider.v1beta4.Query/Providers", func([]byte) (proto.Message, uint32, string) {
		return &pv1beta4.QueryProvidersResponse{Providers: pv1beta4.Providers{
			{Owner: testProvider, HostURI: gw.URL}, {Owner: down, HostURI: "https://127.0.0.1:1"}}}, 0, ""
	})
	e.node.Handle("/akash.provider.v1beta4.Query/Provider", func(req []byte) (proto.Message, uint32, string) {
		var r pv1beta4.QueryProviderRequest
		_ = proto.Unmarshal(req, &r)
		uri := gw.URL
		if r.Owner == down {
			uri = "https://127.0.0.1:1"
		}
		return &pv1beta4.QueryProviderResponse{Provider: pv1beta4.Provider{Owner: r.Owner, HostURI: uri}}, 0, ""
	})
	e.node.Handle("/akash.audit.v1.Query/AllProvidersAttributes", func([]byte) (proto.Message, uint32, string) {
		return &auditv1.QueryProvidersResponse{Providers: auditv1.AuditedProviders{{Owner: testProvider, Auditor: down}}}, 0, ""
	})
	ch, err := e.s.Deps().Preflight.Validate(ctx(t), []byte(gpuSDL))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]svc.ProviderCheck{}
	for c := range ch {
		got[c.Provider] = c
	}
	if c := got[testProvider]; c.WouldBid || !strings.Contains(c.Reason, "no a100") || !c.Audited || c.Host != "127.0.0.1" {
		t.Fatalf("gateway's answer %+v", c)
	}
	if c := got[down]; c.WouldBid || c.Reason == "" || c.Audited {
		t.Fatalf("down provider's answer %+v", c)
	}
	gw.Validate = nil
	ch, err = e.s.Deps().Preflight.Validate(ctx(t), []byte(gpuSDL))
	if err != nil {
		t.Fatal(err)
	}
	yes := 0
	for c := range ch {
		if c.WouldBid {
			yes++
		}
	}
	if yes != 1 {
		t.Fatalf("%d providers would bid, want 1", yes)
	}
	if _, err := e.s.Deps().Preflight.Validate(ctx(t), []byte("services: [")); err == nil {
		t.Fatal("validated a broken SDL")
	}
}

func TestLogsAndEvents(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	gw := withGateway(t, e)
	if err := e.s.store.Put("testnet", 42, []byte(gpuSDL)); err != nil {
		t.Fatal(err)
	}
	l, _ := gw.LeaseState(42)
	l.Logs = []providertest.LogLine{{Service: "llm", Pod: "llm-7d9f8b-x2x4k", Message: "loading model"}, {Service: "llm", Pod: "llm-7d9f8b-x2x4k", Message: "ready"}}
	l.Events = []any{map[string]any{"type": "Warning", "reason": "BackOff", "note": "Back-off pulling image", "object": map[string]any{"kind": "Pod", "name": "llm-7d9f8b-x2x4k"}}}
	gw.AddLease(l)
	p := e.s.Deps().Logs
	lines, err := p.Logs(ctx(t), lease42, "", false, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for ln := range lines {
		got = append(got, ln.Service+"|"+ln.Pod+"|"+ln.Text)
	}
	if strings.Join(got, ";") != "llm|llm-7d9f8b-x2x4k|loading model;llm|llm-7d9f8b-x2x4k|ready" {
		t.Fatalf("log lines %q", got)
	}
	c, cancel := context.WithCancel(ctx(t))
	evs, err := p.Events(c, lease42)
	if err != nil {
		t.Fatal(err)
	}
	ev := <-evs
	if ev.Type != "Warning" || ev.Reason != "BackOff" || ev.Object != "pod/llm-7d9f8b-x2x4k" || ev.Message != "Back-off pulling image" {
		t.Fatalf("event %+v", ev)
	}
	cancel()
	for range evs {
	}
}

func TestServiceOfPod(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pod      string
		services []string
		want     string
	}{
		{"web-7d9f8b-x2x4k", nil, "web"},
		{"my-api-7d9f8b-x2x4k", nil, "my-api"},
		{"db-0", nil, "db"},
		{"solo", nil, "solo"},
		{"my-api-0", []string{"my", "my-api"}, "my-api"},
	}
	for _, tc := range tests {
		if got := serviceOfPod(tc.pod, tc.services); got != tc.want {
			t.Errorf("serviceOfPod(%q, %v) = %q, want %q", tc.pod, tc.services, got, tc.want)
		}
	}
}

func TestShellArgs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.cfg.Node = "http://127.0.0.1:9"
	got := strings.Join(e.s.shellArgs(lease42, "llm"), " ")
	want := "--network testnet --keyring-backend test --home " + e.cfg.Home + " --from alice --node http://127.0.0.1:9 " +
		"lease shell 42 --gseq 1 --oseq 1 --tty --service llm -- /bin/sh"
	if got != want {
		t.Fatalf("shell args\n got %s\nwant %s", got, want)
	}
	if cmd := e.s.ShellCommand("/bin/true")(lease42, "llm"); cmd == nil || cmd.Run() != nil {
		t.Fatal("the shell command does not run")
	}
}
