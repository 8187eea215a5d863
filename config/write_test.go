package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSetNetworkKeepsComments(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	orig := "# akt settings\nfrom: alice # my key\nnetwork: mainnet\n"
	if err := os.WriteFile(path, []byte(orig), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := SetNetwork(path, "sandbox"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	for _, want := range []string{"# akt settings", "from: alice # my key", "network: sandbox"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("file lost %q:\n%s", want, got)
		}
	}
}

func TestSetNetworkCreatesFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "sub", "config.yaml")
	if err := SetNetwork(path, "devnet"); err != nil {
		t.Fatal(err)
	}
	ff, err := parseFile(path, mustRead(t, path))
	if err != nil {
		t.Fatal(err)
	}
	if ff.scalars[KeyNetwork].value != "devnet" {
		t.Errorf("network = %+v", ff.scalars)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", st.Mode().Perm())
	}
}

func TestAddNetworkRoundTrip(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "config.yaml")
	n := Network{Name: "lab", ChainID: "lab-1", RPC: []string{"http://127.0.0.1:1", "http://127.0.0.1:2"},
		FeeDenom: "uakt", GasPrice: "0.5", GasAdjustment: 1.5, DeploymentDenom: "uact", Faucet: "http://f.example"}
	if err := AddNetwork(path, n); err != nil {
		t.Fatal(err)
	}
	ff, err := parseFile(path, mustRead(t, path))
	if err != nil {
		t.Fatal(err)
	}
	if len(ff.problems) > 0 {
		t.Fatalf("problems: %v", ff.problems)
	}
	got := ff.networks["lab"].net
	if got.ChainID != "lab-1" || len(got.RPC) != 2 || got.GasPrice != "0.5" || got.Faucet != "http://f.example" {
		t.Errorf("round trip = %+v", got)
	}
	if err := AddNetwork(path, Network{Name: "Bad Name"}); err == nil {
		t.Error("invalid name accepted")
	}
	if err := AddNetwork(path, Network{Name: "x", ChainID: "x-1", FeeDenom: "uakt", GasPrice: "1", GasAdjustment: 1.5, DeploymentDenom: "uact"}); err == nil {
		t.Error("network without RPC accepted")
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
