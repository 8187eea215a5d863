// Command akt-core is the full akt: the console and every command that
// talks to a chain, a keyring, a provider or the devnet. Users run `akt`,
// which forwards those commands here (see package cli).
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/akt-project/akt/cli"
	"github.com/akt-project/akt/cli/core"
)

// Set at build time with -ldflags "-X main.version=... -X main.commit=...".
var (
	version = "dev"
	commit  = "unknown"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	app := cli.NewApp(os.Stdin, os.Stdout, os.Stderr, cli.BuildInfo{Version: version, Commit: commit})
	core.Register(app)
	code := app.Execute(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
