package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// env isolates a test from the user's files and AKT_* variables and
// returns the config file path it should use.
func env(t *testing.T) string {
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
	return filepath.Join(dir, "cfg", "akt", "config.yaml")
}

type result struct {
	code        int
	stdout      string
	stderr      string
	elapsedTime time.Duration
}

func run(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	app := NewApp(strings.NewReader(""), &out, &errb, BuildInfo{Version: "v0.0.0-test", Commit: "abc123"})
	start := time.Now()
	code := app.Execute(context.Background(), args)
	return result{code: code, stdout: out.String(), stderr: errb.String(), elapsedTime: time.Since(start)}
}

func TestVersionJSON(t *testing.T) {
	env(t)
	r := run(t, "version", "--output", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var v struct {
		Version   string                             `json:"version"`
		Commit    string                             `json:"commit"`
		GoVersion string                             `json:"go_version"`
		AkashAPIs []struct{ Module, Version string } `json:"akash_apis"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("invalid JSON %q: %v", r.stdout, err)
	}
	if v.Version != "v0.0.0-test" || v.Commit != "abc123" || !strings.HasPrefix(v.GoVersion, "go1.") {
		t.Errorf("version = %+v", v)
	}
	apis := map[string]string{}
	for _, a := range v.AkashAPIs {
		apis[a.Module] = a.Version
	}
	for mod, ver := range map[string]string{"deployment": "v1beta4", "market": "v1beta5", "escrow": "v1", "bme": "v1"} {
		if apis[mod] != ver {
			t.Errorf("API %s = %q, want %q", mod, apis[mod], ver)
		}
	}
}

func TestVersionIgnoresBrokenConfig(t *testing.T) {
	path := env(t)
	writeConfig(t, path, "network: [broken\n")
	if r := run(t, "version"); r.code != 0 || !strings.Contains(r.stdout, "akt v0.0.0-test") {
		t.Fatalf("version with a broken config: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	r := run(t, "network", "list")
	if r.code == 0 || !strings.Contains(r.stderr, path) {
		t.Errorf("network list with a broken config: exit %d, stderr %q (must name the file)", r.code, r.stderr)
	}
}

func TestNetworkListJSON(t *testing.T) {
	env(t)
	r := run(t, "network", "list", "-o", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var nets []struct {
		Name    string   `json:"name"`
		ChainID string   `json:"chain_id"`
		RPC     []string `json:"rpc"`
		Active  bool     `json:"active"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &nets); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, r.stdout)
	}
	ids := map[string]string{}
	for _, n := range nets {
		ids[n.Name] = n.ChainID
		if n.Active != (n.Name == "mainnet") {
			t.Errorf("%s active = %v", n.Name, n.Active)
		}
	}
	if ids["mainnet"] != "akashnet-2" || ids["sandbox"] != "sandbox-2" || ids["devnet"] == "" {
		t.Errorf("chain ids = %v", ids)
	}
}

func TestNetworkUseAndAdd(t *testing.T) {
	path := env(t)
	writeConfig(t, path, "# keep me\nfrom: alice\n")
	if r := run(t, "network", "use", "sandbox"); r.code != 0 {
		t.Fatalf("use: exit %d: %s", r.code, r.stderr)
	}
	if r := run(t, "network", "show", "-o", "json"); !strings.Contains(r.stdout, `"sandbox-2"`) {
		t.Errorf("active network after use: %s", r.stdout)
	}
	if r := run(t, "network", "use", "atlantis"); r.code == 0 || !strings.Contains(r.stderr, `unknown network "atlantis"`) {
		t.Errorf("use of an unknown network: exit %d %q", r.code, r.stderr)
	}
	r := run(t, "network", "add", "lab", "--chain-id", "lab-1", "--rpc", "http://127.0.0.1:1,http://127.0.0.1:2")
	if r.code != 0 {
		t.Fatalf("add: exit %d: %s", r.code, r.stderr)
	}
	if r := run(t, "network", "add", "lab", "--chain-id", "lab-1", "--rpc", "http://127.0.0.1:1"); r.code == 0 {
		t.Error("adding an existing network without --replace succeeded")
	}
	if r := run(t, "network", "add", "bad", "--chain-id", "b-1", "--rpc", "gopher://x"); r.code == 0 || !strings.Contains(r.stderr, "--rpc[0]") {
		t.Errorf("bad rpc accepted: %q", r.stderr)
	}
	data, _ := os.ReadFile(path)
	for _, want := range []string{"# keep me", "from: alice", "network: sandbox", "lab:", "chain-id: lab-1"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("config file lacks %q:\n%s", want, data)
		}
	}
	if r := run(t, "network", "show", "lab"); !strings.Contains(r.stdout, "http://127.0.0.1:1, http://127.0.0.1:2") {
		t.Errorf("show lab: %s", r.stdout)
	}
}

func TestNetworkProbe(t *testing.T) {
	path := env(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"jsonrpc":"2.0","id":-1,"result":{"node_info":{"network":"lab-1","version":"0.38.21"},"sync_info":{"latest_block_height":"4242","catching_up":false}}}`)
	}))
	defer srv.Close()
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	down := "http://" + l.Addr().String()
	l.Close()
	writeConfig(t, path, fmt.Sprintf("networks:\n  lab:\n    chain-id: lab-1\n    rpc: [%s, %s]\n  sandbox:\n    rpc: [%s]\n", down, srv.URL, down))

	r := run(t, "network", "probe", "lab", "-o", "json")
	if r.code != 0 {
		t.Fatalf("probe lab: exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		Healthy   int `json:"healthy"`
		Endpoints []struct {
			Endpoint  string  `json:"endpoint"`
			OK        bool    `json:"ok"`
			Height    int64   `json:"height"`
			ChainID   string  `json:"chain_id"`
			LatencyMS float64 `json:"latency_ms"`
			Error     string  `json:"error"`
		} `json:"endpoints"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, r.stdout)
	}
	if out.Healthy != 1 || len(out.Endpoints) != 2 || out.Endpoints[0].OK || !out.Endpoints[1].OK ||
		out.Endpoints[1].Height != 4242 || out.Endpoints[1].ChainID != "lab-1" || out.Endpoints[1].LatencyMS <= 0 {
		t.Errorf("probe result = %+v", out)
	}

	r = run(t, "network", "probe", "sandbox")
	if r.code == 0 {
		t.Fatal("probe of an unreachable sandbox succeeded")
	}
	if r.elapsedTime > 5*time.Second {
		t.Errorf("probe of an unreachable endpoint took %s, want ≤ 5s", r.elapsedTime)
	}
	if !strings.Contains(r.stdout, "cannot connect") || !strings.Contains(r.stderr, "no healthy RPC endpoint for network sandbox (sandbox-2)") {
		t.Errorf("unclear failure: stdout %q stderr %q", r.stdout, r.stderr)
	}

	// A node of another chain is flagged.
	writeConfig(t, path, fmt.Sprintf("networks:\n  sandbox:\n    rpc: [%s]\n", srv.URL))
	r = run(t, "network", "probe", "sandbox")
	if r.code == 0 || !strings.Contains(r.stdout, `chain id mismatch: endpoint serves "lab-1", network expects "sandbox-2"`) {
		t.Errorf("mismatch not flagged: exit %d %q", r.code, r.stdout)
	}
}

func TestJSONErrorsGoToStderr(t *testing.T) {
	env(t)
	r := run(t, "network", "show", "nowhere", "-o", "json")
	if r.code == 0 || r.stdout != "" {
		t.Fatalf("exit %d stdout %q", r.code, r.stdout)
	}
	var e map[string]string
	if err := json.Unmarshal([]byte(r.stderr), &e); err != nil || !strings.Contains(e["error"], "nowhere") {
		t.Errorf("stderr %q is not a JSON error naming the network", r.stderr)
	}
}

func TestConfigShowOrigins(t *testing.T) {
	path := env(t)
	writeConfig(t, path, "network: sandbox\n")
	t.Setenv("AKT_FROM", "bob")
	r := run(t, "config", "show", "--keyring-backend", "test", "-o", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		Settings []struct {
			Key    string
			Value  string
			Origin struct{ Kind, Source string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range out.Settings {
		got[s.Key] = s.Value + "@" + s.Origin.Kind
	}
	want := map[string]string{"network": "sandbox@file", "from": "bob@env", "keyring-backend": "test@flag", "output": "json@flag"}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %s, want %s", k, got[k], w)
		}
	}
	if r := run(t, "config", "path"); strings.TrimSpace(r.stdout) != path {
		t.Errorf("config path = %q, want %q", r.stdout, path)
	}
}

func writeConfig(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}
