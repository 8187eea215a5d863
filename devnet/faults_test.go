package devnet

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

func TestParseFault(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   []string
		want Faults
		err  string
	}{
		{in: []string{"provider-down=1", "provider-down=3"}, want: Faults{ProvidersDown: []int{1, 3}}},
		{in: []string{"manifest-fail=2", "rpc-slow=750ms", "rpc-drop-ws", "escrow-blocks=8"},
			want: Faults{ManifestFail: []int{2}, RPCDelayMS: 750, RPCDropWebsockets: true, EscrowBlocks: 8}},
		{in: []string{"provider-down=x"}, err: "not a non-negative number"},
		{in: []string{"rpc-slow=soon"}, err: "not a duration"},
		{in: []string{"chaos"}, err: "unknown fault"},
	}
	for _, c := range cases {
		var f Faults
		var err error
		for _, s := range c.in {
			if err = ParseFault(&f, s); err != nil {
				break
			}
		}
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%v: error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(f, c.want) {
			t.Errorf("%v: got %+v, %v; want %+v", c.in, f, err, c.want)
		}
	}
}

// putFaults sets faults through the control endpoint, as a test or operator would.
func putFaults(t *testing.T, f Faults) {
	t.Helper()
	body, _ := json.Marshal(f)
	req, _ := http.NewRequest(http.MethodPut, shared.Endpoints().Control+"/faults", bytes.NewReader(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("control PUT /faults: %s %s", resp.Status, b)
	}
}

func TestRPCProxyFaults(t *testing.T) {
	rpc := shared.Endpoints().RPC
	resp, err := http.Get(rpc + "/status")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), shared.Endpoints().ChainID) {
		t.Fatalf("RPC /status through the proxy: %s", b)
	}

	// A slow RPC: a client that waits less than the delay gives up.
	putFaults(t, Faults{RPCDelayMS: 2000})
	impatient := http.Client{Timeout: 200 * time.Millisecond}
	if _, err := impatient.Get(rpc + "/status"); err == nil {
		t.Error("RPC answered within 200ms with a 2s delay fault")
	}
	putFaults(t, Faults{})

	// Websocket events flow without the fault and the connection is cut with it.
	subscribe := func() *websocket.Conn {
		conn, _, err := websocket.DefaultDialer.Dial(strings.Replace(rpc, "http", "ws", 1)+"/websocket", nil)
		if err != nil {
			t.Fatal(err)
		}
		sub := `{"jsonrpc":"2.0","id":1,"method":"subscribe","params":{"query":"tm.event='NewBlock'"}}`
		if err := conn.WriteMessage(websocket.TextMessage, []byte(sub)); err != nil {
			t.Fatal(err)
		}
		return conn
	}
	conn := subscribe()
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	for i := 0; i < 3; i++ { // the subscribe answer, then blocks
		if _, _, err := conn.ReadMessage(); err != nil {
			t.Fatalf("reading websocket event %d: %v", i, err)
		}
	}
	putFaults(t, Faults{RPCDropWebsockets: true})
	defer putFaults(t, Faults{})
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			if ne, ok := err.(interface{ Timeout() bool }); ok && ne.Timeout() {
				t.Fatal("websocket still open 10s after the drop fault")
			}
			break
		}
	}
	conn.Close()
	if got := shared.Faults(); !got.RPCDropWebsockets {
		t.Errorf("faults after PUT: %+v", got)
	}
}
