package sdl

import (
	"errors"
	"strings"
	"testing"
)

// TestLeasedIPPortTaken checks the report of an IP endpoint port taken by
// more than one expose: each repeat names the latest service to take it
// (a port as as, or as port when as is missing; TCP and UDP apart), and an
// IP endpoint no expose uses is reported.
func TestLeasedIPPortTaken(t *testing.T) {
	t.Parallel()
	svc := func(name, expose string) string {
		return "  " + name + ":\n    image: nginx\n    expose:\n" + expose
	}
	to := "        to:\n          - global: true\n            ip: myip\n"
	deploy := func(name string) string {
		return "  " + name + ":\n    akash:\n      profile: web\n      count: 1\n"
	}
	doc := "version: \"2.0\"\nservices:\n" +
		svc("a", "      - port: 80\n"+to+"      - port: 53\n        proto: udp\n"+to) +
		svc("b", "      - port: 8080\n        as: 80\n"+to+"      - port: 53\n"+to) +
		svc("c", "      - port: 80\n"+to) +
		"profiles:\n  compute:\n    web:\n      resources:\n        cpu:\n          units: 1\n        memory:\n          size: 1Gi\n" +
		"        storage:\n          size: 1Gi\n  placement:\n    akash:\n      pricing:\n        web:\n          denom: uact\n          amount: 100\n" +
		"deployment:\n" + deploy("a") + deploy("b") + deploy("c") +
		"endpoints:\n  myip:\n    kind: ip\n  spare:\n    kind: ip\n"
	_, err := Parse([]byte(doc))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Parse: %v, want an *Error", err)
	}
	var got []string
	for _, d := range e.Diagnostics {
		got = append(got, d.Path+": "+d.Message)
	}
	want := []string{
		`services.b.expose[0].to[0].ip: IP endpoint "myip" port 80/TCP is already used by service "a"`,
		`services.c.expose[0].to[0].ip: IP endpoint "myip" port 80/TCP is already used by service "b"`,
		`endpoints.spare: endpoint "spare" is declared but no service uses it`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
