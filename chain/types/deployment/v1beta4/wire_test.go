package deploymentv1beta4

import (
	"bytes"
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// TestDecCoinWireForm checks a ResourceUnit price travels as the LegacyDec
// integer scaled by 10^18, without a decimal point.
func TestDecCoinWireForm(t *testing.T) {
	t.Parallel()
	cases := []struct {
		price math.LegacyDec
		want  string
	}{
		{math.LegacyNewDec(1000), "1000000000000000000000"},
		{math.LegacyMustNewDecFromStr("0.5"), "500000000000000000"},
		{math.LegacyMustNewDecFromStr("12.345"), "12345000000000000000"},
	}
	for _, tc := range cases {
		unit := ResourceUnit{Count: 1, Price: sdk.NewDecCoinFromDec("uact", tc.price)}
		raw, err := unit.Marshal()
		if err != nil {
			t.Fatalf("marshal %s: %v", tc.price, err)
		}
		// field 3 (price): DecCoin{1: "uact", 2: amount text}.
		coin := append([]byte{0x0a, 4}, "uact"...)
		coin = append(coin, 0x12, byte(len(tc.want)))
		coin = append(coin, tc.want...)
		tail := append([]byte{0x1a, byte(len(coin))}, coin...)
		if !bytes.HasSuffix(raw, tail) {
			t.Errorf("price %s encodes as %x, want suffix %x", tc.price, raw, tail)
		}
		var back ResourceUnit
		if err := back.Unmarshal(raw); err != nil {
			t.Fatalf("unmarshal %s: %v", tc.price, err)
		}
		if !back.Price.Amount.Equal(tc.price) {
			t.Errorf("round trip of %s gave %s", tc.price, back.Price.Amount)
		}
	}
}
