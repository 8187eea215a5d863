package templates

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

func builtin(t *testing.T) *Catalog {
	t.Helper()
	c, err := Builtin(nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestDescriptorsMatchSchema validates every embedded template.json against the
// JSON Schema that ships with the package.
func TestDescriptorsMatchSchema(t *testing.T) {
	t.Parallel()
	schemaDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(DescriptorSchema()))
	if err != nil {
		t.Fatal(err)
	}
	comp := jsonschema.NewCompiler()
	comp.AssertFormat()
	if err := comp.AddResource("template.schema.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	schema, err := comp.Compile("template.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	dirs, err := fs.ReadDir(BuiltinFS(), ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("the embedded catalog is empty")
	}
	for _, d := range dirs {
		data, err := fs.ReadFile(BuiltinFS(), path.Join(d.Name(), DescriptorFile))
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", d.Name(), err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%s/%s does not match the schema: %v", d.Name(), DescriptorFile, err)
		}
	}

	// The schema must reject what the loader rejects, or it documents nothing.
	bad := []string{
		`{"id":"x-y","title":"t","summary":"s","segment":"games","tags":[],"params":[]}`,
		`{"id":"x-y","title":"t","summary":"s","segment":"web","tags":[],"params":[{"name":"a","label":"A","type":"float","default":"","help":"h","targets":["x"]}]}`,
		`{"id":"x-y","title":"t","summary":"s","segment":"web","tags":[],"params":[{"name":"a","label":"A","type":"size","default":"1Gi","min":1,"help":"h","targets":["x"]}]}`,
		`{"id":"x-y","title":"t","summary":"s","segment":"web","tags":[],"params":[{"name":"a","label":"A","type":"enum","default":"","help":"h","targets":["x"]}]}`,
		`{"id":"x-y","title":"t","summary":"s","segment":"web","tags":[],"logo":"x.png","params":[]}`,
	}
	for _, b := range bad {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if schema.Validate(inst) == nil {
			t.Errorf("schema accepts an invalid descriptor: %s", b)
		}
	}
}

// TestBuiltinCatalog loads the embedded catalog and checks its coverage.
func TestBuiltinCatalog(t *testing.T) {
	t.Parallel()
	c := builtin(t)
	for _, tmpl := range c.List("") {
		if tmpl.Source != "builtin" {
			t.Errorf("%s: source %q", tmpl.ID, tmpl.Source)
		}
		got, err := c.Get(tmpl.ID)
		if err != nil || got != tmpl {
			t.Errorf("Get(%q) = %v, %v", tmpl.ID, got, err)
		}
	}
	if _, err := c.Get("no-such-template"); err == nil {
		t.Error("Get of an unknown id succeeded")
	}
	if n := len(c.List("")); n < 14 {
		t.Errorf("the catalog has %d templates, want at least 14", n)
	}
	want := map[Segment][]string{
		SegmentAIML:         {"llm-vllm", "llm-chat", "image-gen", "jupyter-pytorch", "finetune-lora", "embeddings", "vector-db"},
		SegmentWeb:          {"static-site", "container", "github-app", "wordpress"},
		SegmentNodeOperator: {"cosmos-rpc-node", "cosmos-sentry", "cosmos-validator"},
	}
	for seg, ids := range want {
		for _, id := range ids {
			tmpl, err := c.Get(id)
			if err != nil {
				t.Errorf("missing %s template %s", seg, id)
				continue
			}
			if tmpl.Segment != seg {
				t.Errorf("%s is in segment %s, want %s", id, tmpl.Segment, seg)
			}
			if len(c.List(seg)) == 0 {
				t.Errorf("List(%s) is empty", seg)
			}
		}
	}
}

// TestBuiltinPricesInUact checks every placement prices in uact, the only
// denomination new deployments accept, and that GPU services bid more.
func TestBuiltinPricesInUact(t *testing.T) {
	t.Parallel()
	for _, tmpl := range builtin(t).List("") {
		out, err := tmpl.Render(nil)
		if err != nil {
			t.Fatalf("%s: %v", tmpl.ID, err)
		}
		var doc struct {
			Profiles struct {
				Compute map[string]struct {
					Resources struct {
						GPU *struct {
							Units int `yaml:"units"`
						} `yaml:"gpu"`
					} `yaml:"resources"`
				} `yaml:"compute"`
				Placement map[string]struct {
					Pricing map[string]struct {
						Denom  string `yaml:"denom"`
						Amount int64  `yaml:"amount"`
					} `yaml:"pricing"`
				} `yaml:"placement"`
			} `yaml:"profiles"`
		}
		if err := yaml.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%s: %v", tmpl.ID, err)
		}
		for _, pl := range doc.Profiles.Placement {
			for profile, price := range pl.Pricing {
				if price.Denom != "uact" {
					t.Errorf("%s/%s: priced in %q", tmpl.ID, profile, price.Denom)
				}
				gpu := doc.Profiles.Compute[profile].Resources.GPU
				min, max := int64(50), int64(5000)
				if gpu != nil && gpu.Units > 0 {
					min, max = 5000, 200000
				}
				if price.Amount < min || price.Amount > max {
					t.Errorf("%s/%s: %d uact/block is outside %d..%d", tmpl.ID, profile, price.Amount, min, max)
				}
			}
		}
	}
}

// TestRenderDefaultsParse renders every template with its defaults and checks
// that the result is YAML without leftover placeholders.
func TestRenderDefaultsParse(t *testing.T) {
	t.Parallel()
	for _, tmpl := range builtin(t).List("") {
		out, err := tmpl.Render(nil)
		if err != nil {
			t.Errorf("%s: %v", tmpl.ID, err)
			continue
		}
		if strings.Contains(out, "{{") || strings.Contains(out, sentinelPrefix) {
			t.Errorf("%s: placeholder left in output:\n%s", tmpl.ID, out)
		}
		var doc map[string]any
		if err := yaml.Unmarshal([]byte(out), &doc); err != nil {
			t.Errorf("%s: output is not YAML: %v", tmpl.ID, err)
		}
		if doc["version"] != "2.0" {
			t.Errorf("%s: version is %#v", tmpl.ID, doc["version"])
		}
	}
}

// TestConformanceRenderDefaults checks every rendered template with the official
// TypeScript SDK.
func TestConformanceRenderDefaults(t *testing.T) {
	t.Parallel()
	var docs []oracleDoc
	for _, tmpl := range builtin(t).List("") {
		out, err := tmpl.Render(nil)
		if err != nil {
			t.Fatalf("%s: %v", tmpl.ID, err)
		}
		docs = append(docs, oracleDoc{Name: tmpl.ID, SDL: out})
		// Every choice of every enum must render a valid SDL too.
		for _, p := range tmpl.Params {
			if p.Type != TypeEnum {
				continue
			}
			for _, c := range p.Choices {
				out, err := tmpl.Render(map[string]string{p.Name: c.Value})
				if err != nil {
					t.Fatalf("%s with %s=%s: %v", tmpl.ID, p.Name, c.Value, err)
				}
				docs = append(docs, oracleDoc{Name: tmpl.ID + " " + p.Name + "=" + c.Value, SDL: out})
			}
		}
	}
	results := oracleValidate(t, docs)
	for _, d := range docs {
		r, ok := results[d.Name]
		if !ok || !r.OK {
			t.Errorf("%s: the TS SDK rejects the rendered SDL: %s\n%s", d.Name, r.Error, d.SDL)
		}
	}
}

func TestSchemaIsJSON(t *testing.T) {
	t.Parallel()
	var v map[string]any
	if err := json.Unmarshal(DescriptorSchema(), &v); err != nil {
		t.Fatal(err)
	}
}
