package jwt

import (
	"crypto/sha256"
	"fmt"
	"strings"

	//lint:ignore SA1019 Cosmos account addresses are defined with RIPEMD-160.
	"golang.org/x/crypto/ripemd160"
)

// AccountPrefix is the bech32 human-readable part of Akash account addresses.
const AccountPrefix = "akash"

// AccountAddress returns the bech32 account address (akash1...) of a 33-byte compressed
// secp256k1 public key: bech32(ripemd160(sha256(pubkey))), as the Cosmos SDK derives it.
func AccountAddress(pubKey []byte) (string, error) {
	if len(pubKey) != 33 {
		return "", fmt.Errorf("deriving account address: public key is %d bytes, want 33 (compressed secp256k1)", len(pubKey))
	}
	sum := sha256.Sum256(pubKey)
	h := ripemd160.New()
	h.Write(sum[:])
	return bech32Encode(AccountPrefix, h.Sum(nil)), nil
}

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

func bech32Polymod(values []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := 0; i < 5; i++ {
			if (top>>uint(i))&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}

// bech32Encode encodes data (8-bit bytes) under hrp with the original bech32 checksum.
func bech32Encode(hrp string, data []byte) string {
	// Regroup 8-bit bytes into 5-bit groups, padding the last one.
	var groups []byte
	acc, bits := uint32(0), uint(0)
	for _, b := range data {
		acc = acc<<8 | uint32(b)
		bits += 8
		for bits >= 5 {
			bits -= 5
			groups = append(groups, byte(acc>>bits)&31)
		}
	}
	if bits > 0 {
		groups = append(groups, byte(acc<<(5-bits))&31)
	}
	values := make([]byte, 0, len(hrp)*2+1+len(groups)+6)
	for i := 0; i < len(hrp); i++ {
		values = append(values, hrp[i]>>5)
	}
	values = append(values, 0)
	for i := 0; i < len(hrp); i++ {
		values = append(values, hrp[i]&31)
	}
	values = append(values, groups...)
	values = append(values, 0, 0, 0, 0, 0, 0)
	mod := bech32Polymod(values) ^ 1
	var sb strings.Builder
	sb.WriteString(hrp)
	sb.WriteByte('1')
	for _, g := range groups {
		sb.WriteByte(bech32Charset[g])
	}
	for i := 0; i < 6; i++ {
		sb.WriteByte(bech32Charset[(mod>>uint(5*(5-i)))&31])
	}
	return sb.String()
}
