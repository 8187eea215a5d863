package sdl

import (
	"slices"
	"strings"
)

var serviceKeys = []string{"image", "command", "args", "env", "expose", "params", "credentials", "dependencies"}

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
		p.checkKeys(sv, path, serviceKeys, ignoredServiceKeys)
		p.require(sv, path, "image")
		svc := &svcs[i]
		svc.Name = name
		if img := sv.get("image"); img != nil {
			if str, ok := p.str(img, joinPath(path, "image")); ok {
				if str == "" {
					p.diags.errorf(img, joinPath(path, "image"), "must not be empty")
				}
				svc.Image = str
			}
		}
		svc.Command = p.optStringList(sv.get("command"), joinPath(path, "command"))
		svc.Args = p.optStringList(sv.get("args"), joinPath(path, "args"))
		svc.Env = p.optStringList(sv.get("env"), joinPath(path, "env"))
		if ex := sv.get("expose"); ex != nil {
			svc.Expose = p.parseExposeList(ex, joinPath(path, "expose"))
		}
		if pv := sv.get("params"); pv.present() {
			svc.Params = p.parseParams(pv, joinPath(path, "params"))
		}
		if cv := sv.get("credentials"); cv != nil {
			svc.Credentials = p.parseCredentials(cv, joinPath(path, "credentials"))
		}
		if dv := sv.get("dependencies"); dv != nil {
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
		p.checkKeys(d, ip, []string{"service"}, nil)
		if sv := d.get("service"); sv != nil {
			p.str(sv, joinPath(ip, "service"))
		}
	}
}

var exposeKeys = []string{"port", "as", "proto", "accept", "to", "http_options"}

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
		p.checkKeys(ev, ip, exposeKeys, nil)
		p.require(ev, ip, "port")
		e := Expose{Proto: "TCP"}
		if pv := ev.get("port"); pv != nil {
			n, _ := p.integer(pv, joinPath(ip, "port"), 1, 65535)
			e.Port = int(n)
		}
		if av := ev.get("as"); av != nil {
			n, _ := p.integer(av, joinPath(ip, "as"), 1, 65535)
			e.As = int(n)
		}
		if pv := ev.get("proto"); pv != nil {
			if str, ok := p.str(pv, joinPath(ip, "proto")); ok {
				switch str {
				case "TCP", "UDP", "tcp", "udp":
					e.Proto = strings.ToUpper(str)
				default:
					p.diags.errorf(pv, joinPath(ip, "proto"), "unknown protocol %q: use TCP or UDP", str)
				}
			}
		}
		if av := ev.get("accept"); av != nil {
			if av.kind == kNull {
				p.diags.warnf(av, joinPath(ip, "accept"), "accept is empty: remove it or list host names")
			} else {
				e.Accept, _ = p.stringList(av, joinPath(ip, "accept"))
			}
		}
		if tv := ev.get("to"); tv != nil {
			e.To = p.parseExposeTo(tv, joinPath(ip, "to"))
		}
		e.HTTP = p.parseHTTPOptions(ev.get("http_options"), joinPath(ip, "http_options"))
		out = append(out, e)
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
		p.checkKeys(tv, ip, []string{"service", "global", "ip"}, nil)
		var t ExposeTo
		if sv := tv.get("service"); sv != nil {
			t.Service, _ = p.str(sv, joinPath(ip, "service"))
		}
		if gv := tv.get("global"); gv != nil {
			t.Global, _ = p.boolean(gv, joinPath(ip, "global"))
		}
		if iv := tv.get("ip"); iv != nil {
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

var httpOptionKeys = []string{"max_body_size", "read_timeout", "send_timeout", "next_tries", "next_timeout", "next_cases"}

var nextCaseValues = []string{"error", "timeout", "500", "502", "503", "504", "403", "404", "429", "off"}

func (p *parser) parseHTTPOptions(v *value, path dpath) HTTPOptions {
	h := HTTPOptions{MaxBodySize: 1048576, ReadTimeout: 60000, SendTimeout: 60000, NextTries: 3}
	if v == nil || v.kind == kNull || !p.mapping(v, path) {
		h.NextCases = p.defaultNextCases()
		return h
	}
	p.checkKeys(v, path, httpOptionKeys, nil)
	num := func(key string, hi float64, dst *int64) {
		if x := v.get(key); x.present() {
			if n, ok := p.integer(x, joinPath(path, key), 0, hi); ok {
				*dst = n
			}
		}
	}
	num("max_body_size", 104857600, &h.MaxBodySize)
	num("read_timeout", 60000, &h.ReadTimeout)
	num("send_timeout", 60000, &h.SendTimeout)
	num("next_tries", 1<<53, &h.NextTries)
	num("next_timeout", 1<<53, &h.NextTimeout)
	if x := v.get("next_cases"); x.present() {
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
	return h
}

// defaultNextCases is a new list of the default next_cases.
func (p *parser) defaultNextCases() []string {
	return append(take(&p.a.strs, 2), "error", "timeout")
}

func (p *parser) parseParams(v *value, path dpath) *Params {
	if !p.mapping(v, path) {
		return nil
	}
	p.checkKeys(v, path, []string{"storage", "permissions"}, nil)
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
				p.checkKeys(mv, vp, []string{"mount", "readOnly"}, nil)
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
			p.checkKeys(pv, pp, []string{"read"}, nil)
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
	p.checkKeys(v, path, []string{"host", "email", "username", "password"}, nil)
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
