package svc

import "context"

// Segment is a family of templates shown behind one landing door.
type Segment string

// The three landing doors.
const (
	SegmentAI   Segment = "ai"
	SegmentWeb  Segment = "web"
	SegmentNode Segment = "node"
)

// Label is the segment's name as shown to people.
func (s Segment) Label() string {
	switch s {
	case SegmentAI:
		return "AI/ML"
	case SegmentWeb:
		return "Web"
	case SegmentNode:
		return "Node operator"
	default:
		return string(s)
	}
}

// Resources summarises what a template or profile asks for, at a glance.
type Resources struct {
	// CPU in cores (0.5 = half a core).
	CPU float64
	// MemoryBytes and StorageBytes are totals across services.
	MemoryBytes, StorageBytes uint64
	// GPUs is the total GPU units; GPUModels the acceptable models ("h100", "a100").
	GPUs      int
	GPUModels []string
}

// TemplateSummary is one row of the gallery.
type TemplateSummary struct {
	// ID is the template's stable identifier.
	ID string
	// Name is its display name; Summary one sentence about it.
	Name, Summary string
	// Segment is the door it belongs to.
	Segment Segment
	// Tags are search keywords ("llm", "postgres").
	Tags []string
	// Resources is the default resource request.
	Resources Resources
}

// ParamKind is the input type of a template parameter.
type ParamKind string

// Parameter kinds.
const (
	ParamString ParamKind = "string"
	ParamInt    ParamKind = "int"
	ParamBool   ParamKind = "bool"
	ParamEnum   ParamKind = "enum"
	ParamSecret ParamKind = "secret"
)

// Param is one field of a template's parameter form, from the template's JSON.
type Param struct {
	// Name is the key the template renders with; Label and Help are shown in the form.
	Name, Label, Help string
	// Kind is the input type; Options lists the choices of an enum.
	Kind    ParamKind
	Options []string
	// Default pre-fills the field; Required forbids an empty value.
	Default  string
	Required bool
}

// Template is a template with its parameter form.
type Template struct {
	TemplateSummary
	// Params is the form, in display order.
	Params []Param
}

// Catalog lists, validates and renders templates.
type Catalog interface {
	// List returns the templates of a segment.
	List(ctx context.Context, segment Segment) ([]TemplateSummary, error)
	// Get returns one template with its parameters.
	Get(ctx context.Context, id string) (Template, error)
	// ValidateParam checks one value; the error says what is wrong in words a person reads.
	ValidateParam(ctx context.Context, id, param, value string) error
	// Render renders the template with the values into SDL YAML.
	Render(ctx context.Context, id string, values map[string]string) ([]byte, error)
}
