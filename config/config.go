// Package config loads akt's configuration: built-in defaults, then the
// config file ($XDG_CONFIG_HOME/akt/config.yaml or --config), then AKT_*
// environment variables, then command-line flags, each layer overriding the
// one before. Every effective value remembers where it came from so errors
// and `akt config show` can name the file line, variable or flag.
//
// The config file never holds secrets: keys live in the keyring.
package config

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// Keys of the scalar settings, as written in the config file and as flag
// names. The environment variable of a key is AKT_ + upper-case key with
// '-' replaced by '_' (keyring-backend → AKT_KEYRING_BACKEND).
const (
	KeyNetwork        = "network"
	KeyNode           = "node"
	KeyFrom           = "from"
	KeyKeyringBackend = "keyring-backend"
	KeyHome           = "home"
	KeyOutput         = "output"
	KeyLogFile        = "log-file"
	KeyDebug          = "debug"
	KeyReadOnly       = "read-only"
	// KeyNetworks holds user-defined networks in the config file.
	KeyNetworks = "networks"
)

// ScalarKeys lists the scalar settings in display order.
var ScalarKeys = []string{
	KeyNetwork, KeyNode, KeyFrom, KeyKeyringBackend, KeyHome,
	KeyOutput, KeyLogFile, KeyDebug, KeyReadOnly,
}

// EnvName returns the environment variable that sets key.
func EnvName(key string) string {
	return "AKT_" + strings.ToUpper(strings.ReplaceAll(key, "-", "_"))
}

// Origin says where an effective value came from.
type Origin struct {
	// Kind is "default", "file", "env", "flag" or "network" (a default
	// supplied by the selected network, e.g. the devnet's test keyring).
	Kind string `json:"kind"`
	// Source is the file path, variable name or flag name.
	Source string `json:"source,omitempty"`
	// Line is the 1-based line in the config file, for Kind "file".
	Line int `json:"line,omitempty"`
}

// String renders the origin as "file /x/config.yaml:3", "env AKT_NODE", ...
func (o Origin) String() string {
	switch o.Kind {
	case "file":
		if o.Line > 0 {
			return fmt.Sprintf("file %s:%d", o.Source, o.Line)
		}
		return "file " + o.Source
	case "env":
		return "env " + o.Source
	case "flag":
		return "flag --" + o.Source
	case "network":
		return "network " + o.Source
	}
	return "default"
}

// Config is akt's effective configuration.
type Config struct {
	// NetworkName is the selected network's name.
	NetworkName string
	// Network is the selected network, with a --node override applied.
	Network Network
	// Networks holds every known network by name (built-in and user).
	Networks map[string]Network
	// Node is a one-off RPC endpoint override; empty when unset.
	Node string
	// From is the key name (or address) transactions are signed with.
	From string
	// KeyringBackend is os, file or test.
	KeyringBackend string
	// Home is the keyring home directory (the akash CLI's ~/.akash by default).
	Home string
	// Output is "text" or "json".
	Output string
	// LogFile is where akt writes its log.
	LogFile string
	// Debug raises the log level to debug.
	Debug bool
	// ReadOnly hides every action that signs.
	ReadOnly bool

	// File is the config file path (it may not exist yet).
	File string
	// FileExists reports whether File was found and read.
	FileExists bool
	// Dirs are the per-user directories.
	Dirs Dirs

	origins map[string]Origin
}

// Origin returns where the effective value of key came from.
func (c *Config) Origin(key string) Origin {
	if o, ok := c.origins[key]; ok {
		return o
	}
	return Origin{Kind: "default"}
}

// Value returns the effective value of a scalar key, as text.
func (c *Config) Value(key string) string {
	switch key {
	case KeyNetwork:
		return c.NetworkName
	case KeyNode:
		return c.Node
	case KeyFrom:
		return c.From
	case KeyKeyringBackend:
		return c.KeyringBackend
	case KeyHome:
		return c.Home
	case KeyOutput:
		return c.Output
	case KeyLogFile:
		return c.LogFile
	case KeyDebug:
		return fmt.Sprint(c.Debug)
	case KeyReadOnly:
		return fmt.Sprint(c.ReadOnly)
	}
	return ""
}

// NetworkNames returns the known network names in display order.
func (c *Config) NetworkNames() []string { return SortedNames(c.Networks) }

// DevnetHome is the default home of the local devnet.
func (d Dirs) DevnetHome() string { return filepath.Join(d.Data, "devnet") }

// LoadError reports configuration problems, each located.
type LoadError struct {
	Problems []string
}

// Error implements error.
func (e *LoadError) Error() string {
	if len(e.Problems) == 1 {
		return "invalid configuration: " + e.Problems[0]
	}
	return "invalid configuration:\n  " + strings.Join(e.Problems, "\n  ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
