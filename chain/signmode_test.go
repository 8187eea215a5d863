package chain

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	signingtypes "github.com/cosmos/cosmos-sdk/types/tx/signing"
	"github.com/cosmos/gogoproto/proto"
)

// aminoSigner stands in for a Ledger: it signs whatever bytes it is given
// with a keyring key but asks for amino-JSON sign bytes.
type aminoSigner struct{ Signer }

func (aminoSigner) SignMode() SignMode { return SignModeAminoJSON }

// TestAminoJSONSigner checks that a signer asking for amino JSON gets the
// legacy sign document and a tx declaring SIGN_MODE_LEGACY_AMINO_JSON,
// with no change for callers.
func TestAminoJSONSigner(t *testing.T) {
	t.Parallel()
	kr, _ := OpenKeyring(BackendMemory, "", nil)
	if _, err := kr.Recover("k", testMnemonic(t)); err != nil {
		t.Fatal(err)
	}
	base, _ := kr.Signer("k")
	s := aminoSigner{base}
	tc, err := NewTxClient(nil, s, WithTxChainID("akashnet-2"), WithAccount(3, 9), WithGas(100000), WithMemo("ledger"))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := tc.Prepare(context.Background(), sendMsg(t))
	if err != nil {
		t.Fatal(err)
	}
	sb, err := plan.SignBytes(tc.Encoding())
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ChainID       string `json:"chain_id"`
		AccountNumber string `json:"account_number"`
		Sequence      string `json:"sequence"`
		Memo          string `json:"memo"`
		Msgs          []struct {
			Type string `json:"type"`
		} `json:"msgs"`
	}
	if err := json.Unmarshal(sb, &doc); err != nil {
		t.Fatalf("sign bytes are not JSON: %v: %s", err, sb)
	}
	if doc.ChainID != "akashnet-2" || doc.AccountNumber != "3" || doc.Sequence != "9" || doc.Memo != "ledger" ||
		len(doc.Msgs) != 1 || doc.Msgs[0].Type != "cosmos-sdk/MsgSend" {
		t.Fatalf("amino sign doc %s", sb)
	}
	signed, err := Sign(context.Background(), tc.Encoding(), plan, s)
	if err != nil {
		t.Fatal(err)
	}
	var raw txtypes.TxRaw
	var ai txtypes.AuthInfo
	if err := proto.Unmarshal(signed.Bytes, &raw); err != nil {
		t.Fatal(err)
	}
	if err := proto.Unmarshal(raw.AuthInfoBytes, &ai); err != nil {
		t.Fatal(err)
	}
	if m := ai.SignerInfos[0].ModeInfo.GetSingle().Mode; m != signingtypes.SignMode_SIGN_MODE_LEGACY_AMINO_JSON {
		t.Fatalf("mode %v", m)
	}
	pk := secp256k1.PubKey{Key: s.PubKey()}
	if !pk.VerifySignature(sb, raw.Signatures[0]) {
		t.Fatal("signature does not verify over the amino JSON")
	}
}
