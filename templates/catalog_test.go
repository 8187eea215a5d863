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

// TestRenderDefaultsOracle checks every rendered template with the official
// TypeScript SDK.
func TestRenderDefaultsOracle(t *testing.T) {
	t.Parallel()
	var docs []oracleDoc
	for _, tmpl := range builtin(t).List("") {
		out, err := tmpl.Render(nil)
		if err != nil {
			t.Fatalf("%s: %v", tmpl.ID, err)
		}
		docs = append(docs, oracleDoc{Name: tmpl.ID, SDL: out})
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
