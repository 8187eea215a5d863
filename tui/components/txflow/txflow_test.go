package txflow

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/styles"
	"github.com/akt-project/akt/tui/svc"
	tea "github.com/charmbracelet/bubbletea"
	_ "github.com/charmbracelet/x/exp/golden" // registers -update for go test ./... -update
)

func deps() (app.Deps, *fake.Signer) {
	d := fake.NewChain().Deps()
	d.Styles = styles.Plain()
	return d.WithDefaults(), d.Signer.(*fake.Signer)
}

// run executes a command and returns its message, skipping batches' non-flow parts.
func flowMsgs(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, flowMsgs(c)...)
		}
		return out
	case planPreparedMsg, txIncludedMsg, app.StatusMsg:
		return []tea.Msg{msg}
	}
	return nil
}

func TestStates(t *testing.T) {
	t.Parallel()
	d, signer := deps()
	ctx := context.Background()
	m := New(d)
	cmd := m.Begin(ctx, svc.CloseDeployment{DSeq: 7})
	if m.State() != Preparing {
		t.Fatalf("state = %v", m.State())
	}
	var prepared tea.Msg
	for _, msg := range flowMsgs(cmd) {
		if _, ok := msg.(planPreparedMsg); ok {
			prepared = msg
		}
	}
	m, _, _ = m.Update(ctx, prepared)
	if m.State() != Confirming || !strings.Contains(m.View(80), "Sign and send") {
		t.Fatalf("state = %v, view:\n%s", m.State(), m.View(80))
	}
	// A message from another flow is ignored.
	if m2, _, _ := m.Update(ctx, planPreparedMsg{id: new(int)}); m2.State() != Confirming {
		t.Fatal("another flow's message changed this flow")
	}
	m, cmd, _ = m.Update(ctx, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")})
	if m.State() != Broadcasting || !strings.Contains(m.View(80), "Confirmed by you") {
		t.Fatalf("state = %v, view:\n%s", m.State(), m.View(80))
	}
	var done *Result
	for _, msg := range flowMsgs(cmd) {
		if _, ok := msg.(txIncludedMsg); ok {
			m, _, done = m.Update(ctx, msg)
		}
	}
	if done == nil || m.State() != Idle || len(signer.Sent()) != 1 {
		t.Fatalf("done %v, state %v, sent %d", done, m.State(), len(signer.Sent()))
	}
}

func TestReadOnlyAndNoSigner(t *testing.T) {
	t.Parallel()
	d, _ := deps()
	d.ReadOnly = true
	m := New(d)
	msgs := flowMsgs(m.Begin(context.Background(), svc.CloseDeployment{DSeq: 7}))
	if m.State() != Idle || len(msgs) != 1 || !strings.Contains(msgs[0].(app.StatusMsg).Text, "read-only") {
		t.Fatalf("read-only: state %v, msgs %#v", m.State(), msgs)
	}
	d.ReadOnly, d.Signer = false, nil
	m = New(d)
	msgs = flowMsgs(m.Begin(context.Background(), svc.CloseDeployment{DSeq: 7}))
	if m.State() != Idle || len(msgs) != 1 || msgs[0].(app.StatusMsg).Kind != app.StatusError {
		t.Fatalf("no signer: state %v, msgs %#v", m.State(), msgs)
	}
}

func TestPrepareErrorSignsNothing(t *testing.T) {
	t.Parallel()
	d, _ := deps()
	m := New(d)
	m.Begin(context.Background(), svc.CloseDeployment{DSeq: 7})
	m, cmd, _ := m.Update(context.Background(), planPreparedMsg{id: m.id, err: errors.New("simulate: out of gas")})
	msgs := flowMsgs(cmd)
	if m.State() != Idle || len(msgs) != 1 || !strings.Contains(msgs[0].(app.StatusMsg).Text, "nothing was signed") {
		t.Fatalf("state %v, msgs %#v", m.State(), msgs)
	}
}
