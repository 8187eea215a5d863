package preflight_test

import (
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/internal/frames"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/screens/preflight"
	"github.com/akt-project/akt/tui/styles"
	tea "github.com/charmbracelet/bubbletea"
)

func deps() app.Deps {
	d := fake.NewChain().Deps()
	d.Styles = styles.Plain()
	return d.WithDefaults()
}

func TestAnswersStreamIn(t *testing.T) {
	t.Parallel()
	m := preflight.New(deps(), []byte("version: \"2.0\"\n"))
	m.SetSize(120, 30)
	cmd := m.Start(t.Context())
	for range 30 {
		msgs := uitest.Run(cmd)
		if len(msgs) == 0 {
			break
		}
		var next []tea.Cmd
		for _, msg := range msgs {
			_, c := m.Update(msg)
			next = append(next, c)
		}
		cmd = tea.Batch(next...)
	}
	answered, yes := m.Counts()
	if answered != 10 || yes != 4 {
		t.Fatalf("answered %d, yes %d; want 10, 4", answered, yes)
	}
	v := m.View()
	if !strings.Contains(v, "4 of 10 providers would bid") || !strings.Contains(v, "not enough CPU: 8 cores needed, 6 free") {
		t.Fatalf("view:\n%s", v)
	}
	m.Update(uitest.Key("b"))
	if strings.Contains(m.View(), "not enough CPU") {
		t.Fatal("b should show only providers that would bid")
	}
}

func TestUnavailable(t *testing.T) {
	t.Parallel()
	d := deps()
	d.Preflight = nil
	m := preflight.New(d, nil)
	m.SetSize(80, 20)
	m.Start(t.Context())
	if !strings.Contains(m.View(), "pre-flight is not available") {
		t.Fatalf("view:\n%s", m.View())
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	d := deps()
	frames.Golden(t, d, func() app.Screen { return preflight.New(d, []byte("version: \"2.0\"\n")) })
}
