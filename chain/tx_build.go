package chain

import (
	"context"
	"encoding/hex"
	"fmt"
	"strings"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	signingtypes "github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	"github.com/cosmos/gogoproto/proto"
)

// Msg is a transaction message (a Cosmos SDK or Akash protobuf message).
// Build them with the New* constructors of this package.
type Msg = sdk.Msg

// MsgSummary describes one message of a plan in words.
type MsgSummary struct {
	TypeURL string `json:"type_url"`
	Text    string `json:"text"`
}

// Plan is a prepared, unsigned transaction: everything the confirm dialog
// shows (messages in words, fee, gas, signer, network) plus what signing
// needs. Broadcast signs exactly this plan.
type Plan struct {
	ChainID       string       `json:"chain_id"`
	Signer        string       `json:"signer"`
	Messages      []MsgSummary `json:"messages"`
	Gas           uint64       `json:"gas"`
	GasEstimated  bool         `json:"gas_estimated"`
	Fee           []Coin       `json:"fee"`
	FeeGranter    string       `json:"fee_granter,omitempty"`
	Memo          string       `json:"memo,omitempty"`
	AccountNumber uint64       `json:"account_number"`
	Sequence      uint64       `json:"sequence"`
	TimeoutHeight uint64       `json:"timeout_height,omitempty"`

	msgs   []sdk.Msg
	pubKey []byte
	mode   SignMode
}

// Msgs returns the plan's messages.
func (p *Plan) Msgs() []Msg { return append([]Msg(nil), p.msgs...) }

// body builds the TxBody of the plan.
func (p *Plan) body() (*txtypes.TxBody, error) {
	anys := make([]*codectypes.Any, 0, len(p.msgs))
	for _, m := range p.msgs {
		a, err := codectypes.NewAnyWithValue(m)
		if err != nil {
			return nil, fmt.Errorf("packing %s: %w", sdk.MsgTypeURL(m), err)
		}
		anys = append(anys, a)
	}
	return &txtypes.TxBody{Messages: anys, Memo: p.Memo, TimeoutHeight: p.TimeoutHeight}, nil
}

// authInfo builds the AuthInfo with one signer in the plan's sign mode.
func (p *Plan) authInfo() (*txtypes.AuthInfo, error) {
	pk, err := codectypes.NewAnyWithValue(&secp256k1.PubKey{Key: p.pubKey})
	if err != nil {
		return nil, fmt.Errorf("packing public key: %w", err)
	}
	fee, err := toSDKCoins(p.Fee)
	if err != nil {
		return nil, fmt.Errorf("fee: %w", err)
	}
	return &txtypes.AuthInfo{
		SignerInfos: []*txtypes.SignerInfo{{
			PublicKey: pk,
			ModeInfo:  &txtypes.ModeInfo{Sum: &txtypes.ModeInfo_Single_{Single: &txtypes.ModeInfo_Single{Mode: p.mode.sdk()}}},
			Sequence:  p.Sequence,
		}},
		Fee: &txtypes.Fee{Amount: fee, GasLimit: p.Gas, Granter: p.FeeGranter},
	}, nil
}

// rawParts encodes the body and auth info.
func (p *Plan) rawParts() (body, authInfo []byte, err error) {
	b, err := p.body()
	if err != nil {
		return nil, nil, err
	}
	a, err := p.authInfo()
	if err != nil {
		return nil, nil, err
	}
	if body, err = proto.Marshal(b); err != nil {
		return nil, nil, fmt.Errorf("encoding tx body: %w", err)
	}
	if authInfo, err = proto.Marshal(a); err != nil {
		return nil, nil, fmt.Errorf("encoding auth info: %w", err)
	}
	return body, authInfo, nil
}

// SignBytes returns the bytes the signer signs: the protobuf SignDoc for
// direct mode, the amino JSON document for amino-JSON signers.
func (p *Plan) SignBytes(enc *Encoding) ([]byte, error) {
	body, authInfo, err := p.rawParts()
	if err != nil {
		return nil, err
	}
	if p.mode == SignModeDirect {
		doc := &txtypes.SignDoc{BodyBytes: body, AuthInfoBytes: authInfo, ChainId: p.ChainID, AccountNumber: p.AccountNumber}
		bz, err := proto.Marshal(doc)
		if err != nil {
			return nil, fmt.Errorf("encoding sign doc: %w", err)
		}
		return bz, nil
	}
	raw, err := proto.Marshal(&txtypes.TxRaw{BodyBytes: body, AuthInfoBytes: authInfo, Signatures: [][]byte{{}}})
	if err != nil {
		return nil, fmt.Errorf("encoding tx: %w", err)
	}
	tx, err := enc.TxConfig.TxDecoder()(raw)
	if err != nil {
		return nil, fmt.Errorf("decoding tx for amino JSON signing: %w", err)
	}
	data := authsigning.SignerData{
		Address: p.Signer, ChainID: p.ChainID, AccountNumber: p.AccountNumber, Sequence: p.Sequence,
		PubKey: &secp256k1.PubKey{Key: p.pubKey},
	}
	bz, err := authsigning.GetSignBytesAdapter(context.Background(), enc.TxConfig.SignModeHandler(), signingtypes.SignMode_SIGN_MODE_LEGACY_AMINO_JSON, data, tx)
	if err != nil {
		return nil, fmt.Errorf("building amino JSON sign bytes: %w", err)
	}
	return bz, nil
}

// SignedTx is a signed transaction ready for broadcast.
type SignedTx struct {
	Bytes []byte
	// Hash is the upper-case hex SHA-256 of Bytes, as CometBFT shows it.
	Hash string
}

// encodeTx builds the TxRaw of the plan with the given signature (empty for
// simulation).
func (p *Plan) encodeTx(sig []byte) (SignedTx, error) {
	body, authInfo, err := p.rawParts()
	if err != nil {
		return SignedTx{}, err
	}
	bz, err := proto.Marshal(&txtypes.TxRaw{BodyBytes: body, AuthInfoBytes: authInfo, Signatures: [][]byte{sig}})
	if err != nil {
		return SignedTx{}, fmt.Errorf("encoding tx: %w", err)
	}
	return SignedTx{Bytes: bz, Hash: TxHash(bz)}, nil
}

// Sign signs the plan with signer, whose address must be the plan's.
func Sign(ctx context.Context, enc *Encoding, p *Plan, signer Signer) (SignedTx, error) {
	if signer.Address() != p.Signer {
		return SignedTx{}, fmt.Errorf("plan is for %s but the signer is %s", p.Signer, signer.Address())
	}
	sb, err := p.SignBytes(enc)
	if err != nil {
		return SignedTx{}, err
	}
	sig, err := signer.Sign(ctx, sb)
	if err != nil {
		return SignedTx{}, err
	}
	return p.encodeTx(sig)
}

// UnsignedJSON renders the unsigned transaction as the SDK's proto JSON.
func (p *Plan) UnsignedJSON(enc *Encoding) ([]byte, error) {
	b, err := p.body()
	if err != nil {
		return nil, err
	}
	a, err := p.authInfo()
	if err != nil {
		return nil, err
	}
	bz, err := enc.Codec.MarshalJSON(&txtypes.Tx{Body: b, AuthInfo: a, Signatures: [][]byte{}})
	if err != nil {
		return nil, fmt.Errorf("rendering unsigned tx as JSON: %w", err)
	}
	return bz, nil
}

// TxHash returns the CometBFT hash (upper-case hex SHA-256) of tx bytes.
func TxHash(tx []byte) string {
	return strings.ToUpper(hex.EncodeToString(sha256Sum(tx)))
}
