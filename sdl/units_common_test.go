package sdl

import (
	"strconv"
	"testing"
)

// TestCommonSize holds commonSize to parseSize over every size of up to
// four digits with each unit (which covers every entry of its table), and
// checks that the commonest sizes take the table.
func TestCommonSize(t *testing.T) {
	t.Parallel()
	found := 0
	for n := 0; n < 10000; n++ {
		for _, unit := range []string{"", "k", "M", "G", "T", "Ki", "Mi", "Gi", "Ti", "gi", "GB"} {
			s := strconv.Itoa(n) + unit
			text := commonSize(s)
			if text == "" {
				continue
			}
			found++
			bytes, u, ok := parseSize(s)
			if !ok || !isCanonicalUnit(u) || text != jsNumber(bytes) {
				t.Errorf("commonSize(%q) = %q, parseSize gives %s (unit %q, ok %v)", s, text, jsNumber(bytes), u, ok)
			}
		}
	}
	if found == 0 {
		t.Fatal("no size took the table")
	}
	for _, s := range []string{"512Mi", "1Gi", "128Mi", "2Gi", "10Gi"} {
		if commonSize(s) == "" {
			t.Errorf("commonSize(%q) is empty: the commonest sizes should take the table", s)
		}
	}
	for _, s := range []string{"", "1", "1G", "1gi", "1GiB", "0.5Gi", "01Gi", "1Gi ", "1.0Gi"} {
		if text := commonSize(s); text != "" {
			t.Errorf("commonSize(%q) = %q, want none", s, text)
		}
	}
}

// TestCPUText holds cpuText to number over every amount of millicores it
// may be given, up to past the end of its table.
func TestCPUText(t *testing.T) {
	t.Parallel()
	var a arena
	for milli := 10.0; milli <= maxCPUText+2000; milli++ {
		if got, want := a.cpuText(milli), jsNumber(milli); got != want {
			t.Fatalf("cpuText(%v) = %q, want %q", milli, got, want)
		}
	}
	for _, milli := range []float64{1e15, 123456789} {
		if got, want := a.cpuText(milli), jsNumber(milli); got != want {
			t.Errorf("cpuText(%v) = %q, want %q", milli, got, want)
		}
	}
}
