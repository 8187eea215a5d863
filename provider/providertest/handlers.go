package providertest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/akt-project/akt/provider/jwt"
)

func (g *Gateway) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /version", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, g.VersionJSON) })
	mux.HandleFunc("GET /address", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, map[string]string{"address": g.Address})
	})
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, g.StatusJSON) })
	mux.HandleFunc("GET /validate", g.handleValidate)
	mux.HandleFunc("PUT /deployment/{dseq}/manifest", g.handleSendManifest)
	mux.HandleFunc("GET /lease/{dseq}/{gseq}/{oseq}/manifest", g.leaseHandler(jwt.ScopeGetManifest, func(w http.ResponseWriter, _ *http.Request, l *Lease) {
		if l.Manifest == nil {
			http.Error(w, "manifest not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(l.Manifest)
	}))
	mux.HandleFunc("GET /lease/{dseq}/{gseq}/{oseq}/status", g.leaseHandler(jwt.ScopeStatus, func(w http.ResponseWriter, _ *http.Request, l *Lease) {
		writeJSON(w, l.Status)
	}))
	mux.HandleFunc("GET /lease/{dseq}/{gseq}/{oseq}/service/{service}/status", g.leaseHandler(jwt.ScopeStatus, func(w http.ResponseWriter, r *http.Request, l *Lease) {
		var st struct {
			Services map[string]json.RawMessage `json:"services"`
		}
		b, _ := json.Marshal(l.Status)
		_ = json.Unmarshal(b, &st)
		s, ok := st.Services[r.PathValue("service")]
		if !ok {
			http.Error(w, "service not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(s)
	}))
	mux.HandleFunc("GET /lease/{dseq}/{gseq}/{oseq}/logs", g.leaseHandler(jwt.ScopeLogs, g.handleLogs))
	mux.HandleFunc("GET /lease/{dseq}/{gseq}/{oseq}/kubeevents", g.leaseHandler(jwt.ScopeEvents, g.handleEvents))
	mux.HandleFunc("GET /lease/{dseq}/{gseq}/{oseq}/shell", g.leaseHandler(jwt.ScopeShell, g.handleShell))
	return mux
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func authStatus(err error) int {
	if errors.Is(err, errAuth) {
		return http.StatusUnauthorized
	}
	return http.StatusBadRequest
}

func (g *Gateway) handleValidate(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || !json.Valid(body) {
		http.Error(w, "group specs are not valid JSON", http.StatusBadRequest)
		return
	}
	if g.Validate != nil {
		if ok, reason := g.Validate(body); !ok {
			http.Error(w, reason, http.StatusUnprocessableEntity)
			return
		}
	}
	writeJSON(w, map[string]any{"min_bid_price": map[string]string{"denom": "uact", "amount": "1"}})
}

func (g *Gateway) handleSendManifest(w http.ResponseWriter, r *http.Request) {
	addr, claims, err := g.authenticate(r)
	if err != nil {
		http.Error(w, err.Error(), authStatus(err))
		return
	}
	dseq, err := strconv.ParseUint(r.PathValue("dseq"), 10, 64)
	if err != nil {
		http.Error(w, "invalid dseq", http.StatusBadRequest)
		return
	}
	g.mu.Lock()
	if len(g.manifestFail) > 0 {
		status := g.manifestFail[0]
		g.manifestFail = g.manifestFail[1:]
		g.mu.Unlock()
		msg := http.StatusText(status)
		if status == http.StatusNotFound {
			msg = "lease not found"
		}
		http.Error(w, msg, status)
		return
	}
	l, ok := g.leases[dseq]
	g.mu.Unlock()
	if !ok || l.Closed || l.Owner != addr {
		http.Error(w, "lease not found", http.StatusNotFound)
		return
	}
	if !g.allows(claims, jwt.ScopeSendManifest, dseq, "") {
		http.Error(w, "token does not permit send-manifest", http.StatusForbidden)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	if err != nil {
		http.Error(w, "reading manifest: "+err.Error(), http.StatusBadRequest)
		return
	}
	version, err := ManifestVersion(body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if len(l.ManifestHash) > 0 && !bytes.Equal(version, l.ManifestHash) {
		http.Error(w, fmt.Sprintf("manifest version validation failed: manifest hash %x does not match deployment version %x", version, l.ManifestHash), http.StatusUnprocessableEntity)
		return
	}
	g.mu.Lock()
	l.Manifest = body
	g.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

// leaseHandler authenticates, finds the lease of the path, checks owner and scope.
func (g *Gateway) leaseHandler(action jwt.Scope, h func(http.ResponseWriter, *http.Request, *Lease)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		addr, claims, err := g.authenticate(r)
		if err != nil {
			http.Error(w, err.Error(), authStatus(err))
			return
		}
		dseq, err1 := strconv.ParseUint(r.PathValue("dseq"), 10, 64)
		gseq, err2 := strconv.ParseUint(r.PathValue("gseq"), 10, 32)
		oseq, err3 := strconv.ParseUint(r.PathValue("oseq"), 10, 32)
		if err := errors.Join(err1, err2, err3); err != nil {
			http.Error(w, "invalid lease ID: "+err.Error(), http.StatusBadRequest)
			return
		}
		g.mu.Lock()
		l, ok := g.leases[dseq]
		var cp Lease
		if ok {
			cp = *l
		}
		g.mu.Unlock()
		if !ok || cp.Closed || cp.GSeq != uint32(gseq) || cp.OSeq != uint32(oseq) {
			http.Error(w, fmt.Sprintf("lease %d/%d/%d not found", dseq, gseq, oseq), http.StatusNotFound)
			return
		}
		if cp.Owner != addr {
			http.Error(w, "not the lease owner", http.StatusForbidden)
			return
		}
		if !g.allows(claims, action, dseq, r.URL.Query().Get("service")) {
			http.Error(w, fmt.Sprintf("token does not permit %s", action), http.StatusForbidden)
			return
		}
		h(w, r, &cp)
	}
}
