package lsp

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
)

// The base protocol of LSP: JSON-RPC 2.0 messages, each preceded by a
// Content-Length header. It is small enough to own: the libraries that
// implement it (glsp's server on sourcegraph/jsonrpc2, go.lsp.dev/jsonrpc2)
// bring a dozen modules each into go.mod, and glsp's handlers get no
// context.Context to cancel (docs/integrations.md has the comparison).

// An incoming message: a request (ID and Method), a notification (Method
// only) or a response to one of our requests (ID only; we send none, so
// these are ignored).
type incoming struct {
	ID     json.RawMessage `json:"id,omitempty"`
	Method string          `json:"method,omitempty"`
	Params json.RawMessage `json:"params,omitempty"`
}

func (m *incoming) isRequest() bool { return len(m.ID) > 0 && m.Method != "" }

type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
}

type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   *rpcError       `json:"error"`
}

type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return e.Message }

// JSON-RPC and LSP error codes.
const (
	codeParseError           = -32700
	codeInvalidParams        = -32602
	codeMethodNotFound       = -32601
	codeServerNotInitialized = -32002
	codeInvalidRequest       = -32600
)

// readMessage reads one message's body.
func readMessage(r *bufio.Reader) ([]byte, error) {
	header, err := textproto.NewReader(r).ReadMIMEHeader()
	if err != nil {
		return nil, err
	}
	length := header.Get("Content-Length")
	if length == "" {
		return nil, errors.New("message without a Content-Length header")
	}
	n, err := strconv.Atoi(strings.TrimSpace(length))
	if err != nil || n < 0 {
		return nil, fmt.Errorf("bad Content-Length %q", length)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, err
	}
	return body, nil
}

// A writer sends messages; the analysis goroutines and the request loop
// share it.
type writer struct {
	mu  sync.Mutex
	out io.Writer
}

func (w *writer) send(msg any) error {
	body, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, err := fmt.Fprintf(w.out, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err = w.out.Write(body)
	return err
}

func (w *writer) reply(id json.RawMessage, result any, err error) error {
	if err != nil {
		e, ok := err.(*rpcError)
		if !ok {
			e = &rpcError{Code: codeInvalidRequest, Message: err.Error()}
		}
		return w.send(errorResponse{"2.0", id, e})
	}
	return w.send(response{"2.0", id, result})
}

func (w *writer) notify(method string, params any) error {
	return w.send(notification{"2.0", method, params})
}
