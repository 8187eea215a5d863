package devnet

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"time"
)

// startControl serves the devnet's control endpoint on 127.0.0.1:
//
//	GET  /status  endpoints and current height
//	GET  /faults  the faults in force
//	PUT  /faults  replace them (JSON Faults; POST works too)
func (d *Devnet) startControl(port int) error {
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return fmt.Errorf("listening for the devnet control endpoint on port %d: %w", port, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, _ *http.Request) {
		writeJSONResponse(w, http.StatusOK, map[string]any{"height": d.Height(), "endpoints": d.Endpoints(), "faults": d.Faults()})
	})
	mux.HandleFunc("GET /faults", func(w http.ResponseWriter, _ *http.Request) {
		writeJSONResponse(w, http.StatusOK, d.Faults())
	})
	set := func(w http.ResponseWriter, r *http.Request) {
		var f Faults
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			http.Error(w, "faults: body must be JSON like {\"providers_down\":[1],\"manifest_fail\":[2],\"rpc_delay_ms\":500,\"rpc_drop_websockets\":true,\"escrow_blocks\":10}: "+err.Error(), http.StatusBadRequest)
			return
		}
		if err := f.validate(len(d.provs)); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		d.SetFaults(f)
		writeJSONResponse(w, http.StatusOK, f)
	}
	mux.HandleFunc("PUT /faults", set)
	mux.HandleFunc("POST /faults", set)
	d.control = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = d.control.Serve(ln) }()
	return nil
}

func (d *Devnet) stopControl() {
	if d.control == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = d.control.Shutdown(ctx)
}

func writeJSONResponse(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
