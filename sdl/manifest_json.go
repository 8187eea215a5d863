package sdl

import "strconv"

// The canonical manifest JSON is written the way the TS SDK's
// manifestToSortedJSON writes it: keys sorted, no spaces, strings escaped
// by appendText. Its shape is fixed, so keys and punctuation are appended
// as constant runs ("],\"image\":\"") rather than tracked element by
// element; a string's quotes go in the runs before and after it.
// appendManifestJSON writes it straight from the SDL and its plan (no
// Manifest is built to hash it); the tests hold it to a second writer over
// a built Manifest (canonical_test.go), made of the same pieces.

// appendManifestJSON appends the canonical JSON of the planned manifest to
// dst. A group's services are its uses in the plan, which are in the order
// the manifest wants (locale order of the service names; the parser makes
// sure that each deployment names a service and each service is deployed,
// and names are unique); Manifest finds them from the deployments instead,
// and the tests hold the two to the same JSON.
func (p *planner) appendManifestJSON(dst []byte, s *SDL) []byte {
	b := append(dst, '[')
	for n, gi := range p.order {
		if n > 0 {
			b = append(b, ',')
		}
		b = appendText(append(b, `{"name":"`...), p.groups[gi].name(s))
		b = append(b, `","services":[`...)
		k := 0
		for _, use := range p.uses {
			u := &p.units[use.unit]
			if u.group != gi {
				continue
			}
			if k > 0 {
				b = append(b, ',')
			}
			k++
			b = p.appendService(b, use.svc, s.Services[use.svc], use.count, &s.Compute[u.prof], u.id)
		}
		b = append(b, "]}"...)
	}
	return append(b, ']')
}

// appendService appends one service of a manifest group, svc =
// Services[si].
func (p *planner) appendService(b []byte, si int32, svc *Service, count uint32, prof *ComputeProfile, id uint32) []byte {
	b = appendServiceHead(b, svc.Args, svc.Command, count, svc.Credentials, svc.Env)
	p.sortExposes(svc)
	for k, x := range p.exposes {
		if k > 0 {
			b = append(b, ',')
		}
		e, to := x.at(svc.Expose)
		b = appendExpose(b, p.seq.of(to.IP), uint32(e.As), to.Global, e.Accept, &e.HTTP,
			to.IP, uint32(e.Port), e.Proto, to.Service)
	}
	if p := svc.Params; p != nil {
		b = appendServiceMiddle(b, svc.Image, svc.Name, true, p.Storage, p.Permissions)
	} else {
		b = appendServiceMiddle(b, svc.Image, svc.Name, false, nil, nil)
	}
	b = appendUnits(append(b, `,"resources":{"cpu":`...), prof.CPU, prof.CPUAttributes)
	b = append(b, `,"endpoints":[`...)
	for i, ep := range p.endpoints(si) {
		b = appendEndpoint(b, i > 0, ep.Kind, ep.SequenceNumber)
	}
	b = appendResourcesTail(b, prof.GPU, prof.GPUAttributes, id, prof.Memory)
	for k := range prof.Storage {
		v := &prof.Storage[k]
		b = appendStorage(b, k > 0, v.Attributes, v.Name, v.Size)
	}
	return append(b, "]}}"...)
}

// appendServiceHead appends a service object up to the opening of its
// expose list.
func appendServiceHead(b []byte, args, command []string, count uint32, c *Credentials, env []string) []byte {
	b = appendNullableList(append(b, `{"args":`...), args)
	b = appendNullableList(append(b, `,"command":`...), command)
	b = appendUint(append(b, `,"count":`...), count)
	if c != nil {
		b = appendText(append(b, `,"credentials":{"email":"`...), c.Email)
		b = appendText(append(b, `","host":"`...), c.Host)
		b = appendText(append(b, `","password":"`...), c.Password)
		b = appendText(append(b, `","username":"`...), c.Username)
		b = append(b, `"},"env":`...)
	} else {
		b = append(b, `,"credentials":null,"env":`...)
	}
	b = appendNullableList(b, env)
	return append(b, `,"expose":[`...)
}

// appendServiceMiddle closes the expose list and appends image, name and
// (when the service has them) params, up to the resources.
func appendServiceMiddle(b []byte, image, name string, params bool, storage []StorageParam, perm *Permissions) []byte {
	b = appendText(append(b, `],"image":"`...), image)
	b = appendText(append(b, `","name":"`...), name)
	if !params {
		return append(b, '"')
	}
	b = append(b, `","params":{`...)
	if perm != nil {
		b = append(b, `"permissions":{`...)
		if perm.HasRead {
			b = appendList(append(b, `"read":`...), perm.Read)
		}
		b = append(b, "},"...)
	}
	b = append(b, `"storage":[`...)
	for k := range storage {
		st := &storage[k]
		if k > 0 {
			b = append(b, ',')
		}
		b = appendText(append(b, `{"mount":"`...), st.Mount)
		b = appendText(append(b, `","name":"`...), st.Name)
		if st.ReadOnly {
			b = append(b, `","readOnly":true}`...)
		} else {
			b = append(b, `","readOnly":false}`...)
		}
	}
	return append(b, "]}"...)
}

// defaultHTTPOptions is the JSON of the HTTP options an expose without
// http_options gets.
const defaultHTTPOptions = `,"httpOptions":{"maxBodySize":1048576,"nextCases":["error","timeout"],` +
	`"nextTimeout":0,"nextTries":3,"readTimeout":60000,"sendTimeout":60000}`

// defaultHTTP reports whether h are the options an expose without
// http_options gets.
func defaultHTTP(h *HTTPOptions) bool {
	return h.MaxBodySize == 1048576 && h.NextTimeout == 0 && h.NextTries == 3 && h.ReadTimeout == 60000 &&
		h.SendTimeout == 60000 && len(h.NextCases) == 2 && h.NextCases[0] == "error" && h.NextCases[1] == "timeout"
}

// appendExpose appends one (expose, to) pair; the arguments come in the
// order of their keys.
func appendExpose(b []byte, seq, externalPort uint32, global bool, hosts []string, h *HTTPOptions,
	ip string, port uint32, proto, service string) []byte {
	b = appendUint(append(b, `{"endpointSequenceNumber":`...), seq)
	b = appendUint(append(b, `,"externalPort":`...), externalPort)
	switch {
	case len(hosts) == 0 && ip == "" && defaultHTTP(h) && global: // the usual expose, in one go
		b = append(b, `,"global":true,"hosts":null`+defaultHTTPOptions+`,"ip":""`...)
	case len(hosts) == 0 && ip == "" && defaultHTTP(h):
		b = append(b, `,"global":false,"hosts":null`+defaultHTTPOptions+`,"ip":""`...)
	default:
		if global {
			b = append(b, `,"global":true,"hosts":`...)
		} else {
			b = append(b, `,"global":false,"hosts":`...)
		}
		b = appendNullableList(b, hosts)
		if defaultHTTP(h) {
			b = append(b, defaultHTTPOptions...)
		} else {
			b = strconv.AppendInt(append(b, `,"httpOptions":{"maxBodySize":`...), h.MaxBodySize, 10)
			b = appendList(append(b, `,"nextCases":`...), h.NextCases)
			b = strconv.AppendInt(append(b, `,"nextTimeout":`...), h.NextTimeout, 10)
			b = strconv.AppendInt(append(b, `,"nextTries":`...), h.NextTries, 10)
			b = strconv.AppendInt(append(b, `,"readTimeout":`...), h.ReadTimeout, 10)
			b = strconv.AppendInt(append(b, `,"sendTimeout":`...), h.SendTimeout, 10)
			b = append(b, '}')
		}
		b = append(appendText(append(b, `,"ip":"`...), ip), '"')
	}
	b = appendUint(append(b, `,"port":`...), port)
	switch proto { // all the parser writes
	case "TCP":
		b = append(b, `,"proto":"TCP","service":"`...)
	case "UDP":
		b = append(b, `,"proto":"UDP","service":"`...)
	default:
		b = appendText(append(b, `,"proto":"`...), proto)
		b = append(b, `","service":"`...)
	}
	if service != "" { // as it is for most exposes
		b = appendText(b, service)
	}
	return append(b, `"}`...)
}

// appendUnits appends {"attributes":[...],"units":{"val":v}} (a CPU or GPU
// quantity), without attributes when there are none.
func appendUnits(b []byte, v string, attrs []Attribute) []byte {
	b = append(b, '{')
	if len(attrs) > 0 {
		b = append(appendAttributes(b, attrs), ',')
	}
	b = appendText(append(b, `"units":{"val":"`...), v)
	return append(b, `"}}`...)
}

// appendEndpoint appends one endpoint of a resource, after a comma when
// comma is set.
func appendEndpoint(b []byte, comma bool, kind EndpointKind, seq uint32) []byte {
	if comma {
		b = append(b, ',')
	}
	if kind != 0 {
		b = strconv.AppendInt(append(b, `{"kind":`...), int64(kind), 10)
		b = append(b, `,"sequence_number":`...)
	} else {
		b = append(b, `{"sequence_number":`...)
	}
	b = appendUint(b, seq)
	return append(b, '}')
}

// appendResourcesTail closes the endpoints of a resource and appends its
// GPU, id and memory, up to the opening of its storage list.
func appendResourcesTail(b []byte, gpu string, gpuAttrs []Attribute, id uint32, memory string) []byte {
	b = appendUnits(append(b, `],"gpu":`...), gpu, gpuAttrs)
	b = appendUint(append(b, `,"id":`...), id)
	b = appendText(append(b, `,"memory":{"size":{"val":"`...), memory)
	return append(b, `"}},"storage":[`...)
}

// appendStorage appends one storage volume of a resource, after a comma
// when comma is set.
func appendStorage(b []byte, comma bool, attrs []Attribute, name, size string) []byte {
	if comma {
		b = append(b, ',')
	}
	b = append(b, '{')
	if len(attrs) > 0 {
		b = append(appendAttributes(b, attrs), ',')
	}
	b = appendText(append(b, `"name":"`...), name)
	b = appendText(append(b, `","size":{"val":"`...), size)
	return append(b, `"}}`...)
}

// appendAttributes appends "attributes":[{"key":k,"value":v},...].
func appendAttributes(b []byte, attrs []Attribute) []byte {
	b = append(b, `"attributes":[`...)
	for k := range attrs {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendText(append(b, `{"key":"`...), attrs[k].Key)
		b = appendText(append(b, `","value":"`...), attrs[k].Value)
		b = append(b, `"}`...)
	}
	return append(b, ']')
}

// appendNullableList appends a list of strings, or null when it is empty
// (command, args, env, hosts).
func appendNullableList(b []byte, l []string) []byte {
	if len(l) == 0 {
		return append(b, "null"...)
	}
	return appendList(b, l)
}

// appendUint appends n in decimal. Most numbers in a manifest (counts,
// ids, endpoint kinds and sequence numbers) are one digit and ports up to
// five: those are written by hand, two digits at a time, which is several
// times cheaper than a call to strconv. One digit is written here, small
// enough to be inlined at each call; longer numbers go to appendUintLong.
func appendUint(b []byte, n uint32) []byte {
	if n < 10 {
		return append(b, byte('0'+n))
	}
	return appendUintLong(b, n)
}

// appendUintLong is appendUint for n of two digits or more.
func appendUintLong(b []byte, n uint32) []byte {
	switch {
	case n < 100:
		return append(b, digitPairs[2*n], digitPairs[2*n+1])
	case n < 10000:
		hi, lo := n/100, n%100
		if hi < 10 {
			return append(b, byte('0'+hi), digitPairs[2*lo], digitPairs[2*lo+1])
		}
		return append(b, digitPairs[2*hi], digitPairs[2*hi+1], digitPairs[2*lo], digitPairs[2*lo+1])
	case n < 100000:
		hi, mid, lo := n/10000, n/100%100, n%100
		return append(b, byte('0'+hi), digitPairs[2*mid], digitPairs[2*mid+1], digitPairs[2*lo], digitPairs[2*lo+1])
	}
	return strconv.AppendUint(b, uint64(n), 10)
}

// digitPairs holds the two decimal digits of each number below 100.
const digitPairs = "00010203040506070809" +
	"10111213141516171819" +
	"20212223242526272829" +
	"30313233343536373839" +
	"40414243444546474849" +
	"50515253545556575859" +
	"60616263646566676869" +
	"70717273747576777879" +
	"80818283848586878889" +
	"90919293949596979899"

// appendList appends a list of strings.
func appendList(b []byte, l []string) []byte {
	if len(l) == 0 {
		return append(b, "[]"...)
	}
	b = append(b, `["`...)
	for k, s := range l {
		if k > 0 {
			b = append(b, `","`...)
		}
		b = appendText(b, s)
	}
	return append(b, `"]`...)
}
