package gateway

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/akt-project/akt/provider/jwt"
)

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// logLine is one line of a service's log, as the provider sends it.
type logLine struct {
	Name    string `json:"name"`
	Message string `json:"message"`
	service string
}

// kubeEvent is a Kubernetes event, as the provider sends it.
type kubeEvent struct {
	Type                string    `json:"type"`
	ReportingController string    `json:"reportingController"`
	ReportingInstance   string    `json:"reportingInstance"`
	Reason              string    `json:"reason"`
	Note                string    `json:"note"`
	Object              objectRef `json:"object"`
	service             string
}

type objectRef struct {
	Kind      string `json:"kind"`
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
}

// logBook keeps the simulated logs and events of a lease and feeds followers.
type logBook struct {
	mu     sync.Mutex
	lines  []logLine
	events []kubeEvent
	subs   map[chan logLine]bool
	pods   map[string]string // service → first pod name
	stop   chan struct{}
	once   sync.Once
}

func newLogBook() *logBook {
	return &logBook{subs: map[chan logLine]bool{}, pods: map[string]string{}, stop: make(chan struct{})}
}

func podName(svc string, i int) string {
	sum := sha256.Sum256([]byte(svc))
	return fmt.Sprintf("%s-%s-%d", svc, hex.EncodeToString(sum[:4]), i)
}

// start records a service's start-up events and log lines and keeps it "alive" with a
// periodic health line.
func (b *logBook) start(svc manifestService, provider string) {
	count := max(int(svc.Count), 1)
	ns := strings.ToLower(provider)
	for i := 0; i < count; i++ {
		pod := podName(svc.Name, i)
		for _, ev := range [][2]string{
			{"Scheduled", fmt.Sprintf("Successfully assigned %s to devnet-node", pod)},
			{"Pulling", fmt.Sprintf("Pulling image %q", svc.Image)},
			{"Pulled", fmt.Sprintf("Successfully pulled image %q", svc.Image)},
			{"Created", "Created container " + svc.Name},
			{"Started", "Started container " + svc.Name},
		} {
			b.events = append(b.events, kubeEvent{Type: "Normal", ReportingController: "kubelet", ReportingInstance: "devnet-node",
				Reason: ev[0], Note: ev[1], Object: objectRef{Kind: "Pod", Namespace: ns, Name: pod}, service: svc.Name})
		}
	}
	b.pods[svc.Name] = podName(svc.Name, 0)
	b.add(svc.Name, fmt.Sprintf("starting %s (image %s) on the akt devnet", svc.Name, svc.Image))
	if len(svc.Command) > 0 || len(svc.Args) > 0 {
		b.add(svc.Name, "command: "+strings.Join(append(append([]string{}, svc.Command...), svc.Args...), " "))
	}
	for _, e := range svc.Env {
		if k, _, ok := strings.Cut(e, "="); ok {
			b.add(svc.Name, "environment variable "+k+" is set")
		}
	}
	for _, ex := range svc.Expose {
		b.add(svc.Name, fmt.Sprintf("listening on port %d/%s", ex.Port, strings.ToLower(defaultProto(ex.Proto))))
	}
	b.add(svc.Name, "ready")
	go func() {
		t := time.NewTicker(3 * time.Second)
		defer t.Stop()
		for n := 1; ; n++ {
			select {
			case <-b.stop:
				return
			case <-t.C:
				b.add(svc.Name, fmt.Sprintf("health check %d ok", n))
			}
		}
	}()
}

func defaultProto(p string) string {
	if p == "" {
		return "TCP"
	}
	return p
}

// add appends a line for service and sends it to followers.
func (b *logBook) add(service, msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	pod := b.pods[service]
	if pod == "" {
		pod = podName(service, 0)
	}
	l := logLine{Name: pod, Message: msg, service: service}
	b.lines = append(b.lines, l)
	for ch := range b.subs {
		select {
		case ch <- l:
		default: // a slow follower loses lines rather than blocking the lease
		}
	}
}

// snapshot returns the lines so far and, if follow, a channel of the next ones.
func (b *logBook) snapshot(follow bool) ([]logLine, chan logLine) {
	b.mu.Lock()
	defer b.mu.Unlock()
	lines := slices.Clone(b.lines)
	if !follow {
		return lines, nil
	}
	ch := make(chan logLine, 256)
	b.subs[ch] = true
	return lines, ch
}

func (b *logBook) unsubscribe(ch chan logLine) {
	b.mu.Lock()
	delete(b.subs, ch)
	b.mu.Unlock()
}

func (b *logBook) close() { b.once.Do(func() { close(b.stop) }) }

// streamParams reads follow, tail and service (comma-separated) from the query.
func streamParams(r *http.Request) (follow bool, tail int, services map[string]bool) {
	q := r.URL.Query()
	follow, _ = strconv.ParseBool(q.Get("follow"))
	tail, _ = strconv.Atoi(q.Get("tail"))
	for _, s := range strings.Split(q.Get("service"), ",") {
		if s = strings.TrimSpace(s); s != "" {
			if services == nil {
				services = map[string]bool{}
			}
			services[s] = true
		}
	}
	return follow, tail, services
}

func (s *Server) handleLogs(w http.ResponseWriter, r *http.Request) {
	st, err := s.lease(r, jwt.ScopeLogs)
	if err != nil {
		fail(w, err)
		return
	}
	follow, tail, services := streamParams(r)
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	lines, ch := st.logs.snapshot(follow)
	if ch != nil {
		defer st.logs.unsubscribe(ch)
	}
	var sel []logLine
	for _, l := range lines {
		if services == nil || services[l.service] {
			sel = append(sel, l)
		}
	}
	if tail > 0 && len(sel) > tail {
		sel = sel[len(sel)-tail:]
	}
	for _, l := range sel {
		if err := conn.WriteJSON(l); err != nil {
			return
		}
	}
	if !follow {
		_ = conn.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
		return
	}
	done := readUntilClosed(conn)
	for {
		select {
		case <-done:
			return
		case <-st.logs.stop:
			_ = conn.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, "lease closed"))
			return
		case l := <-ch:
			if services == nil || services[l.service] {
				if err := conn.WriteJSON(l); err != nil {
					return
				}
			}
		}
	}
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	st, err := s.lease(r, jwt.ScopeEvents)
	if err != nil {
		fail(w, err)
		return
	}
	follow, _, services := streamParams(r)
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	st.logs.mu.Lock()
	events := slices.Clone(st.logs.events)
	st.logs.mu.Unlock()
	for _, e := range events {
		if services == nil || services[e.service] {
			if err := conn.WriteJSON(e); err != nil {
				return
			}
		}
	}
	if !follow {
		_ = conn.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
		return
	}
	select {
	case <-readUntilClosed(conn):
	case <-st.logs.stop:
	}
}

// readUntilClosed drains client messages (answering pings) and closes the channel when the
// client goes away.
func readUntilClosed(conn *websocket.Conn) chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			if _, _, err := conn.ReadMessage(); err != nil {
				return
			}
		}
	}()
	return done
}
