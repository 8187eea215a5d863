package chain

import (
	"strings"
	"testing"

	"github.com/cosmos/cosmos-sdk/types/bech32"
)

func TestReadableLog(t *testing.T) {
	t.Parallel()
	raw := []byte{0xfe, 0x29, 0x01, 0x8c, 0x67, 0xab, 0x56, 0xd1, 0x94, 0x2b, 0x9e, 0x45, 0xa1, 0x6e, 0x09, 0x2d, 0xc4, 0x80, 0x10, 0xff}
	granter, err := bech32.ConvertAndEncode("akash", raw)
	if err != nil {
		t.Fatal(err)
	}
	log := "rpc error: code = Unknown desc = " + string(raw) + " does not allow to pay fees: fee-grant not found: not found [/root/go/pkg/mod/cosmossdk.io/errors@v1.0.2/errors.go:151] with gas used: '7918': unknown request"
	e := newTxError("simulate", "", "sdk", 6, log)
	tc := &TxClient{opts: txOptions{feeGranter: granter}}
	tc.nameAddresses(e, nil)
	want := granter + " does not allow to pay fees: fee-grant not found: not found"
	if got := e.ReadableLog(); got != want {
		t.Errorf("ReadableLog() = %q, want %q", got, want)
	}
	coerced := newTxError("simulate", "", "sdk", 6, coerceUTF8(raw)+" does not allow to pay fees")
	tc.nameAddresses(coerced, nil)
	if got := coerced.ReadableLog(); got != granter+" does not allow to pay fees" {
		t.Errorf("ReadableLog() of a JSON-coerced log = %q", got)
	}
	if e.Log != log {
		t.Error("Log must keep the chain's raw text")
	}
	if !strings.Contains(e.Error(), want) {
		t.Errorf("Error() = %q", e.Error())
	}
}
