package keyring

import (
	"strings"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/form"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Update handles results and keys.
func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case keysLoadedMsg:
		m.busy.Stop()
		m.err = msg.err
		if msg.err == nil {
			m.table.SetRows(msg.keys)
		}
		return m, nil
	case mnemonicMadeMsg:
		m.busy.Stop()
		if msg.err != nil {
			m.setMode(ModeCreate)
			return m, app.Error(msg.err, "try again")
		}
		m.mnemonic = msg.mnemonic
		m.quiz = pickQuiz(len(strings.Fields(msg.mnemonic)))
		m.mode = ModeShowMnemonic
		return m, nil
	case keyStoredMsg:
		m.busy.Stop()
		if msg.err != nil && msg.key.Name == "" {
			return m, app.Error(msg.err, "nothing was stored; check the name and words")
		}
		m.forget()
		cmds := []tea.Cmd{app.AccountChanged(), loadKeys(m.ctx, m.deps)}
		if msg.err != nil {
			cmds = append(cmds, app.Error(msg.err, "the key is stored; select it on the keys screen"))
		} else {
			cmds = append(cmds, app.Success("key %s (%s) is ready and active", msg.key.Name, shortAddr(msg.key.Address)))
		}
		if m.start != ModeList {
			cmds = append(cmds, app.PopScreen(m))
		}
		m.setMode(ModeList)
		return m, tea.Batch(cmds...)
	case keySelectedMsg:
		m.busy.Stop()
		if msg.err != nil {
			return m, app.Error(msg.err, "the previous key stays active")
		}
		return m, tea.Batch(app.Success("using key %s", msg.name), app.AccountChanged(), loadKeys(m.ctx, m.deps))
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.MouseMsg:
		if m.mode == ModeList {
			m.table, _ = m.table.Update(msg)
		}
		return m, nil
	}
	var cmd tea.Cmd
	m.busy, cmd = m.busy.Update(msg)
	return m, cmd
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	km := m.deps.KeyMap
	switch m.mode {
	case ModeList:
		switch {
		case key.Matches(k, km.CreateKey):
			m.setMode(ModeCreate)
		case key.Matches(k, km.RecoverKey):
			m.setMode(ModeRecover)
		case key.Matches(k, km.Refresh):
			return tea.Batch(m.busy.Start("Loading keys"), loadKeys(m.ctx, m.deps))
		case key.Matches(k, km.SelectKey):
			if sel, ok := m.table.Selected(); ok && !sel.Active {
				return tea.Batch(m.busy.Start("Selecting "+sel.Name), selectKey(m.ctx, m.deps, sel.Name))
			}
		default:
			var cmd tea.Cmd
			m.table, cmd = m.table.Update(k)
			return cmd
		}
		return nil
	case ModeShowMnemonic:
		switch {
		case key.Matches(k, km.Enter):
			m.setMode(ModeConfirmMnemonic)
		case key.Matches(k, km.Back):
			_, cmd := m.HandleBack()
			return cmd
		}
		return nil
	}
	if key.Matches(k, km.Back) {
		_, cmd := m.HandleBack()
		return cmd
	}
	var ev form.Event
	var cmd tea.Cmd
	m.form, ev, cmd = m.form.Update(k)
	if ev.Changed != "" {
		v := m.form.Value(ev.Changed)
		m.form.SetVerdict(ev.Changed, v, m.check(ev.Changed, v))
	}
	if ev.Submit {
		return tea.Batch(cmd, m.submit())
	}
	return cmd
}

// check validates one field locally: names, word counts and quiz answers need no I/O.
func (m *Model) check(field, v string) error {
	switch field {
	case "name":
		return ValidateName(strings.TrimSpace(v))
	case "mnemonic":
		return ValidateMnemonic(v)
	case "w1", "w2":
		i := m.quiz[0]
		if field == "w2" {
			i = m.quiz[1]
		}
		words := strings.Fields(m.mnemonic)
		if i < len(words) && strings.EqualFold(strings.TrimSpace(v), words[i]) {
			return nil
		}
		if strings.TrimSpace(v) == "" {
			return errRequired
		}
		return errWrongWord
	}
	return nil
}

func (m *Model) submit() tea.Cmd {
	for name, v := range m.form.Values() {
		m.form.SetVerdict(name, v, m.check(name, v))
	}
	if errs := m.form.Errors(); len(errs) > 0 {
		return app.Info("%s", strings.Join(errs, "; "))
	}
	switch m.mode {
	case ModeCreate:
		m.name = strings.TrimSpace(m.form.Value("name"))
		return tea.Batch(m.busy.Start("Generating a mnemonic"), makeMnemonic(m.ctx, m.deps))
	case ModeConfirmMnemonic:
		return tea.Batch(m.busy.Start("Storing key "+m.name), storeKey(m.ctx, m.deps, m.name, m.mnemonic))
	case ModeRecover:
		name := strings.TrimSpace(m.form.Value("name"))
		mn := strings.Join(strings.Fields(m.form.Value("mnemonic")), " ")
		return tea.Batch(m.busy.Start("Recovering key "+name), storeKey(m.ctx, m.deps, name, mn))
	}
	return nil
}
