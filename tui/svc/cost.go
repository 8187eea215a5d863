package svc

import (
	"math"
	"time"
)

// HoursPerMonth is the month used for monthly estimates (365.25 days / 12).
const HoursPerMonth = 730.5

// BlocksPerHour at an average block time (DefaultBlockTime when bt is 0).
func BlocksPerHour(bt time.Duration) float64 {
	if bt <= 0 {
		bt = DefaultBlockTime
	}
	return float64(time.Hour) / float64(bt)
}

// PerHour converts a per-block price to a per-hour cost in the same unit.
func PerHour(perBlock float64, bt time.Duration) float64 { return perBlock * BlocksPerHour(bt) }

// PerMonth converts a per-block price to a per-month cost in the same unit.
func PerMonth(perBlock float64, bt time.Duration) float64 {
	return PerHour(perBlock, bt) * HoursPerMonth
}

// Runway is how long an escrow balance lasts at a per-block price; the maximum duration when
// nothing is being spent.
func Runway(escrow, perBlock float64, bt time.Duration) time.Duration {
	if bt <= 0 {
		bt = DefaultBlockTime
	}
	if perBlock <= 0 {
		return time.Duration(math.MaxInt64)
	}
	blocks := escrow / perBlock
	if blocks*float64(bt) >= float64(math.MaxInt64) {
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(blocks * float64(bt))
}
