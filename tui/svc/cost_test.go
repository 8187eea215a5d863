package svc

import (
	"math"
	"testing"
	"time"
)

func TestCost(t *testing.T) {
	t.Parallel()
	bt := 6 * time.Second
	if got := BlocksPerHour(bt); got != 600 {
		t.Fatalf("BlocksPerHour(6s) = %v, want 600", got)
	}
	if got := PerHour(100, bt); got != 60_000 {
		t.Fatalf("PerHour = %v", got)
	}
	if got := PerMonth(100, bt); math.Abs(got-60_000*HoursPerMonth) > 1e-6 {
		t.Fatalf("PerMonth = %v", got)
	}
	if got := Runway(60_000, 100, bt); got != time.Hour {
		t.Fatalf("Runway = %v, want 1h", got)
	}
	if got := Runway(1, 0, bt); got != time.Duration(math.MaxInt64) {
		t.Fatalf("Runway with nothing spent = %v", got)
	}
	if BlocksPerHour(0) != BlocksPerHour(DefaultBlockTime) {
		t.Fatal("zero block time should use the default")
	}
}
