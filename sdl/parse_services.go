package sdl

import (
	"slices"
	"strings"
)

var serviceKeys = []string{"image", "command", "args", "env", "expose", "params", "credentials", "dependencies"}

// indexes of serviceKeys
const (
	svcImage = iota
	svcCommand
	svcArgs
	svcEnv
	svcExpose
	svcParams
	svcCredentials
	svcDependencies
	nServiceKeys
)

// ignoredServiceKeys are Docker Compose keys seen in real SDLs that the Go SDK
// ignores and that cannot change what is deployed: accepted with a warning.
var ignoredServiceKeys = map[string]string{
	"depends_on": "depends_on is ignored: Akash starts all services of a deployment together (the SDK key is \"dependencies\")",
	"depends-on": "depends-on is ignored: Akash starts all services of a deployment together (the SDK key is \"dependencies\")",
}

func (p *parser) parseServices(s *SDL, v *value) {
	if !p.mapping(v, rawPath("services")) {
		return
	}
	s.Services = take(&p.a.svcPtrs, len(v.keys))
	svcs := take(&p.a.svcs, len(v.keys))[:len(v.keys)]
	for i, name := range v.keys {
		path := joinPath(rawPath("services"), name)
		sv := v.vals[i]
		if !p.mapping(sv, path) {
			continue
		}
		f := p.serviceFields(sv, path)
		p.need(sv, path, f[svcImage], "image")
		svc := &svcs[i]
		svc.Name = name
		if img := f[svcImage]; img != nil {
			if str, ok := p.str(img, joinPath(path, "image")); ok {
				if str == "" {
					p.diags.errorf(img, joinPath(path, "image"), "must not be empty")
				}
				svc.Image = str
			}
		}
		svc.Command = p.optStringList(f[svcCommand], joinPath(path, "command"))
		svc.Args = p.optStringList(f[svcArgs], joinPath(path, "args"))
		svc.Env = p.optStringList(f[svcEnv], joinPath(path, "env"))
		if ex := f[svcExpose]; ex != nil {
			svc.Expose = p.parseExposeList(ex, joinPath(path, "expose"))
		}
		if pv := f[svcParams]; pv.present() {
			svc.Params = p.parseParams(pv, joinPath(path, "params"))
		}
		if cv := f[svcCredentials]; cv != nil {
			svc.Credentials = p.parseCredentials(cv, joinPath(path, "credentials"))
		}
		if dv := f[svcDependencies]; dv != nil {
			p.parseDependencies(dv, joinPath(path, "dependencies"))
		}
		s.Services = append(s.Services, svc)
	}
}

func (p *parser) parseDependencies(v *value, path dpath) {
	if v.kind != kSeq {
		p.diags.errorf(v, path, "must be a list, got %s", describe(v))
		return
	}
	for i, d := range v.seq {
		ip := indexPath(path, i)
		if !p.mapping(d, ip) {
			continue
		}
		p.checkKeys(d, ip, dependencyKeySet, nil)
		if sv := d.get("service"); sv != nil {
			p.str(sv, joinPath(ip, "service"))
		}
	}
}

var exposeKeys = []string{"port", "as", "proto", "accept", "to", "http_options"}

// indexes of exposeKeys
const (
	exPort = iota
	exAs
	exProto
	exAccept
	exTo
	exHTTPOptions
	nExposeKeys
)

func (p *parser) parseExposeList(v *value, path dpath) []Expose {
	if v.kind != kSeq {
		p.diags.errorf(v, path, "must be a list, got %s", describe(v))
		return nil
	}
	out := take(&p.a.exposes, len(v.seq))
	for i, ev := range v.seq {
		ip := indexPath(path, i)
		if !p.mapping(ev, ip) {
			continue
		}
		f := p.exposeFields(ev, ip)
		p.need(ev, ip, f[exPort], "port")
		out = append(out, Expose{Proto: "TCP"})
		e := &out[len(out)-1]
		if pv := f[exPort]; pv != nil {
			n, _ := p.integer(pv, joinPath(ip, "port"), 1, 65535)
			e.Port = int(n)
		}
		if av := f[exAs]; av != nil {
			n, _ := p.integer(av, joinPath(ip, "as"), 1, 65535)
			e.As = int(n)
		}
		if pv := f[exProto]; pv != nil {
			if str, ok := p.str(pv, joinPath(ip, "proto")); ok {
				switch str {
				case "TCP", "tcp":
					e.Proto = "TCP"
				case "UDP", "udp":
					e.Proto = "UDP"
				default:
					p.diags.errorf(pv, joinPath(ip, "proto"), "unknown protocol %q: use TCP or UDP", str)
				}
			}
		}
		if av := f[exAccept]; av != nil {
			if av.kind == kNull {
				p.diags.warnf(av, joinPath(ip, "accept"), "accept is empty: remove it or list host names")
			} else {
				e.Accept, _ = p.stringList(av, joinPath(ip, "accept"))
			}
		}
		if tv := f[exTo]; tv != nil {
			e.To = p.parseExposeTo(tv, joinPath(ip, "to"))
		}
		p.parseHTTPOptions(&e.HTTP, f[exHTTPOptions], joinPath(ip, "http_options"))
	}
	return out
}

func (p *parser) parseExposeTo(v *value, path dpath) []ExposeTo {
	if v.kind != kSeq {
		p.diags.errorf(v, path, "must be a list, got %s", describe(v))
		return nil
	}
	out := take(&p.a.tos, len(v.seq))
	for i, tv := range v.seq {
		ip := indexPath(path, i)
		if !p.mapping(tv, ip) {
			continue
		}
		f := p.exposeToFields(tv, ip) // service, global, ip
		var t ExposeTo
		if sv := f[0]; sv != nil {
			t.Service, _ = p.str(sv, joinPath(ip, "service"))
		}
		if gv := f[1]; gv != nil {
			t.Global, _ = p.boolean(gv, joinPath(ip, "global"))
		}
		if iv := f[2]; iv != nil {
			if str, ok := p.str(iv, joinPath(ip, "ip")); ok {
				if str == "" {
					p.diags.errorf(iv, joinPath(ip, "ip"), "must not be empty")
				}
				t.IP = str
			}
		}
		out = append(out, t)
	}
	return out
}

var httpOptionKeys = [...]string{"max_body_size", "read_timeout", "send_timeout", "next_tries", "next_timeout", "next_cases"}

var nextCaseValues = []string{"error", "timeout", "500", "502", "503", "504", "403", "404", "429", "off"}

// parseHTTPOptions reads http_options into h, defaults applied.
func (p *parser) parseHTTPOptions(h *HTTPOptions, v *value, path dpath) {
	*h = HTTPOptions{MaxBodySize: 1048576, ReadTimeout: 60000, SendTimeout: 60000, NextTries: 3}
	if v == nil || v.kind == kNull || !p.mapping(v, path) {
		h.NextCases = p.defaultNextCases()
		return
	}
	var f [len(httpOptionKeys)]*value
	p.fields(v, path, httpOptionKeySet, nil, f[:])
	num := func(i int, hi float64, dst *int64) {
		if x := f[i]; x.present() {
			if n, ok := p.integer(x, joinPath(path, httpOptionKeys[i]), 0, hi); ok {
				*dst = n
			}
		}
	}
	num(0, 104857600, &h.MaxBodySize)
	num(1, 60000, &h.ReadTimeout)
	num(2, 60000, &h.SendTimeout)
	num(3, 1<<53, &h.NextTries)
	num(4, 1<<53, &h.NextTimeout)
	if x := f[5]; x.present() {
		cases, ok := p.stringList(x, joinPath(path, "next_cases"))
		if ok {
			for i, c := range cases {
				if !contains(nextCaseValues, c) {
					p.diags.errorf(x.seq[i], indexPath(joinPath(path, "next_cases"), i),
						"unknown case %q (expected one of: %s)", c, joinQuoted(nextCaseValues))
					ok = false
				}
			}
			if ok && contains(cases, "off") && len(cases) != 1 {
				p.diags.errorf(x, joinPath(path, "next_cases"), "\"off\" must be the only entry")
			}
			h.NextCases = cases
		}
	}
	if h.NextCases == nil {
		h.NextCases = p.defaultNextCases()
	}
}

// defaultNextCases is a new list of the default next_cases.
func (p *parser) defaultNextCases() []string {
	return append(take(&p.a.strs, 2), "error", "timeout")
}

func (p *parser) parseParams(v *value, path dpath) *Params {
	if !p.mapping(v, path) {
		return nil
	}
	p.checkKeys(v, path, paramsKeySet, nil)
	out := one(&p.a.params)
	out.Storage = []StorageParam{}
	if sv := v.get("storage"); sv.present() {
		sp := joinPath(path, "storage")
		if p.mapping(sv, sp) {
			out.Storage = take(&p.a.sparams, len(sv.keys))
			for i, name := range sv.keys {
				vp := joinPath(sp, name)
				mv := sv.vals[i]
				if mv.kind == kNull {
					p.diags.errorf(mv, vp, "storage %q is not configured: give it a mount path", name)
					continue
				}
				if !p.mapping(mv, vp) {
					continue
				}
				p.checkKeys(mv, vp, storageParamSet, nil)
				param := StorageParam{Name: name}
				if m := mv.get("mount"); m != nil {
					if str, ok := p.str(m, joinPath(vp, "mount")); ok {
						if !strings.HasPrefix(str, "/") {
							p.diags.errorf(m, joinPath(vp, "mount"), "mount must be an absolute path, got %q", str)
						}
						param.Mount = str
					}
				}
				if ro := mv.get("readOnly"); ro != nil {
					param.ReadOnly, _ = p.boolean(ro, joinPath(vp, "readOnly"))
				}
				out.Storage = append(out.Storage, param)
			}
			// The manifest lists mounts sorted by name (plain code-unit order).
			slices.SortStableFunc(out.Storage, func(a, b StorageParam) int { return jsCmp(a.Name, b.Name) })
		}
	}
	if pv := v.get("permissions"); pv.present() {
		pp := joinPath(path, "permissions")
		if p.mapping(pv, pp) {
			p.checkKeys(pv, pp, permissionsKeySet, nil)
			out.Permissions = &Permissions{}
			if rv := pv.get("read"); rv != nil {
				out.Permissions.HasRead = true
				reads, ok := p.stringList(rv, joinPath(pp, "read"))
				if ok {
					for i, r := range reads {
						if r != "deployment" && r != "logs" {
							p.diags.errorf(rv.seq[i], indexPath(joinPath(pp, "read"), i), "unknown permission %q: use deployment or logs", r)
						}
					}
				}
				out.Permissions.Read = reads
			}
		}
	}
	return out
}

func (p *parser) parseCredentials(v *value, path dpath) *Credentials {
	if !p.mapping(v, path) {
		return nil
	}
	p.checkKeys(v, path, credentialsKeySet, nil)
	p.require(v, path, "host", "username", "password")
	c := &Credentials{}
	field := func(key string, minLen int, dst *string) {
		x := v.get(key)
		if x == nil {
			return
		}
		if str, ok := p.str(x, joinPath(path, key)); ok {
			if len([]rune(str)) < minLen {
				p.diags.errorf(x, joinPath(path, key), "must be at least %d characters long", minLen)
			}
			*dst = str
		}
	}
	field("host", 1, &c.Host)
	field("email", 5, &c.Email)
	field("username", 1, &c.Username)
	field("password", 6, &c.Password)
	return c
}
