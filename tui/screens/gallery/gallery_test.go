package gallery_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/internal/frames"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/screens/gallery"
	"github.com/akt-project/akt/tui/screens/paramform"
	"github.com/akt-project/akt/tui/styles"
	"github.com/akt-project/akt/tui/svc"
	tea "github.com/charmbracelet/bubbletea"
)

func deps() app.Deps {
	d := fake.NewChain().Deps()
	d.Styles = styles.Plain()
	return d.WithDefaults()
}

func started(t *testing.T, d app.Deps, seg svc.Segment) *gallery.Model {
	t.Helper()
	m := gallery.New(d, seg)
	m.SetSize(120, 40)
	for _, msg := range uitest.Run(m.Start(t.Context())) {
		m.Update(msg)
	}
	return m
}

func TestSearchFiltersAsYouType(t *testing.T) {
	t.Parallel()
	m := started(t, deps(), svc.SegmentAI)
	if got := m.Shown(); len(got) != 4 {
		t.Fatalf("AI templates = %v", got)
	}
	m.Update(uitest.Key("/"))
	if !m.CapturingInput() {
		t.Fatal("/ should open the search box")
	}
	for _, k := range uitest.Type("llm") {
		m.Update(k)
	}
	if got := m.Shown(); !reflect.DeepEqual(got, []string{"vllm", "ollama"}) {
		t.Fatalf("search llm = %v", got)
	}
	m.Update(uitest.Key("enter"))
	if m.CapturingInput() {
		t.Fatal("enter should leave the search box")
	}
	if handled, _ := m.HandleBack(); !handled || len(m.Shown()) != 4 {
		t.Fatal("esc should clear the applied search first")
	}
}

func TestEnterOpensParamForm(t *testing.T) {
	t.Parallel()
	m := started(t, deps(), svc.SegmentWeb)
	m.Update(uitest.Key("j"))
	_, cmd := m.Update(uitest.Key("enter"))
	push, ok := uitest.Find[app.PushMsg](uitest.Run(cmd))
	pf, isForm := push.Screen.(*paramform.Model)
	if !ok || !isForm || pf.Title() != "Static site (nginx)" {
		t.Fatalf("pushed %#v", push.Screen)
	}
}

func TestMatches(t *testing.T) {
	t.Parallel()
	ts := svc.TemplateSummary{ID: "vllm", Name: "vLLM inference server", Summary: "OpenAI-compatible",
		Tags: []string{"llm"}, Resources: svc.Resources{GPUModels: []string{"h100"}}}
	for q, want := range map[string]bool{"": true, "VLLM": true, "openai llm": true, "h100": true, "postgres": false, "llm sql": false} {
		if got := gallery.Matches(ts, q); got != want {
			t.Errorf("Matches(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	d := deps()
	broken := deps()
	broken.Catalog.(*fake.Catalog).Err = errors.New("templates index unreadable")
	tests := []struct {
		name string
		deps app.Deps
		seg  svc.Segment
		msgs []tea.Msg
	}{
		{name: "ai", deps: d, seg: svc.SegmentAI, msgs: []tea.Msg{uitest.Key("j")}},
		{name: "search", deps: d, seg: svc.SegmentAI, msgs: append([]tea.Msg{uitest.Key("/")}, uitest.Type("gpu")...)},
		{name: "no_match", deps: d, seg: svc.SegmentWeb, msgs: append([]tea.Msg{uitest.Key("/")}, uitest.Type("zzz")...)},
		{name: "error", deps: broken, seg: svc.SegmentNode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			frames.Golden(t, tt.deps, func() app.Screen { return gallery.New(tt.deps, tt.seg) }, tt.msgs...)
		})
	}
}
