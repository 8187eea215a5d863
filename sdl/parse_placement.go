package sdl

import "strings"

var placementKeys = []string{"attributes", "signedBy", "pricing"}

// parsePlacement reads placement name and, unless it is not a mapping,
// appends it to s.Placements (which has room for every placement).
func (p *parser) parsePlacement(s *SDL, name string, v *value, path dpath) {
	if !p.mapping(v, path) {
		return
	}
	f := p.placementFields(v, path) // attributes, signedBy, pricing
	p.need(v, path, f[2], "pricing")
	s.Placements = append(s.Placements, Placement{Name: name})
	pl := &s.Placements[len(s.Placements)-1]
	prv := f[2]
	if av := f[0]; av != nil {
		ap := joinPath(path, "attributes")
		switch av.kind {
		case kMap:
			pl.Attributes = p.mapAttributes(av)
		case kNull:
			p.diags.warnf(av, ap, "attributes is empty: remove the key or add attributes")
		case kSeq:
			pl.Attributes = p.listAttributes(av, ap)
		default:
			p.diags.errorf(av, ap, "must be a mapping of attribute names to values, got %s", describe(av))
		}
	}
	if sv := f[1]; sv != nil {
		sp := joinPath(path, "signedBy")
		if p.mapping(sv, sp) {
			var sf [2]*value // signedByKeySet: allOf, anyOf
			p.fields(sv, sp, signedByKeySet, nil, sf[:])
			pl.AllOf = p.auditors(sf[0], joinPath(sp, "allOf"))
			pl.AnyOf = p.auditors(sf[1], joinPath(sp, "anyOf"))
		}
	}
	if prv != nil {
		pp := joinPath(path, "pricing")
		if p.mapping(prv, pp) {
			pl.Pricing = take(&p.a.pricing, len(prv.keys))
			for i, prof := range prv.keys {
				// An invalid price is reported once, here; keep the key so
				// the deployment check does not call it missing.
				pv := prv.vals[i]
				price, ok := p.parsePrice(pv, joinPath(pp, prof))
				pl.Pricing = append(pl.Pricing, ProfilePrice{Profile: prof, Price: price,
					line: int32(pv.line()), col: int32(pv.col()), valid: ok})
			}
		}
	}
}

// listAttributes reads the legacy list form [{key, value}] of placement
// attributes, accepted with a warning.
func (p *parser) listAttributes(v *value, path dpath) []Attribute {
	out := take(&p.a.attrs, len(v.seq))
	for i, e := range v.seq {
		ip := indexPath(path, i)
		if !p.mapping(e, ip) {
			continue
		}
		p.checkKeys(e, ip, listAttrKeySet, nil)
		p.require(e, ip, "key", "value")
		kv, vv := e.get("key"), e.get("value")
		if kv == nil || vv == nil {
			continue
		}
		k, ok := p.str(kv, joinPath(ip, "key"))
		if !ok {
			continue
		}
		out = append(out, Attribute{Key: k, Value: p.jsString(vv)})
	}
	sortAttributes(out)
	p.diags.warnf(v, path, "attributes written as a list of {key, value}: write them as a mapping (key: value)")
	return out
}

// auditors reads signedBy.allOf/anyOf. Numbers are accepted as text with a
// warning (the Go SDK does so; an auditor is an akash1... address).
func (p *parser) auditors(v *value, path dpath) []string {
	if v == nil {
		return nil
	}
	if v.kind != kSeq {
		p.diags.errorf(v, path, "must be a list of auditor addresses, got %s", describe(v))
		return nil
	}
	out := take(&p.a.strs, len(v.seq))
	for i, e := range v.seq {
		ip := indexPath(path, i)
		switch e.kind {
		case kString:
			out = append(out, e.str)
		case kNumber:
			out = append(out, e.str)
			p.diags.addText(SeverityWarning, e.p, ip, "auditor "+e.str+" is a number, not an akash1... address: no provider will match it")
		default:
			p.diags.errorf(e, ip, "must be an auditor address (akash1...), got %s", describe(e))
		}
	}
	return out
}

// usdcMainnet is the only ibc/ denom the TS SDK accepts on mainnet.
const usdcMainnet = "ibc/170C677610AC31DF0904FFE09CD3B5C657492170E7E52372E48756B71E56F2F1"

// parsePrice reads the price of profile prof in placement pl.
func (p *parser) parsePrice(v *value, path dpath) (Price, bool) {
	if !p.mapping(v, path) {
		return Price{}, false
	}
	f := p.priceFields(v, path) // denom, amount
	p.need(v, path, f[0], "denom")
	p.need(v, path, f[1], "amount")
	var price Price
	ok := true
	if dv := f[0]; dv != nil {
		if d, good := p.str(dv, joinPath(path, "denom")); good {
			switch {
			case !isDenom(d):
				p.diags.errorf(dv, joinPath(path, "denom"), "unknown denom %q: use uact", d)
				ok = false
			case strings.HasPrefix(d, "ibc/") && d != usdcMainnet:
				p.diags.errorf(dv, joinPath(path, "denom"), "unknown IBC denom %q: use uact", d)
				ok = false
			}
			price.Denom = d
		} else {
			ok = false
		}
	} else {
		ok = false
	}
	if av := f[1]; av != nil {
		ap := joinPath(path, "amount")
		switch av.kind {
		case kNumber:
			if av.num < 0 || av.num != av.num {
				p.diags.errorf(av, ap, "amount must not be negative, got %s", av.str)
				ok = false
			}
			price.Amount = jsNumberText(av)
		case kString:
			if !isAmount(av.str) {
				p.diags.errorf(av, ap, "invalid amount %q: use a decimal number such as 1000 or 0.5", av.str)
				ok = false
			}
			price.Amount = av.str
		default:
			p.diags.errorf(av, ap, "amount must be a number, got %s", describe(av))
			ok = false
		}
	} else {
		ok = false
	}
	return price, ok
}

func (p *parser) parseDeployment(s *SDL, v *value) {
	if !p.mapping(v, rawPath("deployment")) {
		return
	}
	s.Deployments = take(&p.a.sdPtrs, len(v.keys))
	sds := take(&p.a.sds, len(v.keys))[:len(v.keys)]
	for i, svc := range v.keys {
		path := joinPath(rawPath("deployment"), svc)
		dv := v.vals[i]
		if !p.mapping(dv, path) {
			continue
		}
		sd := &sds[i]
		*sd = ServiceDeployment{Service: svc, Placements: take(&p.a.pds, len(dv.keys))}
		for j, pl := range dv.keys {
			pp := joinPath(path, pl)
			e := dv.vals[j]
			if !p.mapping(e, pp) {
				continue
			}
			f := p.deploymentFields(e, pp) // profile, count
			p.need(e, pp, f[0], "profile")
			p.need(e, pp, f[1], "count")
			pd := PlacementDeployment{Placement: pl}
			if pv := f[0]; pv != nil {
				pd.Profile, _ = p.str(pv, joinPath(pp, "profile"))
			}
			if cv := f[1]; cv != nil {
				n, _ := p.integer(cv, joinPath(pp, "count"), 1, 1<<32-1)
				pd.Count = uint32(n)
			}
			sd.Placements = append(sd.Placements, pd)
		}
		s.Deployments = append(s.Deployments, sd)
	}
}

// isEndpointName matches `^[a-z]+[-_0-9a-z]+$`: a lowercase letter, then
// at least one more of lowercase letters, digits, - and _.
func isEndpointName(s string) bool {
	if len(s) < 2 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func (p *parser) parseEndpoints(s *SDL, v *value) {
	if v.kind == kNull {
		return
	}
	if !p.mapping(v, rawPath("endpoints")) {
		return
	}
	for i, name := range v.keys {
		path := joinPath(rawPath("endpoints"), name)
		if !isEndpointName(name) {
			p.diags.errorAt(v.keyP[i], path, "invalid endpoint name %q: use lowercase letters, digits, - and _, starting with a letter", name)
		}
		e := v.vals[i]
		if !p.mapping(e, path) {
			continue
		}
		p.checkKeys(e, path, endpointKeySet, nil)
		p.require(e, path, "kind")
		ep := Endpoint{Name: name}
		if kv := e.get("kind"); kv != nil {
			if k, ok := p.str(kv, joinPath(path, "kind")); ok {
				if k != "ip" {
					p.diags.errorf(kv, joinPath(path, "kind"), "unknown endpoint kind %q: use ip", k)
				}
				ep.Kind = k
			}
		}
		s.Endpoints = append(s.Endpoints, ep)
	}
}
