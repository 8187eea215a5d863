package chain

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/x/authz"
)

func TestMessageConstructorsReject(t *testing.T) {
	t.Parallel()
	past := time.Now().Add(-time.Hour)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"send zero", second(NewSend(testAddress, testRecipient, []Coin{{"uakt", "0"}})), "must be positive"},
		{"send bad address", second(NewSend(testAddress, "cosmos1abc", []Coin{{"uakt", "1"}})), "recipient"},
		{"deployment dseq 0", second(NewCloseDeployment(testAddress, 0)), "dseq"},
		{"deposit source", second(NewDeploymentDeposit(testAddress, testAddress, 1, Coin{"uact", "5"}, []DepositSource{"wallet"})), "want balance or grant"},
		{"mint in uact", second(NewMintACT(testAddress, Coin{"uact", "5"})), "must be in uakt"},
		{"grant expired", second(NewGenericGrant(testAddress, testRecipient, "/cosmos.bank.v1beta1.MsgSend", &past)), "in the past"},
		{"grant to self", second(NewDepositGrant(testAddress, testAddress, []Coin{{"uact", "5"}}, nil, nil)), "both"},
		{"deposit grant scope", second(NewDepositGrant(testAddress, testRecipient, []Coin{{"uact", "5"}}, []DepositScope{"lease"}, nil)), "scope"},
		{"periodic without period", second(NewFeeGrant(testAddress, testRecipient, FeeAllowance{PeriodLimit: []Coin{{"uakt", "5"}}})), "period"},
		{"lease without provider", second(NewCreateLease(LeaseID{Owner: testAddress, DSeq: 1, GSeq: 1, OSeq: 1})), "provider"},
		{"cert not PEM", second(NewCreateCertificate(testAddress, []byte("x"), []byte("y"))), "PEM"},
		{"group action", second(NewGroupMsg("stop", testAddress, 1, 1)), "close, pause or start"},
	}
	for _, tc := range tests {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error containing %q", tc.name, tc.err, tc.want)
		}
	}
}

func second(_ Msg, err error) error { return err }

// TestExecSignedByGrantee: a generic-grant exec is signed by the grantee
// while the inner message names the granter.
func TestExecSignedByGrantee(t *testing.T) {
	t.Parallel()
	inner, err := NewCloseDeployment(testRecipient, 9)
	if err != nil {
		t.Fatal(err)
	}
	exec, err := NewExec(testAddress, inner)
	if err != nil {
		t.Fatal(err)
	}
	if got := exec.(*authz.MsgExec).Grantee; got != testAddress {
		t.Fatalf("grantee %s", got)
	}
	kr, _ := OpenKeyring(BackendMemory, "", nil)
	if _, err := kr.Recover("k", testMnemonic(t)); err != nil {
		t.Fatal(err)
	}
	s, _ := kr.Signer("k")
	tc, err := NewTxClient(nil, s, WithTxChainID("akashnet-2"), WithAccount(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := tc.Prepare(context.Background(), exec)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan.Messages[0].Text, "/akash.deployment.v1beta4.MsgCloseDeployment") {
		t.Fatalf("summary %q", plan.Messages[0].Text)
	}
	// Without exec the same message is the granter's to sign: refused.
	if _, err := tc.Prepare(context.Background(), inner); err == nil || !strings.Contains(err.Error(), "must be signed by") {
		t.Fatalf("foreign message: %v", err)
	}
}
