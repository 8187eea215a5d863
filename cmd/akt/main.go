// Command akt is the terminal console for Akash Network.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/akt-project/akt/cli"
)

// Set at build time with -ldflags "-X main.version=... -X main.commit=...".
var (
	version = "dev"
	commit  = "unknown"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	app := cli.NewApp(os.Stdin, os.Stdout, os.Stderr, cli.BuildInfo{Version: version, Commit: commit})
	app.AddCoreProxies()
	code := app.Execute(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
