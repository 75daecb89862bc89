// Package lsp is perfvet's language server (perfvet lsp): it analyses the
// package of each file an editor opens or saves with perfvet's suite, and
// publishes the findings as diagnostics, their suggested fixes as quick-fix
// code actions, and their heat and cost on hover.
//
// The configuration is the client's initializationOptions, from which the
// Suite that cmd/perfvet hands the server builds the analyzers (the
// golangci-lint plugin's settings, analyzers.Settings), as cmd/perfvet
// hands the standalone driver its suite.
// Packages are loaded with go/packages (syntax for the package, export
// data for its dependencies; unsaved buffers as overlays) and analysed with
// go/analysis/checker, one package at a time.
package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"
	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
)

// A Server is one language server session.
type Server struct {
	w   *writer
	log *log.Logger

	mu          sync.Mutex
	initialized bool
	shutdown    bool
	root        string
	build       Suite
	suite       []*analysis.Analyzer
	report      *analysis.Analyzer   // the suite's report analyzer: each finding's heat (report.Index.HeatOf)
	docs        map[string]*document // open documents by file path
	pkgs        map[string]*pkgState // by package directory
	// epoch counts the changes to any package's sources seen so far. A
	// package's cached result is reused only if its sources hash the same
	// and no other package changed since (an importer's types depend on
	// its imports).
	epoch   int
	running sync.WaitGroup
	loader  loader // package metadata by directory, for analyses after edits
	// pending holds the analyses waiting for the typing to pause, by
	// package directory; debounce is that pause.
	pending  map[string]*time.Timer
	debounce time.Duration
	closing  bool // Serve is returning

	// analysed, if set, is called when an analysis ends (tests and
	// benchmarks wait on it): the package directory and whether the cache
	// answered without loading anything.
	analysed func(dir string, cached bool)
}

// An open document: the editor's text, which may differ from the disk's.
type document struct {
	text    []byte
	version int32
}

// A Suite builds the analyzers of a session from the client's
// initializationOptions (JSON; nil when it sent none) and the workspace
// root (a relative profile path is taken from it). An error is the
// client's: initialize fails with it.
type Suite func(options []byte, root string) ([]*analysis.Analyzer, error)

// New returns a server that builds its suite with suite, writes to out
// and logs to logw.
func New(suite Suite, out io.Writer, logw io.Writer) *Server {
	return &Server{
		build: suite,
		w:     &writer{out: out},
		log:   log.New(logw, "perfvet lsp: ", log.LstdFlags),
		docs:  make(map[string]*document),
		pkgs:  make(map[string]*pkgState),

		pending:  make(map[string]*time.Timer),
		debounce: debounce,
	}
}

// Serve reads messages from in until the client sends exit or closes the
// stream, and returns nil after a shutdown request, an error otherwise.
func (s *Server) Serve(ctx context.Context, in io.Reader) error {
	ctx, cancel := context.WithCancel(ctx)
	defer func() {
		s.mu.Lock()
		s.closing = true // no analysis starts from now on (see analyse)
		for _, t := range s.pending {
			t.Stop()
		}
		s.mu.Unlock()
		cancel() // superseded and abandoned analyses stop
		s.running.Wait()
	}()
	r := bufio.NewReader(in)
	for {
		body, err := readMessage(r)
		if err != nil {
			if errors.Is(err, io.EOF) {
				return s.exitError("the client closed the stream")
			}
			return err
		}
		var msg incoming
		if err := json.Unmarshal(body, &msg); err != nil {
			if err := s.w.reply(json.RawMessage("null"), nil, &rpcError{codeParseError, err.Error()}); err != nil {
				return err
			}
			continue
		}
		if msg.Method == "exit" {
			return s.exitError("exit before shutdown")
		}
		result, err := s.handle(ctx, &msg)
		if msg.isRequest() {
			if err := s.w.reply(msg.ID, result, err); err != nil {
				return err
			}
		} else if err != nil {
			s.log.Printf("%s: %v", msg.Method, err)
		}
	}
}

func (s *Server) exitError(why string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shutdown {
		return nil
	}
	return errors.New(why)
}

// handle serves one request or notification. Requests are answered from
// what the last analyses left, so none waits for an analysis; analyses
// run in the background and publish their diagnostics when done.
func (s *Server) handle(ctx context.Context, msg *incoming) (any, error) {
	s.mu.Lock()
	ready := s.initialized
	s.mu.Unlock()
	if !ready && msg.Method != "initialize" {
		if msg.isRequest() {
			return nil, &rpcError{codeServerNotInitialized, "initialize first"}
		}
		return nil, nil
	}
	switch msg.Method {
	case "initialize":
		var p protocol.InitializeParams
		if err := decode(msg.Params, &p); err != nil {
			return nil, err
		}
		return s.initialize(&p)
	case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
		// Requests are answered at once, so there is nothing to cancel;
		// the configuration is fixed at initialize.
		return nil, nil
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		return nil, nil
	case "textDocument/didOpen", "textDocument/didSave", "textDocument/didClose":
		return nil, s.documentEvent(ctx, msg.Method, msg.Params)
	case "textDocument/didChange":
		var p protocol.DidChangeTextDocumentParams
		if err := decode(msg.Params, &p); err != nil {
			return nil, err
		}
		return nil, s.didChange(ctx, &p)
	case "textDocument/codeAction":
		var p protocol.CodeActionParams
		if err := decode(msg.Params, &p); err != nil {
			return nil, err
		}
		return s.codeActions(&p)
	case "textDocument/hover":
		var p protocol.HoverParams
		if err := decode(msg.Params, &p); err != nil {
			return nil, err
		}
		return s.hover(&p)
	}
	if msg.isRequest() {
		return nil, &rpcError{codeMethodNotFound, "perfvet lsp does not implement " + msg.Method}
	}
	return nil, nil // other notifications need no answer
}

func decode(params json.RawMessage, v any) error {
	if err := json.Unmarshal(params, v); err != nil {
		return &rpcError{codeInvalidParams, err.Error()}
	}
	return nil
}

// initialize builds the suite from the initializationOptions and says
// what the server can do.
func (s *Server) initialize(p *protocol.InitializeParams) (any, error) {
	var options []byte
	if p.InitializationOptions != nil {
		raw, err := json.Marshal(p.InitializationOptions)
		if err != nil {
			return nil, &rpcError{codeInvalidParams, err.Error()}
		}
		options = raw
	}
	root := ""
	if p.RootURI != nil {
		if dir, err := uriPath(*p.RootURI); err == nil {
			root = dir
		}
	}
	suite, err := s.build(options, root)
	if err != nil {
		return nil, &rpcError{codeInvalidParams, "perfvet: initializationOptions: " + err.Error()}
	}
	rep := report.Find(suite)
	for _, a := range append(slices.Clip(suite), rep, hot.Find(suite)) {
		guard(a, s.log)
	}
	s.mu.Lock()
	s.root, s.suite, s.report, s.initialized = root, suite, rep, true
	s.mu.Unlock()

	sync := protocol.TextDocumentSyncKindFull
	yes := true
	return protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync: protocol.TextDocumentSyncOptions{
				OpenClose: &yes,
				Change:    &sync,
				Save:      protocol.SaveOptions{IncludeText: &yes},
			},
			CodeActionProvider: protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}},
			HoverProvider:      true,
		},
		ServerInfo: &protocol.InitializeResultServerInfo{Name: "perfvet"},
	}, nil
}

// A docEvent is what didOpen, didSave and didClose carry that the server
// uses.
type docEvent struct {
	TextDocument struct {
		URI     protocol.DocumentUri `json:"uri"`
		Text    *string              `json:"text"` // didOpen
		Version protocol.Integer     `json:"version"`
	} `json:"textDocument"`
	Text *string `json:"text"` // didSave, with SaveOptions.IncludeText
}

// documentEvent keeps the text of opened and saved documents, forgets
// closed ones, and analyses the package of an opened or saved one.
func (s *Server) documentEvent(ctx context.Context, method string, params json.RawMessage) error {
	var p docEvent
	if err := decode(params, &p); err != nil {
		return err
	}
	path, err := uriPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.mu.Lock()
	switch method {
	case "textDocument/didOpen":
		var text []byte
		if p.TextDocument.Text != nil {
			text = []byte(*p.TextDocument.Text)
		}
		s.docs[path] = &document{text, p.TextDocument.Version}
	case "textDocument/didSave":
		if d := s.docs[path]; d != nil && p.Text != nil {
			d.text = []byte(*p.Text)
		}
	case "textDocument/didClose":
		delete(s.docs, path)
		s.mu.Unlock()
		return nil
	}
	if t := s.pending[filepath.Dir(path)]; t != nil {
		t.Stop() // the save analyses now
		delete(s.pending, filepath.Dir(path))
	}
	s.mu.Unlock()
	s.analyse(ctx, filepath.Dir(path))
	return nil
}

// didChange keeps the editor's text and analyses its package once the
// typing pauses: debounce after the last change (a save analyses at once).
// An analysis started meanwhile is superseded by the next one (analyse).
func (s *Server) didChange(ctx context.Context, p *protocol.DidChangeTextDocumentParams) error {
	path, err := uriPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[path]
	if d == nil {
		return fmt.Errorf("didChange of %s, which is not open", path)
	}
	for _, c := range p.ContentChanges {
		switch c := c.(type) {
		case protocol.TextDocumentContentChangeEventWhole:
			d.text = []byte(c.Text)
		case protocol.TextDocumentContentChangeEvent:
			return fmt.Errorf("incremental change to %s: the server asked for full text", path)
		}
	}
	d.version = p.TextDocument.Version
	dir := filepath.Dir(path)
	if t := s.pending[dir]; t != nil {
		t.Stop()
	}
	var t *time.Timer
	t = time.AfterFunc(s.debounce, func() {
		s.mu.Lock()
		current := s.pending[dir] == t
		if current {
			delete(s.pending, dir)
		}
		s.mu.Unlock()
		if current {
			s.analyse(ctx, dir)
		}
	})
	s.pending[dir] = t
	return nil
}

// debounce is how long the typing must pause before an analysis: about
// gopls's diagnostics delay.
const debounce = 300 * time.Millisecond

// guard makes a panic in a's Run an error of the analysis, which the
// client sees as a diagnostic, instead of the end of the server (and of
// the editor's session with it). Settings.Build returns fresh analyzers,
// owned by this server, so changing Run touches no other suite. The
// analyzers they require (inspect, loops, chanflow) are shared and left
// alone.
func guard(a *analysis.Analyzer, logger *log.Logger) {
	if a == nil {
		return
	}
	run := a.Run
	a.Run = func(pass *analysis.Pass) (result any, err error) {
		defer func() {
			if r := recover(); r != nil {
				// The stack goes to the server's log (the editor keeps
				// stderr), the short error to the diagnostic.
				logger.Printf("%s panicked: %v\n%s", a.Name, r, debug.Stack())
				err = fmt.Errorf("panic: %v (perfvet lsp's log has the stack)", r)
			}
		}()
		return run(pass)
	}
}
