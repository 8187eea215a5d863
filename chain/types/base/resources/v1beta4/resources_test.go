package resourcesv1beta4

import (
	"bytes"
	"testing"
)

// TestResourceValueWireForm checks val travels as the decimal text of the
// quantity, as the chain's math.Int marshalling does.
func TestResourceValueWireForm(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   uint64
		want string
	}{
		{0, "0"},
		{1000, "1000"},
		{512 << 20, "536870912"},
		{1<<64 - 1, "18446744073709551615"},
	}
	for _, tc := range cases {
		v := NewResourceValue(tc.in)
		raw, err := v.Marshal()
		if err != nil {
			t.Fatalf("marshal %d: %v", tc.in, err)
		}
		want := append([]byte{0x0a, byte(len(tc.want))}, tc.want...)
		if !bytes.Equal(raw, want) {
			t.Errorf("NewResourceValue(%d) encodes as %x, want %x", tc.in, raw, want)
		}
		var back ResourceValue
		if err := back.Unmarshal(raw); err != nil {
			t.Fatalf("unmarshal %d: %v", tc.in, err)
		}
		if back.Uint64() != tc.in {
			t.Errorf("round trip of %d gave %d", tc.in, back.Uint64())
		}
	}
}

func TestResourceValueUnsetIsZero(t *testing.T) {
	t.Parallel()
	if got := (ResourceValue{}).Uint64(); got != 0 {
		t.Fatalf("unset value = %d, want 0", got)
	}
}
