package templates

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
)

//go:embed catalog
var builtinFiles embed.FS

//go:embed template.schema.json
var descriptorSchema []byte

// DescriptorFile and SDLFile are the two files of a template directory.
const (
	DescriptorFile = "template.json"
	SDLFile        = "deploy.yaml"
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*[a-z0-9]$`)

// DescriptorSchema returns the JSON Schema (draft 2020-12) every template.json
// must satisfy.
func DescriptorSchema() []byte { return bytes.Clone(descriptorSchema) }

// BuiltinFS returns the embedded catalog: one directory per template id.
func BuiltinFS() fs.FS {
	sub, err := fs.Sub(builtinFiles, "catalog")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}

// Catalog is an ordered, read-only set of templates with unique ids.
type Catalog struct {
	list []*Template
	byID map[string]*Template
}

// Builtin loads the embedded catalog. validate, which may be nil, checks every
// rendered SDL (pass the sdl package's validation).
func Builtin(validate Validator) (*Catalog, error) {
	list, err := Load(BuiltinFS(), "builtin")
	if err != nil {
		return nil, fmt.Errorf("loading the built-in catalog: %w", err)
	}
	return NewCatalog(validate, list)
}

// NewCatalog combines sets of templates (for example the built-in ones and a
// user directory loaded with Load) into one catalog. It takes ownership of the
// templates. Duplicate ids are an error naming both sources.
func NewCatalog(validate Validator, sets ...[]*Template) (*Catalog, error) {
	c := &Catalog{byID: map[string]*Template{}}
	for _, set := range sets {
		for _, t := range set {
			if prev, ok := c.byID[t.ID]; ok {
				return nil, fmt.Errorf("template id %q is defined twice (%s and %s)", t.ID, prev.Source, t.Source)
			}
			t.validate = validate
			c.byID[t.ID] = t
			c.list = append(c.list, t)
		}
	}
	sort.SliceStable(c.list, func(i, j int) bool {
		a, b := c.list[i], c.list[j]
		if a.Segment != b.Segment {
			return slices.Index(Segments, a.Segment) < slices.Index(Segments, b.Segment)
		}
		return a.ID < b.ID
	})
	return c, nil
}

// List returns the templates of one segment, or all of them when segment is
// empty, ordered by segment then id.
func (c *Catalog) List(segment Segment) []*Template {
	var out []*Template
	for _, t := range c.list {
		if segment == "" || t.Segment == segment {
			out = append(out, t)
		}
	}
	return out
}

// Get returns the template with the given id.
func (c *Catalog) Get(id string) (*Template, error) {
	t, ok := c.byID[id]
	if !ok {
		return nil, fmt.Errorf("no template %q in the catalog (%d templates; try `akt templates list`)", id, len(c.list))
	}
	return t, nil
}

// Load reads every template directory at the top level of fsys
// (<id>/template.json and <id>/deploy.yaml). source labels the templates
// (for example "builtin" or "user"). It returns the templates that loaded
// and, if some did not, an error naming each bad directory and its problem,
// so a caller can keep the good ones and warn about the rest.
func Load(fsys fs.FS, source string) ([]*Template, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("listing templates: %w", err)
	}
	var out []*Template
	var errs []error
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		desc, err := fs.ReadFile(fsys, path.Join(e.Name(), DescriptorFile))
		if errors.Is(err, fs.ErrNotExist) {
			continue // not a template directory
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("template %s: %w", e.Name(), err))
			continue
		}
		sdl, err := fs.ReadFile(fsys, path.Join(e.Name(), SDLFile))
		if err != nil {
			errs = append(errs, fmt.Errorf("template %s: %w", e.Name(), err))
			continue
		}
		t, err := Parse(desc, sdl)
		if err != nil {
			errs = append(errs, fmt.Errorf("template %s: %w", e.Name(), err))
			continue
		}
		if t.ID != e.Name() {
			errs = append(errs, fmt.Errorf("template %s: id %q differs from its directory name", e.Name(), t.ID))
			continue
		}
		if t.Source == "" {
			t.Source = source
		}
		out = append(out, t)
	}
	return out, errors.Join(errs...)
}

// Parse builds a template from its descriptor and SDL source and checks that
// they agree: known types, valid defaults and constraints, and every
// placeholder matching a declared parameter and its targets.
func Parse(descriptor, sdl []byte) (*Template, error) {
	dec := json.NewDecoder(bytes.NewReader(descriptor))
	dec.DisallowUnknownFields()
	var t Template
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("reading %s: %w", DescriptorFile, err)
	}
	t.sdl = bytes.Clone(sdl)
	if err := t.check(); err != nil {
		return nil, err
	}
	return &t, nil
}

func (t *Template) check() error {
	switch {
	case !idPattern.MatchString(t.ID):
		return fmt.Errorf("id %q must be lower-case letters, digits and dashes", t.ID)
	case strings.TrimSpace(t.Title) == "":
		return errors.New("title is empty")
	case strings.TrimSpace(t.Summary) == "" || strings.Contains(t.Summary, "\n"):
		return errors.New("summary must be one non-empty line")
	case !t.Segment.Valid():
		return fmt.Errorf("segment %q is not one of %s", t.Segment, joinSegments())
	}
	seen := map[string]bool{}
	for i, p := range t.Params {
		if p == nil {
			return fmt.Errorf("params[%d] is null", i)
		}
		if seen[p.Name] {
			return fmt.Errorf("parameter %q is declared twice", p.Name)
		}
		seen[p.Name] = true
		if err := p.compile(); err != nil {
			return fmt.Errorf("parameter %q: %w", p.Name, err)
		}
	}
	// Placements give gpu-model parameters their vendor, which the checks of
	// defaults and choice values below depend on.
	if err := t.checkPlacements(); err != nil {
		return err
	}
	for _, p := range t.Params {
		if err := t.checkDefaults(p); err != nil {
			return fmt.Errorf("parameter %q: %w", p.Name, err)
		}
	}
	return nil
}

func (t *Template) checkDefaults(p *Param) error {
	if !(p.Default == "" && p.Generate > 0) {
		if _, err := p.parse(p.Default); err != nil {
			return fmt.Errorf("default %q: %w", p.Default, err)
		}
	}
	for _, c := range p.Choices {
		if p.Type == TypeGPUModels {
			if _, err := (&Param{Name: p.Name, Type: TypeGPUModels, vendor: p.vendor}).parse(c.Value); err != nil {
				return fmt.Errorf("choice %q: %w", c.Value, err)
			}
		}
		for k, v := range c.Sets {
			target := t.Param(k)
			if target == nil || k == p.Name {
				return fmt.Errorf("choice %q sets %q, which is not another parameter", c.Value, k)
			}
			if _, err := target.parse(v); err != nil {
				return fmt.Errorf("choice %q sets %s=%q: %w", c.Value, k, v, err)
			}
			if c.Value == p.Default && target.Default != v {
				return fmt.Errorf("default choice %q sets %s=%q but that parameter's default is %q", c.Value, k, v, target.Default)
			}
		}
	}
	return nil
}

func joinSegments() string {
	s := make([]string, len(Segments))
	for i, seg := range Segments {
		s[i] = string(seg)
	}
	return strings.Join(s, ", ")
}

// compile checks a parameter's own declaration and prepares its constraints.
func (p *Param) compile() error {
	if !paramNamePattern.MatchString(p.Name) {
		return errors.New("name must be lower-case letters and digits separated by single underscores")
	}
	if strings.TrimSpace(p.Label) == "" || strings.TrimSpace(p.Help) == "" {
		return errors.New("label and help must not be empty")
	}
	switch p.Type {
	case TypeString, TypeInt, TypeSize, TypeCPU, TypeGPUModels, TypeEnum, TypeSecret, TypeBool:
	default:
		return fmt.Errorf("unknown type %q", p.Type)
	}
	if p.List && p.Type != TypeString && p.Type != TypeSecret {
		return errors.New("only string and secret parameters can be lists")
	}
	if p.Generate != 0 && (p.Type != TypeSecret || p.Generate < 8 || p.Generate > 128) {
		return errors.New("generate is for secrets only, with a length from 8 to 128")
	}
	if p.Type == TypeEnum && len(p.Choices) == 0 {
		return errors.New("an enum needs choices")
	}
	if len(p.Choices) > 0 && p.Type != TypeEnum && p.Type != TypeGPUModels && p.Type != TypeString {
		return fmt.Errorf("a %s parameter cannot have choices", p.Type)
	}
	values := map[string]bool{}
	for _, c := range p.Choices {
		if c.Value == "" || values[c.Value] {
			return fmt.Errorf("choice %q is empty or repeated", c.Value)
		}
		values[c.Value] = true
	}
	if p.Pattern != "" {
		re, err := regexp.Compile(`^(?:` + p.Pattern + `)$`)
		if err != nil {
			return fmt.Errorf("pattern: %w", err)
		}
		p.pattern = re
	}
	var err error
	if p.limits.min, p.limits.hasMin, err = p.limit(p.Min); err != nil {
		return fmt.Errorf("min: %w", err)
	}
	if p.limits.max, p.limits.hasMax, err = p.limit(p.Max); err != nil {
		return fmt.Errorf("max: %w", err)
	}
	if p.limits.hasMin && p.limits.hasMax && p.limits.min > p.limits.max {
		return errors.New("min is above max")
	}
	if p.Generate > 0 && ((p.limits.hasMin && float64(p.Generate) < p.limits.min) || (p.limits.hasMax && float64(p.Generate) > p.limits.max)) {
		return errors.New("generate length is outside min..max")
	}
	return nil
}

// limit converts a min or max from the descriptor for this parameter's type.
func (p *Param) limit(v any) (float64, bool, error) {
	if v == nil {
		return 0, false, nil
	}
	switch p.Type {
	case TypeSize:
		s, ok := v.(string)
		if !ok {
			return 0, false, fmt.Errorf("a size limit is written as a string such as \"1Gi\", not %v", v)
		}
		n, err := parseSize(s)
		return n, true, err
	case TypeInt, TypeCPU, TypeString, TypeSecret, TypeGPUModels:
		n, ok := v.(float64)
		if !ok {
			return 0, false, fmt.Errorf("%v is not a number", v)
		}
		return n, true, nil
	}
	return 0, false, fmt.Errorf("a %s parameter takes no min or max", p.Type)
}
