package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// isolate points HOME and the XDG variables at a temp dir and clears every
// AKT_* variable, so the test sees only what it sets.
func isolate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "cfg"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "AKT_") {
			t.Setenv(k, "")
			os.Unsetenv(k)
		}
	}
	return dir
}

func flagSet(t *testing.T, args ...string) *pflag.FlagSet {
	t.Helper()
	fs := pflag.NewFlagSet("akt", pflag.ContinueOnError)
	for _, k := range ScalarKeys {
		switch k {
		case KeyDebug, KeyReadOnly:
			fs.Bool(k, false, "")
		default:
			fs.String(k, "", "")
		}
	}
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return fs
}

func writeFile(t *testing.T, dir, body string) string {
	t.Helper()
	p := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPrecedence(t *testing.T) {
	cases := []struct {
		name       string
		file       string
		env        map[string]string
		flags      []string
		key        string
		want       string
		wantOrigin string
	}{
		{name: "default network", key: KeyNetwork, want: "mainnet", wantOrigin: "default"},
		{name: "file beats default", file: "network: sandbox\n", key: KeyNetwork, want: "sandbox", wantOrigin: "file"},
		{name: "env beats file", file: "network: sandbox\n", env: map[string]string{"AKT_NETWORK": "devnet"}, key: KeyNetwork, want: "devnet", wantOrigin: "env"},
		{name: "flag beats env", file: "network: sandbox\n", env: map[string]string{"AKT_NETWORK": "devnet"}, flags: []string{"--network", "mainnet"}, key: KeyNetwork, want: "mainnet", wantOrigin: "flag"},
		{name: "flag beats file", file: "from: alice\n", flags: []string{"--from", "bob"}, key: KeyFrom, want: "bob", wantOrigin: "flag"},
		{name: "env keyring backend", env: map[string]string{"AKT_KEYRING_BACKEND": "file"}, key: KeyKeyringBackend, want: "file", wantOrigin: "env"},
		{name: "default keyring backend", key: KeyKeyringBackend, want: "os", wantOrigin: "default"},
		{name: "file node", file: "node: http://127.0.0.1:1/\n", key: KeyNode, want: "http://127.0.0.1:1/", wantOrigin: "file"},
		{name: "env node beats file", file: "node: http://127.0.0.1:1/\n", env: map[string]string{"AKT_NODE": "http://127.0.0.1:2/"}, key: KeyNode, want: "http://127.0.0.1:2/", wantOrigin: "env"},
		{name: "unset flag does not override env", env: map[string]string{"AKT_OUTPUT": "json"}, key: KeyOutput, want: "json", wantOrigin: "env"},
		{name: "devnet supplies test keyring", flags: []string{"--network", "devnet"}, key: KeyKeyringBackend, want: "test", wantOrigin: "network"},
		{name: "devnet supplies funded key", flags: []string{"--network", "devnet"}, key: KeyFrom, want: DevnetKeyName, wantOrigin: "network"},
		{name: "user keyring beats devnet default", file: "keyring-backend: file\n", flags: []string{"--network", "devnet"}, key: KeyKeyringBackend, want: "file", wantOrigin: "file"},
		{name: "debug from env", env: map[string]string{"AKT_DEBUG": "true"}, key: KeyDebug, want: "true", wantOrigin: "env"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := isolate(t)
			path := writeFile(t, dir, tc.file)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			cfg, err := Load(LoadOptions{File: path, Flags: flagSet(t, tc.flags...)})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if got := cfg.Value(tc.key); got != tc.want {
				t.Errorf("%s = %q, want %q", tc.key, got, tc.want)
			}
			if got := cfg.Origin(tc.key).Kind; got != tc.wantOrigin {
				t.Errorf("origin of %s = %q, want %q", tc.key, got, tc.wantOrigin)
			}
		})
	}
}

func TestFileOriginHasLine(t *testing.T) {
	dir := isolate(t)
	path := writeFile(t, dir, "# my settings\n\nfrom: alice\nnetwork: sandbox\n")
	cfg, err := Load(LoadOptions{File: path})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.Origin(KeyNetwork).String(), "file "+path+":4"; got != want {
		t.Errorf("origin = %q, want %q", got, want)
	}
}

func TestNodeOverridesRPC(t *testing.T) {
	isolate(t)
	cfg, err := Load(LoadOptions{Flags: flagSet(t, "--network", "sandbox", "--node", "http://127.0.0.1:9/")})
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Network.RPC; len(got) != 1 || got[0] != "http://127.0.0.1:9/" {
		t.Errorf("RPC = %v, want the --node override", got)
	}
	if cfg.Networks["sandbox"].RPC[0] == "http://127.0.0.1:9/" {
		t.Error("--node must not change the stored network")
	}
	if cfg.Network.ChainID != "sandbox-2" {
		t.Errorf("chain id = %q", cfg.Network.ChainID)
	}
}

func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name  string
		file  string
		env   map[string]string
		flags []string
		want  []string
	}{
		{name: "syntax error names file and line", file: "network: mainnet\nfrom: \"unclosed\nhome: x\n", want: []string{"config.yaml:2:"}},
		{name: "tab indentation", file: "network: mainnet\nfrom:\n\t- x\n", want: []string{"config.yaml:3:"}},
		{name: "bad indentation", file: "network: mainnet\n  from: alice\n", want: []string{"config.yaml:2"}},
		{name: "unknown key with suggestion", file: "netwrok: sandbox\n", want: []string{`unknown key "netwrok"`, `did you mean "network"`, "config.yaml:1"}},
		{name: "bad backend from file", file: "\nkeyring-backend: vault\n", want: []string{"keyring-backend", `"vault"`, "config.yaml:2"}},
		{name: "bad backend from env", env: map[string]string{"AKT_KEYRING_BACKEND": "vault"}, want: []string{"keyring-backend", "env AKT_KEYRING_BACKEND"}},
		{name: "bad output from flag", flags: []string{"--output", "yaml"}, want: []string{"output", "flag --output"}},
		{name: "unknown network", file: "network: nowhere\n", want: []string{`unknown network "nowhere"`, "config.yaml:1"}},
		{name: "bad network rpc", file: "networks:\n  lab:\n    chain-id: lab-1\n    rpc: [ftp://x]\n", want: []string{"networks.lab.rpc[0]", "scheme", "config.yaml:4"}},
		{name: "network without chain id", file: "networks:\n  lab:\n    rpc: http://127.0.0.1:1\n", want: []string{"networks.lab.chain-id: is required", "config.yaml:2"}},
		{name: "unknown network key", file: "networks:\n  lab:\n    chain-id: lab-1\n    rpc: http://127.0.0.1:1\n    gas-prise: \"1\"\n", want: []string{`networks.lab.gas-prise`, `did you mean "gas-price"`, "config.yaml:5"}},
		{name: "several problems at once", file: "netwrok: x\noutput: xml\n", want: []string{"netwrok", "output"}},
		{name: "bad boolean", env: map[string]string{"AKT_DEBUG": "sometimes"}, want: []string{"debug", "sometimes", "env AKT_DEBUG"}},
		{name: "scalar expected", file: "from:\n  - a\n", want: []string{"from: expected a single value", "config.yaml:2"}},
		{name: "root not a mapping", file: "- a\n- b\n", want: []string{"expected a mapping", "config.yaml:1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := isolate(t)
			path := writeFile(t, dir, tc.file)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			_, err := Load(LoadOptions{File: path, Flags: flagSet(t, tc.flags...)})
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestUserNetworksAndOverrides(t *testing.T) {
	dir := isolate(t)
	path := writeFile(t, dir, `network: lab
networks:
  lab:
    chain-id: lab-1
    rpc:
      - http://127.0.0.1:1
      - http://127.0.0.1:2
    gas-price: "0.1"
  sandbox:
    rpc: http://127.0.0.1:3
`)
	cfg, err := Load(LoadOptions{File: path})
	if err != nil {
		t.Fatal(err)
	}
	lab := cfg.Network
	if lab.Name != "lab" || lab.ChainID != "lab-1" || len(lab.RPC) != 2 || lab.GasPrice != "0.1" || lab.FeeDenom != "uakt" || lab.DeploymentDenom != "uact" {
		t.Errorf("lab = %+v", lab)
	}
	sb := cfg.Networks["sandbox"]
	if sb.ChainID != "sandbox-2" || len(sb.RPC) != 1 || sb.RPC[0] != "http://127.0.0.1:3" || !sb.BuiltIn {
		t.Errorf("sandbox override = %+v", sb)
	}
	if got := cfg.NetworkNames(); strings.Join(got, ",") != "mainnet,sandbox,devnet,lab" {
		t.Errorf("names = %v", got)
	}
}

func TestDefaultsHaveNoFileAndExpandHome(t *testing.T) {
	dir := isolate(t)
	cfg, err := Load(LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.FileExists {
		t.Error("FileExists true without a file")
	}
	if want := filepath.Join(dir, "cfg", "akt", "config.yaml"); cfg.File != want {
		t.Errorf("File = %q, want %q", cfg.File, want)
	}
	if want := filepath.Join(dir, ".akash"); cfg.Home != want {
		t.Errorf("Home = %q, want %q", cfg.Home, want)
	}
	t.Setenv("AKT_HOME", "~/keys")
	cfg, err = Load(LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "keys"); cfg.Home != want {
		t.Errorf("Home = %q, want %q", cfg.Home, want)
	}
}

func TestDevnetHomeDefault(t *testing.T) {
	dir := isolate(t)
	cfg, err := Load(LoadOptions{Flags: flagSet(t, "--network", "devnet")})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "data", "akt", "devnet"); cfg.Home != want {
		t.Errorf("devnet home = %q, want %q", cfg.Home, want)
	}
	cfg, err = Load(LoadOptions{Flags: flagSet(t, "--network", "devnet", "--home", "/tmp/dn")})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Home != "/tmp/dn" {
		t.Errorf("explicit home = %q", cfg.Home)
	}
}

func TestDevnetEndpointsFromHome(t *testing.T) {
	isolate(t)
	home := t.TempDir()
	body := `{"chain_id":"akt-devnet-7","rpc":"http://127.0.0.1:46657","grpc":"127.0.0.1:49090","rest":"http://127.0.0.1:41317","key_name":"alice","providers":[]}`
	if err := os.WriteFile(filepath.Join(home, LocalEndpointsFile), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(LoadOptions{Flags: flagSet(t, "--network", "devnet", "--home", home)})
	if err != nil {
		t.Fatal(err)
	}
	n := cfg.Network
	if n.ChainID != "akt-devnet-7" || n.RPC[0] != "http://127.0.0.1:46657" || n.GRPC[0] != "127.0.0.1:49090" || n.REST[0] != "http://127.0.0.1:41317" {
		t.Errorf("network = %+v", n)
	}
	if cfg.From != "alice" || cfg.KeyringBackend != "test" {
		t.Errorf("from=%q backend=%q", cfg.From, cfg.KeyringBackend)
	}
	// An explicit --from wins over the devnet's key; a corrupt file is named.
	cfg, err = Load(LoadOptions{Flags: flagSet(t, "--network", "devnet", "--home", home, "--from", "bob")})
	if err != nil || cfg.From != "bob" {
		t.Fatalf("from = %v, %v", cfg, err)
	}
	if err := os.WriteFile(filepath.Join(home, LocalEndpointsFile), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(LoadOptions{Flags: flagSet(t, "--network", "devnet", "--home", home)}); err == nil || !strings.Contains(err.Error(), LocalEndpointsFile) {
		t.Errorf("corrupt devnet.json: %v", err)
	}
}
