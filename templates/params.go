package templates

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// paramNamePattern keeps names usable as placeholders and CLI keys; no double
// underscore so the render sentinel stays unambiguous.
var paramNamePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// sizePattern is an SDL size with the unit spellings every official SDK accepts.
var sizePattern = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)(k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?$`)

var sizeUnits = map[string]float64{
	"": 1, "k": 1e3, "Ki": 1 << 10, "M": 1e6, "Mi": 1 << 20, "G": 1e9, "Gi": 1 << 30,
	"T": 1e12, "Ti": 1 << 40, "P": 1e15, "Pi": 1 << 50, "E": 1e18, "Ei": 1 << 60,
}

// limits are a parameter's min/max converted to numbers (length, value,
// cores or bytes depending on the type).
type limits struct {
	min, max       float64
	hasMin, hasMax bool
}

// value is a checked parameter value in the form the renderer needs.
type value struct {
	tag   string   // YAML tag of a scalar: !!str, !!int, !!float or !!bool
	text  string   // canonical text of a scalar
	items []string // list items (string lists and gpu-model)
	list  bool
}

// ValidateParam checks one value for the named parameter without rendering,
// for validation as the user types. Unknown names are errors.
func (t *Template) ValidateParam(name, val string) error {
	p := t.Param(name)
	if p == nil {
		return fmt.Errorf("template %s has no parameter %q", t.ID, name)
	}
	if val == "" && p.Generate > 0 {
		return nil // Resolve generates it
	}
	if _, err := p.parse(val); err != nil {
		return &ParamError{Template: t.ID, Param: name, Value: val, Reason: err.Error()}
	}
	return nil
}

// Resolve returns the effective value of every parameter: the caller's values
// over values set by chosen enum options over defaults, with empty secrets that
// have a generate length filled with random text. It fails on unknown names and
// on any invalid value, reporting every bad parameter.
func (t *Template) Resolve(values map[string]string) (map[string]string, error) {
	var errs []error
	for name := range values {
		if t.Param(name) == nil {
			errs = append(errs, fmt.Errorf("template %s has no parameter %q (known: %s)",
				t.ID, name, strings.Join(t.paramNames(), ", ")))
		}
	}
	if len(errs) > 0 {
		slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return nil, errors.Join(errs...)
	}
	out := t.Defaults()
	for _, p := range t.Params {
		if p.Type != TypeEnum {
			continue
		}
		chosen, ok := values[p.Name]
		if !ok {
			chosen = p.Default
		}
		for _, c := range p.Choices {
			if c.Value != chosen {
				continue
			}
			for k, v := range c.Sets {
				if _, explicit := values[k]; !explicit {
					out[k] = v
				}
			}
		}
	}
	for k, v := range values {
		out[k] = v
	}
	for _, p := range t.Params {
		if p.Type == TypeSecret && p.Generate > 0 && out[p.Name] == "" {
			secret, err := randomText(p.Generate)
			if err != nil {
				return nil, fmt.Errorf("generating %s for template %s: %w", p.Name, t.ID, err)
			}
			out[p.Name] = secret
		}
		if _, err := p.parse(out[p.Name]); err != nil {
			errs = append(errs, &ParamError{Template: t.ID, Param: p.Name, Value: out[p.Name], Reason: err.Error()})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

func (t *Template) paramNames() []string {
	names := make([]string, len(t.Params))
	for i, p := range t.Params {
		names[i] = p.Name
	}
	return names
}

// parse checks a value against the parameter's type and constraints. Error
// messages never repeat a secret's value.
func (p *Param) parse(raw string) (value, error) {
	isList := p.List || p.Type == TypeGPUModels
	s := raw
	if !isList && p.Type != TypeString && p.Type != TypeSecret {
		s = strings.TrimSpace(raw)
	}
	if s == "" || (isList && strings.TrimSpace(s) == "") {
		if !p.Optional {
			return value{}, errors.New("a value is required")
		}
		if isList {
			return value{list: true, items: []string{}}, nil
		}
		return value{tag: "!!str", text: ""}, nil
	}
	if err := checkCharacters(s); err != nil {
		return value{}, err
	}
	switch p.Type {
	case TypeInt:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return value{}, fmt.Errorf("%q is not a whole number", s)
		}
		if err := p.limits.check(float64(n), s); err != nil {
			return value{}, err
		}
		return value{tag: "!!int", text: strconv.FormatInt(n, 10)}, nil
	case TypeCPU:
		cores, err := parseCPU(s)
		if err != nil {
			return value{}, err
		}
		if err := p.limits.check(cores, s+" cores"); err != nil {
			return value{}, err
		}
		text := strconv.FormatFloat(cores, 'f', -1, 64)
		tag := "!!float"
		if !strings.Contains(text, ".") {
			tag = "!!int"
		}
		return value{tag: tag, text: text}, nil
	case TypeSize:
		bytes, err := parseSize(s)
		if err != nil {
			return value{}, err
		}
		if err := p.limits.checkSize(bytes, s, p); err != nil {
			return value{}, err
		}
		return value{tag: "!!str", text: s}, nil
	case TypeBool:
		switch strings.ToLower(s) {
		case "true":
			return value{tag: "!!bool", text: "true"}, nil
		case "false":
			return value{tag: "!!bool", text: "false"}, nil
		}
		return value{}, fmt.Errorf("%q is not true or false", s)
	case TypeEnum:
		if !p.hasChoice(s) {
			return value{}, fmt.Errorf("%q is not one of %s", s, strings.Join(p.choiceValues(), ", "))
		}
		return value{tag: "!!str", text: s}, nil
	case TypeGPUModels:
		return p.parseGPUModels(s)
	case TypeString, TypeSecret:
		if p.List {
			return p.parseStringList(s)
		}
		if err := p.checkText(s); err != nil {
			return value{}, err
		}
		return value{tag: "!!str", text: s}, nil
	}
	return value{}, fmt.Errorf("unknown parameter type %q", p.Type)
}

func (p *Param) checkText(s string) error {
	n := utf8.RuneCountInString(s)
	if p.limits.hasMin && float64(n) < p.limits.min {
		return fmt.Errorf("must be at least %d characters long (got %d)", int(p.limits.min), n)
	}
	if p.limits.hasMax && float64(n) > p.limits.max {
		return fmt.Errorf("must be at most %d characters long (got %d)", int(p.limits.max), n)
	}
	if p.pattern != nil && !p.pattern.MatchString(s) {
		if p.Type == TypeSecret {
			return fmt.Errorf("does not match the pattern %s", p.Pattern)
		}
		return fmt.Errorf("%q does not match the pattern %s", s, p.Pattern)
	}
	if len(p.Choices) > 0 && !p.hasChoice(s) {
		return fmt.Errorf("%q is not one of %s", s, strings.Join(p.choiceValues(), ", "))
	}
	return nil
}

func (p *Param) parseStringList(s string) (value, error) {
	var items []string
	for i, item := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(item) == "" {
			continue
		}
		if err := p.checkText(item); err != nil {
			return value{}, fmt.Errorf("line %d: %w", i+1, err)
		}
		items = append(items, item)
	}
	if len(items) == 0 && !p.Optional {
		return value{}, errors.New("a value is required")
	}
	return value{list: true, items: items}, nil
}

func (p *Param) parseGPUModels(s string) (value, error) {
	known := gpuVendors()
	seen := map[string]bool{}
	var items []string
	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' }) {
		m := strings.ToLower(strings.TrimSpace(item))
		if m == "" {
			continue
		}
		vendors, ok := known[m]
		if !ok {
			return value{}, fmt.Errorf("unknown GPU model %q (use the model key providers advertise, such as rtx4090, a100 or h100)", m)
		}
		if p.vendor != "" && !slices.Contains(vendors, p.vendor) {
			return value{}, fmt.Errorf("GPU model %q is not a %s model", m, p.vendor)
		}
		if len(p.Choices) > 0 && !p.hasChoice(m) {
			return value{}, fmt.Errorf("GPU model %q is not offered here; pick from %s", m, strings.Join(p.choiceValues(), ", "))
		}
		if seen[m] {
			return value{}, fmt.Errorf("GPU model %q is listed twice", m)
		}
		seen[m] = true
		items = append(items, m)
	}
	if len(items) == 0 && !p.Optional {
		return value{}, errors.New("at least one GPU model is required")
	}
	n := float64(len(items))
	if p.limits.hasMax && n > p.limits.max {
		return value{}, fmt.Errorf("at most %d GPU models may be listed (got %d)", int(p.limits.max), len(items))
	}
	return value{list: true, items: items}, nil
}

func (p *Param) hasChoice(v string) bool {
	for _, c := range p.Choices {
		if c.Value == v {
			return true
		}
	}
	return false
}

func (p *Param) choiceValues() []string {
	out := make([]string, len(p.Choices))
	for i, c := range p.Choices {
		out[i] = c.Value
	}
	return out
}

// checkCharacters rejects control characters other than newline and tab: they
// cannot be typed in a form and only hide content.
func checkCharacters(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("is not valid UTF-8 text")
	}
	for i, r := range s {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return fmt.Errorf("contains the control character %U at byte %d", r, i)
		}
	}
	return nil
}

func (l limits) check(v float64, shown string) error {
	if l.hasMin && v < l.min {
		return fmt.Errorf("%s is below the minimum %s", shown, formatNumber(l.min))
	}
	if l.hasMax && v > l.max {
		return fmt.Errorf("%s is above the maximum %s", shown, formatNumber(l.max))
	}
	return nil
}

func (l limits) checkSize(bytes float64, shown string, p *Param) error {
	if l.hasMin && bytes < l.min {
		return fmt.Errorf("%s is below the minimum %v", shown, p.Min)
	}
	if l.hasMax && bytes > l.max {
		return fmt.Errorf("%s is above the maximum %v", shown, p.Max)
	}
	return nil
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// parseCPU reads cores written as a number (0.5, 2) or millicores (500m).
func parseCPU(s string) (float64, error) {
	var cores float64
	if milli, ok := strings.CutSuffix(s, "m"); ok {
		n, err := strconv.ParseUint(milli, 10, 32)
		if err != nil {
			return 0, fmt.Errorf("%q is not a CPU amount (use cores like 0.5 or millicores like 500m)", s)
		}
		cores = float64(n) / 1000
	} else {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, fmt.Errorf("%q is not a CPU amount (use cores like 0.5 or millicores like 500m)", s)
		}
		cores = f
	}
	if cores <= 0 {
		return 0, fmt.Errorf("%q: CPU must be more than zero", s)
	}
	if m := cores * 1000; math.Abs(m-math.Round(m)) > 1e-9 {
		return 0, fmt.Errorf("%q: CPU is counted in thousandths of a core", s)
	}
	return math.Round(cores*1000) / 1000, nil
}

// parseSize returns the number of bytes of an SDL size such as 512Mi or 1.5Gi.
func parseSize(s string) (float64, error) {
	m := sizePattern.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("%q is not a size (use a number with a unit such as 512Mi, 20Gi or 1Ti)", s)
	}
	n, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a size: %w", s, err)
	}
	if n == 0 {
		return 0, fmt.Errorf("%q: size must be more than zero", s)
	}
	return n * sizeUnits[m[2]], nil
}

const secretAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// randomText returns n characters drawn uniformly from an unambiguous alphabet.
func randomText(n int) (string, error) {
	var b strings.Builder
	max := big.NewInt(int64(len(secretAlphabet)))
	for range n {
		i, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", err
		}
		b.WriteByte(secretAlphabet[i.Int64()])
	}
	return b.String(), nil
}
