// Package core holds the commands of akt-core: everything that needs the
// chain, the keyring, providers, the devnet or the console. Package cli
// keeps the light commands so that akt starts fast; see cli/proxy.go.
package core

import (
	"context"

	"github.com/akt-project/akt/cli"
	"github.com/akt-project/akt/devnet/devnetcmd"
)

// App is the shared command state (streams, config, output), from package cli.
type App = cli.App

// Register adds akt-core's commands and console to app.
func Register(app *App) {
	app.AddCommands(addGatewayCommands(app, chainCommands(app))...)
	app.AddCommands(devnetcmd.New(app))
	app.SetConsole(func(ctx context.Context) error { return runConsole(ctx, app) })
}
