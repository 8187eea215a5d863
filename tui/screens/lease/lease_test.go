package lease_test

import (
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/internal/frames"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/screens/lease"
	"github.com/akt-project/akt/tui/styles"
	"github.com/akt-project/akt/tui/svc"
	tea "github.com/charmbracelet/bubbletea"
)

var id = svc.LeaseID{DSeq: 21_004_300, GSeq: 1, OSeq: 1, Provider: "akash1prov0000000000000000000000000000000003"}

const host = "provider-03.example.net"

func deps(failManifest int) (app.Deps, *fake.Providers, *[]string) {
	d := fake.NewChain().Deps()
	d.Styles = styles.Plain()
	p := &fake.Providers{FailManifest: failManifest}
	d.Providers = p
	var copied []string
	d.Copy = func(s string) error { copied = append(copied, s); return nil }
	return d.WithDefaults(), p, &copied
}

func drive(m *lease.Model, msgs ...tea.Msg) []tea.Msg {
	var all []tea.Msg
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		for range 8 {
			got := uitest.Run(cmd)
			if len(got) == 0 {
				break
			}
			var next []tea.Cmd
			for _, g := range got {
				all = append(all, g)
				_, c := m.Update(g)
				next = append(next, c)
			}
			cmd = tea.Batch(next...)
		}
	}
	return all
}

func started(t *testing.T, d app.Deps) *lease.Model {
	t.Helper()
	m := lease.New(d, id, host, []byte("version: \"2.0\"\n"))
	m.SetSize(100, 30)
	for _, msg := range uitest.Run(m.Start(t.Context())) {
		drive(m, msg)
	}
	return m
}

func TestManifestThenReadyThenCopy(t *testing.T) {
	t.Parallel()
	d, p, copied := deps(0)
	m := started(t, d)
	if p.Sent() != 1 || m.Phase() != lease.Ready {
		t.Fatalf("sent %d manifests, phase %v; want 1, Ready", p.Sent(), m.Phase())
	}
	v := m.View()
	for _, want := range []string{"✓ Manifest sent", "✓ All services ready", "k3v9q2hd1l.ingress." + host, host + ":31522", "TCP 22 → 31522"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	drive(m, uitest.Key("j"), uitest.Key("y"))
	if len(*copied) != 1 || (*copied)[0] != host+":31522" {
		t.Fatalf("copied %v", *copied)
	}
}

func TestManifestRetry(t *testing.T) {
	t.Parallel()
	d, p, _ := deps(1)
	m := started(t, d)
	if m.Phase() != lease.ManifestFailed || !strings.Contains(m.View(), "503 Service Unavailable") {
		t.Fatalf("phase %v; view:\n%s", m.Phase(), m.View())
	}
	drive(m, uitest.Key("r"))
	if p.Sent() != 1 || m.Phase() != lease.Ready {
		t.Fatalf("after retry: sent %d, phase %v", p.Sent(), m.Phase())
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	ok, _, _ := deps(0)
	failing, _, _ := deps(1)
	tests := []struct {
		name string
		deps app.Deps
	}{{"ready", ok}, {"manifest_failed", failing}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			frames.Golden(t, tt.deps, func() app.Screen { return lease.New(tt.deps, id, host, nil) })
		})
	}
}
