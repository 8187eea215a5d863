package e2e

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akt-project/akt/devnet"
)

// testSeed makes the devnet's keys, inventories and prices the same on every run.
const testSeed = 20261127

// blockTime is short so a test waits a few hundred milliseconds per transaction.
const blockTime = 200 * time.Millisecond

// dn is the devnet every test in the package uses; home is its home directory, the
// --home of every akt command.
var (
	dn   *devnet.Devnet
	home string
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	flag.Parse()
	if testing.Short() {
		fmt.Fprintln(os.Stderr, "e2e: skipped in -short mode (starts a devnet)")
		return 0
	}
	base, err := os.MkdirTemp("", "akt-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(base)
	if err := isolate(base); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	home = filepath.Join(base, "devnet")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	start := time.Now()
	dn, err = devnet.Start(ctx, devnet.Options{
		Home:      home,
		BlockTime: blockTime,
		Seed:      testSeed,
		Providers: 5,
		Ports:     devnet.Ports{Auto: true},
	})
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: starting the devnet:", err)
		return 1
	}
	fmt.Fprintf(os.Stderr, "e2e: devnet up in %s (rpc %s)\n", time.Since(start).Round(time.Millisecond), dn.Endpoints().RPC)
	defer dn.Close()
	return m.Run()
}

// isolate points HOME and the XDG directories at base and clears AKT_* variables, so no
// test reads or writes the user's configuration, keyring or logs.
func isolate(base string) error {
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "AKT_") {
			if err := os.Unsetenv(k); err != nil {
				return err
			}
		}
	}
	for k, sub := range map[string]string{"HOME": "home", "XDG_CONFIG_HOME": "config", "XDG_STATE_HOME": "state", "XDG_DATA_HOME": "data"} {
		dir := filepath.Join(base, sub)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("creating %s: %w", dir, err)
		}
		if err := os.Setenv(k, dir); err != nil {
			return err
		}
	}
	return nil
}
