package config

import (
	"os"
	"path/filepath"
	"strings"
)

// Env looks up environment variables. Tests pass a map-backed one; the
// program passes os.LookupEnv.
type Env func(key string) (string, bool)

// MapEnv returns an Env backed by m.
func MapEnv(m map[string]string) Env {
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

// Dirs are the per-user directories akt uses, resolved from the XDG
// variables with the usual fall-backs under the home directory.
type Dirs struct {
	// UserHome is the user's home directory.
	UserHome string
	// Config holds config.yaml.
	Config string
	// State holds logs.
	State string
	// Data holds imported templates and the default devnet home.
	Data string
}

// ResolveDirs computes Dirs from env.
func ResolveDirs(env Env) Dirs {
	home, _ := env("HOME")
	if home == "" {
		if h, err := os.UserHomeDir(); err == nil {
			home = h
		}
	}
	pick := func(xdg, fallback string) string {
		if v, ok := env(xdg); ok && v != "" && filepath.IsAbs(v) {
			return filepath.Join(v, "akt")
		}
		return filepath.Join(home, fallback, "akt")
	}
	return Dirs{
		UserHome: home,
		Config:   pick("XDG_CONFIG_HOME", ".config"),
		State:    pick("XDG_STATE_HOME", filepath.Join(".local", "state")),
		Data:     pick("XDG_DATA_HOME", filepath.Join(".local", "share")),
	}
}

// ExpandHome replaces a leading "~" or "~/" in p with the user's home.
func (d Dirs) ExpandHome(p string) string {
	if p == "~" {
		return d.UserHome
	}
	if strings.HasPrefix(p, "~/") {
		return filepath.Join(d.UserHome, p[2:])
	}
	return p
}
