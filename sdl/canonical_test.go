package sdl

// The second writer of the canonical manifest JSON, over a built Manifest:
// TestBuildConsistent, FuzzBuild and the manifest tests check that it and
// appendManifestJSON (which writes straight from the SDL) agree.

// appendCanonicalJSON appends the manifest as it is sent and hashed to dst.
func (m Manifest) appendCanonicalJSON(dst []byte) []byte {
	b := append(dst, '[')
	for n := range m {
		g := &m[n]
		if n > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = appendStr(b, g.Name)
		b = append(b, `,"services":[`...)
		for k := range g.Services {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendManifestService(b, &g.Services[k])
		}
		b = append(b, "]}"...)
	}
	return append(b, ']')
}

// appendManifestService appends one service of a built manifest.
func appendManifestService(b []byte, s *ManifestService) []byte {
	b = appendServiceHead(b, s.Args, s.Command, s.Count, s.Credentials, s.Env)
	for k := range s.Expose {
		if k > 0 {
			b = append(b, ',')
		}
		e := &s.Expose[k]
		b = appendExpose(b, e.EndpointSequenceNumber, e.ExternalPort, e.Global, e.Hosts, &e.HTTPOptions,
			e.IP, e.Port, e.Proto, e.Service)
	}
	if p := s.Params; p != nil {
		b = appendServiceMiddle(b, s.Image, s.Name, true, p.Storage, p.Permissions)
	} else {
		b = appendServiceMiddle(b, s.Image, s.Name, false, nil, nil)
	}
	r := &s.Resources
	b = appendUnits(append(b, `,"resources":{"cpu":`...), r.CPU.Value, r.CPU.Attributes)
	b = append(b, `,"endpoints":[`...)
	for k, e := range r.Endpoints {
		b = appendEndpoint(b, k > 0, e.Kind, e.SequenceNumber)
	}
	b = appendResourcesTail(b, r.GPU.Value, r.GPU.Attributes, r.ID, r.Memory.Value)
	for k := range r.Storage {
		st := &r.Storage[k]
		b = appendStorage(b, k > 0, st.Attributes, st.Name, st.Size)
	}
	return append(b, "]}}"...)
}
