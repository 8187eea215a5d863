package sdl

import "testing"

// The stage benchmarks split BenchmarkCorpus into its parts, so that work on
// one part can be measured on its own. Each reports ns/file over the whole
// corpus (rejected files included, as in BenchmarkCorpus).

func corpusData(b *testing.B) [][]byte {
	rows := loadCorpus(b)
	files := make([][]byte, len(rows))
	for i, r := range rows {
		files[i] = r.Data
	}
	return files
}

func perFile(b *testing.B, files int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*files), "ns/file")
}

// BenchmarkStageRead is the fast YAML reader alone (files it leaves to
// yaml.v3 cost only the attempt).
func BenchmarkStageRead(b *testing.B) {
	files := corpusData(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range files {
			if _, ok, release := fastLoad(d); ok {
				release()
			}
		}
	}
	perFile(b, len(files))
}

// BenchmarkStageParse is Parse: reading, checking and building the SDL.
func BenchmarkStageParse(b *testing.B) {
	files := corpusData(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range files {
			_, _ = Parse(d)
		}
	}
	perFile(b, len(files))
}

// BenchmarkStageBuild is Version and Groups on parsed SDLs, their cached
// result dropped before each run.
func BenchmarkStageBuild(b *testing.B) {
	files := corpusData(b)
	var sdls []*SDL
	for _, d := range files {
		if s, err := Parse(d); err == nil {
			sdls = append(sdls, s)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range sdls {
			s.built = nil
			_ = s.Version()
			_ = s.Groups()
		}
	}
	perFile(b, len(files))
}
