package providertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{ReadBufferSize: 32 << 10, WriteBufferSize: 32 << 10}

// watchClose returns a context cancelled when the client closes the websocket (or sends
// anything unexpected); streams of the gateway only write.
func watchClose(conn *websocket.Conn) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		defer cancel()
		for {
			if _, _, err := conn.NextReader(); err != nil {
				return
			}
		}
	}()
	return ctx
}

func closeNormally(conn *websocket.Conn) {
	_ = conn.WriteControl(websocket.CloseMessage,
		websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(time.Second))
}

func streamQuery(r *http.Request) (follow bool, tail int, services []string, err error) {
	q := r.URL.Query()
	if v := q.Get("follow"); v != "" {
		if follow, err = strconv.ParseBool(v); err != nil {
			return false, 0, nil, fmt.Errorf("invalid follow %q", v)
		}
	}
	tail = -1
	if v := q.Get("tail"); v != "" {
		if tail, err = strconv.Atoi(v); err != nil {
			return false, 0, nil, fmt.Errorf("invalid tail %q", v)
		}
	}
	if v := q.Get("service"); v != "" {
		services = strings.Split(v, ",")
	}
	return follow, tail, services, nil
}

func (g *Gateway) handleLogs(w http.ResponseWriter, r *http.Request, l *Lease) {
	follow, tail, services, err := streamQuery(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var lines []LogLine
	for _, ln := range l.Logs {
		if len(services) == 0 || slices.Contains(services, ln.Service) {
			lines = append(lines, ln)
		}
	}
	if tail >= 0 && tail < len(lines) {
		lines = lines[len(lines)-tail:]
	}
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	g.streams.Add(1)
	defer g.streams.Add(-1)
	defer conn.Close()
	ctx := watchClose(conn)
	for _, ln := range lines {
		if conn.WriteJSON(map[string]string{"name": ln.Pod, "message": ln.Message}) != nil {
			return
		}
	}
	if !follow {
		closeNormally(conn)
		return
	}
	pod := "follow-0"
	if len(services) > 0 {
		pod = services[0] + "-0"
	}
	for i := 1; ; i++ {
		select {
		case <-ctx.Done():
			return
		case <-time.After(g.FollowInterval):
		}
		if conn.WriteJSON(map[string]string{"name": pod, "message": fmt.Sprintf("follow line %d", i)}) != nil {
			return
		}
	}
}

func (g *Gateway) handleEvents(w http.ResponseWriter, r *http.Request, l *Lease) {
	follow, _, _, err := streamQuery(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	g.streams.Add(1)
	defer g.streams.Add(-1)
	defer conn.Close()
	ctx := watchClose(conn)
	for _, ev := range l.Events {
		if conn.WriteJSON(ev) != nil {
			return
		}
	}
	if !follow {
		closeNormally(conn)
		return
	}
	for i := 1; ; i++ {
		select {
		case <-ctx.Done():
			return
		case <-time.After(g.FollowInterval):
		}
		ev := map[string]any{
			"type": "Normal", "reason": "Pulled", "note": fmt.Sprintf("follow event %d", i),
			"reportingController": "kubelet", "reportingInstance": "node-0",
			"object": map[string]string{"kind": "Pod", "namespace": "lease", "name": "web-0"},
		}
		if raw, _ := json.Marshal(ev); conn.WriteMessage(websocket.TextMessage, raw) != nil {
			return
		}
	}
}
