package paramform_test

import (
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/internal/frames"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/screens/paramform"
	"github.com/akt-project/akt/tui/styles"
	tea "github.com/charmbracelet/bubbletea"
)

func deps() app.Deps {
	d := fake.NewChain().Deps()
	d.Styles = styles.Plain()
	return d.WithDefaults()
}

// drive delivers msgs one by one, settling the commands of each.
func drive(m *paramform.Model, msgs ...tea.Msg) []tea.Msg {
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

func started(t *testing.T, id string, w int) *paramform.Model {
	t.Helper()
	m := paramform.New(deps(), id, id)
	m.SetSize(w, 40)
	for _, msg := range uitest.Run(m.Start(t.Context())) {
		drive(m, msg)
	}
	return m
}

func TestDefaultsAreValidatedAndRendered(t *testing.T) {
	t.Parallel()
	m := started(t, "vllm", 140)
	if got := m.Values(); got["model"] != "meta-llama/Llama-3.1-8B-Instruct" || got["gpu"] != "rtx4090" || got["replicas"] != "1" {
		t.Fatalf("defaults = %v", got)
	}
	if !strings.Contains(string(m.SDL()), "MODEL=meta-llama/Llama-3.1-8B-Instruct") {
		t.Fatalf("SDL not rendered from the defaults:\n%s", m.SDL())
	}
}

func TestValidationAsYouType(t *testing.T) {
	t.Parallel()
	m := started(t, "vllm", 140)
	// Clear the model and type a value without a slash.
	msgs := make([]tea.Msg, 0, 40)
	for range len("meta-llama/Llama-3.1-8B-Instruct") {
		msgs = append(msgs, uitest.Key("backspace"))
	}
	msgs = append(msgs, uitest.Type("llama")...)
	drive(m, msgs...)
	v := m.View()
	if !strings.Contains(v, "use owner/name") {
		t.Fatalf("no validation message while typing:\n%s", v)
	}
	if !strings.Contains(v, "Waiting for 1 field(s) to be valid.") {
		t.Fatalf("an invalid form must not show a rendered SDL:\n%s", v)
	}
	// Submitting an invalid form does not move on.
	out := drive(m, uitest.Key("ctrl+s"))
	if st, ok := uitest.Find[app.StatusMsg](out); !ok || !strings.Contains(st.Text, "Model: use owner/name") {
		t.Fatalf("submit should explain what to fix, got %#v", out)
	}
	drive(m, append([]tea.Msg{uitest.Key("backspace")}, uitest.Type("a/Llama-2")...)...)
	if !strings.Contains(string(m.SDL()), "MODEL=llama/Llama-2") {
		t.Fatalf("SDL not re-rendered after a fix:\n%s", m.SDL())
	}
}

func TestSecretIsMaskedAndChecked(t *testing.T) {
	t.Parallel()
	m := started(t, "wordpress", 90)
	drive(m, uitest.Type("hunter2")...)
	v := m.View()
	if strings.Contains(v, "hunter2") {
		t.Fatal("a secret parameter is shown in clear")
	}
	if !strings.Contains(v, "at least 12 characters (7 so far)") {
		t.Fatalf("no length hint:\n%s", v)
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	d := deps()
	tests := []struct {
		name, id string
		msgs     []tea.Msg
	}{
		{name: "vllm", id: "vllm"},
		{name: "wordpress_typing", id: "wordpress", msgs: uitest.Type("short")},
		{name: "nginx_submitted", id: "nginx", msgs: []tea.Msg{uitest.Key("ctrl+s")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			frames.Golden(t, d, func() app.Screen { return paramform.New(d, tt.id, tt.id) }, tt.msgs...)
		})
	}
}

func TestContinueOpensReview(t *testing.T) {
	t.Parallel()
	m := started(t, "nginx", 90)
	drive(m, uitest.Key("ctrl+s"))
	out := drive(m, uitest.Key("enter"))
	push, ok := uitest.Find[app.PushMsg](out)
	if !ok || push.Screen.Title() != "Review" {
		t.Fatalf("enter on the SDL should open the review, got %#v", out)
	}
}
