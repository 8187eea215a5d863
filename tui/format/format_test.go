package format

import (
	"testing"
	"time"
)

func TestFormats(t *testing.T) {
	t.Parallel()
	tests := []struct{ got, want string }{
		{Int(0), "0"}, {Int(1234567), "1,234,567"}, {Int(-1234), "-1,234"},
		{Micro(0), "0"}, {Micro(1_500_000), "1.5"}, {Micro(125_000_001), "125.000001"},
		{MicroF(2_500_000), "2.50"}, {MicroF(12_345), "0.0123"}, {MicroF(3e9), "3,000"},
		{Bytes(512), "512"}, {Bytes(1 << 30), "1Gi"}, {Bytes(1536 << 20), "1.5Gi"},
		{Duration(45 * time.Second), "45s"}, {Duration(3*time.Hour + 20*time.Minute), "3h 20m"},
		{Duration(100 * time.Hour), "4d 4h"}, {Duration(-time.Second), "0s"},
		{ShortAddress("akash1qyq5j0x2zvd9lq5k3n8gq0ht2zq7f8u6w9x4z3"), "akash1qy…9x4z3"},
		{Price(0.5), "0.500"}, {Price(42.25), "42.2"}, {Price(12345.6), "12,346"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestParseBytes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want uint64
		ok   bool
	}{
		{"512Mi", 512 << 20, true}, {"32Gi", 32 << 30, true}, {"1.5Gi", 1536 << 20, true},
		{"100G", 100e9, true}, {"1024", 1024, true}, {"", 0, false}, {"Gi", 0, false}, {"-1Gi", 0, false}, {"12 apples", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseBytes(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
