package sdl

import (
	"testing"
)

// BenchmarkCorpus parses every corpus file and builds its groups, manifest
// and version, like `akt sdl inspect`. ns/file is the figure compared with
// the TS SDK by scripts/bench-sdl.sh.
func BenchmarkCorpus(b *testing.B) {
	rows := loadCorpus(b)
	files := make([][]byte, len(rows))
	for i, r := range rows {
		files[i] = r.Data
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, data := range files {
			s, err := Parse(data)
			if err != nil {
				continue
			}
			_ = s.Version()
			_ = s.Groups()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)), "ns/file")
}
