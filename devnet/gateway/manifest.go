package gateway

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/akt-project/akt/provider"
	"github.com/akt-project/akt/provider/jwt"
)

// Manifest is the part of an akash.manifest.v2beta3 group the gateway uses.
type manifestGroup struct {
	Name     string            `json:"name"`
	Services []manifestService `json:"services"`
}

type manifestService struct {
	Name    string           `json:"name"`
	Image   string           `json:"image"`
	Command []string         `json:"command"`
	Args    []string         `json:"args"`
	Env     []string         `json:"env"`
	Count   uint32           `json:"count"`
	Expose  []manifestExpose `json:"expose"`
}

type manifestExpose struct {
	Port         uint32   `json:"port"`
	ExternalPort uint32   `json:"externalPort"`
	Proto        string   `json:"proto"`
	Global       bool     `json:"global"`
	Hosts        []string `json:"hosts"`
}

// ManifestVersion computes the version hash the way providers do: SHA-256 of the JSON
// re-serialized with object keys sorted at every level, no whitespace and <, >, & escaped.
func ManifestVersion(body []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("manifest is not JSON: %w", err)
	}
	canon, err := json.Marshal(v) // maps marshal with sorted keys and HTML escaping
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(canon)
	return sum[:], nil
}

// endpoint is a local port answering for an exposed service port.
type endpoint struct {
	service      string
	port         uint32 // the container port
	externalPort int    // the local port
	proto        string
	http         bool
	srv          *http.Server
}

// leaseState is what the gateway keeps for a lease once its manifest arrived.
type leaseState struct {
	owner      string
	dseq       uint64
	gseq, oseq uint32
	group      manifestGroup
	manifest   json.RawMessage
	endpoints  []*endpoint
	sandbox    string
	created    time.Time
	logs       *logBook
}

func (l *leaseState) close() {
	for _, e := range l.endpoints {
		_ = e.srv.Close()
	}
	l.logs.close()
}

func leaseKey(owner string, dseq uint64, gseq, oseq uint32) string {
	return fmt.Sprintf("%s/%d/%d/%d", owner, dseq, gseq, oseq)
}

// PortPool hands out local ports for service endpoints, from a base (0 = any free port).
type PortPool struct {
	mu   sync.Mutex
	next int
}

// NewPortPool returns a pool starting at base.
func NewPortPool(base int) *PortPool { return &PortPool{next: base} }

func (p *PortPool) listen() (net.Listener, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.next == 0 {
		return net.Listen("tcp", "127.0.0.1:0")
	}
	for tries := 0; tries < 200; tries++ {
		port := p.next
		p.next++
		if ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err == nil {
			return ln, nil
		}
	}
	return nil, fmt.Errorf("no free service port from %d", p.next-200)
}

// startEndpoint serves a small page naming the service on a local port.
func (s *Server) startEndpoint(l *leaseState, svc manifestService, ex manifestExpose) (*endpoint, error) {
	ln, err := s.cfg.Ports.listen()
	if err != nil {
		return nil, err
	}
	page := fmt.Sprintf("<!doctype html><title>%s</title><h1>%s</h1><p>Service <b>%s</b> (image %s, port %d) of deployment %d, group %q, served by provider %s on the akt devnet.</p><p>This is a development network: no container runs here.</p>\n",
		svc.Name, svc.Name, svc.Name, svc.Image, ex.Port, l.dseq, l.group.Name, s.cfg.Name)
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.logs.add(svc.Name, fmt.Sprintf("%s - - [%s] \"%s %s %s\" 200 %d", r.RemoteAddr, time.Now().UTC().Format("02/Jan/2006:15:04:05 -0700"), r.Method, r.URL.Path, r.Proto, len(page)))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, page)
	})}
	go func() { _ = srv.Serve(ln) }()
	proto := ex.Proto
	if proto == "" {
		proto = "TCP"
	}
	return &endpoint{
		service: svc.Name, port: ex.Port, externalPort: ln.Addr().(*net.TCPAddr).Port, proto: proto,
		http: ex.Port == 80 || ex.ExternalPort == 80, srv: srv,
	}, nil
}

func (s *Server) handleManifest(w http.ResponseWriter, r *http.Request) {
	dseq, err := strconv.ParseUint(r.PathValue("dseq"), 10, 64)
	if err != nil {
		http.Error(w, "bad dseq "+r.PathValue("dseq"), http.StatusBadRequest)
		return
	}
	owner, err := s.authorize(r, jwt.ScopeSendManifest, dseq)
	if err != nil {
		fail(w, err)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 4<<20))
	if err != nil {
		http.Error(w, "reading manifest: "+err.Error(), http.StatusBadRequest)
		return
	}
	if err := s.acceptManifest(r.Context(), owner, dseq, body); err != nil {
		fail(w, err)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// acceptManifest checks a manifest against the chain and starts its leases' services.
func (s *Server) acceptManifest(ctx context.Context, owner string, dseq uint64, body []byte) error {
	var groups []manifestGroup
	if err := json.Unmarshal(body, &groups); err != nil {
		return &httpError{http.StatusBadRequest, "manifest must be a JSON array of groups: " + err.Error()}
	}
	version, err := ManifestVersion(body)
	if err != nil {
		return &httpError{http.StatusBadRequest, err.Error()}
	}
	onChain, err := s.cfg.Chain.DeploymentHash(ctx, owner, dseq)
	if err != nil {
		return &httpError{http.StatusNotFound, fmt.Sprintf("deployment %s/%d: %v", owner, dseq, err)}
	}
	if !bytes.Equal(version, onChain) {
		return &httpError{http.StatusBadRequest, fmt.Sprintf("manifest version validation failed: the manifest hashes to %s but deployment %d has version %s on chain (send exactly the manifest whose version was put on chain)",
			hex.EncodeToString(version), dseq, hex.EncodeToString(onChain))}
	}
	leases, err := s.cfg.Chain.ActiveLeases(ctx, owner, dseq)
	if err != nil {
		return fmt.Errorf("reading leases of deployment %d: %w", dseq, err)
	}
	if len(leases) == 0 {
		return &httpError{http.StatusNotFound, fmt.Sprintf("no active lease for deployment %d at provider %s", dseq, s.cfg.Address)}
	}
	if s.cfg.ManifestFail != nil && s.cfg.ManifestFail() {
		return &httpError{http.StatusInternalServerError, "manifest deployment failed: the cluster could not start the workload (simulated provider fault on the devnet)"}
	}
	for _, le := range leases {
		var group *manifestGroup
		for i := range groups {
			if groups[i].Name == le.GroupName {
				group = &groups[i]
			}
		}
		if group == nil {
			return &httpError{http.StatusBadRequest, fmt.Sprintf("manifest has no group %q for lease %d/%d/%d", le.GroupName, dseq, le.GSeq, le.OSeq)}
		}
		if err := s.startLease(owner, le, *group, body); err != nil {
			return err
		}
	}
	return nil
}

// startLease (re)creates a lease's simulated workload.
func (s *Server) startLease(owner string, le Lease, group manifestGroup, raw []byte) error {
	key := leaseKey(owner, le.DSeq, le.GSeq, le.OSeq)
	sandbox := filepath.Join(s.cfg.SandboxDir, fmt.Sprintf("%s-%d-%d-%d", owner, le.DSeq, le.GSeq, le.OSeq))
	st := &leaseState{owner: owner, dseq: le.DSeq, gseq: le.GSeq, oseq: le.OSeq, group: group,
		manifest: append(json.RawMessage(nil), raw...), sandbox: sandbox, created: time.Now(), logs: newLogBook()}
	for _, svc := range group.Services {
		if err := os.MkdirAll(filepath.Join(sandbox, svc.Name), 0o755); err != nil {
			return fmt.Errorf("creating sandbox of service %s: %w", svc.Name, err)
		}
		st.logs.start(svc, s.cfg.Name)
		for _, ex := range svc.Expose {
			if !ex.Global {
				continue
			}
			ep, err := s.startEndpoint(st, svc, ex)
			if err != nil {
				st.close()
				return fmt.Errorf("exposing %s port %d: %w", svc.Name, ex.Port, err)
			}
			st.endpoints = append(st.endpoints, ep)
		}
	}
	s.mu.Lock()
	old := s.leases[key]
	s.leases[key] = st
	s.mu.Unlock()
	if old != nil {
		old.close()
	}
	return nil
}

// lease authorizes the request and returns the state of an active lease with a manifest.
func (s *Server) lease(r *http.Request, scope jwt.Scope) (*leaseState, error) {
	dseq, err1 := strconv.ParseUint(r.PathValue("dseq"), 10, 64)
	gseq, err2 := strconv.ParseUint(r.PathValue("gseq"), 10, 32)
	oseq, err3 := strconv.ParseUint(r.PathValue("oseq"), 10, 32)
	if err1 != nil || err2 != nil || err3 != nil {
		return nil, &httpError{http.StatusBadRequest, "bad lease id in path " + r.URL.Path}
	}
	owner, err := s.authorize(r, scope, dseq)
	if err != nil {
		return nil, err
	}
	leases, err := s.cfg.Chain.ActiveLeases(r.Context(), owner, dseq)
	if err != nil {
		return nil, err
	}
	active := false
	for _, l := range leases {
		active = active || (l.GSeq == uint32(gseq) && l.OSeq == uint32(oseq))
	}
	key := leaseKey(owner, dseq, uint32(gseq), uint32(oseq))
	s.mu.Lock()
	st := s.leases[key]
	if !active && st != nil {
		delete(s.leases, key)
	}
	s.mu.Unlock()
	if !active {
		if st != nil {
			st.close()
		}
		return nil, &httpError{http.StatusNotFound, fmt.Sprintf("lease %s is not active at provider %s", key, s.cfg.Address)}
	}
	if st == nil {
		return nil, &httpError{http.StatusNotFound, fmt.Sprintf("no manifest received for lease %s", key)}
	}
	return st, nil
}

func (s *Server) handleGetManifest(w http.ResponseWriter, r *http.Request) {
	st, err := s.lease(r, jwt.ScopeGetManifest)
	if err != nil {
		fail(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(st.manifest)
}

func (st *leaseState) serviceStatus(svc manifestService) provider.ServiceStatus {
	ss := provider.ServiceStatus{
		Name: svc.Name, Available: int32(svc.Count), Total: int32(svc.Count), URIs: []string{},
		ObservedGeneration: 1, Replicas: int32(svc.Count), UpdatedReplicas: int32(svc.Count),
		ReadyReplicas: int32(svc.Count), AvailableReplicas: int32(svc.Count),
	}
	for _, e := range st.endpoints {
		if e.service == svc.Name && e.http {
			ss.URIs = append(ss.URIs, fmt.Sprintf("127.0.0.1:%d", e.externalPort))
		}
	}
	return ss
}

func (s *Server) handleLeaseStatus(w http.ResponseWriter, r *http.Request) {
	st, err := s.lease(r, jwt.ScopeStatus)
	if err != nil {
		fail(w, err)
		return
	}
	out := provider.LeaseStatus{Services: map[string]provider.ServiceStatus{}, ForwardedPorts: map[string][]provider.ForwardedPort{}}
	for _, svc := range st.group.Services {
		out.Services[svc.Name] = st.serviceStatus(svc)
	}
	for _, e := range st.endpoints {
		if e.http {
			continue
		}
		out.ForwardedPorts[e.service] = append(out.ForwardedPorts[e.service], provider.ForwardedPort{
			Host: "127.0.0.1", Port: uint16(e.port), ExternalPort: uint16(e.externalPort), Proto: e.proto, Name: e.service,
		})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleServiceStatus(w http.ResponseWriter, r *http.Request) {
	st, err := s.lease(r, jwt.ScopeStatus)
	if err != nil {
		fail(w, err)
		return
	}
	for _, svc := range st.group.Services {
		if svc.Name == r.PathValue("service") {
			writeJSON(w, http.StatusOK, st.serviceStatus(svc))
			return
		}
	}
	http.Error(w, fmt.Sprintf("service %q not found in lease", r.PathValue("service")), http.StatusNotFound)
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// Reap stops the workloads of leases that are no longer active on chain (closed by the
// tenant, or by a dry escrow), so their service ports stop answering.
func (s *Server) Reap(ctx context.Context) {
	s.mu.Lock()
	states := make([]*leaseState, 0, len(s.leases))
	for _, st := range s.leases {
		states = append(states, st)
	}
	s.mu.Unlock()
	for _, st := range states {
		leases, err := s.cfg.Chain.ActiveLeases(ctx, st.owner, st.dseq)
		if err != nil {
			continue // try again next time
		}
		active := false
		for _, l := range leases {
			active = active || (l.GSeq == st.gseq && l.OSeq == st.oseq)
		}
		if active {
			continue
		}
		key := leaseKey(st.owner, st.dseq, st.gseq, st.oseq)
		s.mu.Lock()
		if s.leases[key] == st {
			delete(s.leases, key)
		}
		s.mu.Unlock()
		st.close()
	}
}
