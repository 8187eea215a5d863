// Package gateway is a simulated Akash provider gateway for the devnet: the provider HTTP
// API on 127.0.0.1 over TLS with the provider's self-signed certificate, JWT (ES256K) or
// mTLS authentication against the chain, manifests checked against the deployment's
// on-chain version hash, lease and service status with local endpoints, plausible logs and
// kube events, and a lease shell that really runs commands in a per-lease sandbox.
package gateway

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	dtypes "github.com/akt-project/akt/chain/types/deployment/v1beta4"
)

// Lease is one of the provider's active leases of a deployment.
type Lease struct {
	Owner      string
	DSeq       uint64
	GSeq, OSeq uint32
	// GroupName is the name of the deployment group the lease serves.
	GroupName string
}

// Chain is what the gateway reads from the devnet chain.
type Chain interface {
	// DeploymentHash returns the version hash of the owner's active deployment dseq.
	DeploymentHash(ctx context.Context, owner string, dseq uint64) ([]byte, error)
	// ActiveLeases returns this provider's active leases of the owner's deployment dseq.
	ActiveLeases(ctx context.Context, owner string, dseq uint64) ([]Lease, error)
	// PubKey returns the account's compressed secp256k1 public key (33 bytes); an account
	// that never sent a transaction has none.
	PubKey(ctx context.Context, addr string) ([]byte, error)
	// CertValid tells whether der is a valid on-chain certificate of owner.
	CertValid(ctx context.Context, owner string, der []byte) (bool, error)
}

// Config configures a gateway.
type Config struct {
	// Name and Address identify the provider.
	Name, Address string
	// Listen is the host:port to listen on (127.0.0.1:...).
	Listen string
	// Listener, when set, is a listener on Listen the caller reserved earlier; the first Up
	// serves on it instead of listening again, and Close closes it if Up never ran.
	Listener net.Listener
	// Certificate is the provider's TLS certificate (published on chain).
	Certificate tls.Certificate
	Chain       Chain
	// Validate tells whether the provider would bid on a group, and why not.
	Validate func(spec dtypes.GroupSpec) (bool, string)
	// Status describes the provider's inventory for /status.
	Status func() any
	// SandboxDir holds one directory per lease where shell commands run.
	SandboxDir string
	// ManifestFail, when it returns true, makes every manifest fail (a fault).
	ManifestFail func() bool
	// Ports hands out local ports for exposed services.
	Ports *PortPool
}

// Server is a running gateway.
type Server struct {
	cfg Config

	mu      sync.Mutex
	srv     *http.Server
	ln      net.Listener
	leases  map[string]*leaseState // by lease key owner/dseq/gseq/oseq
	shells  map[*os.Process]bool   // running shell commands, killed at Close
	started time.Time
}

// New returns a gateway; call Up to start listening.
func New(cfg Config) *Server {
	return &Server{cfg: cfg, leases: map[string]*leaseState{}, shells: map[*os.Process]bool{}, started: time.Now()}
}

// Up starts listening (again). It is a no-op when already up.
func (s *Server) Up() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln != nil {
		return nil
	}
	ln := s.cfg.Listener
	s.cfg.Listener = nil
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", s.cfg.Listen); err != nil {
			return fmt.Errorf("gateway %s listening on %s: %w", s.cfg.Name, s.cfg.Listen, err)
		}
	}
	s.srv = &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		TLSConfig: &tls.Config{
			MinVersion:   tls.VersionTLS13,
			Certificates: []tls.Certificate{s.cfg.Certificate},
			ClientAuth:   tls.RequestClientCert,
		},
	}
	s.ln = ln
	srv := s.srv
	go func() { _ = srv.ServeTLS(ln, "", "") }()
	return nil
}

// Down stops listening, so connections are refused (the "provider down" fault). Leases
// and their service endpoints stay.
func (s *Server) Down() {
	s.mu.Lock()
	srv := s.srv
	s.srv, s.ln = nil, nil
	s.mu.Unlock()
	if srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		_ = srv.Close()
	}
}

// IsUp tells whether the gateway is listening.
func (s *Server) IsUp() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ln != nil
}

// Close stops the gateway and every service endpoint.
func (s *Server) Close() {
	s.Down()
	s.mu.Lock()
	if s.cfg.Listener != nil {
		_ = s.cfg.Listener.Close()
		s.cfg.Listener = nil
	}
	leases := s.leases
	s.leases = map[string]*leaseState{}
	shells := s.shells
	s.shells = map[*os.Process]bool{}
	s.mu.Unlock()
	for _, l := range leases {
		l.close()
	}
	// Hijacked shell websockets outlive the HTTP server: end their commands.
	for p := range shells {
		_ = p.Kill()
	}
}

// track records a running shell command until done is called.
func (s *Server) track(p *os.Process) (done func()) {
	s.mu.Lock()
	s.shells[p] = true
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		delete(s.shells, p)
		s.mu.Unlock()
	}
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /version", s.handleVersion)
	mux.HandleFunc("GET /address", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"address": s.cfg.Address})
	})
	mux.HandleFunc("GET /status", s.handleStatus)
	mux.HandleFunc("GET /validate", s.handleValidate)
	mux.HandleFunc("POST /validate", s.handleValidate)
	mux.HandleFunc("PUT /deployment/{dseq}/manifest", s.handleManifest)
	mux.HandleFunc("GET /lease/{dseq}/{gseq}/{oseq}/manifest", s.handleGetManifest)
	mux.HandleFunc("GET /lease/{dseq}/{gseq}/{oseq}/status", s.handleLeaseStatus)
	mux.HandleFunc("GET /lease/{dseq}/{gseq}/{oseq}/service/{service}/status", s.handleServiceStatus)
	mux.HandleFunc("GET /lease/{dseq}/{gseq}/{oseq}/logs", s.handleLogs)
	mux.HandleFunc("GET /lease/{dseq}/{gseq}/{oseq}/kubeevents", s.handleEvents)
	mux.HandleFunc("GET /lease/{dseq}/{gseq}/{oseq}/shell", s.handleShell)
	return mux
}

func (s *Server) handleVersion(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"akash": map[string]string{"version": "v0.14.0-devnet", "commit": "akt-devnet", "go": "go1.26", "cosmosSdkVersion": "v0.53.6"},
		"kube":  map[string]string{"major": "1", "minor": "31", "gitVersion": "v1.31.0-devnet", "platform": "linux/amd64"},
	})
}

func (s *Server) handleStatus(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	active := 0
	deployments := map[string]bool{}
	for _, l := range s.leases {
		active++
		deployments[l.owner+"/"+strconv.FormatUint(l.dseq, 10)] = true
	}
	s.mu.Unlock()
	var inv any = map[string]any{}
	if s.cfg.Status != nil {
		inv = s.cfg.Status()
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"cluster":                 map[string]any{"leases": map[string]int{"active": active}, "inventory": inv},
		"bidengine":               map[string]int{"orders": 0},
		"manifest":                map[string]int{"deployments": len(deployments)},
		"cluster_public_hostname": "127.0.0.1",
		"address":                 s.cfg.Address,
	})
}

// handleValidate answers whether the provider would bid on the posted group spec(s): 200
// with {"valid":true} or 400 with the reason.
func (s *Server) handleValidate(w http.ResponseWriter, r *http.Request) {
	var raw json.RawMessage
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&raw); err != nil {
		http.Error(w, "validate: body must be a JSON group spec or a list of them: "+err.Error(), http.StatusBadRequest)
		return
	}
	var specs []dtypes.GroupSpec
	if err := json.Unmarshal(raw, &specs); err != nil {
		var one dtypes.GroupSpec
		if err2 := json.Unmarshal(raw, &one); err2 != nil {
			http.Error(w, "validate: cannot read the group spec: "+err2.Error(), http.StatusBadRequest)
			return
		}
		specs = []dtypes.GroupSpec{one}
	}
	for _, spec := range specs {
		if ok, reason := s.cfg.Validate(spec); !ok {
			http.Error(w, fmt.Sprintf("group %q: %s", spec.Name, reason), http.StatusBadRequest)
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"valid": true})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// httpError is an error with an HTTP status.
type httpError struct {
	code int
	msg  string
}

func (e *httpError) Error() string { return e.msg }

func fail(w http.ResponseWriter, err error) {
	var he *httpError
	if errors.As(err, &he) {
		http.Error(w, he.msg, he.code)
		return
	}
	http.Error(w, err.Error(), http.StatusInternalServerError)
}
