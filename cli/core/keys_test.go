package core

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akt-project/akt/cli"
)

// runChain runs akt-core with the given standard input and arguments.
func runChain(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	app := cli.NewApp(strings.NewReader(stdin), &out, &errb, cli.BuildInfo{Version: "test"})
	Register(app)
	code := app.Execute(context.Background(), args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// testMnemonicCLI reads the shared JWT test mnemonic.
func testMnemonicCLI(t *testing.T) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		dir = filepath.Dir(dir)
	}
	b, err := os.ReadFile(filepath.Join(filepath.Dir(dir), "shared", "protocol", "jwt", "test-mnemonic.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

const cliTestAddress = "akash1qufa3xzrf34qvwyejkhvnc4psf49fftaw0asmh"

func TestKeysCommands(t *testing.T) {
	env(t)
	home := t.TempDir()
	kb := []string{"--keyring-backend", "test", "--home", home}
	with := func(args ...string) []string { return append(args, kb...) }

	r := runChain(t, "", with("keys", "add", "alice", "-o", "json")...)
	if r.code != 0 {
		t.Fatalf("add: %d %s", r.code, r.stderr)
	}
	var added keyJSON
	if err := json.Unmarshal([]byte(r.stdout), &added); err != nil {
		t.Fatal(err)
	}
	if len(strings.Fields(added.Mnemonic)) != 24 || !strings.HasPrefix(added.Address, "akash1") || len(added.PubKey) != 66 {
		t.Fatalf("added %+v", added)
	}
	// The mnemonic is shown in text mode on stderr only, never on stdout.
	r = runChain(t, "", with("keys", "add", "bob")...)
	if r.code != 0 || strings.Count(r.stderr, " ") < 23 || strings.Contains(r.stdout, "mnemonic") {
		t.Fatalf("text add: %d out=%q", r.code, r.stdout)
	}

	r = runChain(t, testMnemonicCLI(t)+"\n", with("keys", "recover", "carol", "-o", "json")...)
	if r.code != 0 || !strings.Contains(r.stdout, cliTestAddress) {
		t.Fatalf("recover: %d %s %s", r.code, r.stdout, r.stderr)
	}
	bad := strings.Replace(testMnemonicCLI(t), "alien", "abandon", 1)
	r = runChain(t, bad+"\n", with("keys", "recover", "dave")...)
	if r.code == 0 || !strings.Contains(r.stderr, "checksum") {
		t.Fatalf("bad checksum: %d %s", r.code, r.stderr)
	}

	r = runChain(t, "", with("keys", "list", "-o", "json")...)
	var list []keyJSON
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 3 {
		t.Fatalf("list: %v %s", err, r.stdout)
	}
	r = runChain(t, "", with("keys", "show", "carol", "-a")...)
	if strings.TrimSpace(r.stdout) != cliTestAddress {
		t.Fatalf("show -a: %q", r.stdout)
	}
	if r = runChain(t, "", with("keys", "rename", "carol", "erin")...); r.code != 0 {
		t.Fatalf("rename: %s", r.stderr)
	}
	// Delete asks; "n" keeps the key.
	r = runChain(t, "n\n", with("keys", "delete", "erin")...)
	if r.code == 0 || !strings.Contains(r.stderr, "[y/N]") {
		t.Fatalf("delete declined: %d %s", r.code, r.stderr)
	}
	r = runChain(t, "y\n", with("keys", "delete", "erin")...)
	if r.code != 0 {
		t.Fatalf("delete: %s", r.stderr)
	}
	r = runChain(t, "", with("keys", "show", "erin")...)
	if r.code == 0 || !strings.Contains(r.stderr, "not found") {
		t.Fatalf("show deleted: %d %s", r.code, r.stderr)
	}
}
