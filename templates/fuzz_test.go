package templates

import (
	"testing"

	"gopkg.in/yaml.v3"
)

// FuzzRenderRoundTrip renders arbitrary text into a string placeholder and an
// embedded one; whenever the value is accepted, the output must be YAML that
// reads back to exactly the value.
func FuzzRenderRoundTrip(f *testing.F) {
	for _, s := range []string{"plain", `a: "b"`, "x\ny", "#", "*a", "&b", "- c", "{{text}}", "__AKT_text__", "", " ", "\t", "\u2028", "\ufeffbom"} {
		f.Add(s)
	}
	tmpl, err := Parse([]byte(hostileDescriptor), []byte(hostileSDL))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if tmpl.ValidateParam("text", v) != nil {
			return
		}
		out, err := tmpl.Render(map[string]string{"text": v})
		if err != nil {
			t.Fatalf("accepted value %q failed to render: %v", v, err)
		}
		var doc struct {
			Services map[string]struct {
				Env []string `yaml:"env"`
			} `yaml:"services"`
		}
		if err := yaml.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("value %q: output is not YAML: %v\n%s", v, err, out)
		}
		env := doc.Services["app"].Env
		if len(env) != 2 || env[0] != "GREETING="+v || env[1] != v {
			t.Fatalf("value %q read back as %q", v, env)
		}
	})
}

// FuzzParseCatalogReadme must never panic and only return local directories.
func FuzzParseCatalogReadme(f *testing.F) {
	f.Add("### AI\n- [A](a)\n- [B](https://x.y/z)\n")
	f.Add("## X\n* [C](./c/d \"t\")\n```\n- [D](d)\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range ParseCatalogReadme([]byte(s)) {
			if e.Dir == "" || e.Dir == "." || e.Dir == ".." || e.Category == "" {
				t.Fatalf("bad entry %+v from %q", e, s)
			}
		}
	})
}

func BenchmarkRender(b *testing.B) {
	c, err := Builtin(nil)
	if err != nil {
		b.Fatal(err)
	}
	tmpl, err := c.Get("llm-chat")
	if err != nil {
		b.Fatal(err)
	}
	values := map[string]string{"internal_key": "0123456789abcdef0123", "session_secret": "0123456789abcdef0123456789abcdef01"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tmpl.Render(values); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Builtin(nil); err != nil {
			b.Fatal(err)
		}
	}
}
