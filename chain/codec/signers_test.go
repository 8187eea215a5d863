package codec

import (
	"bytes"
	"context"
	"testing"

	sdkmath "cosmossdk.io/math"
	txsigning "cosmossdk.io/x/tx/signing"
	"github.com/cosmos/cosmos-sdk/client"
	clienttx "github.com/cosmos/cosmos-sdk/client/tx"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	signingtypes "github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	"google.golang.org/protobuf/types/known/anypb"

	auditv1 "github.com/akt-project/akt/chain/types/audit/v1"
	bmev1 "github.com/akt-project/akt/chain/types/bme/v1"
	certv1 "github.com/akt-project/akt/chain/types/cert/v1"
	deploymentv1 "github.com/akt-project/akt/chain/types/deployment/v1"
	deploymentv1beta4 "github.com/akt-project/akt/chain/types/deployment/v1beta4"
	marketv1 "github.com/akt-project/akt/chain/types/market/v1"
	marketv1beta5 "github.com/akt-project/akt/chain/types/market/v1beta5"
	providerv1beta4 "github.com/akt-project/akt/chain/types/provider/v1beta4"
)

func newTestCodec(t *testing.T) *Codec {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatalf("codec.New: %v", err)
	}
	return c
}

// TestSigningContextValidates checks every Msg service method registered in
// the proto files has a way to find its signers.
func TestSigningContextValidates(t *testing.T) {
	t.Parallel()
	c := newTestCodec(t)
	if err := c.InterfaceRegistry.SigningContext().Validate(); err != nil {
		t.Fatalf("signing context: %v", err)
	}
}

func TestMessageSigners(t *testing.T) {
	t.Parallel()
	c := newTestCodec(t)
	owner, ownerRaw := testAddr(t, "owner")
	provider, providerRaw := testAddr(t, "provider")
	other, otherRaw := testAddr(t, "other")
	bid := sampleBidID(owner, provider)
	lease := bid.LeaseID()
	group := deploymentv1.GroupID{Owner: owner, DSeq: 1234, GSeq: 1}
	did := group.DeploymentID()
	cases := []struct {
		name string
		msg  sdk.Msg
		want []byte
	}{
		{"create deployment", sampleCreateDeployment(owner), ownerRaw},
		{"update deployment", &deploymentv1beta4.MsgUpdateDeployment{ID: did, Hash: []byte{1}}, ownerRaw},
		{"close deployment", &deploymentv1beta4.MsgCloseDeployment{ID: did}, ownerRaw},
		{"close group", &deploymentv1beta4.MsgCloseGroup{ID: group}, ownerRaw},
		{"pause group", &deploymentv1beta4.MsgPauseGroup{ID: group}, ownerRaw},
		{"start group", &deploymentv1beta4.MsgStartGroup{ID: group}, ownerRaw},
		{"create lease", &marketv1beta5.MsgCreateLease{BidID: bid}, ownerRaw},
		{"close lease", &marketv1beta5.MsgCloseLease{ID: lease, Reason: marketv1.LeaseClosedOwner}, ownerRaw},
		{"create bid", &marketv1beta5.MsgCreateBid{ID: bid}, providerRaw},
		{"close bid", &marketv1beta5.MsgCloseBid{ID: bid}, providerRaw},
		{"withdraw lease", &marketv1beta5.MsgWithdrawLease{ID: lease}, providerRaw},
		{"lease start reclaim", &marketv1beta5.MsgLeaseStartReclaim{ID: lease}, providerRaw},
		{"account deposit", sampleDeposit(other, owner), otherRaw},
		{"create certificate", &certv1.MsgCreateCertificate{Owner: owner}, ownerRaw},
		{"revoke certificate", &certv1.MsgRevokeCertificate{ID: certv1.ID{Owner: owner, Serial: "1"}}, ownerRaw},
		{"create provider", &providerv1beta4.MsgCreateProvider{Owner: provider}, providerRaw},
		{"sign attributes", &auditv1.MsgSignProviderAttributes{Owner: provider, Auditor: other}, otherRaw},
		{"mint act", &bmev1.MsgMintACT{Owner: owner, To: owner, CoinsToBurn: sdk.NewInt64Coin("uakt", 1)}, ownerRaw},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, _, err := c.Proto.GetMsgV1Signers(tc.msg)
			if err != nil {
				t.Fatalf("signers of %T: %v", tc.msg, err)
			}
			if len(got) != 1 || !bytes.Equal(got[0], tc.want) {
				t.Fatalf("signers of %T = %x, want [%x]", tc.msg, got, tc.want)
			}
		})
	}
}

func TestMessageSignerBadAddress(t *testing.T) {
	t.Parallel()
	c := newTestCodec(t)
	_, _, err := c.Proto.GetMsgV1Signers(&deploymentv1beta4.MsgCloseDeployment{ID: deploymentv1.DeploymentID{Owner: "cosmos1notakash", DSeq: 1}})
	if err == nil {
		t.Fatal("want an error for a non-akash owner address")
	}
}

// TestSignTxWithDeploymentAndLease builds, signs (SIGN_MODE_DIRECT), encodes
// and decodes a tx holding MsgCreateDeployment and MsgCreateLease, and checks
// the SDK finds the owner as the single signer and the signature verifies.
func TestSignTxWithDeploymentAndLease(t *testing.T) {
	t.Parallel()
	c := newTestCodec(t)
	key, owner := testKey(t, "tenant")
	provider, _ := testAddr(t, "provider")

	builder := c.TxConfig.NewTxBuilder()
	if err := builder.SetMsgs(sampleCreateDeployment(owner), &marketv1beta5.MsgCreateLease{BidID: sampleBidID(owner, provider)}); err != nil {
		t.Fatalf("setting msgs: %v", err)
	}
	builder.SetGasLimit(200_000)
	builder.SetFeeAmount(sdk.NewCoins(sdk.NewCoin("uakt", sdkmath.NewInt(5000))))

	signerData := authsigning.SignerData{
		Address: owner, ChainID: "akt-test-1", AccountNumber: 7, Sequence: 3,
		PubKey: key.PubKey(),
	}
	// DIRECT signs over AuthInfo, so the signer info goes in first.
	empty := signingtypes.SignatureV2{
		PubKey:   key.PubKey(),
		Data:     &signingtypes.SingleSignatureData{SignMode: signingtypes.SignMode_SIGN_MODE_DIRECT},
		Sequence: 3,
	}
	if err := builder.SetSignatures(empty); err != nil {
		t.Fatalf("setting signer info: %v", err)
	}
	sig, err := clienttx.SignWithPrivKey(context.Background(), signingtypes.SignMode_SIGN_MODE_DIRECT,
		signerData, builder, key, c.TxConfig, 3)
	if err != nil {
		t.Fatalf("signing: %v", err)
	}
	if err := builder.SetSignatures(sig); err != nil {
		t.Fatalf("setting signature: %v", err)
	}
	raw, err := c.TxConfig.TxEncoder()(builder.GetTx())
	if err != nil {
		t.Fatalf("encoding tx: %v", err)
	}
	decoded, err := c.TxConfig.TxDecoder()(raw)
	if err != nil {
		t.Fatalf("decoding tx: %v", err)
	}
	sigTx, ok := decoded.(authsigning.SigVerifiableTx)
	if !ok {
		t.Fatalf("decoded tx %T is not verifiable", decoded)
	}
	signers, err := sigTx.GetSigners()
	if err != nil {
		t.Fatalf("signers: %v", err)
	}
	if len(signers) != 1 || !bytes.Equal(signers[0], key.PubKey().Address()) {
		t.Fatalf("signers = %x, want [%x]", signers, key.PubKey().Address().Bytes())
	}
	verifySignature(t, c.TxConfig, decoded, signerData)
}

func verifySignature(t *testing.T, cfg client.TxConfig, decoded sdk.Tx, signerData authsigning.SignerData) {
	t.Helper()
	sigTx := decoded.(authsigning.SigVerifiableTx)
	sigs, err := sigTx.GetSignaturesV2()
	if err != nil || len(sigs) != 1 {
		t.Fatalf("signatures: %v (%d)", err, len(sigs))
	}
	adaptable, ok := decoded.(authsigning.V2AdaptableTx)
	if !ok {
		t.Fatalf("tx %T cannot be adapted for x/tx signing", decoded)
	}
	txData := adaptable.GetSigningTxData()
	data := sigs[0].Data.(*signingtypes.SingleSignatureData)
	err = authsigning.VerifySignature(context.Background(), signerData.PubKey, signerDataV2(signerData),
		data, cfg.SignModeHandler(), txData)
	if err != nil {
		t.Fatalf("verifying signature: %v", err)
	}
}

func signerDataV2(d authsigning.SignerData) txsigning.SignerData {
	anyPk, err := codectypes.NewAnyWithValue(d.PubKey)
	if err != nil {
		panic(err)
	}
	return txsigning.SignerData{
		Address: d.Address, ChainID: d.ChainID, AccountNumber: d.AccountNumber, Sequence: d.Sequence,
		PubKey: &anypb.Any{TypeUrl: anyPk.TypeUrl, Value: anyPk.Value},
	}
}
