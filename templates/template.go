package templates

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Segment groups templates by who they are for; the Console's roadmap starts
// users from it.
type Segment string

// The segments a template can belong to.
const (
	SegmentAIML         Segment = "ai-ml"
	SegmentWeb          Segment = "web"
	SegmentNodeOperator Segment = "node-operator"
	SegmentOther        Segment = "other"
)

// Segments lists every segment in display order.
var Segments = []Segment{SegmentAIML, SegmentWeb, SegmentNodeOperator, SegmentOther}

// Valid reports whether s is one of the known segments.
func (s Segment) Valid() bool {
	for _, k := range Segments {
		if s == k {
			return true
		}
	}
	return false
}

// ParamType says how a parameter is entered, checked and placed in the SDL.
type ParamType string

// The parameter types a descriptor may use.
const (
	// TypeString is free text; min/max bound its length in characters.
	TypeString ParamType = "string"
	// TypeInt is a whole number; min/max bound its value.
	TypeInt ParamType = "int"
	// TypeSize is an SDL size such as 512Mi or 20Gi; min/max are sizes.
	TypeSize ParamType = "size"
	// TypeCPU is a number of CPU cores such as 0.5, 2 or 500m; min/max are cores.
	TypeCPU ParamType = "cpu"
	// TypeGPUModels is a list of GPU model names (for example rtx4090,a100).
	TypeGPUModels ParamType = "gpu-model"
	// TypeEnum is one of the descriptor's choices.
	TypeEnum ParamType = "enum"
	// TypeSecret is free text that forms must mask; it may be generated.
	TypeSecret ParamType = "secret"
	// TypeBool is true or false.
	TypeBool ParamType = "bool"
)

// Choice is one allowed value of an enum (or gpu-model) parameter. Choosing it
// may set other parameters the user has not set explicitly.
type Choice struct {
	// Value is what the parameter is set to.
	Value string `json:"value"`
	// Label is the text a form shows; Value is shown when empty.
	Label string `json:"label,omitempty"`
	// Sets gives other parameters' values when this choice is made, unless
	// the user set them explicitly.
	Sets map[string]string `json:"sets,omitempty"`
}

// Param describes one form field of a template and where it lands in the SDL.
type Param struct {
	// Name is the placeholder name used as {{name}} in deploy.yaml.
	Name string `json:"name"`
	// Label is the short form label.
	Label string `json:"label"`
	// Type selects parsing, validation and how the value is written to YAML.
	Type ParamType `json:"type"`
	// Default is the value as a user would type it.
	Default string `json:"default"`
	// Optional allows an empty value.
	Optional bool `json:"optional,omitempty"`
	// Advanced marks fields a form may fold away.
	Advanced bool `json:"advanced,omitempty"`
	// List makes a string parameter a list: items are separated by newlines
	// and rendered as a YAML sequence. gpu-model parameters are always lists
	// (comma or newline separated).
	List bool `json:"list,omitempty"`
	// Min and Max bound the value: length for string and secret, value for
	// int and cpu (numbers), size for size (strings such as "1Gi").
	Min any `json:"min,omitempty"`
	Max any `json:"max,omitempty"`
	// Pattern is a regular expression every (list item) value must match.
	Pattern string `json:"pattern,omitempty"`
	// Choices lists the allowed values of an enum, or restricts gpu-model.
	Choices []Choice `json:"choices,omitempty"`
	// Generate, for a secret, is the length of a random value created when
	// the value is left empty.
	Generate int `json:"generate,omitempty"`
	// Help is one or two sentences shown under the field.
	Help string `json:"help"`
	// Targets are the SDL paths where the value lands, for example
	// "services.web.env[PORT]" or "profiles.compute.web.resources.cpu.units".
	// They are checked against deploy.yaml when the template is loaded. A
	// preset (an enum whose every choice sets other parameters) may have none.
	Targets []string `json:"targets"`

	pattern *regexp.Regexp
	limits  limits
	vendor  string // GPU vendor key above a gpu-model placeholder
}

// Template is one catalog entry: a descriptor plus its SDL source.
type Template struct {
	// ID is unique in a catalog and equals the template's directory name.
	ID string `json:"id"`
	// Title is a short human name.
	Title string `json:"title"`
	// Summary is one line saying what gets deployed.
	Summary string `json:"summary"`
	// Segment is the audience the template is listed under.
	Segment Segment `json:"segment"`
	// Tags are lower-case keywords for search.
	Tags []string `json:"tags"`
	// Params are the form fields, in display order. Treat them as read-only.
	Params []*Param `json:"params"`
	// Source says where the template came from: "builtin", or for imported
	// templates the catalog and directory (for example "awesome-akash:ollama").
	Source string `json:"source,omitempty"`

	sdl      []byte
	validate Validator
}

// Validator checks a rendered SDL document and returns a descriptive error
// when it would not deploy. The sdl package's validation fits this type.
type Validator func(sdl []byte) error

// SDL returns the template's SDL source with its {{placeholders}}.
func (t *Template) SDL() []byte { return append([]byte(nil), t.sdl...) }

// Param returns the parameter with the given name, or nil.
func (t *Template) Param(name string) *Param {
	for _, p := range t.Params {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// Defaults returns every parameter's default value.
func (t *Template) Defaults() map[string]string {
	out := make(map[string]string, len(t.Params))
	for _, p := range t.Params {
		out[p.Name] = p.Default
	}
	return out
}

// ParamError is a bad parameter value; its message names the parameter.
type ParamError struct {
	// Template is the template id ("" when not known).
	Template string
	// Param is the parameter's name.
	Param string
	// Value is the rejected value; it may be a secret, so never print it.
	Value string
	// Reason says what is wrong, without repeating secret values.
	Reason string
}

// Error implements error.
func (e *ParamError) Error() string {
	if e.Template == "" {
		return fmt.Sprintf("parameter %q: %s", e.Param, e.Reason)
	}
	return fmt.Sprintf("template %s: parameter %q: %s", e.Template, e.Param, e.Reason)
}

// Constraints describes the allowed values in one line for a form or help
// text, for example "min 1, max 8" or "one of: a (Label A); b". Empty when
// anything of the type goes.
func (p *Param) Constraints() string {
	var parts []string
	if p.Min != nil {
		parts = append(parts, "min "+boundText(p.Min))
	}
	if p.Max != nil {
		parts = append(parts, "max "+boundText(p.Max))
	}
	if p.Pattern != "" {
		parts = append(parts, "pattern "+p.Pattern)
	}
	if len(p.Choices) > 0 {
		vals := make([]string, 0, len(p.Choices))
		for _, c := range p.Choices {
			v := c.Value
			if c.Label != "" {
				v += " (" + c.Label + ")"
			}
			vals = append(vals, v)
		}
		parts = append(parts, "one of: "+strings.Join(vals, "; "))
	}
	return strings.Join(parts, ", ")
}

// boundText prints a min/max bound as written by people: JSON numbers
// arrive as float64, which %v would print as 1.048576e+06.
func boundText(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// SetsParams lists, sorted, the other parameters a choice of p may set; a
// form refreshes them when the choice changes.
func (p *Param) SetsParams() []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range p.Choices {
		for k := range c.Sets {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}
