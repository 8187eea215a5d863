package codec

import (
	"context"
	"strings"
	"testing"

	signingv1beta1 "cosmossdk.io/api/cosmos/tx/signing/v1beta1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"

	marketv1beta5 "github.com/akt-project/akt/chain/types/market/v1beta5"
)

// TestLegacyAminoJSONSignBytes checks the SDK can produce legacy amino JSON
// sign bytes (the Ledger sign mode) for akt messages, naming them by amino name.
// It does not claim the JSON equals what the chain verifies: x/tx's encoder
// uses proto field names and base64 for ResourceValue.val, while the chain's
// legacy amino JSON uses gogoproto JSON tags (deposit_sources, id for bid_id)
// and decimal text for val. Ledger signing needs that reconciled first.
func TestLegacyAminoJSONSignBytes(t *testing.T) {
	t.Parallel()
	c := newTestCodec(t)
	key, owner := testKey(t, "tenant")
	provider, _ := testAddr(t, "provider")
	builder := c.TxConfig.NewTxBuilder()
	if err := builder.SetMsgs(sampleCreateDeployment(owner), &marketv1beta5.MsgCreateLease{BidID: sampleBidID(owner, provider)},
		sampleDeposit(owner, owner)); err != nil {
		t.Fatalf("setting msgs: %v", err)
	}
	builder.SetGasLimit(100_000)
	builder.SetFeeAmount(sdk.NewCoins(sdk.NewInt64Coin("uakt", 2500)))
	data := authsigning.SignerData{Address: owner, ChainID: "akt-test-1", AccountNumber: 1, Sequence: 2, PubKey: key.PubKey()}
	adaptable, ok := builder.GetTx().(authsigning.V2AdaptableTx)
	if !ok {
		t.Fatal("tx cannot be adapted for x/tx signing")
	}
	raw, err := c.TxConfig.SignModeHandler().GetSignBytes(context.Background(),
		signingv1beta1.SignMode_SIGN_MODE_LEGACY_AMINO_JSON, signerDataV2(data), adaptable.GetSigningTxData())
	if err != nil {
		t.Fatalf("amino JSON sign bytes: %v", err)
	}
	for _, want := range []string{
		`"type":"akash-sdk/x/deployment/MsgCreateDeployment"`,
		`"type":"akash-sdk/x/market/MsgCreateLease"`,
		`"type":"akash-sdk/x/escrow/v1/"`,
		`"chain_id":"akt-test-1"`,
	} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("sign bytes lack %s:\n%s", want, raw)
		}
	}
}
