package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// TestDepositDenoms: a new deployment cannot be funded in uakt (the mainnet rule), and the
// refusal says so; a top-up in uakt is accepted and lands in the escrow as uact.
func TestDepositDenoms(t *testing.T) {
	sdlPath := siteSDL(t)
	dseq := newDSeq()
	r := runAkt(t, nil, "deploy", "create", sdlPath, "--dseq", fmt.Sprint(dseq), "--deposit", "5000000uakt", "--yes")
	if r.code == 0 {
		t.Fatalf("a uakt deposit on create was accepted: %s", r)
	}
	if msg := strings.ToLower(r.stderr); !strings.Contains(msg, "akt deposits are only allowed") && !strings.Contains(msg, "uact") {
		t.Errorf("the refusal of a uakt deposit does not explain itself: %s", r)
	}
	t.Logf("uakt deposit on create: %s", strings.TrimSpace(r.stderr))
	t.Run("the refusal names uact and no SDK internals", func(t *testing.T) {
		for _, bad := range []string{"baseapp.go", "with gas used", "unknown request"} {
			if strings.Contains(r.stderr, bad) {
				t.Errorf("the refusal carries %q: %s", bad, r.stderr)
			}
		}
		if !strings.Contains(r.stderr, "uact") {
			t.Errorf("the refusal does not say to deposit uact: %s", r.stderr)
		}
	})
	if r := runAkt(t, nil, "deploy", "show", fmt.Sprint(dseq)); r.code == 0 {
		t.Errorf("the refused deployment %d exists: %s", dseq, r.stdout)
	}

	tx(t, "deploy", "create", sdlPath, "--dseq", fmt.Sprint(dseq), "--deposit", "500000uact")
	closeDeployment(t, dseq)
	esc0 := escrowBalance(t, showDeployment(t, dseq))
	akt0 := balance(t, "", "uakt")
	tx(t, "deploy", "deposit", fmt.Sprint(dseq), "100000uakt")
	d := showDeployment(t, dseq)
	for _, c := range d.Deployment.Escrow.Balance {
		if c.Denom != "uact" {
			t.Errorf("the escrow holds %s %s after a uakt top-up, want only uact", c.Amount, c.Denom)
		}
	}
	grew := sub(escrowBalance(t, d), esc0)
	if grew.Sign() <= 0 {
		t.Fatalf("a 100000uakt top-up did not grow the escrow (%s -> %s)", esc0, escrowBalance(t, d))
	}
	if spent := sub(akt0, balance(t, "", "uakt")); spent.Cmp(num(100_000)) <= 0 {
		t.Errorf("the top-up took %s uakt (with the fee), want more than 100000", spent)
	}
	t.Logf("100000uakt became %s uact in escrow", grew.Text('f', 0))
}
