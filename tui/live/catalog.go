package live

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/akt-project/akt/sdl"
	"github.com/akt-project/akt/templates"
	"github.com/akt-project/akt/tui/svc"
)

// Catalog implements svc.Catalog over the built-in templates plus the user's templates
// directory (<data>/templates, where `akt templates import` stores them). It loads on first
// use and checks every render with akt's SDL engine.
type Catalog struct {
	userDir string

	once sync.Once
	cat  *templates.Catalog
	err  error

	mu        sync.Mutex
	resources map[string]svc.Resources
}

var _ svc.Catalog = (*Catalog)(nil)

// NewCatalog returns a catalog reading user templates from dataDir/templates ("" for none).
func NewCatalog(dataDir string) *Catalog {
	c := &Catalog{resources: map[string]svc.Resources{}}
	if dataDir != "" {
		c.userDir = filepath.Join(dataDir, "templates")
	}
	return c
}

// validateSDL is the templates.Validator: akt's SDL engine.
func validateSDL(doc []byte) error {
	_, err := sdl.Parse(doc)
	return err
}

// load reads the catalog once. A bad user template is skipped (the built-in ones still
// load); a user template reusing a built-in id is skipped too.
func (c *Catalog) load() (*templates.Catalog, error) {
	c.once.Do(func() {
		builtin, err := templates.Load(templates.BuiltinFS(), "builtin")
		if err != nil {
			c.err = fmt.Errorf("loading the built-in templates: %w", err)
			return
		}
		var user []*templates.Template
		if c.userDir != "" {
			if _, statErr := os.Stat(c.userDir); statErr == nil {
				user, _ = templates.Load(os.DirFS(c.userDir), "user") // keeps the good ones
			}
		}
		taken := map[string]bool{}
		for _, t := range builtin {
			taken[t.ID] = true
		}
		kept := user[:0]
		for _, t := range user {
			if !taken[t.ID] {
				kept = append(kept, t)
			}
		}
		c.cat, c.err = templates.NewCatalog(validateSDL, builtin, kept)
	})
	return c.cat, c.err
}

// segmentOf maps the TUI's landing doors to the catalog's segments.
func segmentOf(s svc.Segment) (templates.Segment, bool) {
	switch s {
	case svc.SegmentAI:
		return templates.SegmentAIML, true
	case svc.SegmentWeb:
		return templates.SegmentWeb, true
	case svc.SegmentNode:
		return templates.SegmentNodeOperator, true
	}
	return "", false
}

func doorOf(s templates.Segment) svc.Segment {
	switch s {
	case templates.SegmentAIML:
		return svc.SegmentAI
	case templates.SegmentNodeOperator:
		return svc.SegmentNode
	}
	return svc.SegmentWeb
}

// List implements svc.Catalog. Templates of the "other" segment have no door of their own
// and are listed behind the Web door.
func (c *Catalog) List(ctx context.Context, segment svc.Segment) ([]svc.TemplateSummary, error) {
	cat, err := c.load()
	if err != nil {
		return nil, err
	}
	seg, ok := segmentOf(segment)
	if !ok {
		return nil, fmt.Errorf("listing templates: unknown segment %q", segment)
	}
	list := cat.List(seg)
	if seg == templates.SegmentWeb {
		list = append(list, cat.List(templates.SegmentOther)...)
	}
	out := make([]svc.TemplateSummary, 0, len(list))
	for _, t := range list {
		out = append(out, c.summary(t))
	}
	return out, nil
}

func (c *Catalog) summary(t *templates.Template) svc.TemplateSummary {
	return svc.TemplateSummary{ID: t.ID, Name: t.Title, Summary: t.Summary, Segment: doorOf(t.Segment),
		Tags: append([]string(nil), t.Tags...), Resources: c.defaultResources(t)}
}

// defaultResources renders the template with its defaults once and sums what it asks for.
func (c *Catalog) defaultResources(t *templates.Template) svc.Resources {
	c.mu.Lock()
	r, ok := c.resources[t.ID]
	c.mu.Unlock()
	if ok {
		return r
	}
	if doc, err := t.Render(nil); err == nil {
		if ps, err := (Editor{}).Profiles([]byte(doc)); err == nil {
			r = totalResources(ps)
		}
	}
	c.mu.Lock()
	c.resources[t.ID] = r
	c.mu.Unlock()
	return r
}

// totalResources sums profiles times their replica counts.
func totalResources(ps []svc.Profile) svc.Resources {
	var r svc.Resources
	seen := map[string]bool{}
	for _, p := range ps {
		n := max(p.Count, 1)
		r.CPU += p.CPU * float64(n)
		r.MemoryBytes += p.MemoryBytes * uint64(n)
		r.StorageBytes += p.StorageBytes * uint64(n)
		r.GPUs += p.GPUUnits * n
		for _, g := range p.GPUModels {
			if !seen[g.Model] {
				seen[g.Model] = true
				r.GPUModels = append(r.GPUModels, g.Model)
			}
		}
	}
	return r
}

// Get implements svc.Catalog.
func (c *Catalog) Get(ctx context.Context, id string) (svc.Template, error) {
	cat, err := c.load()
	if err != nil {
		return svc.Template{}, err
	}
	t, err := cat.Get(id)
	if err != nil {
		return svc.Template{}, err
	}
	out := svc.Template{TemplateSummary: c.summary(t)}
	for _, p := range t.Params {
		out.Params = append(out.Params, toParam(p))
	}
	return out, nil
}

// toParam converts a template parameter to a form field.
func toParam(p *templates.Param) svc.Param {
	out := svc.Param{Name: p.Name, Label: p.Label, Help: p.Help, Default: p.Default,
		Required: !p.Optional && !(p.Type == templates.TypeSecret && p.Generate > 0)}
	if c := p.Constraints(); c != "" && out.Help != "" {
		out.Help += " (" + c + ")"
	}
	switch p.Type {
	case templates.TypeInt:
		out.Kind = svc.ParamInt
	case templates.TypeBool:
		out.Kind = svc.ParamBool
	case templates.TypeSecret:
		out.Kind = svc.ParamSecret
	case templates.TypeEnum:
		out.Kind = svc.ParamEnum
		for _, ch := range p.Choices {
			out.Options = append(out.Options, ch.Value)
		}
	default: // string, size, cpu, gpu-model: typed as text, checked by ValidateParam
		out.Kind = svc.ParamString
	}
	return out
}

// ValidateParam implements svc.Catalog; the error is the reason alone, for the form.
func (c *Catalog) ValidateParam(ctx context.Context, id, param, value string) error {
	cat, err := c.load()
	if err != nil {
		return err
	}
	t, err := cat.Get(id)
	if err != nil {
		return err
	}
	err = t.ValidateParam(param, value)
	var pe *templates.ParamError
	if errors.As(err, &pe) {
		return errors.New(pe.Reason)
	}
	return err
}

// Render implements svc.Catalog.
func (c *Catalog) Render(ctx context.Context, id string, values map[string]string) ([]byte, error) {
	cat, err := c.load()
	if err != nil {
		return nil, err
	}
	t, err := cat.Get(id)
	if err != nil {
		return nil, err
	}
	doc, err := t.Render(values)
	if err != nil {
		return nil, fmt.Errorf("rendering template %s: %w", id, err)
	}
	return []byte(doc), nil
}
