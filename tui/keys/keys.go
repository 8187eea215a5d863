// Package keys declares every key binding of the TUI as data, with its help text.
//
// Screens pick the bindings they use from one Map and list them in their help.KeyMap, so the
// footer and the ? overlay always show exactly the keys that work on the current screen.
package keys

import "github.com/charmbracelet/bubbles/key"

// Map holds every binding. Several actions share a key on different screens (c creates a key
// on the keys screen and closes a deployment on the deployments screen); each gets its own
// binding so its help text is right where it is shown.
type Map struct {
	// Global, handled by the root model.
	Quit, ForceQuit, Back, Help key.Binding

	// Movement in lists, tables and forms.
	Up, Down, PageUp, PageDown, Top, Bottom, Left, Right, NextField, PrevField key.Binding
	// Enter opens or chooses the selected item.
	Enter key.Binding

	// Lists and tables.
	Filter, ClearFilter, Sort, SortReverse, Refresh key.Binding

	// Confirm dialogs.
	Yes, No key.Binding

	// Landing doors.
	DoorAI, DoorWeb, DoorNode, MyDeployments, OpenSDL, Networks, Keys, Wallet key.Binding

	// Networks screen.
	SwitchNetwork, ProbeNetwork, AddNetwork key.Binding

	// Keys screen.
	CreateKey, RecoverKey, SelectKey key.Binding

	// Forms.
	Submit key.Binding

	// Deployments and bids.
	AddFunds, UpdateDeployment, CloseDeployment, AcceptBid, AuditedOnly, CycleRegion, CycleGPU, MaxPrice key.Binding
	// Wallet.
	Mint, Burn key.Binding
	// Review: deploy, toggle the SDL pane, GPU models.
	Deploy, ToggleSDL, AddGPU, RemoveGPU, NextProfile, Preflight key.Binding
	// Detail panes.
	Logs, Events, Shell, Follow, Copy key.Binding
}

func bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// Default returns akt's key map: vim and arrow keys for movement, one mnemonic letter per
// action, esc always goes back.
func Default() Map {
	return Map{
		Quit:      bind("q", "quit", "q"),
		ForceQuit: bind("ctrl+c", "quit", "ctrl+c"),
		Back:      bind("esc", "back", "esc"),
		Help:      bind("?", "help", "?"),

		Up:        bind("↑/k", "up", "up", "k"),
		Down:      bind("↓/j", "down", "down", "j"),
		PageUp:    bind("pgup", "page up", "pgup", "ctrl+b"),
		PageDown:  bind("pgdn", "page down", "pgdown", "ctrl+f"),
		Top:       bind("g", "top", "home", "g"),
		Bottom:    bind("G", "bottom", "end", "G"),
		Left:      bind("←/h", "left", "left", "h"),
		Right:     bind("→/l", "right", "right", "l"),
		NextField: bind("tab", "next field", "tab", "down"),
		PrevField: bind("shift+tab", "previous field", "shift+tab", "up"),
		Enter:     bind("enter", "open", "enter"),

		Filter:      bind("/", "filter", "/"),
		ClearFilter: bind("esc", "clear filter", "esc"),
		Sort:        bind("s", "sort column", "s"),
		SortReverse: bind("S", "reverse sort", "S"),
		Refresh:     bind("r", "refresh", "r", "ctrl+r"),

		Yes: bind("y", "yes", "y", "Y"),
		No:  bind("n", "no", "n", "N"),

		DoorAI:        bind("1", "AI/ML", "1"),
		DoorWeb:       bind("2", "web", "2"),
		DoorNode:      bind("3", "node operator", "3"),
		MyDeployments: bind("d", "my deployments", "d"),
		OpenSDL:       bind("o", "open SDL file", "o"),
		Networks:      bind("N", "networks", "N"),
		Keys:          bind("K", "keys", "K"),
		Wallet:        bind("w", "wallet", "w"),

		SwitchNetwork: bind("enter", "switch", "enter"),
		ProbeNetwork:  bind("p", "probe latency", "p"),
		AddNetwork:    bind("a", "add custom RPC", "a"),

		CreateKey:  bind("c", "create key", "c"),
		RecoverKey: bind("R", "recover key", "R"),
		SelectKey:  bind("enter", "use key", "enter"),

		Submit: bind("ctrl+s", "submit", "ctrl+s"),

		AddFunds:         bind("f", "add funds", "f"),
		UpdateDeployment: bind("u", "update", "u"),
		CloseDeployment:  bind("c", "close", "c"),
		AcceptBid:        bind("a", "accept bid", "a"),
		AuditedOnly:      bind("A", "audited only", "A"),
		CycleRegion:      bind("R", "region", "R"),
		CycleGPU:         bind("M", "GPU model", "M"),
		MaxPrice:         bind("P", "max price", "P"),

		Mint: bind("m", "mint ACT", "m"),
		Burn: bind("b", "burn ACT", "b"),

		Deploy:      bind("ctrl+d", "deploy", "ctrl+d"),
		ToggleSDL:   bind("ctrl+t", "SDL / editor", "ctrl+t"),
		AddGPU:      bind("+", "add GPU model", "+", "a"),
		RemoveGPU:   bind("x", "remove GPU model", "x", "delete", "-"),
		NextProfile: bind("ctrl+n", "next profile", "ctrl+n"),
		Preflight:   bind("ctrl+p", "pre-flight", "ctrl+p"),

		Logs:   bind("l", "logs", "l"),
		Events: bind("e", "events", "e"),
		Shell:  bind("x", "shell", "x"),
		Follow: bind("F", "follow", "F"),
		Copy:   bind("y", "copy", "y"),
	}
}
