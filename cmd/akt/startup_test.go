package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinaries compiles akt and a do-nothing Go program (the baseline every
// Go binary pays: runtime start and process creation) into dir.
func buildBinaries(tb testing.TB, dir string) (akt, baseline string) {
	tb.Helper()
	akt = filepath.Join(dir, "akt")
	out, err := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", akt, ".").CombinedOutput()
	if err != nil {
		tb.Fatalf("building akt: %v\n%s", err, out)
	}
	src := filepath.Join(dir, "hello.go")
	if err := os.WriteFile(src, []byte("package main\n\nfunc main() {}\n"), 0o600); err != nil {
		tb.Fatal(err)
	}
	baseline = filepath.Join(dir, "hello")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", baseline, src)
	cmd.Env = append(os.Environ(), "GO111MODULE=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("building the baseline: %v\n%s", err, out)
	}
	return akt, baseline
}

// runOnce starts bin with args and returns its wall time and peak RSS.
func runOnce(tb testing.TB, bin string, args ...string) (time.Duration, int64) {
	tb.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+tb.TempDir(), "XDG_CONFIG_HOME=", "XDG_STATE_HOME=")
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("%s %v: %v\n%s", bin, args, err, out)
	}
	wall := time.Since(start)
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss * 1024
	}
	return wall, rss
}

// BenchmarkStartVersion measures the process start cost of `akt version`
// against a do-nothing Go binary run in the same loop, and reports both,
// their ratio and akt's peak RSS. Goal: ≤ 25 ms wall and ≤ 60 MiB peak RSS.
func BenchmarkStartVersion(b *testing.B) {
	akt, baseline := buildBinaries(b, b.TempDir())
	var aktT, baseT time.Duration
	var peak int64
	b.ResetTimer()
	for range b.N {
		w, rss := runOnce(b, akt, "version")
		aktT += w
		peak = max(peak, rss)
		w, _ = runOnce(b, baseline)
		baseT += w
	}
	n := float64(b.N)
	b.ReportMetric(float64(aktT.Microseconds())/n/1000, "akt-ms/op")
	b.ReportMetric(float64(baseT.Microseconds())/n/1000, "baseline-ms/op")
	b.ReportMetric(float64(aktT)/float64(baseT), "x-baseline")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
}

// TestBinaryRuns checks the built binary starts and answers `version`.
func TestBinaryRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	akt, _ := buildBinaries(t, t.TempDir())
	out, err := exec.Command(akt, "version", "--output", "json").Output()
	if err != nil || len(out) == 0 || out[0] != '{' {
		t.Fatalf("akt version: %v %q", err, out)
	}
}

// TestForwardsToCore checks that chain commands and the console are handed
// to akt-core with the same arguments, exit code and streams, and that a
// missing akt-core is a clear error.
func TestForwardsToCore(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	akt, _ := buildBinaries(t, dir)
	fake := filepath.Join(dir, "fake-core")
	script := "#!/bin/sh\necho \"core got: $*\"\necho \"to stderr\" >&2\nexit 7\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	cases := [][]string{
		{"deploy", "create", "x.yaml", "--deposit", "5000000uact"},
		{"--network", "devnet", "keys", "list", "-o", "json"},
		{"lease", "shell", "12", "--", "ls", "-la"},
		{},
	}
	for _, args := range cases {
		cmd := exec.Command(akt, args...)
		cmd.Env = append(os.Environ(), "AKT_CORE="+fake, "HOME="+dir)
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 7 {
			t.Errorf("akt %v: err %v, want exit 7 from core", args, err)
		}
		if want := "core got: " + strings.Join(args, " ") + "\n"; stdout.String() != want || stderr.String() != "to stderr\n" {
			t.Errorf("akt %v: stdout %q stderr %q, want %q", args, stdout.String(), stderr.String(), want)
		}
	}
	cmd := exec.Command(akt, "keys", "list")
	cmd.Env = append(os.Environ(), "AKT_CORE=", "HOME="+dir, "PATH=/nonexistent")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "akt-core not found") {
		t.Errorf("missing core: err %v, output %q", err, out)
	}
}

// TestLightBinaryStaysLight guards akt's start time: the light binary must
// not link the Cosmos SDK, CometBFT or the console (they cost tens of
// milliseconds of package initialisation on every start).
func TestLightBinaryStaysLight(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, heavy := range []string{"github.com/cosmos/cosmos-sdk", "github.com/cometbft/", "github.com/akt-project/akt/chain/types", "github.com/akt-project/akt/tui", "github.com/akt-project/akt/devnet", "github.com/charmbracelet/bubbletea"} {
			if strings.HasPrefix(dep, heavy) {
				t.Errorf("akt links %s; keep it in akt-core", dep)
			}
		}
	}
}
