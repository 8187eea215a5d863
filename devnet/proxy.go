package devnet

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"time"
)

// rpcProxy fronts the node's CometBFT RPC on the public RPC port so faults can slow it down
// or drop its websockets; without faults it forwards everything unchanged.
type rpcProxy struct {
	backend string // host:port of the node's RPC
	faults  *faultState
	srv     *http.Server
	rp      *httputil.ReverseProxy
}

func startRPCProxy(listen, backend string, faults *faultState) (*rpcProxy, error) {
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, fmt.Errorf("listening for RPC on %s: %w", listen, err)
	}
	target := &url.URL{Scheme: "http", Host: backend}
	p := &rpcProxy{backend: backend, faults: faults, rp: httputil.NewSingleHostReverseProxy(target)}
	// A client that gave up is not an error worth a line on the terminal;
	// anything else is answered as a bad gateway naming the proxy.
	p.rp.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {
		if errors.Is(err, context.Canceled) || r.Context().Err() != nil {
			return
		}
		http.Error(w, "devnet RPC proxy: "+err.Error(), http.StatusBadGateway)
	}
	p.srv = &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.srv.Serve(ln) }()
	return p, nil
}

func (p *rpcProxy) close() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = p.srv.Shutdown(ctx)
	_ = p.srv.Close()
}

func (p *rpcProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if ms := p.faults.get().RPCDelayMS; ms > 0 {
		select {
		case <-time.After(time.Duration(ms) * time.Millisecond):
		case <-r.Context().Done():
			return
		}
	}
	if strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
		p.tunnel(w, r)
		return
	}
	p.rp.ServeHTTP(w, r)
}

// tunnel passes a websocket connection through at the TCP level, and cuts it when the
// drop-websockets fault is (or becomes) active.
func (p *rpcProxy) tunnel(w http.ResponseWriter, r *http.Request) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "websocket proxying unsupported", http.StatusInternalServerError)
		return
	}
	back, err := net.Dial("tcp", p.backend)
	if err != nil {
		http.Error(w, "RPC node unreachable: "+err.Error(), http.StatusBadGateway)
		return
	}
	client, buf, err := hj.Hijack()
	if err != nil {
		_ = back.Close()
		return
	}
	if err := r.Write(back); err != nil {
		_ = back.Close()
		_ = client.Close()
		return
	}
	var once sync.Once
	closeBoth := func() { once.Do(func() { _ = client.Close(); _ = back.Close() }) }
	done := make(chan struct{})
	go func() {
		defer closeBoth()
		_, _ = io.Copy(back, readerWithBuffered(buf, client))
	}()
	go func() {
		defer close(done)
		defer closeBoth()
		_, _ = io.Copy(client, back)
	}()
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	opened := time.Now()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			// Let the handshake and a first exchange through, then drop.
			if p.faults.get().RPCDropWebsockets && time.Since(opened) > 500*time.Millisecond {
				closeBoth()
			}
		}
	}
}

// readerWithBuffered reads what the HTTP server already buffered, then the connection.
func readerWithBuffered(buf *bufio.ReadWriter, conn net.Conn) io.Reader {
	if buf != nil && buf.Reader.Buffered() > 0 {
		return io.MultiReader(buf.Reader, conn)
	}
	return conn
}
