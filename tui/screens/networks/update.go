package networks

import (
	"strings"

	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/components/form"
	"github.com/akt-project/akt/tui/svc"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Update handles results and keys.
func (m *Model) Update(msg tea.Msg) (app.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case networksLoadedMsg:
		return m, m.handleLoaded(msg)
	case networkProbedMsg:
		for _, r := range m.table.Rows() {
			if r.Name == msg.name {
				r.probing, r.probeErr = false, msg.err
				if msg.err == nil {
					p := msg.probe
					r.probe = &p
				}
			}
		}
		return m, nil
	case networkSwitchedMsg:
		m.busy.Stop()
		if msg.err != nil {
			return m, app.Error(msg.err, "the previous network stays active")
		}
		return m, tea.Batch(app.Success("switched to %s", msg.name), app.AccountChanged(), loadNetworks(m.ctx, m.deps))
	case networkAddedMsg:
		m.busy.Stop()
		if msg.err != nil {
			return m, app.Error(msg.err, "check the name and URL")
		}
		return m, tea.Batch(app.Success("added %s", msg.name), loadNetworks(m.ctx, m.deps))
	case tea.KeyMsg:
		if m.adding {
			return m, m.handleFormKey(msg)
		}
		return m, m.handleKey(msg)
	case tea.MouseMsg:
		m.table, _ = m.table.Update(msg)
		return m, nil
	}
	var cmd tea.Cmd
	m.busy, cmd = m.busy.Update(msg)
	return m, cmd
}

func (m *Model) handleLoaded(msg networksLoadedMsg) tea.Cmd {
	m.busy.Stop()
	m.err = msg.err
	if msg.err != nil {
		return nil
	}
	// Keep the probes we already have.
	old := map[string]*row{}
	for _, r := range m.table.Rows() {
		old[r.Name] = r
	}
	rows := make([]*row, 0, len(msg.list))
	for _, n := range msg.list {
		r := &row{Network: n}
		if o, ok := old[n.Name]; ok {
			r.probe, r.probeErr, r.probing = o.probe, o.probeErr, o.probing
		}
		rows = append(rows, r)
	}
	m.table.SetRows(rows)
	return nil
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	km := m.deps.KeyMap
	switch {
	case key.Matches(k, km.Refresh):
		return tea.Batch(m.busy.Start("Loading networks"), loadNetworks(m.ctx, m.deps))
	case key.Matches(k, km.ProbeNetwork):
		var cmds []tea.Cmd
		for _, r := range m.table.Rows() {
			r.probing = true
			cmds = append(cmds, probeNetwork(m.ctx, m.deps, r.Name))
		}
		return tea.Batch(cmds...)
	case key.Matches(k, km.SwitchNetwork):
		r, ok := m.table.Selected()
		if !ok || r.Active {
			return nil
		}
		return tea.Batch(m.busy.Start("Switching to "+r.Name), switchNetwork(m.ctx, m.deps, r.Name))
	case key.Matches(k, km.AddNetwork):
		m.adding = true
		m.form = form.New(m.deps.Styles, km,
			form.Spec{Name: "name", Label: "Name", Help: "A short name, e.g. my-node", Required: true},
			form.Spec{Name: "rpc", Label: "RPC URL", Help: "CometBFT RPC, e.g. https://rpc.example.com:443",
				Placeholder: "https://", Required: true},
		)
		m.form.SetSize(m.width, max(0, m.height-5))
		return nil
	}
	var cmd tea.Cmd
	m.table, cmd = m.table.Update(k)
	return cmd
}

func (m *Model) handleFormKey(k tea.KeyMsg) tea.Cmd {
	if key.Matches(k, m.deps.KeyMap.Back) {
		m.adding = false
		return nil
	}
	var ev form.Event
	var cmd tea.Cmd
	m.form, ev, cmd = m.form.Update(k)
	switch ev.Changed {
	case "name":
		v := m.form.Value("name")
		m.form.SetVerdict("name", v, m.validateName(v))
	case "rpc":
		v := m.form.Value("rpc")
		m.form.SetVerdict("rpc", v, ValidateRPC(v))
	}
	if !ev.Submit {
		return cmd
	}
	name, rpc := strings.TrimSpace(m.form.Value("name")), strings.TrimSpace(m.form.Value("rpc"))
	m.form.SetVerdict("name", m.form.Value("name"), m.validateName(name))
	m.form.SetVerdict("rpc", m.form.Value("rpc"), ValidateRPC(rpc))
	if errs := m.form.Errors(); len(errs) > 0 {
		return app.Info("fix the form first: %s", strings.Join(errs, "; "))
	}
	m.adding = false
	return tea.Batch(m.busy.Start("Adding "+name), addNetwork(m.ctx, m.deps, svc.Network{Name: name, RPC: rpc, Custom: true}))
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	km := m.deps.KeyMap
	if m.adding {
		return []key.Binding{km.NextField, km.Submit, km.Back}
	}
	return []key.Binding{km.SwitchNetwork, km.ProbeNetwork, km.AddNetwork}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	km := m.deps.KeyMap
	return [][]key.Binding{
		{km.SwitchNetwork, km.ProbeNetwork, km.AddNetwork, km.Refresh},
		m.table.KeyBindings(),
	}
}

// View renders the table, or the add form.
func (m *Model) View() string {
	st := m.deps.Styles
	head := "  " + st.Title.Render("Networks") + "  " + st.Muted.Render("enter switches at once; p measures latency")
	if m.busy.Active() {
		head += "  " + m.busy.View()
	}
	if m.adding {
		return head + "\n\n  " + st.Subtitle.Render("Add a custom RPC") + "\n\n" + m.form.View()
	}
	if m.err != nil {
		return head + "\n\n" + st.ErrorBlock(m.err, "Press r to try again.", m.width)
	}
	return head + "\n\n" + m.table.View()
}
