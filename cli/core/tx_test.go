package core

import (
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akt-project/akt/internal/testutil"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/akt-project/akt/chain/chaintest"
)

// keyHome makes a test keyring holding the shared test key as "me".
func keyHome(t *testing.T) []string {
	t.Helper()
	home := t.TempDir()
	flags := []string{"--keyring-backend", "test", "--home", home, "--from", "me"}
	if r := runChain(t, testMnemonicCLI(t)+"\n", "keys", "recover", "me", "--keyring-backend", "test", "--home", home); r.code != 0 {
		t.Fatalf("recover: %s", r.stderr)
	}
	return flags
}

func corpusSDL(t *testing.T, name string) string {
	t.Helper()
	return filepath.Join(filepath.Dir(rootDirCLI(t)), "shared", "sdl-corpus", "golden", "input", "v2.0", name, "input.yaml")
}

// rootDirCLI returns the repository root (the directory holding go.mod).
func rootDirCLI(t *testing.T) string { t.Helper(); return testutil.RepoRoot(t) }

func TestDeployCreateDryRunOffline(t *testing.T) {
	env(t)
	flags := keyHome(t)
	args := append([]string{"deploy", "create", corpusSDL(t, "simple"), "--dry-run", "-o", "json",
		"--account-number", "17", "--sequence", "4", "--chain-id", "akashnet-2", "--dseq", "1234",
		"--node", chaintest.DeadURL(t)}, flags...)
	r := runChain(t, "", args...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		Plan struct {
			ChainID  string `json:"chain_id"`
			Signer   string `json:"signer"`
			Gas      uint64 `json:"gas"`
			Fee      []struct{ Denom, Amount string }
			Messages []struct {
				TypeURL string `json:"type_url"`
				Text    string `json:"text"`
			} `json:"messages"`
			Sequence uint64 `json:"sequence"`
		} `json:"plan"`
		UnsignedTx   json.RawMessage `json:"unsigned_tx"`
		SignBytesHex string          `json:"sign_bytes_hex"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v: %s", err, r.stdout)
	}
	p := out.Plan
	if p.ChainID != "akashnet-2" || p.Signer != cliTestAddress || p.Sequence != 4 || len(p.Messages) != 1 ||
		p.Messages[0].TypeURL != "/akash.deployment.v1beta4.MsgCreateDeployment" || !strings.Contains(p.Messages[0].Text, "5000000uact") {
		t.Fatalf("plan %+v", p)
	}
	if len(p.Fee) != 1 || p.Fee[0].Denom != "uakt" || p.Gas == 0 {
		t.Fatalf("fee %+v gas %d", p.Fee, p.Gas)
	}
	sb, err := hex.DecodeString(out.SignBytesHex)
	if err != nil {
		t.Fatal(err)
	}
	var doc txtypes.SignDoc
	if err := proto.Unmarshal(sb, &doc); err != nil || doc.ChainId != "akashnet-2" || doc.AccountNumber != 17 {
		t.Fatalf("sign doc %+v %v", doc, err)
	}
	if !strings.Contains(string(out.UnsignedTx), `"dseq": "1234"`) {
		t.Fatalf("unsigned tx lacks the dseq: %s", out.UnsignedTx)
	}
}

func TestSendThroughFakeNode(t *testing.T) {
	env(t)
	flags := keyHome(t)
	n := chaintest.NewNode(t, "akashnet-2")
	n.Handle("/cosmos.auth.v1beta1.Query/Account", func([]byte) (proto.Message, uint32, string) {
		acc, _ := codectypes.NewAnyWithValue(&authtypes.BaseAccount{Address: cliTestAddress, AccountNumber: 9, Sequence: uint64(1 + len(n.Sent()))})
		return &authtypes.QueryAccountResponse{Account: acc}, 0, ""
	})
	n.Handle("/cosmos.tx.v1beta1.Service/Simulate", func([]byte) (proto.Message, uint32, string) {
		return &txtypes.SimulateResponse{GasInfo: &sdk.GasInfo{GasUsed: 80000}}, 0, ""
	})
	to := "akash1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq7cdc78"

	// Without --yes, "n" at the prompt sends nothing.
	r := runChain(t, "n\n", append([]string{"send", to, "1000uakt", "--node", n.URL()}, flags...)...)
	if r.code == 0 || len(n.Sent()) != 0 || !strings.Contains(r.stderr, "Send 1000uakt") {
		t.Fatalf("declined send: %d %s", r.code, r.stderr)
	}
	r = runChain(t, "", append([]string{"send", to, "1000uakt", "--node", n.URL(), "--yes", "-o", "json"}, flags...)...)
	if r.code != 0 {
		t.Fatalf("send: %d %s", r.code, r.stderr)
	}
	var res txResultJSON
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || !res.Included || res.Height == 0 {
		t.Fatalf("result %s %v", r.stdout, err)
	}
	sent := n.Sent()
	if len(sent) != 1 {
		t.Fatalf("%d txs sent", len(sent))
	}
	var raw txtypes.TxRaw
	_ = proto.Unmarshal(sent[0], &raw)
	var body txtypes.TxBody
	_ = proto.Unmarshal(raw.BodyBytes, &body)
	var msg banktypes.MsgSend
	if err := proto.Unmarshal(body.Messages[0].Value, &msg); err != nil || msg.ToAddress != to || msg.Amount.String() != "1000uakt" {
		t.Fatalf("sent %+v %v", msg, err)
	}
	// Rejected by the chain: exit non-zero with the chain's code and log.
	n.Mu.Lock()
	n.CheckTx = func([]byte) (uint32, string, string) {
		return 5, "sdk", "spendable balance 0uakt is smaller than 1000uakt"
	}
	n.Mu.Unlock()
	r = runChain(t, "", append([]string{"send", to, "1000uakt", "--node", n.URL(), "--yes"}, flags...)...)
	if r.code == 0 || !strings.Contains(r.stderr, "code 5") || !strings.Contains(r.stderr, "spendable balance") {
		t.Fatalf("rejected send: %d %s", r.code, r.stderr)
	}
}

func TestParseExpiration(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
		err  bool
	}{
		{"", time.Time{}, false},
		{"30d", now.Add(30 * 24 * time.Hour), false},
		{"12h", now.Add(12 * time.Hour), false},
		{"2027-02-03T04:05:06Z", time.Date(2027, 2, 3, 4, 5, 6, 0, time.UTC), false},
		{"soon", time.Time{}, true},
		{"-5h", time.Time{}, true},
	}
	for _, tc := range tests {
		got, err := parseExpiration(tc.in, now)
		if (err != nil) != tc.err {
			t.Fatalf("%q: err %v", tc.in, err)
		}
		if !tc.err && tc.in != "" && !got.Equal(tc.want) {
			t.Fatalf("%q: %v, want %v", tc.in, got, tc.want)
		}
		if tc.in == "" && got != nil {
			t.Fatalf("empty gave %v", got)
		}
	}
}

// TestTxCommandsDryRun builds every transaction command offline and checks
// the message it would sign.
func TestTxCommandsDryRun(t *testing.T) {
	env(t)
	flags := keyHome(t)
	offline := []string{"--dry-run", "-o", "json", "--account-number", "1", "--sequence", "2", "--chain-id", "akashnet-2", "--node", chaintest.DeadURL(t)}
	prov := "akash1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq7cdc78"
	tests := []struct {
		args    []string
		typeURL string
		text    string
	}{
		{[]string{"send", prov, "5uakt,7uact", "--fee-granter", prov}, "/cosmos.bank.v1beta1.MsgSend", "Send 7uact,5uakt"},
		{[]string{"deploy", "close", "77"}, "/akash.deployment.v1beta4.MsgCloseDeployment", "Close deployment 77"},
		{[]string{"deploy", "deposit", "77", "1000000uakt", "--deposit-from", "grant,balance"}, "/akash.escrow.v1.MsgAccountDeposit", "from grant then balance"},
		{[]string{"deploy", "update", "77", corpusSDL(t, "simple")}, "/akash.deployment.v1beta4.MsgUpdateDeployment", "Update deployment 77"},
		{[]string{"deploy", "group", "pause", "77", "2"}, "/akash.deployment.v1beta4.MsgPauseGroup", "Pause group 77/2"},
		{[]string{"lease", "create", "77", "--provider", prov, "--bseq", "0"}, "/akash.market.v1beta5.MsgCreateLease", "Accept the bid"},
		{[]string{"authz", "grant", "deposit", prov, "--spend-limit", "50uact,60uakt", "--scope", "deployment,bid", "--expiration", "30d"}, "/cosmos.authz.v1beta1.MsgGrant", "deposits up to 50uact,60uakt for deployment and bid"},
		{[]string{"authz", "grant", "generic", prov, "--msg-type", "/akash.deployment.v1beta4.MsgCloseDeployment"}, "/cosmos.authz.v1beta1.MsgGrant", "permission to send /akash.deployment.v1beta4.MsgCloseDeployment"},
		{[]string{"authz", "revoke", prov}, "/cosmos.authz.v1beta1.MsgRevoke", "/akash.escrow.v1.MsgAccountDeposit"},
		{[]string{"feegrant", "grant", prov, "--period", "24h", "--period-limit", "1000uakt"}, "/cosmos.feegrant.v1beta1.MsgGrantAllowance", "periodic allowance"},
		{[]string{"feegrant", "revoke", prov}, "/cosmos.feegrant.v1beta1.MsgRevokeAllowance", "Revoke the fee allowance"},
		{[]string{"act", "mint", "1000000uakt"}, "/akash.bme.v1.MsgMintACT", "Burn 1000000uakt to mint ACT"},
		{[]string{"act", "burn", "5uact"}, "/akash.bme.v1.MsgBurnACT", "Burn 5uact to get AKT back"},
		{[]string{"deploy", "close", "77", "--exec-as", prov}, "/cosmos.authz.v1beta1.MsgExec", "Execute as grantee akash1"},
	}
	for _, tc := range tests {
		args := append(append(append([]string{}, tc.args...), offline...), flags...)
		r := runChain(t, "", args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, r.code, r.stderr)
		}
		var out dryRunJSON
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		m := out.Plan.Messages
		if len(m) != 1 || m[0].TypeURL != tc.typeURL || !strings.Contains(m[0].Text, tc.text) {
			t.Fatalf("%v: messages %+v, want %s containing %q", tc.args, m, tc.typeURL, tc.text)
		}
	}
	// Bad input is refused before anything is signed, naming what is wrong.
	r := runChain(t, "", append(append([]string{"act", "mint", "5uact"}, offline...), flags...)...)
	if r.code == 0 || !strings.Contains(r.stderr, "must be in uakt") {
		t.Fatalf("mint in uact: %d %s", r.code, r.stderr)
	}
}

func TestDeployCreateRejectsAKTDeposit(t *testing.T) {
	env(t)
	flags := keyHome(t)
	r := runChain(t, "", append([]string{"deploy", "create", corpusSDL(t, "simple"), "--deposit", "5000000uakt", "--dry-run",
		"--account-number", "1", "--sequence", "2", "--chain-id", "akashnet-2", "--dseq", "9", "--node", chaintest.DeadURL(t)}, flags...)...)
	if r.code == 0 || !strings.Contains(r.stderr, "funded in uact") {
		t.Fatalf("uakt deposit: %d %s", r.code, r.stderr)
	}
}
