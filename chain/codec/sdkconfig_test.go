package codec

import (
	"strings"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

func TestConfigureSDK(t *testing.T) {
	t.Parallel()
	ConfigureSDK()
	ConfigureSDK()
	addr := sdk.AccAddress(make([]byte, 20)).String()
	if !strings.HasPrefix(addr, "akash1") {
		t.Fatalf("account address %q lacks the akash prefix", addr)
	}
	if v := sdk.ValAddress(make([]byte, 20)).String(); !strings.HasPrefix(v, "akashvaloper1") {
		t.Fatalf("validator address %q lacks the akashvaloper prefix", v)
	}
}
