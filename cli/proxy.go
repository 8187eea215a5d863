package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"

	"github.com/spf13/cobra"
)

// akt ships as two executables built from this module:
//
//   - akt: the commands that need no chain code (version, network, config,
//     sdl, templates). Linking the Cosmos SDK costs 20-35 ms of package
//     initialisation on every start, whatever the command, so these stay
//     out of it and start in a few milliseconds.
//   - akt-core: everything, including the console, keys, transactions,
//     provider calls and the devnet.
//
// akt hands every other command to akt-core by exec (same process id,
// terminal, signals and exit code), so users only ever type `akt`.

// CoreName is the file name of the full executable.
const CoreName = "akt-core"

// CoreEnv overrides where akt looks for akt-core.
const CoreEnv = "AKT_CORE"

// CoreCommand describes a top-level command implemented in akt-core, so the
// light akt can list it in help and forward it.
type CoreCommand struct {
	Name  string
	Short string
}

// CoreCommands lists akt-core's top-level commands; a test in package
// cli/core checks it against the commands core really registers.
func CoreCommands() []CoreCommand {
	return []CoreCommand{
		{"keys", "Create, recover, list, show, rename and delete keys"},
		{"balance", "Show an account's balances"},
		{"send", "Send tokens to another account"},
		{"act", "Mint ACT by burning AKT, or burn ACT back"},
		{"deploy", "Create, list, show, update, fund and close deployments"},
		{"bids", "List the bids on a deployment's orders"},
		{"lease", "Create, list and close leases; status, logs, events, shell and copy"},
		{"manifest", "Send or fetch a deployment's manifest"},
		{"provider", "List and inspect providers; ask them whether they would bid"},
		{"authz", "Grant, revoke and list authorizations (deposit grants)"},
		{"feegrant", "Grant, revoke and list fee allowances"},
		{"cert", "Create, list and revoke client certificates (mTLS)"},
		{"devnet", "Run a local Akash development network"},
	}
}

// AddCoreProxies registers CoreCommands on the light akt as commands that
// forward their arguments, and makes `akt` without a command start the
// console in akt-core.
func (a *App) AddCoreProxies() {
	for _, c := range CoreCommands() {
		a.root.AddCommand(&cobra.Command{
			Use:                c.Name,
			Short:              c.Short,
			DisableFlagParsing: true,
			RunE: func(cmd *cobra.Command, _ []string) error {
				return a.execCore(cmd.Context())
			},
		})
	}
	a.console = a.execCore
}

// SetConsole sets what `akt` without a command runs (akt-core's console).
func (a *App) SetConsole(run func(ctx context.Context) error) { a.console = run }

// FindCore locates akt-core: $AKT_CORE, then beside the running executable,
// then on PATH.
func FindCore() (string, error) {
	if p := os.Getenv(CoreEnv); p != "" {
		return p, nil
	}
	if self, err := os.Executable(); err == nil {
		if resolved, err := filepath.EvalSymlinks(self); err == nil {
			self = resolved
		}
		p := filepath.Join(filepath.Dir(self), CoreName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath(CoreName); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("%s not found beside akt or on PATH (build both with `make build`, or set %s)", CoreName, CoreEnv)
}

// execCore replaces this process with akt-core running the same arguments.
func (a *App) execCore(context.Context) error {
	core, err := FindCore()
	if err != nil {
		return err
	}
	a.closeLog()
	argv := append([]string{"akt"}, os.Args[1:]...)
	err = syscall.Exec(core, argv, os.Environ())
	if errors.Is(err, syscall.ENOEXEC) || errors.Is(err, syscall.EACCES) {
		return fmt.Errorf("cannot run %s: %w", core, err)
	}
	return fmt.Errorf("starting %s: %w", core, err)
}
