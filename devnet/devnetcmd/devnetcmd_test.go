package devnetcmd

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/akt-project/akt/cli"
	"github.com/akt-project/akt/devnet"
)

// syncBuffer is a bytes.Buffer safe for the command goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestDevnetCommandJSON(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	home := filepath.Join(dir, "devnet")
	var out, errw syncBuffer
	app := cli.NewApp(strings.NewReader(""), &out, &errw, cli.BuildInfo{Version: "test"})
	app.AddCommands(New(app))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() {
		done <- app.Execute(ctx, []string{"devnet", "--home", home, "--output", "json", "--providers", "2",
			"--block-time", "200ms", "--seed", "5", "--account", "akash1qeszrujkp8fuh0lk2d75jnttxgppgde9rwgjg4=7uakt", "--fault", "escrow-blocks=9", "--auto-ports",
			"--rpc-port", "0", "--p2p-port", "0", "--grpc-port", "0", "--rest-port", "0",
			"--control-port", "0", "--gateway-port", "0", "--service-port", "0"})
	}()
	var got struct {
		devnet.Endpoints
		Mnemonic string `json:"mnemonic"`
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		if s := out.String(); strings.HasSuffix(s, "}\n") {
			if err := json.Unmarshal([]byte(s), &got); err != nil {
				t.Fatalf("devnet --output json printed %q: %v", s, err)
			}
			break
		}
		select {
		case code := <-done:
			t.Fatalf("akt devnet exited with %d: %s", code, errw.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no output after 60s; stderr: %s", errw.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got.KeyName != devnet.TenantKeyName || got.Seed != 5 || len(got.Providers) != 2 || len(strings.Fields(got.Mnemonic)) != 24 {
		t.Errorf("printed %+v", got)
	}
	onDisk, err := devnet.ReadEndpoints(home)
	if err != nil {
		t.Fatal(err)
	}
	if onDisk.RPC != got.RPC || onDisk.KeyAddress != got.KeyAddress {
		t.Errorf("devnet.json %+v differs from the printed endpoints", onDisk)
	}
	if strings.Contains(mustRead(t, filepath.Join(home, devnet.EndpointsFile)), got.Mnemonic) {
		t.Error("devnet.json holds the mnemonic")
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit code %d after Ctrl-C: %s", code, errw.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("akt devnet did not stop")
	}
	if _, err := os.Stat(filepath.Join(home, devnet.EndpointsFile)); !os.IsNotExist(err) {
		t.Errorf("devnet.json left behind after stop: %v", err)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
