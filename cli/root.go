// Package cli is akt's command tree (cobra). Each command group lives in its
// own file as a constructor taking the shared *App. Commands print results
// to App.Out (JSON with --output json), errors to App.Err, and return errors
// rather than exiting; Execute turns them into an exit code.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/spf13/cobra"

	"github.com/akt-project/akt/config"
)

// BuildInfo describes the running binary.
type BuildInfo struct {
	// Version is the release version (git describe), "dev" when unknown.
	Version string
	// Commit is the git commit the binary was built from.
	Commit string
}

// App is the state shared by every command: I/O streams, build info, the
// parsed global flags and the lazily loaded configuration.
type App struct {
	// Out receives results (text or JSON).
	Out io.Writer
	// Err receives errors, warnings and prompts.
	Err io.Writer
	// In is standard input (prompts, --stdin).
	In io.Reader
	// Build describes the binary.
	Build BuildInfo

	root       *cobra.Command
	configFile string
	output     string

	cfgOnce sync.Once
	cfg     *config.Config
	cfgErr  error

	logOnce sync.Once
	logger  *slog.Logger
	logFile *os.File

	console func(ctx context.Context) error
}

// ExitError carries a specific exit code (e.g. a remote command's).
type ExitError struct {
	Code int
	Err  error
}

// Error implements error.
func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

// Unwrap returns the wrapped error.
func (e *ExitError) Unwrap() error { return e.Err }

// errSilent marks an error already reported to the user.
var errSilent = errors.New("")

// NewApp builds the command tree around the given streams.
func NewApp(in io.Reader, out, errw io.Writer, build BuildInfo) *App {
	a := &App{In: in, Out: out, Err: errw, Build: build}
	a.root = a.newRootCmd()
	return a
}

// Root returns the root command (tests use it to inspect the tree).
func (a *App) Root() *cobra.Command { return a.root }

// Execute runs the command line args and returns the process exit code.
func (a *App) Execute(ctx context.Context, args []string) int {
	defer a.closeLog()
	a.root.SetArgs(args)
	a.root.SetIn(a.In)
	a.root.SetOut(a.Out)
	a.root.SetErr(a.Err)
	err := a.root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	code := 1
	var ee *ExitError
	if errors.As(err, &ee) {
		code = ee.Code
		if ee.Err == nil {
			return code
		}
	}
	if !errors.Is(err, errSilent) {
		a.reportError(err)
	}
	a.Logger().Error("command failed", "args", args, "err", err)
	return code
}

func (a *App) reportError(err error) {
	if a.Output() == "json" {
		_ = json.NewEncoder(a.Err).Encode(map[string]string{"error": err.Error()})
		return
	}
	fmt.Fprintf(a.Err, "Error: %v\n", err)
}

// Config returns the effective configuration, loading it on first use so
// commands that do not need it (version) never pay for or fail on it.
func (a *App) Config() (*config.Config, error) {
	a.cfgOnce.Do(func() {
		a.cfg, a.cfgErr = config.Load(config.LoadOptions{
			File:  a.configFile,
			Flags: a.root.PersistentFlags(),
		})
	})
	return a.cfg, a.cfgErr
}

// Output returns "json" or "text": the configured format, or the flag's
// value when the configuration cannot be loaded.
func (a *App) Output() string {
	if cfg, err := a.Config(); err == nil {
		return cfg.Output
	}
	if a.output == "json" || os.Getenv(config.EnvName(config.KeyOutput)) == "json" {
		return "json"
	}
	return "text"
}

// JSON reports whether results are printed as JSON.
func (a *App) JSON() bool { return a.Output() == "json" }

// PrintJSON writes v to Out as indented JSON.
func (a *App) PrintJSON(v any) error {
	enc := json.NewEncoder(a.Out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Logger returns the file logger (never the terminal), opening the log
// file on first use. Logging failures fall back to discarding.
func (a *App) Logger() *slog.Logger {
	a.logOnce.Do(func() {
		level := slog.LevelInfo
		path := ""
		if cfg, err := a.Config(); err == nil {
			path = cfg.LogFile
			if cfg.Debug {
				level = slog.LevelDebug
			}
		}
		var w io.Writer = io.Discard
		if path != "" {
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err == nil {
				if f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err == nil {
					a.logFile = f
					w = f
				}
			}
		}
		a.logger = slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
	})
	return a.logger
}

func (a *App) closeLog() {
	if a.logFile != nil {
		_ = a.logFile.Close()
		a.logFile = nil
	}
}

func (a *App) newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "akt",
		Short: "The terminal console for Akash Network",
		Long: `akt deploys and runs workloads on Akash Network from a terminal.
Run it without a command for the interactive console; every action also
has a command below, scriptable with --output json.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if a.console == nil {
				return errors.New("this build of akt has no console; run akt-core")
			}
			return a.console(cmd.Context())
		},
	}
	pf := root.PersistentFlags()
	pf.String(config.KeyNetwork, "", "network to use (mainnet, sandbox, devnet or one from the config file)")
	pf.String(config.KeyNode, "", "one-off RPC endpoint override (URL)")
	pf.String(config.KeyFrom, "", "key name or address to sign with")
	pf.String(config.KeyKeyringBackend, "", "keyring backend: os, file or test")
	pf.String(config.KeyHome, "", "keyring home directory (default ~/.akash, shared with the akash CLI)")
	pf.StringVarP(&a.output, config.KeyOutput, "o", "", "output format: text or json")
	pf.StringVar(&a.configFile, "config", "", "config file (default $XDG_CONFIG_HOME/akt/config.yaml)")
	pf.String(config.KeyLogFile, "", "log file (default $XDG_STATE_HOME/akt/akt.log)")
	pf.Bool(config.KeyDebug, false, "log at debug level")
	pf.Bool(config.KeyReadOnly, false, "hide every action that signs")

	root.AddCommand(
		a.newVersionCmd(),
		a.newNetworkCmd(),
		a.newConfigCmd(),
		a.newSDLCmd(),
		a.newTemplatesCmd(),
	)
	return root
}

// AddCommands adds top-level commands (akt-core adds its own).
func (a *App) AddCommands(cmds ...*cobra.Command) { a.root.AddCommand(cmds...) }

// requireConfig loads the configuration or returns its error.
func (a *App) requireConfig() (*config.Config, error) {
	cfg, err := a.Config()
	if err != nil {
		return nil, err
	}
	return cfg, nil
}
