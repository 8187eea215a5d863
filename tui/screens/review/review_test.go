package review_test

import (
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/internal/frames"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/screens/bids"
	"github.com/akt-project/akt/tui/screens/review"
	"github.com/akt-project/akt/tui/styles"
	"github.com/akt-project/akt/tui/svc"
	tea "github.com/charmbracelet/bubbletea"
)

func deps() app.Deps {
	d := fake.NewChain().Deps()
	d.Styles = styles.Plain()
	return d.WithDefaults()
}

func rendered(t *testing.T, d app.Deps, id string) []byte {
	t.Helper()
	sdl, err := d.Catalog.Render(t.Context(), id, map[string]string{"model": "meta-llama/Llama-3.1-8B-Instruct", "replicas": "1"})
	if err != nil {
		t.Fatal(err)
	}
	return sdl
}

func drive(m *review.Model, msgs ...tea.Msg) []tea.Msg {
	var all []tea.Msg
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		for range 6 {
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

func started(t *testing.T, d app.Deps) *review.Model {
	t.Helper()
	m := review.New(d, rendered(t, d, "vllm"), "vLLM")
	m.SetSize(140, 40)
	for _, msg := range uitest.Run(m.Start(t.Context())) {
		drive(m, msg)
	}
	return m
}

func retype(n int, s string) []tea.Msg {
	out := make([]tea.Msg, 0, n+len(s))
	for range n {
		out = append(out, uitest.Key("backspace"))
	}
	return append(out, uitest.Type(s)...)
}

func TestEditGoesThroughEditor(t *testing.T) {
	t.Parallel()
	m := started(t, deps())
	if p := m.Profiles(); len(p) != 1 || p[0].CPU != 8 || p[0].GPUUnits != 1 {
		t.Fatalf("profiles = %+v", p)
	}
	// Memory is the second field: 32Gi → 48Gi.
	drive(m, append([]tea.Msg{uitest.Key("tab")}, retype(4, "48Gi")...)...)
	if !strings.Contains(string(m.SDL()), "size: 48Gi") {
		t.Fatalf("the SDL does not carry the edit:\n%s", m.SDL())
	}
	if !strings.HasPrefix(string(m.SDL()), "# vLLM inference server\n# Rendered by akt") {
		t.Fatal("the edit lost the document's comments")
	}
	// An invalid value is reported, is not applied, and blocks deploying. (Valid values met
	// on the way, like "48G" while erasing, are applied as typed.)
	drive(m, retype(4, "lots")...)
	if strings.Contains(string(m.SDL()), "lots") || !strings.Contains(m.View(), `"lots" is not a size`) {
		t.Fatalf("invalid memory was applied or not reported:\n%s", m.View())
	}
	drive(m, uitest.Key("ctrl+d"))
	if strings.Contains(m.View(), "Deposit (ACT)") {
		t.Fatal("deploying was offered with an invalid field")
	}
}

func TestGPUEditor(t *testing.T) {
	t.Parallel()
	d := deps()
	m := started(t, d)
	keys := []tea.Msg{}
	for range 6 { // through cpu, memory, storage, count, price, gpus into the GPU list
		keys = append(keys, uitest.Key("tab"))
	}
	keys = append(keys, uitest.Key("+"), uitest.Key("down"), uitest.Key("enter"))
	drive(m, keys...)
	p := m.Profiles()[0]
	want := d.Editor.KnownGPUs()[1] // h100 pcie
	if len(p.GPUModels) != 4 || p.GPUModels[3] != want {
		t.Fatalf("GPU models = %+v", p.GPUModels)
	}
	if !strings.Contains(string(m.SDL()), "interface: pcie") {
		t.Fatalf("SDL lacks the added model:\n%s", m.SDL())
	}
	drive(m, uitest.Key("x"))
	if got := m.Profiles()[0].GPUModels; len(got) != 3 {
		t.Fatalf("remove left %+v", got)
	}
}

func TestEstimate(t *testing.T) {
	t.Parallel()
	ps := []svc.Profile{{PriceUACT: 1000, Count: 2}, {PriceUACT: 500, Count: 1}}
	c := review.Estimate(ps, &svc.Account{BlockTime: 6e9})
	if c.PerBlock != 2500 || c.PerHour != 2500*600 {
		t.Fatalf("estimate = %+v", c)
	}
}

func TestDeployConfirmsThenOpensBids(t *testing.T) {
	t.Parallel()
	d := deps()
	signer := d.Signer.(*fake.Signer)
	m := started(t, d)
	drive(m, uitest.Key("ctrl+d"))
	if !strings.Contains(m.View(), "Deposit (ACT)") || !strings.Contains(m.View(), "grant, then balance") {
		t.Fatalf("no deposit dialog with the grant option:\n%s", m.View())
	}
	drive(m, uitest.Key("enter"), uitest.Key("enter"))
	if !strings.Contains(m.View(), "MsgCreateDeployment") {
		t.Fatalf("no confirm dialog:\n%s", m.View())
	}
	if len(signer.Sent()) != 0 {
		t.Fatal("broadcast before confirmation")
	}
	msgs := drive(m, uitest.Key("y"))
	sent := signer.Sent()
	if len(sent) != 1 {
		t.Fatalf("sent %d transactions", len(sent))
	}
	cd := sent[0].(svc.CreateDeployment)
	if cd.DepositUACT != 5_000_000 || len(cd.Sources) != 2 || cd.Sources[0] != svc.FromGrant || string(cd.SDL) != string(m.SDL()) {
		t.Fatalf("create = %+v", cd)
	}
	rep, ok := uitest.Find[app.ReplaceMsg](msgs)
	if _, isBids := rep.Screen.(*bids.Model); !ok || !isBids || rep.Screen.Title() != "Bids 21004300" {
		t.Fatalf("after deploying, want the bids screen; got %#v", rep.Screen)
	}
}

func TestDepositCheckedAgainstFunds(t *testing.T) {
	t.Parallel()
	m := started(t, deps())
	drive(m, append([]tea.Msg{uitest.Key("ctrl+d")}, retype(1, "100")...)...)
	if !strings.Contains(m.View(), "more than the 51.25 ACT available from grant, then balance") {
		t.Fatalf("deposit not checked against grant + balance:\n%s", m.View())
	}
}

func TestReadOnlyCannotDeploy(t *testing.T) {
	t.Parallel()
	d := deps()
	d.ReadOnly = true
	m := started(t, d)
	drive(m, uitest.Key("ctrl+d"))
	if strings.Contains(m.View(), "Deposit (ACT)") {
		t.Fatal("read-only mode opened the deposit dialog")
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	d := deps()
	sdl := rendered(t, d, "vllm")
	tabs := func(n int) []tea.Msg {
		out := make([]tea.Msg, n)
		for i := range out {
			out[i] = uitest.Key("tab")
		}
		return out
	}
	tests := []struct {
		name string
		msgs []tea.Msg
	}{
		{name: "editor"},
		{name: "gpu_picker", msgs: append(tabs(6), uitest.Key("+"))},
		{name: "deposit", msgs: []tea.Msg{uitest.Key("ctrl+d")}},
		{name: "sdl_pane", msgs: []tea.Msg{uitest.Key("ctrl+t")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			frames.Golden(t, d, func() app.Screen { return review.New(d, sdl, "vLLM") }, tt.msgs...)
		})
	}
}

func TestUpdateSendsUpdateThenManifest(t *testing.T) {
	t.Parallel()
	d := deps()
	signer := d.Signer.(*fake.Signer)
	m := review.NewUpdate(d, rendered(t, d, "vllm"), 21_004_300)
	m.SetSize(140, 40)
	for _, msg := range uitest.Run(m.Start(t.Context())) {
		drive(m, msg)
	}
	drive(m, append([]tea.Msg{uitest.Key("tab"), uitest.Key("tab"), uitest.Key("tab")}, retype(1, "3")...)...) // replicas 1 → 3
	drive(m, uitest.Key("ctrl+d"))
	if strings.Contains(m.View(), "Deposit (ACT)") || !strings.Contains(m.View(), "MsgUpdateDeployment") {
		t.Fatalf("an update needs no deposit and shows its message:\n%s", m.View())
	}
	msgs := drive(m, uitest.Key("y"))
	sent := signer.Sent()
	up, ok := sent[0].(svc.UpdateDeployment)
	if len(sent) != 1 || !ok || up.DSeq != 21_004_300 || !strings.Contains(string(up.SDL), "count: 3") {
		t.Fatalf("sent %#v", sent)
	}
	rep, ok := uitest.Find[app.SettleMsg](msgs)
	if !ok || rep.Screen.Title() != "Lease 21004300/1/1" {
		t.Fatalf("after the update the manifest goes to the lease; got %#v", msgs)
	}
}
