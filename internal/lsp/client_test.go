package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"sync"
	"testing"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// A client drives a Server over pipes, as an editor would over stdio.
type client struct {
	t       testing.TB
	in      *io.PipeWriter // the server's stdin
	w       *writer
	server  *Server
	served  chan error
	mu      sync.Mutex
	nextID  int
	pending map[string]chan json.RawMessage
	diags   chan protocol.PublishDiagnosticsParams
	done    chan analysisEnd
}

type analysisEnd struct {
	dir    string
	cached bool
}

func newClient(t testing.TB) *client {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &client{
		t: t, in: inW, w: &writer{out: inW},
		served:  make(chan error, 1),
		pending: make(map[string]chan json.RawMessage),
		diags:   make(chan protocol.PublishDiagnosticsParams, 100),
		done:    make(chan analysisEnd, 100),
	}
	c.server = New(testSuite, outW, io.Discard)
	c.server.analysed = func(dir string, cached bool) { c.done <- analysisEnd{dir, cached} }
	go func() {
		c.served <- c.server.Serve(context.Background(), inR)
		_ = outW.Close() // ends readLoop; a pipe's Close never fails
	}()
	go c.readLoop(bufio.NewReader(outR))
	t.Cleanup(func() {
		// As an editor leaves: shutdown, then exit, which ends Serve
		// without an error (with one if shutdown was refused: the
		// server was never initialized).
		refused := c.call("shutdown", nil, nil)
		c.notify("exit", nil)
		if err := <-c.served; (err != nil) != (refused != "") {
			t.Errorf("Serve after shutdown (%q) and exit: %v", refused, err)
		}
	})
	return c
}

func (c *client) readLoop(r *bufio.Reader) {
	for {
		body, err := readMessage(r)
		if err != nil {
			return
		}
		var msg struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
			Params json.RawMessage `json:"params"`
			Result json.RawMessage `json:"result"`
			Error  *rpcError       `json:"error"`
		}
		if err := json.Unmarshal(body, &msg); err != nil {
			panic(err)
		}
		switch {
		case msg.Method == "textDocument/publishDiagnostics":
			var p protocol.PublishDiagnosticsParams
			if err := json.Unmarshal(msg.Params, &p); err != nil {
				panic(err)
			}
			select {
			case c.diags <- p:
			default: // nobody is waiting (benchmarks): drop rather than block the server
			}
		case len(msg.ID) > 0:
			c.mu.Lock()
			ch := c.pending[string(msg.ID)]
			c.mu.Unlock()
			if msg.Error != nil {
				ch <- json.RawMessage(fmt.Sprintf(`{"error": %q}`, msg.Error.Message))
			} else {
				ch <- msg.Result
			}
		}
	}
}

// call sends a request and decodes its result into result; it returns the
// error message of an error response.
func (c *client) call(method string, params, result any) string {
	c.t.Helper()
	c.mu.Lock()
	c.nextID++
	id := strconv.Itoa(c.nextID)
	ch := make(chan json.RawMessage, 1)
	c.pending[id] = ch
	c.mu.Unlock()
	if err := c.w.send(map[string]any{"jsonrpc": "2.0", "id": c.nextID, "method": method, "params": params}); err != nil {
		c.t.Fatal(err)
	}
	select {
	case raw := <-ch:
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(raw, &e) == nil && e.Error != "" {
			return e.Error
		}
		if result != nil {
			if err := json.Unmarshal(raw, result); err != nil {
				c.t.Fatalf("%s: %v in %s", method, err, raw)
			}
		}
		return ""
	case <-time.After(time.Minute):
		c.t.Fatalf("%s: no answer in a minute", method)
		return ""
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.w.notify(method, params); err != nil {
		c.t.Fatal(err)
	}
}

// waitDiagnostics returns the next diagnostics published for uri.
func (c *client) waitDiagnostics(uri string) []protocol.Diagnostic {
	c.t.Helper()
	deadline := time.After(2 * time.Minute)
	for {
		select {
		case p := <-c.diags:
			if p.URI == uri {
				return p.Diagnostics
			}
		case <-deadline:
			c.t.Fatalf("no diagnostics for %s in two minutes", uri)
		}
	}
}

// waitAnalysis returns how the next analysis ended.
func (c *client) waitAnalysis() analysisEnd {
	c.t.Helper()
	select {
	case e := <-c.done:
		return e
	case <-time.After(2 * time.Minute):
		c.t.Fatal("no analysis ended in two minutes")
		return analysisEnd{}
	}
}

func (c *client) initialize(root string, options any) string {
	c.t.Helper()
	uri := pathURI(root)
	msg := c.call("initialize", map[string]any{"processId": nil, "rootUri": uri, "capabilities": map[string]any{}, "initializationOptions": options}, nil)
	if msg == "" {
		c.notify("initialized", map[string]any{})
	}
	return msg
}

func (c *client) open(path string, text []byte) {
	c.t.Helper()
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": pathURI(path), "languageId": "go", "version": 1, "text": string(text),
	}})
}

// change sends the editor's whole new text of path.
func (c *client) change(path string, version int, text string) {
	c.t.Helper()
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": pathURI(path), "version": version},
		"contentChanges": []any{map[string]any{"text": text}},
	})
}

// save sends didSave for path, without its text.
func (c *client) save(path string) {
	c.t.Helper()
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": pathURI(path)}})
}
