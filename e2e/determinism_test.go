package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/akt-project/akt/devnet"
)

// TestSameSeedSameBids: two fresh devnets started with the same seed answer the same
// deployment, created through akt, with the same bids: the same providers at the same prices.
// (The devnet's own tests cover keys, genesis and inventories; this covers the bid engine as
// a user sees it.)
func TestSameSeedSameBids(t *testing.T) {
	sdlPath := siteSDL(t)
	run := func(name string) []string {
		dir := filepath.Join(t.TempDir(), name)
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		d, err := devnet.Start(ctx, devnet.Options{Home: dir, BlockTime: blockTime, Seed: testSeed + 1, Providers: 5, Ports: devnet.Ports{Auto: true}})
		if err != nil {
			t.Fatalf("starting devnet %s: %v", name, err)
		}
		defer d.Close()
		on := func(v any, args ...string) {
			t.Helper()
			r := runAktOn(t, dir, commandTimeout, nil, append(args, "-o", "json")...)
			if r.code != 0 {
				t.Fatalf("devnet %s: %s", name, r)
			}
			if err := json.Unmarshal([]byte(r.stdout), v); err != nil {
				t.Fatalf("devnet %s: decoding %s: %v", name, r, err)
			}
		}
		var res txResult
		on(&res, "deploy", "create", sdlPath, "--dseq", "777", "--deposit", "5000000uact", "--yes")
		var bids []bid
		on(&bids, "bids", "list", "777", "--wait", "30s")
		for stop := d.Height() + 10; len(bids) < 5 && d.Height() < stop; {
			if err := d.WaitForHeight(ctx, d.Height()+1); err != nil {
				t.Fatalf("devnet %s: waiting for bids: %v", name, err)
			}
			on(&bids, "bids", "list", "777")
		}
		var out []string
		for _, b := range bids {
			out = append(out, fmt.Sprintf("%s %s %s%s", b.ID.Provider, b.State, b.Price.Amount, b.Price.Denom))
		}
		slices.Sort(out)
		return out
	}
	a, b := run("a"), run("b")
	t.Logf("bids: %v", a)
	if len(a) != 5 {
		t.Errorf("devnet a got %d bids, want 5: %v", len(a), a)
	}
	if !slices.Equal(a, b) {
		t.Errorf("same seed, same deployment, different bids:\na: %v\nb: %v", a, b)
	}
}
