package core

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/akt-project/akt/chain"
	"github.com/akt-project/akt/cli"
	"github.com/akt-project/akt/config"
	"github.com/akt-project/akt/devnet"
)

// countingNode answers /status like a CometBFT node of chainID and counts every request.
func countingNode(t *testing.T, chainID string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		fmt.Fprintf(w, `{"jsonrpc":"2.0","id":-1,"result":{"node_info":{"network":%q},"sync_info":{"latest_block_height":"7"}}}`, chainID)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// TestConsoleDepsAreLazy: building the console's services from a configuration touches
// neither the network nor the keyring; read-only mode removes the signer.
func TestConsoleDepsAreLazy(t *testing.T) {
	file := env(t)
	srv, calls := countingNode(t, "lazy-1")
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf("network: lazy\nfrom: nobody\nkeyring-backend: file\nnetworks:\n  lazy:\n    chain-id: lazy-1\n    rpc: [%s]\n", srv.URL)
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, readOnly := range []bool{false, true} {
		t.Setenv("AKT_READ_ONLY", fmt.Sprint(readOnly))
		app := cli.NewApp(strings.NewReader(""), io.Discard, io.Discard, cli.BuildInfo{})
		cfg, err := app.Config()
		if err != nil {
			t.Fatal(err)
		}
		s, d := newConsole(cfg, app.Logger(), nil)
		if d.Wallet == nil || d.Networks == nil || d.Deployments == nil || d.Providers == nil || d.Catalog == nil ||
			d.Details == nil || d.SDLs == nil || d.Logs == nil || d.Preflight == nil || d.Shell == nil {
			t.Fatalf("missing services: %+v", d)
		}
		if (d.Signer == nil) != readOnly || d.ReadOnly != readOnly {
			t.Fatalf("read-only %v: signer %v, ReadOnly %v", readOnly, d.Signer, d.ReadOnly)
		}
		if name, _ := s.Network(); name != "lazy" {
			t.Fatalf("network %q", name)
		}
		s.Close()
	}
	if n := calls.Load(); n != 0 {
		t.Fatalf("building the console made %d requests to the node", n)
	}
	// The keyring is a file keyring that would ask for a passphrase: nothing opened it.
	if _, err := os.Stat(filepath.Join(os.Getenv("HOME"), ".akash", "keyring-file")); err == nil {
		t.Fatal("building the console opened the keyring")
	}
}

func TestDevnetAnswers(t *testing.T) {
	t.Parallel()
	srv, _ := countingNode(t, config.DevnetChainID)
	ctx := context.Background()
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	tests := []struct {
		name string
		net  config.Network
		want bool
	}{
		{"running", config.Network{ChainID: config.DevnetChainID, RPC: []string{srv.URL}}, true},
		{"nothing listening", config.Network{ChainID: config.DevnetChainID, RPC: []string{dead.URL}}, false},
		{"another chain", config.Network{ChainID: "other-1", RPC: []string{srv.URL}}, false},
		{"second endpoint", config.Network{ChainID: config.DevnetChainID, RPC: []string{dead.URL, srv.URL}}, true},
	}
	for _, tc := range tests {
		if got := devnetAnswers(ctx, tc.net); got != tc.want {
			t.Errorf("%s: devnetAnswers = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestUseDevnet(t *testing.T) {
	t.Parallel()
	nets := config.BuiltinNetworks()
	cfg := &config.Config{NetworkName: "devnet", Network: nets["devnet"], Networks: nets, From: "tenant"}
	useDevnet(cfg, devnet.Endpoints{ChainID: "akt-devnet-9", RPC: "http://127.0.0.1:46657", GRPC: "127.0.0.1:49090", KeyName: "tenant9"})
	if cfg.Network.ChainID != "akt-devnet-9" || cfg.Network.RPC[0] != "http://127.0.0.1:46657" || cfg.Network.GRPC[0] != "127.0.0.1:49090" ||
		cfg.From != "tenant9" || cfg.Networks["devnet"].RPC[0] != "http://127.0.0.1:46657" {
		t.Fatalf("config after useDevnet: %+v", cfg)
	}
}

func TestDevnetPorts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		rpc  string
		want devnet.Ports
	}{
		{config.DevnetRPC, devnet.Ports{}},
		{"http://127.0.0.1:46657", devnet.Ports{RPC: 46657, Auto: true}},
		{"http://127.0.0.1", devnet.Ports{}},
	}
	for _, tc := range tests {
		if got := devnetPorts(config.Network{RPC: []string{tc.rpc}}); got != tc.want {
			t.Errorf("devnetPorts(%s) = %+v, want %+v", tc.rpc, got, tc.want)
		}
	}
}

// TestKeyringPassphraseForANewFileKeyring: with no file keyring yet, the console offers to
// choose its passphrase (twice), so keys can be created in the console; Enter skips.
func TestKeyringPassphraseForANewFileKeyring(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, input string
		prompt      bool   // a prompt comes back
		err         string // or this error
	}{
		{"skipped", "\n", false, ""},
		{"chosen", "new-pass-1\nnew-pass-1\n", true, ""},
		{"mismatch", "new-pass-1\nnew-pass-2\n", false, "do not match"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			home := t.TempDir()
			cfg := &config.Config{KeyringBackend: "file", Home: home}
			var errOut strings.Builder
			app := cli.NewApp(strings.NewReader(tc.input), io.Discard, &errOut, cli.BuildInfo{})
			p, err := keyringPassphrase(app, cfg)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
			} else if err != nil || (p != nil) != tc.prompt {
				t.Fatalf("prompt %v, error %v; want a prompt: %v", p, err, tc.prompt)
			}
			if !strings.Contains(errOut.String(), "No file keyring in "+filepath.Join(home, "keyring-file")) || strings.Contains(errOut.String(), "new-pass") {
				t.Errorf("prompt output %q", errOut.String())
			}
			if !tc.prompt {
				if _, err := os.Stat(filepath.Join(home, "keyring-file", "keyhash")); err == nil {
					t.Error("a keyring passphrase was set")
				}
				return
			}
			// the console's keyring creates a key with it, and the passphrase opens it again
			kr, err := chain.OpenKeyring("file", home, p)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := kr.Create("alice"); err != nil {
				t.Fatalf("creating a key in the new file keyring: %v", err)
			}
			again, err := chain.OpenKeyring("file", home, chain.PassphraseFunc(func(string, bool) (string, error) { return "new-pass-1", nil }))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := again.Show("alice"); err != nil {
				t.Fatalf("the key is not in the keyring under the chosen passphrase: %v", err)
			}
		})
	}
}

func TestKeyringPassphraseAskedUpFront(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	cfg := &config.Config{KeyringBackend: "file", Home: home}
	var errOut strings.Builder
	app := cli.NewApp(strings.NewReader("s3cret passphrase\n"), io.Discard, &errOut, cli.BuildInfo{})
	if err := os.MkdirAll(filepath.Join(home, "keyring-file"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, "keyring-file", "keyhash"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := keyringPassphrase(app, cfg)
	if err != nil || p == nil {
		t.Fatalf("existing keyring: %v, %v", p, err)
	}
	for i := 0; i < 2; i++ {
		if got, err := p.Passphrase("again", false); err != nil || got != "s3cret passphrase" {
			t.Fatalf("passphrase %q, %v", got, err)
		}
	}
	if strings.Contains(errOut.String(), "s3cret") || !strings.Contains(errOut.String(), home) {
		t.Fatalf("prompt output %q", errOut.String())
	}
	cfg.KeyringBackend = "test"
	if p, err := keyringPassphrase(app, cfg); err != nil || p != nil {
		t.Fatalf("test keyring: %v, %v", p, err)
	}
}
