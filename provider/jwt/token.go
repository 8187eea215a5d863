package jwt

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
)

// Signer signs bytes with an account key exactly as the Cosmos keyring does: the 64-byte
// r||s (low-S) ECDSA signature of sha256(msg).
type Signer interface {
	Address() string
	Sign(ctx context.Context, msg []byte) ([]byte, error)
}

var b64 = base64.RawURLEncoding

// Header is a JWT header. Fields are in sorted key order (see Claims).
type Header struct {
	Alg Algorithm `json:"alg"`
	Typ string    `json:"typ"`
}

// marshalSorted writes v as compact JSON without HTML escaping; v's struct fields must be
// declared in sorted key order.
func marshalSorted(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// SigningInput returns base64url(header) + "." + base64url(claims) for an ES256K token.
func SigningInput(claims Claims) (string, error) {
	hdr, err := marshalSorted(Header{Alg: ES256K, Typ: "JWT"})
	if err != nil {
		return "", fmt.Errorf("encoding JWT header: %w", err)
	}
	body, err := marshalSorted(claims)
	if err != nil {
		return "", fmt.Errorf("encoding JWT claims for %s: %w", claims.Iss, err)
	}
	return b64.EncodeToString(hdr) + "." + b64.EncodeToString(body), nil
}

// Sign makes an ES256K token for claims with signer. The claims are checked against the
// schema first (not against the clock), so a malformed token is never produced.
func Sign(ctx context.Context, signer Signer, claims Claims) (string, error) {
	if err := claims.Validate(); err != nil {
		return "", fmt.Errorf("signing JWT for %s: %w", claims.Iss, err)
	}
	if claims.Iss != signer.Address() {
		return "", fmt.Errorf("signing JWT: issuer %q is not the signer's address %s", claims.Iss, signer.Address())
	}
	input, err := SigningInput(claims)
	if err != nil {
		return "", err
	}
	sig, err := signer.Sign(ctx, []byte(input))
	if err != nil {
		return "", fmt.Errorf("signing JWT for %s: %w", claims.Iss, err)
	}
	if len(sig) != 64 {
		return "", fmt.Errorf("signing JWT for %s: signer returned %d bytes, want a 64-byte r||s signature", claims.Iss, len(sig))
	}
	return input + "." + b64.EncodeToString(sig), nil
}

// Token is a JWT split into its parts.
type Token struct {
	Header       Header
	HeaderRaw    []byte // decoded header JSON
	PayloadRaw   []byte // decoded claims JSON
	Signature    []byte
	SigningInput string // the first two dot-separated parts, as received
}

// Parse splits and decodes a token without checking its signature or claims.
func Parse(token string) (*Token, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("parsing JWT: %d dot-separated parts, want 3", len(parts))
	}
	t := &Token{SigningInput: parts[0] + "." + parts[1]}
	var err error
	if t.HeaderRaw, err = b64.DecodeString(parts[0]); err != nil {
		return nil, fmt.Errorf("parsing JWT header: %w", err)
	}
	if t.PayloadRaw, err = b64.DecodeString(parts[1]); err != nil {
		return nil, fmt.Errorf("parsing JWT claims: %w", err)
	}
	if t.Signature, err = b64.DecodeString(parts[2]); err != nil {
		return nil, fmt.Errorf("parsing JWT signature: %w", err)
	}
	if err := json.Unmarshal(t.HeaderRaw, &t.Header); err != nil {
		return nil, fmt.Errorf("parsing JWT header JSON: %w", err)
	}
	if t.Header.Typ != "" && t.Header.Typ != "JWT" {
		return nil, fmt.Errorf("parsing JWT header: typ %q, want JWT", t.Header.Typ)
	}
	return t, nil
}

// ErrBadSignature reports a token whose signature does not match the public key.
var ErrBadSignature = errors.New("JWT signature does not verify with the account's public key")

// VerifySignature checks the token's signature with a 33-byte compressed secp256k1 public
// key. It accepts ES256K and ES256KADR36 and rejects every other algorithm, non-64-byte
// signatures and high-S signatures (as the Cosmos SDK does). Claims are not checked.
func VerifySignature(token string, pubKey []byte) (*Token, error) {
	t, err := Parse(token)
	if err != nil {
		return nil, err
	}
	pk, err := secp256k1.ParsePubKey(pubKey)
	if err != nil {
		return nil, fmt.Errorf("verifying JWT: parsing public key: %w", err)
	}
	var signed []byte
	switch t.Header.Alg {
	case ES256K:
		signed = []byte(t.SigningInput)
	case ES256KADR36:
		addr, err := AccountAddress(pubKey)
		if err != nil {
			return nil, fmt.Errorf("verifying JWT: %w", err)
		}
		signed = ADR36SignDoc(addr, []byte(t.SigningInput))
	default:
		return nil, fmt.Errorf("verifying JWT: unsupported algorithm %q (want %s or %s)", t.Header.Alg, ES256K, ES256KADR36)
	}
	if len(t.Signature) != 64 {
		return nil, fmt.Errorf("verifying JWT: signature is %d bytes, want 64 (r||s): %w", len(t.Signature), ErrBadSignature)
	}
	var r, s secp256k1.ModNScalar
	if overflow := r.SetByteSlice(t.Signature[:32]); overflow || r.IsZero() {
		return nil, fmt.Errorf("verifying JWT: r out of range: %w", ErrBadSignature)
	}
	if overflow := s.SetByteSlice(t.Signature[32:]); overflow || s.IsZero() {
		return nil, fmt.Errorf("verifying JWT: s out of range: %w", ErrBadSignature)
	}
	if s.IsOverHalfOrder() {
		return nil, fmt.Errorf("verifying JWT: signature is not low-S: %w", ErrBadSignature)
	}
	digest := sha256.Sum256(signed)
	if !ecdsa.NewSignature(&r, &s).Verify(digest[:], pk) {
		return nil, ErrBadSignature
	}
	return t, nil
}

// ADR36SignDoc returns the amino-JSON bytes of the ADR-036 sign doc a wallet signs for
// arbitrary data: sorted keys, no whitespace, data as standard base64, chain id "",
// account number and sequence "0", an empty fee and memo.
func ADR36SignDoc(signer string, data []byte) []byte {
	type value struct {
		Data   string `json:"data"`
		Signer string `json:"signer"`
	}
	type msg struct {
		Type  string `json:"type"`
		Value value  `json:"value"`
	}
	type fee struct {
		Amount []struct{} `json:"amount"`
		Gas    string     `json:"gas"`
	}
	type doc struct {
		AccountNumber string `json:"account_number"`
		ChainID       string `json:"chain_id"`
		Fee           fee    `json:"fee"`
		Memo          string `json:"memo"`
		Msgs          []msg  `json:"msgs"`
		Sequence      string `json:"sequence"`
	}
	d := doc{
		AccountNumber: "0",
		Fee:           fee{Amount: []struct{}{}, Gas: "0"},
		Msgs: []msg{{Type: "sign/MsgSignData", Value: value{
			Data: base64.StdEncoding.EncodeToString(data), Signer: signer,
		}}},
		Sequence: "0",
	}
	// encoding/json escapes <, > and & as \u003c, \u003e, \u0026, as amino JSON does.
	out, err := json.Marshal(d)
	if err != nil {
		panic(fmt.Sprintf("encoding ADR-036 sign doc: %v", err)) // plain strings cannot fail
	}
	return out
}
