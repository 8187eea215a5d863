// Package shell holds the framing of the provider gateway's lease shell websocket, shared by
// the client (package provider) and test or simulated gateways.
//
// Every frame is one binary websocket message whose first byte is a code and whose remaining
// bytes are the payload. Provider to client: 100 stdout, 101 stderr, 102 result (JSON
// {"exit_code":N,"message":"..."}), 103 failure. Client to provider: 104 stdin, 105 terminal
// resize (width then height, each uint16 big-endian).
//
// End of input: akt sends a stdin frame with an empty payload when its stdin reaches EOF, and
// gateways that follow this package close the command's stdin on receiving it. (The official
// framing has no explicit end-of-input frame; an empty stdin frame carries no data, so a
// gateway that ignores the convention just writes nothing.)
package shell

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/gorilla/websocket"
)

// Frame codes.
const (
	CodeStdout  byte = 100
	CodeStderr  byte = 101
	CodeResult  byte = 102
	CodeFailure byte = 103
	CodeStdin   byte = 104
	CodeResize  byte = 105
)

// Result is the payload of a result frame: the remote command's exit code and a message
// (empty on success).
type Result struct {
	ExitCode int    `json:"exit_code"`
	Message  string `json:"message,omitempty"`
}

// TermSize is a terminal size in character cells.
type TermSize struct {
	Width  uint16 `json:"width"`
	Height uint16 `json:"height"`
}

// EncodeResize returns the payload of a resize frame.
func EncodeResize(s TermSize) []byte {
	b := make([]byte, 4)
	binary.BigEndian.PutUint16(b, s.Width)
	binary.BigEndian.PutUint16(b[2:], s.Height)
	return b
}

// DecodeResize parses the payload of a resize frame.
func DecodeResize(payload []byte) (TermSize, error) {
	if len(payload) != 4 {
		return TermSize{}, fmt.Errorf("decoding terminal resize: payload is %d bytes, want 4", len(payload))
	}
	return TermSize{Width: binary.BigEndian.Uint16(payload), Height: binary.BigEndian.Uint16(payload[2:])}, nil
}

// DecodeResult parses the payload of a result frame.
func DecodeResult(payload []byte) (Result, error) {
	var r Result
	if err := json.Unmarshal(payload, &r); err != nil {
		return Result{}, fmt.Errorf("decoding shell result %q: %w", payload, err)
	}
	return r, nil
}

// Conn is the part of a websocket connection the framing uses (*websocket.Conn has it).
type Conn interface {
	NextWriter(messageType int) (io.WriteCloser, error)
	NextReader() (messageType int, r io.Reader, err error)
}

// Writer sends frames on a connection; it serializes writers so that several goroutines
// (stdout and stderr, or stdin and resize) can share one connection.
type Writer struct {
	mu   sync.Mutex
	conn Conn
}

// NewWriter returns a frame writer for conn.
func NewWriter(conn Conn) *Writer { return &Writer{conn: conn} }

// WriteFrame sends one frame with the given code and payload, without copying the payload.
func (w *Writer) WriteFrame(code byte, payload []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	mw, err := w.conn.NextWriter(websocket.BinaryMessage)
	if err != nil {
		return fmt.Errorf("writing shell frame %d: %w", code, err)
	}
	if _, err := mw.Write([]byte{code}); err != nil {
		mw.Close()
		return fmt.Errorf("writing shell frame %d: %w", code, err)
	}
	if _, err := mw.Write(payload); err != nil {
		mw.Close()
		return fmt.Errorf("writing shell frame %d: %w", code, err)
	}
	if err := mw.Close(); err != nil {
		return fmt.Errorf("writing shell frame %d: %w", code, err)
	}
	return nil
}

// WriteResult sends a result frame.
func (w *Writer) WriteResult(r Result) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encoding shell result: %w", err)
	}
	return w.WriteFrame(CodeResult, b)
}

// Stream returns an io.Writer that sends each Write as one frame with code (e.g. CodeStdout).
// Empty writes send nothing (an empty stdin frame means end of input; use WriteFrame for it).
func (w *Writer) Stream(code byte) io.Writer { return streamWriter{w: w, code: code} }

type streamWriter struct {
	w    *Writer
	code byte
}

func (s streamWriter) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if err := s.w.WriteFrame(s.code, p); err != nil {
		return 0, err
	}
	return len(p), nil
}

// ReadFrame waits for the next binary message and returns its code and a reader of its
// payload, valid until the next ReadFrame. Text messages are an error.
func ReadFrame(conn Conn) (byte, io.Reader, error) {
	typ, r, err := conn.NextReader()
	if err != nil {
		return 0, nil, err
	}
	if typ != websocket.BinaryMessage {
		return 0, nil, fmt.Errorf("reading shell frame: got websocket message type %d, want binary", typ)
	}
	var code [1]byte
	if _, err := io.ReadFull(r, code[:]); err != nil {
		return 0, nil, fmt.Errorf("reading shell frame: empty message: %w", err)
	}
	return code[0], r, nil
}
