package sdl

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akt-project/akt/sdl/internal/gpulist"
)

func TestParseErrorsAreLocated(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		sdl  string
		want []string // substrings of the error, in order
	}{
		{"invalid size", withSDL("size: 512Mi", `size: "1 gigabyte"`),
			[]string{`profiles.compute.web.resources.memory.size: invalid size "1 gigabyte"`, "(line 17, col 17)"}},
		{"typo with suggestion", withSDL("          - global: true", "          - global: true\n            servcie: db"),
			[]string{`services.web.expose[0].to[0].servcie: unknown key "servcie": did you mean "service"?`, "(line 10, col 13)"}},
		{"compose key", withSDL("    image: nginx:1.25", "    image: nginx:1.25\n    environment: [A=1]"),
			[]string{`services.web.environment: unknown key "environment": did you mean "env"?`}},
		{"missing profile", withSDL("profile: web", "profile: wbe"),
			[]string{`deployment.web.dcloud.profile: compute profile "wbe" is not defined in profiles.compute: did you mean "web"?`}},
		{"port out of range", withSDL("- port: 80", "- port: 70000"),
			[]string{"services.web.expose[0].port: must be between 1 and 65535, got 70000", "(line 6, col 15)"}},
		{"bad cpu", withSDL("units: 0.5", `units: "lots"`), []string{`invalid cpu units "lots"`}},
		{"zero count", withSDL("count: 1", "count: 0"), []string{"deployment.web.dcloud.count: must be at least 1"}},
		{"unknown denom", withSDL("denom: uact", "denom: usd"), []string{`unknown denom "usd"`}},
		{"ram persistent", withSDL("          size: 1Gi\n", "          size: 1Gi\n          attributes:\n            class: ram\n            persistent: true\n"),
			[]string{`"ram" storage cannot be persistent`}},
		{"gpu without vendor", withSDL("          size: 1Gi\n", "          size: 1Gi\n        gpu:\n          units: 1\n"),
			[]string{"a GPU needs attributes.vendor"}},
		{"syntax", "version: \"2.0\"\nservices: [\n", []string{"invalid YAML", "line"}},
		{"duplicate key", withSDL("    image: nginx:1.25", "    image: nginx:1.25\n    image: nginx:1.26"),
			[]string{`services.web.image: duplicate key "image"`, "(line 5, col 5)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse([]byte(tt.sdl))
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			pos := 0
			for _, w := range tt.want {
				i := strings.Index(msg[pos:], w)
				if i < 0 {
					t.Fatalf("error %q does not contain %q (after offset %d)", msg, w, pos)
				}
				pos += i
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error is %T, want *Error", err)
			}
		})
	}
}

func TestParseReportsSeveralErrors(t *testing.T) {
	t.Parallel()
	doc := withSDL("size: 512Mi", `size: "1 gigabyte"`)
	doc = strings.Replace(doc, "count: 1", "count: -2", 1)
	doc = strings.Replace(doc, "- port: 80", "- port: 0", 1)
	_, err := Parse([]byte(doc))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want *Error, got %v", err)
	}
	if len(e.Diagnostics) < 3 {
		t.Fatalf("want at least 3 diagnostics, got %d: %v", len(e.Diagnostics), err)
	}
	for _, d := range e.Diagnostics {
		if d.Line == 0 || d.Path == "" {
			t.Errorf("diagnostic without location: %+v", d)
		}
	}
}

func TestSizes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in    string
		bytes string
		warn  bool
		ok    bool
	}{
		{"512Mi", "536870912", false, true},
		{"1Gi", "1073741824", false, true},
		{"1G", "1000000000", false, true},
		{"1.5Gi", "1610612736", false, true},
		{"100k", "100000", false, true},
		{"1Ki", "1024", false, true},
		{"2Ti", "2199023255552", false, true},
		{"1024", "1024", false, true},
		{"0.3Ki", "308", false, true}, // rounded up like the TS SDK
		{"1gi", "1073741824", true, true},
		{"16GB", "16000000000", true, true},
		{"512Mb", "512000000", true, true},
		{"1GiB", "1073741824", true, true},
		{"1 gigabyte", "", false, false},
		{"1Xi", "", false, false},
		{"Gi", "", false, false},
		{"-1Gi", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			s, err := Parse([]byte(withSDL("size: 512Mi", `size: "`+tt.in+`"`)))
			if !tt.ok {
				if err == nil {
					t.Fatalf("accepted %q", tt.in)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Profile("web").Memory; got != tt.bytes {
				t.Errorf("memory %q = %s bytes, want %s", tt.in, got, tt.bytes)
			}
			if got := len(s.Warnings("")) > 0; got != tt.warn {
				t.Errorf("warning = %v, want %v (%v)", got, tt.warn, s.Warnings(""))
			}
		})
	}
}

func TestCPUUnits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want string
	}{
		{"0.5", "500"}, {"1", "1000"}, {`"500m"`, "500"}, {`"0.5"`, "500"}, {"2.25", "2250"}, {`"100M"`, "100"},
		{"0.001", ""}, {"0", ""}, {`"0m"`, ""}, {`"1.5m"`, ""}, {`"2cores"`, ""}, {"-1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			s, err := Parse([]byte(withSDL("units: 0.5", "units: "+tt.in)))
			if tt.want == "" {
				if err == nil {
					t.Fatalf("accepted cpu %s", tt.in)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Profile("web").CPU; got != tt.want {
				t.Errorf("cpu %s = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	t.Parallel()
	gpu := func(model string) string {
		return withSDL("          size: 1Gi\n", "          size: 1Gi\n        gpu:\n          units: 1\n          attributes:\n            vendor:\n              nvidia:\n                - "+model+"\n")
	}
	tests := []struct {
		name    string
		sdl     string
		network string
		want    string // substring of a warning; "" for none
	}{
		{"clean", baseSDL, "mainnet", ""},
		{"uakt on mainnet", withSDL("denom: uact", "denom: uakt"), "mainnet", `price denom "uakt": mainnet accepts only uact`},
		{"uakt on sandbox", withSDL("denom: uact", "denom: uakt"), "sandbox", ""},
		{"zero price", withSDL("amount: 1000", "amount: 0"), "mainnet", "price is zero"},
		{"zero price text", withSDL("amount: 1000", `amount: "0.000"`), "mainnet", "price is zero"},
		{"known gpu", gpu("model: a100"), "mainnet", ""},
		{"known gpu variant", gpu("{model: h100, ram: 80Gi, interface: sxm}"), "mainnet", ""},
		{"unknown gpu", gpu("model: a1000"), "mainnet", `no provider lists GPU model "a1000" for nvidia: did you mean "a100"?`},
		{"unknown variant", gpu("{model: rtx4090, ram: 80Gi}"), "mainnet", "no provider lists nvidia rtx4090 with ram 80Gi (listed: 24Gi/pcie)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := Parse([]byte(tt.sdl))
			if err != nil {
				t.Fatal(err)
			}
			ws := s.Warnings(tt.network)
			if tt.want == "" {
				if len(ws) != 0 {
					t.Fatalf("unexpected warnings: %v", ws)
				}
				return
			}
			for _, w := range ws {
				if strings.Contains(w.String(), tt.want) {
					if w.Line == 0 {
						t.Errorf("warning without location: %v", w)
					}
					return
				}
			}
			t.Fatalf("no warning containing %q in %v", tt.want, ws)
		})
	}
}

func TestKnownGPUsMatchCatalogue(t *testing.T) {
	t.Parallel()
	gpus := KnownGPUs()
	if len(gpus) < 50 {
		t.Fatalf("only %d GPU models embedded", len(gpus))
	}
	found := false
	for _, g := range gpus {
		if g.Vendor == "nvidia" && g.Model == "h100" && g.Interface == "sxm" && g.Memory == "80Gi" {
			found = true
		}
	}
	if !found {
		t.Error("nvidia h100 80Gi sxm missing from the embedded list")
	}
}

func TestAliasBombIsRejected(t *testing.T) {
	t.Parallel()
	doc := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h"} {
		doc += n + ": &" + n + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
		prev = n
	}
	_, err := Parse([]byte(doc))
	if err == nil || !strings.Contains(err.Error(), "too large") {
		t.Fatalf("want a too-large error, got %v", err)
	}
}

// TestEmbeddedGPUListIsCurrent regenerates the GPU list from the shared
// catalogue and compares it with the embedded one (go generate updates it).
func TestEmbeddedGPUListIsCurrent(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join(sharedDir(t), "sdl-corpus", "gpus.json"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := gpulist.FromCatalogue(data)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != gpusTSV {
		t.Fatal("gpus.tsv is stale: run go generate ./sdl")
	}
}
