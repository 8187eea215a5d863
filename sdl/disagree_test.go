package sdl

import (
	"strings"
	"testing"
)

// TestDisagreementClasses pins akt's choice for each class of SDL on which
// the official TS and Go SDKs disagree (see the package doc).
func TestDisagreementClasses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		sdl    string
		accept bool
		want   string // substring of the warning (accepted) or error (rejected)
		check  func(t *testing.T, s *SDL)
	}{
		{"size unit case", withSDL("size: 512Mi", "size: 512mi"), true, `size unit "mi" is not standard: read as Mi`,
			func(t *testing.T, s *SDL) { wantEq(t, s.Profile("web").Memory, "536870912") }},
		{"size unit with B", withSDL("size: 1Gi", "size: 16GB"), true, `size unit "GB" is not standard: read as G (16000000000 bytes); write 16G`,
			func(t *testing.T, s *SDL) { wantEq(t, s.Profile("web").Storage[0].Size, "16000000000") }},
		{"unknown key typo", withSDL("          - global: true", "          - global: true\n            servcie: web"), false,
			`unknown key "servcie": did you mean "service"?`, nil},
		{"unknown compose key", withSDL("    image: nginx:1.25", "    image: nginx:1.25\n    cmd: [run]"), false,
			`unknown key "cmd": did you mean "command"?`, nil},
		{"unknown key far from any", withSDL("    image: nginx:1.25", "    image: nginx:1.25\n    restart: always"), false,
			`unknown key "restart" (expected one of: image, command`, nil},
		{"depends_on", withSDL("    image: nginx:1.25", "    image: nginx:1.25\n    depends_on: [db]"), true, "depends_on is ignored", nil},
		{"depends-on", withSDL("    image: nginx:1.25", "    image: nginx:1.25\n    depends-on:\n      - db"), true, "depends-on is ignored", nil},
		{"placement attributes as list", withSDL("    dcloud:\n", "    dcloud:\n      attributes:\n        - key: region\n          value: us-west\n        - key: host\n          value: akash\n"), true,
			"attributes written as a list", func(t *testing.T, s *SDL) {
				got := s.Groups()[0].Requirements.Attributes
				if len(got) != 2 || got[0] != (Attribute{"host", "akash"}) || got[1] != (Attribute{"region", "us-west"}) {
					t.Errorf("attributes = %v", got)
				}
			}},
		{"placement attributes null", withSDL("    dcloud:\n", "    dcloud:\n      attributes:\n"), true, "attributes is empty",
			func(t *testing.T, s *SDL) { wantEq(t, len(s.Groups()[0].Requirements.Attributes), 0) }},
		{"numeric signedBy", withSDL("    dcloud:\n", "    dcloud:\n      signedBy:\n        anyOf: [1, 2]\n"), true,
			"auditor 1 is a number", func(t *testing.T, s *SDL) {
				wantEq(t, strings.Join(s.Groups()[0].Requirements.SignedBy.AnyOf, ","), "1,2")
			}},
		{"accept null", withSDL("        as: 80\n", "        as: 80\n        accept:\n"), true, "accept is empty", nil},
		{"version 2", withSDL(`version: "2.0"`, `version: "2"`), true, `read as version "2.0"`, nil},
		{"no global service", withSDL("          - global: true", "          - global: false"), true, "no service is exposed globally", nil},
		{"unnamed persistent volume", withSDL("          size: 1Gi\n", "          size: 1Gi\n          attributes:\n            persistent: true\n            class: beta2\n"), false,
			"persistent volume of profile \"web\" needs a name", nil},
		{"tee", withSDL("    image: nginx:1.25", "    image: nginx:1.25\n    params:\n      tee: cpu"), false, "TEE", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := Parse([]byte(tt.sdl))
			if !tt.accept {
				if err == nil {
					t.Fatal("accepted")
				}
				if !strings.Contains(err.Error(), tt.want) || !located(err) {
					t.Fatalf("error %q: want located, containing %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, w := range s.Warnings("mainnet") {
				if strings.Contains(w.Message, tt.want) && w.Line > 0 {
					found = true
				}
			}
			if !found {
				t.Errorf("no located warning containing %q in %v", tt.want, s.Warnings("mainnet"))
			}
			if tt.check != nil {
				tt.check(t, s)
			}
		})
	}
}

func wantEq[T comparable](t *testing.T, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("got %v, want %v", got, want)
	}
}
