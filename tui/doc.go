// Package tui is akt's terminal interface: a Bubble Tea program with a screen stack over the
// services declared in tui/svc.
//
// # Wiring
//
// main builds a Deps (an alias of app.Deps) from adapters over the chain, provider, sdl and
// templates packages and calls Run:
//
//	err := tui.Run(ctx, tui.Deps{
//		Wallet: w, Blocks: b, Networks: n, Keys: k, // svc.Wallet, svc.Blocks, ...
//		Catalog: c, Editor: e, Deployments: d, Details: d, Market: mk,
//		Signer: s, Grants: g, Providers: p, Logs: p, Preflight: p,
//		Shell: func(l svc.LeaseID, service string) tea.ExecCommand { ... },
//		ReadOnly: readOnlyFlag,
//	})
//
// Every service is optional in the sense that a nil one disables the screens or actions that
// need it with a message saying so; Signer nil (or ReadOnly) removes every action that signs.
// tui/fake implements all of them in memory (fake.NewChain().Deps()) for tests and demos.
//
// # Shape
//
// The root model (app.go, view.go, router.go, blocks.go) owns the stack, the header (network,
// key, block height), the status bar and the help footer. It handles window size, global keys
// (ctrl+c and q quit, ? help, esc back), navigation messages (app.PushMsg, PopMsg, ReplaceMsg),
// status messages and the account and block streams; keys go to the top screen and every other
// message to every screen on the stack, so a result reaches the screen that asked for it even
// after the user moved on. Screens (tui/screens/...) implement app.Screen; each is started with
// a context cancelled when it is popped, does no I/O in Update, and runs service calls in
// commands that copy their inputs and return result messages. Streams (blocks, bids, logs,
// events, provider answers, lease status) are channels drained one message per command.
// Transactions go through components/txflow: Signer.Prepare, a confirm dialog with messages,
// fee, gas, signer and network, then Signer.Broadcast with a progress line.
package tui
