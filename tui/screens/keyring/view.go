package keyring

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

var (
	errRequired  = errors.New("required")
	errWrongWord = errors.New("that is not the word at this position; look at what you wrote down")
)

// ShortHelp lists the main keys of the current mode.
func (m *Model) ShortHelp() []key.Binding {
	km := m.deps.KeyMap
	switch m.mode {
	case ModeList:
		return []key.Binding{km.SelectKey, km.CreateKey, km.RecoverKey}
	case ModeShowMnemonic:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "I wrote it down")), km.Back}
	}
	return []key.Binding{km.NextField, km.Submit, km.Back}
}

// FullHelp lists every key of the current mode.
func (m *Model) FullHelp() [][]key.Binding {
	if m.mode == ModeList {
		return [][]key.Binding{m.ShortHelp(), {m.deps.KeyMap.Refresh}, m.table.KeyBindings()}
	}
	return [][]key.Binding{m.ShortHelp()}
}

// View renders the current mode.
func (m *Model) View() string {
	st := m.deps.Styles
	var b strings.Builder
	title := map[Mode]string{ModeList: "Keys", ModeCreate: "Create a key", ModeShowMnemonic: "Your recovery phrase",
		ModeConfirmMnemonic: "Confirm your recovery phrase", ModeRecover: "Recover a key"}[m.mode]
	b.WriteString("  " + st.Title.Render(title))
	if m.busy.Active() {
		b.WriteString("  " + m.busy.View())
	}
	b.WriteString("\n\n")
	switch m.mode {
	case ModeList:
		if m.err != nil {
			b.WriteString(st.ErrorBlock(m.err, "Press r to try again.", m.width))
			break
		}
		b.WriteString(m.table.View())
	case ModeCreate:
		b.WriteString("  " + st.Muted.Render("akt generates a 24-word recovery phrase and shows it once.") + "\n\n")
		b.WriteString(m.form.View())
	case ModeShowMnemonic:
		words := strings.Fields(m.mnemonic)
		cols := 4
		if m.width < 64 {
			cols = 2
		}
		b.WriteString(indent(st.Secret.Render(mnemonicGrid(words, cols))) + "\n\n")
		b.WriteString("  " + st.Warning.Render("Write these words down, in order, and keep them offline.") + "\n")
		b.WriteString("  " + st.Muted.Render("They are shown only now. Anyone who has them controls this key's funds.") + "\n")
		b.WriteString("  " + st.Muted.Render("Press enter when you have written them down; esc cancels and stores nothing."))
	case ModeConfirmMnemonic:
		b.WriteString("  " + st.Muted.Render("Type two of the words to prove you have them. The key is stored after this.") + "\n\n")
		b.WriteString(m.form.View())
	case ModeRecover:
		b.WriteString("  " + st.Muted.Render("The phrase stays on this machine, in the keyring.") + "\n\n")
		b.WriteString(m.form.View())
	}
	return b.String()
}

func indent(s string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		lines[i] = "  " + lines[i]
	}
	return strings.Join(lines, "\n")
}
