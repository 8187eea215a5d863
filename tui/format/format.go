// Package format renders numbers, amounts, sizes and durations the way every screen shows
// them, so "1.5 AKT" and "3d 4h" look the same everywhere.
package format

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Int renders n with thousands separators: 1234567 → "1,234,567".
func Int(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Micro renders a micro-unit amount as whole units with up to six decimals, trailing zeros
// trimmed: 1500000 → "1.5".
func Micro(u uint64) string {
	whole, frac := u/1_000_000, u%1_000_000
	s := Int(int64(whole))
	if frac == 0 {
		return s
	}
	return s + "." + strings.TrimRight(fmt.Sprintf("%06d", frac), "0")
}

// MicroF renders a fractional micro-unit amount as units with a precision fitting its size.
func MicroF(u float64) string {
	v := u / 1e6
	switch {
	case v == 0:
		return "0"
	case math.Abs(v) >= 1000:
		return Int(int64(math.Round(v)))
	case math.Abs(v) >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case math.Abs(v) >= 0.01:
		return strconv.FormatFloat(v, 'f', 4, 64)
	default:
		return strconv.FormatFloat(v, 'f', 6, 64)
	}
}

// Price renders a per-block price in uact with enough precision to compare bids.
func Price(uact float64) string {
	switch {
	case uact >= 1000:
		return Int(int64(math.Round(uact)))
	case uact >= 10:
		return strconv.FormatFloat(uact, 'f', 1, 64)
	default:
		return strconv.FormatFloat(uact, 'f', 3, 64)
	}
}

// Bytes renders a size with binary units: 536870912 → "512Mi".
func Bytes(n uint64) string {
	const unit = 1024
	if n < unit {
		return strconv.FormatUint(n, 10)
	}
	units := []string{"Ki", "Mi", "Gi", "Ti", "Pi"}
	v := float64(n)
	i := -1
	for v >= unit && i < len(units)-1 {
		v /= unit
		i++
	}
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64) + units[i]
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + units[i]
}

// Duration renders a coarse duration for people: "45s", "12m", "3h 20m", "4d 6h", "∞".
func Duration(d time.Duration) string {
	switch {
	case d < 0:
		return "0s"
	case d >= 100*365*24*time.Hour:
		return "∞"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm %02ds", int(d.Minutes()), int(d.Seconds())%60)
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh %02dm", int(d.Hours()), int(d.Minutes())%60)
	default:
		return fmt.Sprintf("%dd %dh", int(d.Hours())/24, int(d.Hours())%24)
	}
}

// ShortAddress shortens a bech32 address to its prefix and last characters:
// akash1qy…x9z4.
func ShortAddress(a string) string {
	if len(a) <= 16 {
		return a
	}
	return a[:8] + "…" + a[len(a)-5:]
}

// Cores renders CPU cores: 0.5 → "0.5", 2 → "2".
func Cores(c float64) string { return strconv.FormatFloat(c, 'f', -1, 64) }

// ParseBytes reads a size as SDLs write it: "512Mi", "32Gi", "1Ti", "100G", "1.5Gi", "1024".
func ParseBytes(s string) (uint64, error) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   float64
	}{{"Ki", 1 << 10}, {"Mi", 1 << 20}, {"Gi", 1 << 30}, {"Ti", 1 << 40}, {"Pi", 1 << 50},
		{"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}, {"P", 1e15}}
	mult := 1.0
	num := s
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			mult, num = u.mult, strings.TrimSuffix(s, u.suffix)
			break
		}
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v <= 0 || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a size: use a number with Mi, Gi or Ti, e.g. 512Mi", s)
	}
	return uint64(math.Round(v * mult)), nil
}

// ParseMicro reads a positive amount in whole units with at most six decimals ("2.5") as
// micro-units (2500000).
func ParseMicro(s string) (uint64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("required")
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 6 {
		return 0, fmt.Errorf("at most 6 decimals (1 micro-unit = 0.000001)")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 || whole == "" && frac == "" || math.IsInf(f, 0) {
		return 0, fmt.Errorf("enter a positive amount such as 10 or 2.5")
	}
	return uint64(math.Round(f * 1e6)), nil
}
