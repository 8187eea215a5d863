package sdl

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user+system CPU time (all threads, GC included).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCorpus parses every corpus file and builds its groups, manifest
// and version, like `akt sdl inspect`. ns/file is the figure compared with
// the TS SDK by scripts/bench-sdl.sh, with cpu-ns/file (process CPU time,
// garbage collection included) as the steadier figure on a busy machine.
func BenchmarkCorpus(b *testing.B) {
	rows := loadCorpus(b)
	files := make([][]byte, len(rows))
	for i, r := range rows {
		files[i] = r.Data
	}
	benchFiles(b, files)
}

// BenchmarkCorpusBothAccept is BenchmarkCorpus over the files that both akt
// and the official TS SDK (as official-results.tsv records it) accept: the
// files on which both do the same work, parse, groups, manifest and version,
// where on the others each stops at its own first error or goes on where the
// other stopped. scripts/bench-sdl.sh times the TS SDK over the same files.
func BenchmarkCorpusBothAccept(b *testing.B) {
	var files [][]byte
	for _, r := range loadCorpus(b) {
		if _, err := Parse(r.Data); err == nil && r.TSOK {
			files = append(files, r.Data)
		}
	}
	benchFiles(b, files)
}

// benchFiles times parse + version + groups over files, per file, after one
// untimed pass, as the TS side of scripts/bench-sdl.sh does (so that a 1x
// smoke run compares warm with warm).
func benchFiles(b *testing.B, files [][]byte) {
	buildAll(files)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		buildAll(files)
	}
	files64 := float64(b.N * len(files))
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/files64, "ns/file")
	// CPU time is steadier than wall time on a shared machine
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/files64, "cpu-ns/file")
}

// buildAll parses each file and builds the version and groups of each one
// that parses.
func buildAll(files [][]byte) {
	for _, data := range files {
		if s, err := Parse(data); err == nil {
			_, _ = s.Version(), s.Groups()
		}
	}
}
