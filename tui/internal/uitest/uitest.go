// Package uitest drives models synchronously in tests: it runs commands, feeds their messages
// back, and stops when nothing is left, so a test can assert the settled state and view.
package uitest

import (
	"reflect"
	"sync"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

// Cutoff is how long a command may take before it is treated as a timer and dropped. Fakes
// answer at once; timers (status expiry, countdown ticks) wait seconds.
const Cutoff = 400 * time.Millisecond

// Run executes cmd, expanding batches and sequences, and returns every message that arrived
// within Cutoff. Spinner ticks are dropped so a spinner stays on its first frame.
func Run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	var (
		mu   sync.Mutex
		out  []tea.Msg
		wg   sync.WaitGroup
		exec func(c tea.Cmd)
	)
	exec = func(c tea.Cmd) {
		defer wg.Done()
		done := make(chan tea.Msg, 1)
		go func() { done <- c() }()
		var msg tea.Msg
		select {
		case msg = <-done:
		case <-time.After(Cutoff):
			return
		}
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range msg {
				if c != nil {
					wg.Add(1)
					go exec(c)
				}
			}
		case spinner.TickMsg:
		default:
			if isSequence(msg) {
				for _, c := range sequenceCmds(msg) {
					if c != nil {
						wg.Add(1)
						go exec(c)
					}
				}
				return
			}
			mu.Lock()
			out = append(out, msg)
			mu.Unlock()
		}
	}
	wg.Add(1)
	exec(cmd)
	wg.Wait()
	return out
}

// sequenceMsg is bubbletea's unexported sequence message ([]tea.Cmd); seen by reflection.
func isSequence(msg tea.Msg) bool {
	v := reflect.ValueOf(msg)
	return v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf((tea.Cmd)(nil))
}

func sequenceCmds(msg tea.Msg) []tea.Cmd {
	v := reflect.ValueOf(msg)
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i], _ = v.Index(i).Interface().(tea.Cmd)
	}
	return out
}

// Settle sends msgs to m, then keeps running the resulting commands and feeding their messages
// back until none are left (at most rounds times). It returns the model and every message
// delivered, in order.
func Settle(m tea.Model, first tea.Cmd, msgs ...tea.Msg) (tea.Model, []tea.Msg) {
	var seen []tea.Msg
	cmds := []tea.Cmd{first}
	for _, msg := range msgs {
		var c tea.Cmd
		m, c = m.Update(msg)
		seen = append(seen, msg)
		cmds = append(cmds, c)
	}
	for range 20 {
		pending := Run(tea.Batch(cmds...))
		if len(pending) == 0 {
			break
		}
		cmds = cmds[:0]
		for _, msg := range pending {
			if _, quit := msg.(tea.QuitMsg); quit {
				continue
			}
			var c tea.Cmd
			m, c = m.Update(msg)
			seen = append(seen, msg)
			cmds = append(cmds, c)
		}
	}
	return m, seen
}

// Key makes a key message from a key name as key.Binding spells it ("enter", "ctrl+s", "q").
func Key(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	case "ctrl+d":
		return tea.KeyMsg{Type: tea.KeyCtrlD}
	case "ctrl+n":
		return tea.KeyMsg{Type: tea.KeyCtrlN}
	case "ctrl+p":
		return tea.KeyMsg{Type: tea.KeyCtrlP}
	case "ctrl+t":
		return tea.KeyMsg{Type: tea.KeyCtrlT}
	case " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// Type makes one key message per rune of s, as typing it would.
func Type(s string) []tea.Msg {
	out := make([]tea.Msg, 0, len(s))
	for _, r := range s {
		if r == ' ' {
			out = append(out, Key(" "))
			continue
		}
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

// Find returns the first message of type T among msgs.
func Find[T any](msgs []tea.Msg) (T, bool) {
	for _, m := range msgs {
		if t, ok := m.(T); ok {
			return t, true
		}
	}
	var zero T
	return zero, false
}
