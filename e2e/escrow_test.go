package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/akt-project/akt/devnet"
)

// TestEscrowDepletion: with the devnet's escrow-blocks fault a lease drains its deployment's
// escrow within a few blocks; the chain closes the deployment and deploy show says why.
func TestEscrowDepletion(t *testing.T) {
	const blocks = 5
	withFaults(t, devnet.Faults{EscrowBlocks: blocks})
	dseq := newDSeq()
	leaseUp(t, siteSDL(t), dseq, "")
	leased := dn.Height()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var d deployment
	for {
		d = showDeployment(t, dseq)
		if d.Deployment.State == "closed" {
			break
		}
		// The fault prices the lease to run dry after about `blocks` blocks; allow slack.
		if dn.Height()-leased > 4*blocks {
			t.Fatalf("deployment %d still %s %d blocks after its lease on a %d-block escrow (escrow %+v)",
				dseq, d.Deployment.State, dn.Height()-leased, blocks, d.Deployment.Escrow)
		}
		if err := dn.WaitForHeight(ctx, dn.Height()+1); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("deployment %d closed %d blocks after its lease", dseq, dn.Height()-leased)
	if d.Deployment.Escrow.State != "overdrawn" {
		t.Errorf("escrow state %q, want overdrawn", d.Deployment.Escrow.State)
	}
	if len(d.Leases) != 1 || d.Leases[0].State != "insufficient_funds" {
		t.Errorf("leases %+v, want one closed for insufficient funds", d.Leases)
	}
	for _, g := range d.Deployment.Groups {
		if g.State != "insufficient_funds" {
			t.Errorf("group state %q, want insufficient_funds", g.State)
		}
	}
	// In words, deploy show says the deployment is closed and the escrow ran out.
	text := akt(t, "deploy", "show", fmt.Sprint(dseq)).stdout
	t.Logf("deploy show:\n%s", text)
	for _, want := range []string{"closed", "overdrawn", "insufficient"} {
		if !strings.Contains(text, want) {
			t.Errorf("deploy show lacks %q:\n%s", want, text)
		}
	}
	t.Run("deploy show prints prices like bids list", func(t *testing.T) {
		if strings.Contains(text, ".000000000000000000") {
			t.Errorf("deploy show prints untrimmed decimals:\n%s", text)
		}
	})
	// The provider no longer serves it.
	if r := runAkt(t, nil, "lease", "status", fmt.Sprint(dseq)); r.code == 0 || !strings.Contains(r.stderr, "no active lease") {
		t.Errorf("lease status of a drained deployment: %s", r)
	}
	// Closing it again is refused with a clear reason, not a crash.
	r := runAkt(t, nil, "deploy", "close", fmt.Sprint(dseq), "--yes")
	if r.code == 0 || !strings.Contains(strings.ToLower(r.stderr), "closed") {
		t.Errorf("closing a drained deployment: %s", r)
	}
}
