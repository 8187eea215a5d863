package e2e

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// newKey creates a key in the devnet's test keyring with `akt keys add` and returns its
// address (the mnemonic it prints is not kept).
func newKey(t *testing.T, name string) string {
	t.Helper()
	var k struct {
		Address string `json:"address"`
	}
	// A key left by an earlier run of the same process (go test -count=N)
	// is replaced, so every run starts from a fresh, unfunded account.
	runAkt(t, nil, "keys", "delete", name, "--yes")
	r := runAkt(t, nil, "keys", "add", name, "-o", "json")
	if r.code != 0 {
		t.Fatalf("keys add %s: exit %d: %s", name, r.code, r.stderr)
	}
	if err := jsonUnmarshal(r.stdout, &k); err != nil || !strings.HasPrefix(k.Address, "akash1") {
		t.Fatalf("keys add %s printed no address (%v)", name, err)
	}
	return k.Address
}

// grant is one entry of `akt authz list --output json`.
type grant struct {
	Granter     string   `json:"granter"`
	Grantee     string   `json:"grantee"`
	Kind        string   `json:"kind"`
	SpendLimits []coin   `json:"spend_limits"`
	Scopes      []string `json:"scopes"`
}

// depositGrant returns the deposit grant from granter to grantee listed by `authz list
// --grantee`.
func depositGrant(t *testing.T, granter, grantee string) grant {
	t.Helper()
	var gs []grant
	aktJSON(t, &gs, "authz", "list", "--grantee", grantee)
	for _, g := range gs {
		if g.Granter == granter && g.Kind == "deposit" {
			return g
		}
	}
	t.Fatalf("authz list --grantee %s has no deposit grant from %s: %+v", grantee, granter, gs)
	return grant{}
}

// TestDepositGrant: the tenant lets a second account fund deployments; that account deploys
// with --deposit-from grant, the granter pays, the grant's limit drops, and closing refunds
// the granter.
func TestDepositGrant(t *testing.T) {
	tenant := dn.Endpoints().KeyAddress
	grantee := newKey(t, "e2e-grantee")
	tx(t, "send", grantee, "2000000uakt")
	tx(t, "authz", "grant", "deposit", grantee, "--spend-limit", "3000000uact", "--scope", "deployment")

	var given []grant
	aktJSON(t, &given, "authz", "list")
	listed := false
	for _, g := range given {
		if g.Granter == tenant && g.Grantee == grantee && g.Kind == "deposit" {
			listed = true
			if amountOf(t, g.SpendLimits, "uact").Cmp(num(3_000_000)) != 0 || strings.Join(g.Scopes, ",") != "deployment" {
				t.Errorf("authz list: %+v, want 3000000uact for deployments", g)
			}
		}
	}
	if !listed {
		t.Fatalf("authz list (the granter's) lacks the grant to %s: %+v", grantee, given)
	}

	sdlPath := siteSDL(t)
	asGrantee := []string{"--from", "e2e-grantee"}
	// Its own balance holds no ACT: funding from it fails and names the shortfall.
	dseq := newDSeq()
	r := runAkt(t, nil, append([]string{"deploy", "create", sdlPath, "--dseq", fmt.Sprint(dseq), "--deposit", "1000000uact", "--yes"}, asGrantee...)...)
	if r.code == 0 || !strings.Contains(strings.ToLower(r.stderr), "insufficient") {
		t.Errorf("a deposit from the grantee's empty balance: %s", r)
	}

	granterACT, granteeACT := balance(t, tenant, "uact"), balance(t, grantee, "uact")
	dseq = newDSeq()
	tx(t, append([]string{"deploy", "create", sdlPath, "--dseq", fmt.Sprint(dseq), "--deposit", "1000000uact", "--deposit-from", "grant"}, asGrantee...)...)
	closed := false
	t.Cleanup(func() {
		if !closed {
			runAkt(t, nil, append([]string{"deploy", "close", fmt.Sprint(dseq), "--yes"}, asGrantee...)...)
		}
	})
	if paid := sub(granterACT, balance(t, tenant, "uact")); paid.Cmp(num(1_000_000)) != 0 {
		t.Errorf("the granter paid %s uact, want the 1000000 deposit", paid)
	}
	if got := balance(t, grantee, "uact"); got.Cmp(granteeACT) != 0 {
		t.Errorf("the grantee's uact went from %s to %s", granteeACT, got)
	}
	d := showDeployment(t, dseq, asGrantee...)
	if d.Deployment.Owner != grantee || escrowBalance(t, d).Cmp(num(1_000_000)) != 0 {
		t.Errorf("deployment %d: owner %s, escrow %s; want %s with 1000000uact", dseq, d.Deployment.Owner, escrowBalance(t, d), grantee)
	}
	if left := amountOf(t, depositGrant(t, tenant, grantee).SpendLimits, "uact"); left.Cmp(num(2_000_000)) != 0 {
		t.Errorf("the grant has %s uact left, want 2000000", left)
	}

	// Closing refunds the deposit to whoever paid it: the granter. Closing also closes every
	// bid, so let all providers bid first: a bid landing between the gas simulation and
	// the block can push the close past its gas limit (see the report of this package).
	waitBids(t, dseq, 5, asGrantee...)
	before := balance(t, tenant, "uact")
	tx(t, append([]string{"deploy", "close", fmt.Sprint(dseq)}, asGrantee...)...)
	closed = true
	if refund := sub(balance(t, tenant, "uact"), before); refund.Cmp(num(1_000_000)) != 0 {
		t.Errorf("closing refunded %s uact to the granter, want 1000000 (no lease spent any)", refund)
	}
}

// TestFeeGrant: an account without AKT sends a transaction whose fee the tenant pays through
// a fee allowance; without the allowance the same account cannot pay.
func TestFeeGrant(t *testing.T) {
	tenant := dn.Endpoints().KeyAddress
	payee := newKey(t, "e2e-feeless")
	tx(t, "feegrant", "grant", payee, "--spend-limit", "1000000uakt")
	var fgs []struct {
		Granter    string `json:"granter"`
		Grantee    string `json:"grantee"`
		SpendLimit []coin `json:"spend_limit"`
	}
	aktJSON(t, &fgs, "feegrant", "list", "--grantee", payee)
	if len(fgs) != 1 || fgs[0].Granter != tenant || amountOf(t, fgs[0].SpendLimit, "uakt").Cmp(num(1_000_000)) != 0 {
		t.Fatalf("feegrant list --grantee: %+v, want one 1000000uakt allowance from %s", fgs, tenant)
	}
	if got := balance(t, payee, "uakt"); got.Sign() != 0 {
		t.Fatalf("the fee grantee holds %s uakt, want none", got)
	}

	// A transaction that moves no funds, only costs a fee: a generic grant to the tenant.
	asPayee := []string{"--from", "e2e-feeless"}
	tenantAKT := balance(t, tenant, "uakt")
	tx(t, append([]string{"authz", "grant", "generic", tenant, "--msg-type", "/cosmos.bank.v1beta1.MsgSend", "--fee-granter", tenant}, asPayee...)...)
	if got := balance(t, payee, "uakt"); got.Sign() != 0 {
		t.Errorf("the grantee paid its own fee: it now holds %s uakt", got)
	}
	fee := sub(tenantAKT, balance(t, tenant, "uakt"))
	if fee.Sign() <= 0 {
		t.Errorf("the fee granter's uakt did not drop (fee %s)", fee)
	}
	aktJSON(t, &fgs, "feegrant", "list", "--grantee", payee)
	if len(fgs) != 1 || sub(num(1_000_000), amountOf(t, fgs[0].SpendLimit, "uakt")).Cmp(fee) != 0 {
		t.Errorf("the allowance after a %s uakt fee: %+v", fee, fgs)
	}

	// Without --fee-granter the account has nothing to pay with.
	revoke := append([]string{"authz", "revoke", tenant, "--msg-type", "/cosmos.bank.v1beta1.MsgSend", "--yes"}, asPayee...)
	r := runAkt(t, nil, revoke...)
	if r.code == 0 || !strings.Contains(r.stderr, "insufficient") {
		t.Errorf("a tx without the fee grant: %s\nwant an insufficient-funds error", r)
	}
	t.Logf("without a fee grant: %s", strings.TrimSpace(r.stderr))
	// Once the allowance is revoked, naming the granter no longer helps.
	tx(t, "feegrant", "revoke", payee)
	r = runAkt(t, nil, append(revoke, "--fee-granter", tenant)...)
	if r.code == 0 || !strings.Contains(r.stderr, "fee-grant not found") {
		t.Errorf("a tx on a revoked fee grant: %s\nwant a missing-allowance error", r)
	}
	t.Run("the missing-allowance error is readable", func(t *testing.T) {
		if !printable(r.stderr) || !strings.Contains(r.stderr, tenant) {
			t.Errorf("the error names no account readably: %q", r.stderr)
		}
	})
}

// printable reports whether s is valid UTF-8 without control characters other than newlines
// and tabs.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, c := range s {
		if c != '\n' && c != '\t' && !unicode.IsPrint(c) {
			return false
		}
	}
	return true
}
