package sdl

import "strconv"

// commonSize returns the size in bytes, as text, of the sizes SDLs write
// most often (the corpus's commonest memory and storage sizes), or "" for
// any other: a switch on constant strings is a few word comparisons, where
// reading the size and formatting its bytes costs hundreds of instructions
// and text in the SDL's block. TestCommonSize holds each to parseSize.
func commonSize(s string) string {
	switch s {
	case "128Mi":
		return "134217728"
	case "256Mi":
		return "268435456"
	case "512Mi":
		return "536870912"
	case "768Mi":
		return "805306368"
	case "1Gi":
		return "1073741824"
	case "2Gi":
		return "2147483648"
	case "3Gi":
		return "3221225472"
	case "4Gi":
		return "4294967296"
	case "5Gi":
		return "5368709120"
	case "8Gi":
		return "8589934592"
	case "10Gi":
		return "10737418240"
	case "16Gi":
		return "17179869184"
	case "20Gi":
		return "21474836480"
	case "32Gi":
		return "34359738368"
	case "50Gi":
		return "53687091200"
	case "64Gi":
		return "68719476736"
	case "100Gi":
		return "107374182400"
	case "128Gi":
		return "137438953472"
	case "256Gi":
		return "274877906944"
	}
	return ""
}

// cpuTexts holds the text of the CPU millicores SDLs write most often:
// cpuTexts[k] is 100k for k < 10 and 1000(k-9) (whole cores up to
// maxCPUText) from there on. Made once, so that a common CPU amount costs
// no formatting and no text in the SDL's block.
var cpuTexts = func() (t [10 + maxCPUText/1000]string) {
	for k := range t {
		if k < 10 {
			t[k] = strconv.Itoa(100 * k)
		} else {
			t[k] = strconv.Itoa(1000 * (k - 9))
		}
	}
	return t
}()

// maxCPUText is the largest number of millicores cpuTexts holds.
const maxCPUText = 128000

// cpuText is the text of milli millicores (a whole number of at least
// 10), from cpuTexts when it is there.
func (a *arena) cpuText(milli float64) string {
	if milli < 1000 {
		if k := int(milli) / 100; float64(100*k) == milli {
			return cpuTexts[k]
		}
	} else if milli <= maxCPUText {
		if k := int(milli) / 1000; float64(1000*k) == milli {
			return cpuTexts[9+k]
		}
	}
	return a.number(milli)
}
