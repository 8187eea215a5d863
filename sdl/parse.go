package sdl

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Parse reads an SDL (YAML, version "2.0" or "2.1"), validates it and returns
// it. An invalid SDL gives an *Error listing every problem found, each with
// its path, line and column. Accepted legacy forms produce warnings, available
// from (*SDL).Warnings.
func Parse(data []byte) (*SDL, error) {
	var p parser
	v, release, err := loadValue(data, &p.diags)
	if err != nil {
		return nil, err
	}
	defer release()
	s := p.parseRoot(v)
	for i := range p.diags.list {
		d := &p.diags.list[i]
		if d.Line == 0 && d.Path != "" {
			at := locate(v, d.Path)
			d.Line, d.Column = at.line, at.col
		}
	}
	errs, warns := p.diags.split()
	if len(errs) > 0 {
		return nil, &Error{Diagnostics: errs}
	}
	s.warnings = warns
	s.gpus = p.gpus
	return s, nil
}

// loadValue reads the document with the fast reader, or with yaml.v3 when
// the fast reader does not handle it.
func loadValue(data []byte, diags *diagList) (*value, func(), error) {
	if v, ok, release := fastLoad(data); ok {
		return v, release, nil
	}
	diags.list = diags.list[:0]
	v, err := slowLoad(data, diags)
	return v, noRelease, err
}

// slowLoad reads the document through a yaml.v3 node tree.
func slowLoad(data []byte, diags *diagList) (*value, error) {
	root, err := decodeYAML(data)
	if err != nil {
		return nil, err
	}
	return (&loader{diags: diags}).load(root, ""), nil
}

// decodeYAML parses exactly one YAML document into a node tree.
func decodeYAML(data []byte) (root *yaml.Node, err error) {
	defer func() {
		// yaml.v3 panics on a few pathological inputs; report them as errors.
		if r := recover(); r != nil {
			root, err = nil, &Error{Diagnostics: []Diagnostic{{Message: fmt.Sprintf("invalid YAML: %v", r)}}}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{Diagnostics: []Diagnostic{{Message: "empty document: an SDL needs version, services, profiles and deployment"}}}
		}
		return nil, yamlError(data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &Error{Diagnostics: []Diagnostic{{Line: extra.Line, Column: extra.Column,
			Message: "more than one YAML document: an SDL is a single document"}}}
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlError(data, err)
	}
	return &doc, nil
}

// yamlError reports every YAML syntax error of data, err being the first.
func yamlError(data []byte, err error) error {
	return &Error{Diagnostics: syntaxDiagnostics(data, err)}
}

// parser walks the loaded tree, checks it against the SDL schema and builds
// the typed SDL.
type parser struct {
	diags diagList
	gpus  []gpuSite
	a     arena // memory of the SDL being built
}

var rootKeys = [...]string{"version", "services", "profiles", "deployment", "endpoints", "include"}

func (p *parser) parseRoot(v *value) *SDL {
	var s *SDL
	if sv := v.get("services"); sv != nil && sv.kind == kMap && len(sv.keys) > 1 {
		s = p.a.init(len(sv.keys))
	} else if sv != nil && sv.kind == kMap && len(sv.keys) == 1 {
		s = p.a.initOne(oneServiceShape(sv.vals[0]))
	} else {
		s = p.a.init(0)
	}
	if v.kind != kMap {
		p.diags.errorf(v, rawPath(""), "an SDL must be a mapping with version, services, profiles and deployment, got %s", v.kind)
		return s
	}
	f := p.rootFields(v, rawPath(""))
	p.need(v, rawPath(""), f[0], "version")
	p.need(v, rawPath(""), f[1], "services")
	p.need(v, rawPath(""), f[2], "profiles")
	p.need(v, rawPath(""), f[3], "deployment")
	if ver := f[0]; ver != nil {
		if ver.kind == kString && (ver.str == "2.0" || ver.str == "2.1") {
			s.SDLVersion = ver.str
		} else if (ver.kind == kNumber || ver.kind == kString) && (ver.str == "2.0" || ver.str == "2.1" || ver.str == "2") {
			s.SDLVersion = ver.str
			if s.SDLVersion == "2" {
				s.SDLVersion = "2.0"
			}
			p.diags.warnf(ver, rawPath("version"), "read as version \"%s\": write version: \"%s\"", s.SDLVersion, s.SDLVersion)
		} else {
			p.diags.errorf(ver, rawPath("version"), "unsupported version %s: use \"2.0\" or \"2.1\"", quoteVal(ver))
		}
	}
	if inc := f[5]; inc.present() {
		p.stringList(inc, rawPath("include"))
		p.diags.warnf(inc, rawPath("include"), "include is not supported by the SDKs and is ignored")
	}
	if sv := f[1]; sv != nil {
		p.parseServices(s, sv)
	}
	if pr := f[2]; pr != nil {
		p.parseProfiles(s, pr)
	}
	if dv := f[3]; dv != nil {
		p.parseDeployment(s, dv)
	}
	if ev := f[4]; ev != nil {
		p.parseEndpoints(s, ev)
	}
	p.validate(s, v)
	return s
}

// keyAliases maps keys people carry over from other formats to the SDL key.
var keyAliases = map[string]string{
	"environment": "env",
	"cmd":         "command",
	"entrypoint":  "command",
	"ports":       "expose",
	"volumes":     "params.storage",
	"depends-on":  "dependencies",
}

// unsupportedKeys are keys of newer SDL drafts that the official TS SDK and
// today's providers do not support.
var unsupportedKeys = map[string]string{
	"tee":         "confidential computing (TEE) is not supported by the official SDK or live providers yet",
	"reclamation": "reclamation is not supported by the official TS SDK or live providers yet",
}

// checkKeys reports every key of the mapping v not in set, suggesting the
// likely intended one. ignore lists keys accepted with a warning instead.
func (p *parser) checkKeys(v *value, path dpath, set *keySet, ignore map[string]string) {
	p.fields(v, path, set, ignore, nil)
}

// unknownKey reports key i of the mapping v, which is not in allowed.
func (p *parser) unknownKey(v *value, i int, path dpath, allowed []string, ignore map[string]string) {
	k := v.keys[i]
	if why, ok := ignore[k]; ok {
		p.diags.addText(SeverityWarning, v.keyP[i], joinPath(path, k), why)
		return
	}
	var msg string
	if why, ok := unsupportedKeys[k]; ok {
		msg = "unknown key " + strconv.Quote(k) + ": " + why
	} else if alias, ok := keyAliases[k]; ok {
		msg = "unknown key " + strconv.Quote(k) + ": did you mean " + strconv.Quote(alias) + "?"
	} else if s := suggest(k, allowed); s != "" {
		msg = "unknown key " + strconv.Quote(k) + ": did you mean " + strconv.Quote(s) + "?"
	} else {
		msg = "unknown key " + strconv.Quote(k) + " (expected one of: " + joinQuoted(allowed) + ")"
	}
	p.diags.addText(SeverityError, v.keyP[i], joinPath(path, k), msg)
}

// require reports each missing required key of the mapping v.
func (p *parser) require(v *value, path dpath, keys ...string) {
	for _, k := range keys {
		if !v.has(k) {
			p.diags.errorf(v, path, "missing required key %q", k)
		}
	}
}

// mapping checks that v is a mapping; a null value is reported too.
// (mapping, str and boolean are small enough to inline; their reports are not.)
func (p *parser) mapping(v *value, path dpath) bool {
	if v.kind == kMap {
		return true
	}
	p.wrongKind(v, path, "must be a mapping, got %s")
	return false
}

func (p *parser) str(v *value, path dpath) (string, bool) {
	if v.kind == kString {
		return v.str, true
	}
	p.wrongKind(v, path, "must be a string, got %s")
	return "", false
}

func (p *parser) boolean(v *value, path dpath) (bool, bool) {
	if v.kind == kBool {
		return v.b, true
	}
	p.wrongKind(v, path, "must be true or false, got %s")
	return false, false
}

// wrongKind reports v with format, given what v is.
func (p *parser) wrongKind(v *value, path dpath, format string) {
	p.diags.errorf(v, path, format, describe(v))
}

// integer checks for a whole number in [lo, hi].
func (p *parser) integer(v *value, path dpath, lo, hi float64) (int64, bool) {
	if v.kind != kNumber || v.num != float64(int64(v.num)) {
		p.diags.errorf(v, path, "must be a whole number, got %s", describe(v))
		return 0, false
	}
	if v.num < lo || v.num > hi {
		switch {
		case hi-lo < 1<<20:
			p.diags.errorf(v, path, "must be between %s and %s, got %s", jsNumber(lo), jsNumber(hi), jsNumber(v.num))
		case v.num < lo:
			p.diags.errorf(v, path, "must be at least %s, got %s", jsNumber(lo), jsNumber(v.num))
		default:
			p.diags.errorf(v, path, "must be at most %s, got %s", jsNumber(hi), jsNumber(v.num))
		}
		return 0, false
	}
	return int64(v.num), true
}

// stringList reads a list of strings; nil when v is not a list.
func (p *parser) stringList(v *value, path dpath) ([]string, bool) {
	if v.kind != kSeq {
		p.diags.errorf(v, path, "must be a list of strings, got %s", describe(v))
		return nil, false
	}
	out := take(&p.a.strs, len(v.seq))
	ok := true
	for i, e := range v.seq {
		s, good := p.str(e, indexPath(path, i))
		ok = ok && good
		out = append(out, s)
	}
	return out, ok
}

// optStringList reads a list of strings that may be null (command, args, env).
func (p *parser) optStringList(v *value, path dpath) []string {
	if v == nil || v.kind == kNull {
		return nil
	}
	l, _ := p.stringList(v, path)
	return l
}

func describe(v *value) string {
	switch v.kind {
	case kNull:
		return "nothing (null)"
	case kString:
		return fmt.Sprintf("string %q", v.str)
	case kNumber, kBool:
		return fmt.Sprintf("%s %s", v.kind, v.str)
	}
	return v.kind.String()
}

func quoteVal(v *value) string {
	if v.kind == kString {
		return strconv.Quote(v.str)
	}
	if v.kind == kNumber || v.kind == kBool {
		return v.str
	}
	return v.kind.String()
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func joinQuoted(list []string) string {
	var b bytes.Buffer
	for i, s := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s)
	}
	return b.String()
}
