package tui_test

import (
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/akt-project/akt/tui"
	"github.com/akt-project/akt/tui/app"
	"github.com/akt-project/akt/tui/fake"
	"github.com/akt-project/akt/tui/internal/uitest"
	"github.com/akt-project/akt/tui/screens/bids"
	"github.com/akt-project/akt/tui/screens/deployments"
	"github.com/akt-project/akt/tui/styles"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// colourDeps renders in true colour, as a real terminal does: colour escapes are part of the
// per-frame cost.
func colourDeps(nDeployments, nBids int) app.Deps {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	d := fake.NewChain().Deps()
	d.Styles = styles.New(r, styles.DefaultTheme())
	d.Deployments = fake.NewDeployments(nDeployments)
	mk := fake.NewMarket(nBids)
	mk.Later = nil
	d.Market = mk
	return d
}

// BenchmarkFirstFrame measures building the program's model, its first size message and its
// first View: what stands between starting akt and seeing the landing screen (service calls
// run in commands, after the first frame).
func BenchmarkFirstFrame(b *testing.B) {
	d := colourDeps(0, 0)
	for b.Loop() {
		m := tui.New(d)
		_ = m.Init()
		m, _ = m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
		if m.View() == "" {
			b.Fatal("empty first frame")
		}
	}
}

// BenchmarkUpdateView measures one key press (cursor down) plus the frame it causes, on a
// screen holding 1,000 rows, at 200x60, and reports the heap in use afterwards.
func BenchmarkUpdateView(b *testing.B) {
	cases := []struct {
		name   string
		screen func(app.Deps) app.Screen
	}{
		{"Deployments1000", func(d app.Deps) app.Screen { return deployments.New(d) }},
		{"Bids1000", func(d app.Deps) app.Screen { return bids.New(d, 21_004_300) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			d := colourDeps(1000, 1000)
			m := tui.NewAt(d, c.screen(d.WithDefaults()))
			uitest.Settle(m, m.Init(), tea.WindowSizeMsg{Width: 200, Height: 60})
			down := tea.KeyMsg{Type: tea.KeyDown}
			up := tea.KeyMsg{Type: tea.KeyUp}
			i := 0
			for b.Loop() {
				k := down
				if (i/500)%2 == 1 {
					k = up
				}
				i++
				m.Update(k)
				_ = m.View()
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
			b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MiB")
			if kb := peakRSSKiB(); kb > 0 {
				b.ReportMetric(float64(kb)/1024, "peakRSS-MiB")
			}
		})
	}
}

// peakRSSKiB is the process's peak resident set (VmHWM) on Linux, 0 elsewhere.
func peakRSSKiB() int {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return n
		}
	}
	return 0
}
