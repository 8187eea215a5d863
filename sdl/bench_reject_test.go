package sdl

import "testing"

// BenchmarkStageParseRejected is Parse over the corpus files akt rejects
// alone: their diagnostics, suggestions and any yaml.v3 fallback.
func BenchmarkStageParseRejected(b *testing.B) {
	var files [][]byte
	for _, d := range corpusData(b) {
		if _, err := Parse(d); err != nil {
			files = append(files, d)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range files {
			_, _ = Parse(d)
		}
	}
	perFile(b, len(files))
}
