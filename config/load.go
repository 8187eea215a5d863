package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// LoadOptions tell Load where to look.
type LoadOptions struct {
	// File is the --config value; empty means AKT_CONFIG or the default
	// $XDG_CONFIG_HOME/akt/config.yaml.
	File string
	// Flags are the parsed command-line flags; only flags the user set
	// override other layers. May be nil.
	Flags *pflag.FlagSet
}

// DefaultFile returns the config file path used when none is given.
func DefaultFile(d Dirs) string { return filepath.Join(d.Config, "config.yaml") }

// Load builds the effective configuration from defaults, the config file,
// AKT_* environment variables and flags, and validates it. Every problem
// found is reported at once, each naming the key and where its value came
// from (file and line, variable or flag).
func Load(opts LoadOptions) (*Config, error) {
	dirs := ResolveDirs(os.LookupEnv)
	c := &Config{Dirs: dirs, origins: map[string]Origin{}}

	c.File = opts.File
	if c.File == "" {
		if v := os.Getenv("AKT_CONFIG"); v != "" {
			c.File = v
		} else {
			c.File = DefaultFile(dirs)
		}
	}
	c.File = dirs.ExpandHome(c.File)

	data, err := os.ReadFile(c.File)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		data = nil
	case err != nil:
		return nil, fmt.Errorf("reading config file %s: %w", c.File, err)
	default:
		c.FileExists = true
	}
	ff, err := parseFile(c.File, data)
	if err != nil {
		return nil, err
	}

	v := viper.New()
	v.SetDefault(KeyNetwork, "mainnet")
	v.SetDefault(KeyKeyringBackend, "os")
	v.SetDefault(KeyHome, filepath.Join(dirs.UserHome, ".akash"))
	v.SetDefault(KeyOutput, "text")
	v.SetDefault(KeyLogFile, filepath.Join(dirs.State, "akt.log"))
	v.SetDefault(KeyDebug, "false")
	v.SetDefault(KeyReadOnly, "false")
	for _, k := range []string{KeyNode, KeyFrom} {
		v.SetDefault(k, "")
	}
	v.SetConfigType("yaml")
	if len(ff.scalars) > 0 {
		m := map[string]any{}
		for k, s := range ff.scalars {
			m[k] = s.value
		}
		if err := v.MergeConfigMap(m); err != nil {
			return nil, fmt.Errorf("config file %s: %w", c.File, err)
		}
	}
	for _, k := range ScalarKeys {
		if err := v.BindEnv(k, EnvName(k)); err != nil {
			return nil, fmt.Errorf("binding %s: %w", EnvName(k), err)
		}
		if opts.Flags != nil {
			if f := opts.Flags.Lookup(k); f != nil {
				if err := v.BindPFlag(k, f); err != nil {
					return nil, fmt.Errorf("binding flag --%s: %w", k, err)
				}
			}
		}
	}

	for _, k := range ScalarKeys {
		c.origins[k] = originOf(k, opts.Flags, ff)
	}

	var problems []string
	bad := func(key, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s: %s (from %s)", key, fmt.Sprintf(format, args...), c.Origin(key)))
	}

	c.NetworkName = v.GetString(KeyNetwork)
	c.Node = v.GetString(KeyNode)
	c.From = v.GetString(KeyFrom)
	c.KeyringBackend = v.GetString(KeyKeyringBackend)
	c.Home = dirs.ExpandHome(v.GetString(KeyHome))
	c.Output = v.GetString(KeyOutput)
	c.LogFile = dirs.ExpandHome(v.GetString(KeyLogFile))
	for _, k := range []string{KeyDebug, KeyReadOnly} {
		b, err := strconv.ParseBool(v.GetString(k))
		if err != nil {
			bad(k, "invalid boolean %q (want true or false)", v.GetString(k))
		}
		if k == KeyDebug {
			c.Debug = b
		} else {
			c.ReadOnly = b
		}
	}

	if c.Output != "text" && c.Output != "json" {
		bad(KeyOutput, "invalid output format %q (want text or json)", c.Output)
	}
	if err := ValidateKeyringBackend(c.KeyringBackend); err != nil {
		bad(KeyKeyringBackend, "%v", err)
	}
	if c.Node != "" {
		if err := ValidateEndpointURL(c.Node); err != nil {
			bad(KeyNode, "%v", err)
		}
	}

	c.Networks = BuiltinNetworks()
	problems = append(problems, ff.problems...)
	for _, name := range sortedKeys(ff.networks) {
		un := ff.networks[name]
		if b, ok := c.Networks[name]; ok {
			// A user entry for a built-in network overrides only the
			// fields it sets.
			un.net = mergeNetwork(b, un.net, un.set)
		}
		for _, fe := range un.net.Validate() {
			line := un.lines[fe.Key]
			if line == 0 {
				line = un.line
			}
			problems = append(problems, fmt.Sprintf("%s.%s.%s: %s (from file %s:%d)", KeyNetworks, name, fe.Key, fe.Msg, c.File, line))
		}
		c.Networks[name] = un.net
	}

	n, ok := c.Networks[c.NetworkName]
	if !ok {
		bad(KeyNetwork, "unknown network %q (known: %v)", c.NetworkName, SortedNames(c.Networks))
	}
	c.applyNetworkDefaults(n)
	if n.Local && ok {
		if err := c.applyLocalEndpoints(&n); err != nil {
			problems = append(problems, err.Error())
		}
	}
	if c.Node != "" {
		n.RPC = []string{c.Node}
	}
	c.Network = n

	if len(problems) > 0 {
		return nil, &LoadError{Problems: problems}
	}
	return c, nil
}

// applyNetworkDefaults lets the selected network supply the keyring
// backend, key and home when the user chose none (the devnet uses the test
// keyring in its own home with its funded key).
func (c *Config) applyNetworkDefaults(n Network) {
	src := Origin{Kind: "network", Source: n.Name}
	if n.KeyringBackend != "" && c.Origin(KeyKeyringBackend).Kind == "default" {
		c.KeyringBackend = n.KeyringBackend
		c.origins[KeyKeyringBackend] = src
	}
	if n.DefaultKey != "" && c.Origin(KeyFrom).Kind == "default" {
		c.From = n.DefaultKey
		c.origins[KeyFrom] = src
	}
	if c.Origin(KeyHome).Kind == "default" {
		switch {
		case n.Home != "":
			c.Home = c.Dirs.ExpandHome(n.Home)
			c.origins[KeyHome] = src
		case n.Local:
			c.Home = c.Dirs.DevnetHome()
			c.origins[KeyHome] = src
		}
	}
}

func originOf(key string, flags *pflag.FlagSet, ff *fileData) Origin {
	if flags != nil {
		if f := flags.Lookup(key); f != nil && f.Changed {
			return Origin{Kind: "flag", Source: key}
		}
	}
	if _, ok := os.LookupEnv(EnvName(key)); ok {
		return Origin{Kind: "env", Source: EnvName(key)}
	}
	if s, ok := ff.scalars[key]; ok {
		return Origin{Kind: "file", Source: ff.path, Line: s.line}
	}
	return Origin{Kind: "default"}
}

// mergeNetwork overlays the fields of user that the file set onto base.
func mergeNetwork(base, user Network, set map[string]bool) Network {
	out := base
	out.BuiltIn = true
	if set["chain-id"] {
		out.ChainID = user.ChainID
	}
	if set["rpc"] {
		out.RPC = user.RPC
	}
	if set["grpc"] {
		out.GRPC = user.GRPC
	}
	if set["rest"] {
		out.REST = user.REST
	}
	if set["fee-denom"] {
		out.FeeDenom = user.FeeDenom
	}
	if set["gas-price"] {
		out.GasPrice = user.GasPrice
	}
	if set["gas-adjustment"] {
		out.GasAdjustment = user.GasAdjustment
	}
	if set["deployment-denom"] {
		out.DeploymentDenom = user.DeploymentDenom
	}
	if set["faucet"] {
		out.Faucet = user.Faucet
	}
	if set["explorer"] {
		out.Explorer = user.Explorer
	}
	if set["keyring-backend"] {
		out.KeyringBackend = user.KeyringBackend
	}
	if set["default-key"] {
		out.DefaultKey = user.DefaultKey
	}
	if set["home"] {
		out.Home = user.Home
	}
	return out
}
