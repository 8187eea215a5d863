package shell

import (
	"testing"
)

func TestResizeRoundTrip(t *testing.T) {
	t.Parallel()
	for _, s := range []TermSize{{0, 0}, {80, 24}, {65535, 1}, {300, 65535}} {
		got, err := DecodeResize(EncodeResize(s))
		if err != nil || got != s {
			t.Errorf("resize %v -> %v, %v", s, got, err)
		}
	}
	if b := EncodeResize(TermSize{Width: 0x0102, Height: 0x0304}); string(b) != "\x01\x02\x03\x04" {
		t.Errorf("resize payload %x, want width then height big-endian", b)
	}
	if _, err := DecodeResize([]byte{1, 2, 3}); err == nil {
		t.Error("3-byte resize payload accepted")
	}
}

func TestDecodeResult(t *testing.T) {
	t.Parallel()
	r, err := DecodeResult([]byte(`{"exit_code":3,"message":"command terminated with exit code 3"}`))
	if err != nil || r.ExitCode != 3 || r.Message == "" {
		t.Fatalf("DecodeResult = %+v, %v", r, err)
	}
	if _, err := DecodeResult([]byte(`nope`)); err == nil {
		t.Fatal("bad result JSON accepted")
	}
}

// FuzzDecode checks the payload decoders never panic and round-trip what they accept.
func FuzzDecode(f *testing.F) {
	f.Add([]byte{0, 80, 0, 24})
	f.Add([]byte(`{"exit_code":1,"message":"x"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if s, err := DecodeResize(b); err == nil && string(EncodeResize(s)) != string(b) {
			t.Fatalf("resize %x decoded to %v, re-encoded differently", b, s)
		}
		_, _ = DecodeResult(b)
	})
}
