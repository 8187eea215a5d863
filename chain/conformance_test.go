package chain

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/akt-project/akt/internal/testutil"
)

// oracleDir returns conformance/oracle, skipping (or failing under
// AKT_REQUIRE_ORACLE=1) when its node_modules are not installed.
func oracleDir(t *testing.T) string { t.Helper(); return testutil.Oracle(t) }

type oracleCoin struct {
	Denom  string `json:"denom"`
	Amount string `json:"amount"`
}

type oracleMsg struct {
	Type    string       `json:"type"`
	To      string       `json:"to,omitempty"`
	Amount  []oracleCoin `json:"amount,omitempty"`
	SDL     string       `json:"sdl,omitempty"`
	DSeq    string       `json:"dseq,omitempty"`
	Deposit *oracleCoin  `json:"deposit,omitempty"`
	Sources []int        `json:"sources,omitempty"`
}

type oracleRequest struct {
	Mnemonic      string       `json:"mnemonic"`
	ChainID       string       `json:"chainId"`
	AccountNumber uint64       `json:"accountNumber"`
	Sequence      uint64       `json:"sequence"`
	Memo          string       `json:"memo"`
	Gas           uint64       `json:"gas"`
	Fee           []oracleCoin `json:"fee"`
	FeeGranter    string       `json:"feeGranter,omitempty"`
	Msgs          []oracleMsg  `json:"msgs"`
}

type oracleResponse struct {
	Address      string `json:"address"`
	TxHex        string `json:"txHex"`
	SignBytesHex string `json:"signBytesHex"`
	Msgs         []struct {
		TypeURL  string `json:"typeUrl"`
		ValueHex string `json:"valueHex"`
	} `json:"msgs"`
	Version string `json:"version"`
}

// TestSignedTxMatchesCosmJS builds and signs transactions (create
// deployment from corpus SDLs, bank send with fee granter) with akt and
// with @cosmjs/proto-signing and compares the bytes.
func TestSignedTxMatchesCosmJS(t *testing.T) {
	oracle := oracleDir(t)
	mnemonic := testMnemonic(t)
	sdls := []string{"simple", "gpu-basic", "persistent-storage", "placement", "ip-endpoint", "multiple-services"}
	var reqs []oracleRequest
	for i, name := range sdls {
		data, err := os.ReadFile(filepath.Join(sharedDir(t), "sdl-corpus", "golden", "input", "v2.0", name, "input.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		reqs = append(reqs, oracleRequest{
			Mnemonic: mnemonic, ChainID: "akashnet-2", AccountNumber: 12345, Sequence: uint64(i * 7),
			Memo: "akt conformance " + name, Gas: 250000 + uint64(i), Fee: []oracleCoin{{"uakt", "6250"}},
			Msgs: []oracleMsg{{Type: "createDeployment", SDL: string(data), DSeq: "18446744073709", Deposit: &oracleCoin{"uact", "5000000"}, Sources: []int{2, 1}}},
		})
	}
	reqs = append(reqs, oracleRequest{
		Mnemonic: mnemonic, ChainID: "sandbox-2", AccountNumber: 0, Sequence: 0, Gas: 100000,
		Fee: []oracleCoin{{"uakt", "2500"}}, FeeGranter: testRecipient,
		Msgs: []oracleMsg{{Type: "send", To: testRecipient, Amount: []oracleCoin{{"uact", "7"}, {"uakt", "1000"}}}},
	})
	in, err := json.Marshal(reqs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(filepath.Dir(oracle), "chain", "signtx.mjs"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("oracle: %v\n%s", err, stderr.String())
	}
	var resps []oracleResponse
	if err := json.Unmarshal(out, &resps); err != nil {
		t.Fatal(err)
	}
	if len(resps) != len(reqs) {
		t.Fatalf("oracle answered %d of %d requests", len(resps), len(reqs))
	}

	kr, _ := OpenKeyring(BackendMemory, "", nil)
	if _, err := kr.Recover("k", mnemonic); err != nil {
		t.Fatal(err)
	}
	signer, _ := kr.Signer("k")
	matched := 0
	for i, req := range reqs {
		resp := resps[i]
		name := "send"
		if i < len(sdls) {
			name = sdls[i]
		}
		t.Run(name, func(t *testing.T) {
			if resp.Address != signer.Address() {
				t.Fatalf("oracle address %s, akt %s", resp.Address, signer.Address())
			}
			var msgs []Msg
			for _, m := range req.Msgs {
				switch m.Type {
				case "createDeployment":
					groups, version, _, err := DeploymentFromSDL([]byte(m.SDL))
					if err != nil {
						t.Fatal(err)
					}
					if hex.EncodeToString(version) != resp.Version {
						t.Fatalf("version %x, oracle %s", version, resp.Version)
					}
					msg, err := NewCreateDeployment(signer.Address(), 18446744073709, groups, version,
						Coin{Denom: m.Deposit.Denom, Amount: m.Deposit.Amount}, []DepositSource{SourceGrant, SourceBalance})
					if err != nil {
						t.Fatal(err)
					}
					msgs = append(msgs, msg)
				case "send":
					amt := make([]Coin, 0, len(m.Amount))
					for _, c := range m.Amount {
						amt = append(amt, Coin(c))
					}
					msg, err := NewSend(signer.Address(), m.To, amt)
					if err != nil {
						t.Fatal(err)
					}
					msgs = append(msgs, msg)
				}
			}
			fee := make([]Coin, 0, len(req.Fee))
			for _, c := range req.Fee {
				fee = append(fee, Coin(c))
			}
			opts := []TxOption{WithTxChainID(req.ChainID), WithAccount(req.AccountNumber, req.Sequence), WithGas(req.Gas), WithFees(fee), WithMemo(req.Memo)}
			if req.FeeGranter != "" {
				opts = append(opts, WithFeeGranter(req.FeeGranter))
			}
			tc, err := NewTxClient(nil, signer, opts...)
			if err != nil {
				t.Fatal(err)
			}
			plan, err := tc.Prepare(context.Background(), msgs...)
			if err != nil {
				t.Fatal(err)
			}
			for j, m := range msgs {
				bz, _ := m.(interface{ Marshal() ([]byte, error) }).Marshal()
				if got := hex.EncodeToString(bz); got != resp.Msgs[j].ValueHex {
					t.Fatalf("message %d bytes differ:\n akt    %s\n cosmjs %s", j, got, resp.Msgs[j].ValueHex)
				}
			}
			sb, err := plan.SignBytes(tc.Encoding())
			if err != nil {
				t.Fatal(err)
			}
			if got := hex.EncodeToString(sb); got != resp.SignBytesHex {
				t.Fatalf("sign bytes differ:\n akt    %s\n cosmjs %s", got, resp.SignBytesHex)
			}
			signed, err := Sign(context.Background(), tc.Encoding(), plan, signer)
			if err != nil {
				t.Fatal(err)
			}
			if got := hex.EncodeToString(signed.Bytes); got != resp.TxHex {
				t.Fatalf("signed tx differs:\n akt    %s\n cosmjs %s", got, resp.TxHex)
			}
			matched++
		})
	}
	t.Logf("%d of %d signed transactions byte-identical to cosmjs", matched, len(reqs))
}
