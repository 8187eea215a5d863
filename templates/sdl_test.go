package templates

import (
	"strings"
	"testing"

	"github.com/akt-project/akt/sdl"
)

// sdlValidate is the Validator the CLI wires in: akt's own SDL engine.
func sdlValidate(doc []byte) error {
	_, err := sdl.Parse(doc)
	return err
}

// TestRenderDefaultsSDL renders every template with its defaults, and with
// every choice of every enum, through akt's SDL engine: each must be accepted
// without warnings on mainnet.
func TestRenderDefaultsSDL(t *testing.T) {
	t.Parallel()
	c, err := Builtin(sdlValidate)
	if err != nil {
		t.Fatal(err)
	}
	for _, tmpl := range c.List("") {
		cases := []map[string]string{nil}
		for _, p := range tmpl.Params {
			if p.Type == TypeEnum {
				for _, ch := range p.Choices {
					cases = append(cases, map[string]string{p.Name: ch.Value})
				}
			}
		}
		for _, values := range cases {
			out, err := tmpl.Render(values)
			if err != nil {
				t.Errorf("%s %v: %v", tmpl.ID, values, err)
				continue
			}
			doc, err := sdl.Parse([]byte(out))
			if err != nil {
				t.Fatalf("%s: Render accepted what sdl.Parse rejects: %v", tmpl.ID, err)
			}
			for _, w := range doc.Warnings("mainnet") {
				t.Errorf("%s %v: warning: %s", tmpl.ID, values, w)
			}
		}
	}
}

// TestRenderReportsInvalidSDL proves Render runs the validator: a value that
// passes the parameter's own checks but breaks the SDL must fail.
func TestRenderReportsInvalidSDL(t *testing.T) {
	t.Parallel()
	desc := miniDescriptor(goodParam + `, {"name": "port", "label": "Port", "type": "int", "default": "80", "help": "h", "targets": ["services.web.expose[0].port"]}`)
	tmpl, err := Parse([]byte(desc), []byte(strings.Replace(miniSDL, "- port: 80", `- port: "{{port}}"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewCatalog(sdlValidate, []*Template{tmpl}); err != nil {
		t.Fatal(err)
	}
	if _, err := tmpl.Render(nil); err != nil {
		t.Fatalf("valid values: %v", err)
	}
	// The parameter sets no range, so only the SDL engine can object.
	_, err = tmpl.Render(map[string]string{"port": "70000"})
	if err == nil || !strings.Contains(err.Error(), "renders an invalid SDL") || !strings.Contains(err.Error(), "port") {
		t.Fatalf("got %v, want the SDL engine's complaint about the port", err)
	}
}

// TestSDLReadsHostileValues parses renders with hostile values through akt's
// SDL engine (which has its own fast YAML reader): it must read exactly the
// values that were substituted.
func TestSDLReadsHostileValues(t *testing.T) {
	t.Parallel()
	tmpl, err := Parse([]byte(hostileDescriptor), []byte(hostileSDL))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{
		`say "hi"`, `it's`, `key: value`, "two\nlines", "\nleading newline", "trailing\n\n", `# hash`, `value # c`,
		`*alias`, `&anchor`, `!!int`, `- item`, `[1, 2]`, `{a: 1}`, `|`, `>`, `true`, `null`, `~`, `0x1F`, `012`,
		` leading`, `trailing `, `\back\slash`, "tab\there", "\u2028ls", "emoji 🚀", `on`, `'`, `"`, `%`, "@", "`",
	} {
		out, err := tmpl.Render(map[string]string{"text": v, "lines": "a\n" + v})
		if err != nil {
			t.Fatalf("value %q: %v", v, err)
		}
		doc, err := sdl.Parse([]byte(out))
		if err != nil {
			t.Errorf("value %q: sdl.Parse rejects the render: %v\n%s", v, err, out)
			continue
		}
		env := doc.Services[0].Env
		if len(env) != 2 || env[0] != "GREETING="+v || env[1] != v {
			t.Errorf("value %q: sdl reads env %q\n%s", v, env, out)
		}
	}
}
