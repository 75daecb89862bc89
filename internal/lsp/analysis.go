package lsp

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	protocol "github.com/tliron/glsp/protocol_3_16"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
)

// pkgState is what the server knows of one package directory.
type pkgState struct {
	// hash and epoch are those of the sources the result was computed
	// from; result is nil until the first analysis ends.
	hash   [sha256.Size]byte
	epoch  int
	result *pkgResult
	// gen numbers the analyses started; only the latest may publish.
	gen    int
	cancel context.CancelFunc
	// running is the hash being analysed by the latest analysis, if it
	// has not ended.
	running *[sha256.Size]byte
}

// pkgResult holds a package's findings, already in the protocol's terms,
// so nothing of the loaded package (syntax, types) outlives the analysis.
type pkgResult struct {
	files    []string              // every file of the package, diagnosed or not
	findings map[string][]*finding // by file path
	// texts are the contents analysed, by file path: a code action is
	// offered only while the editor's text is still the same.
	texts map[string][]byte
}

// A finding is one diagnostic with its quick fixes and hover text.
type finding struct {
	diag  protocol.Diagnostic
	fixes []protocol.CodeAction
	hover string
}

// analyse analyses the package in dir in the background, unless its
// sources are those of the last analysis (or of one still running).
func (s *Server) analyse(ctx context.Context, dir string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return
	}
	hash, texts := s.sourceHash(dir)
	st := s.pkgs[dir]
	if st == nil {
		st = &pkgState{}
		s.pkgs[dir] = st
	}
	if st.running != nil && *st.running == hash {
		return // the analysis under way covers these sources
	}
	if st.running == nil && st.result != nil && st.hash == hash && st.epoch == s.epoch {
		if s.analysed != nil {
			s.analysed(dir, true)
		}
		return // unchanged since the last analysis: costs one read and hash of the sources
	}
	last, known := st.hash, st.result != nil
	if st.running != nil {
		last, known = *st.running, true
	}
	if known && last != hash {
		s.epoch++ // packages importing this one may now check differently
	}
	if st.cancel != nil {
		st.cancel() // superseded
	}
	actx, cancel := context.WithCancel(ctx)
	st.gen++
	st.cancel, st.running = cancel, &hash
	gen, epoch, suite, rep := st.gen, s.epoch, s.suite, s.report
	overlay := s.unsaved()
	s.running.Add(1)
	go func() {
		defer s.running.Done()
		defer cancel()
		res, err := analysePackage(actx, &s.loader, dir, overlay, texts, suite, rep)
		s.mu.Lock()
		defer s.mu.Unlock()
		if st.gen != gen {
			return // a later analysis of the package took over
		}
		st.running, st.cancel = nil, nil
		if err != nil {
			if actx.Err() == nil {
				s.log.Printf("%s: %v", dir, err)
			}
			return
		}
		old := st.result
		st.hash, st.epoch, st.result = hash, epoch, res
		s.publish(old, res)
		if s.analysed != nil {
			s.analysed(dir, false)
		}
	}()
}

// sourceHash hashes what the analysis of dir depends on that an editor
// changes: the package's Go files (the editor's text for open ones) and
// the go.mod and go.sum above it. It also returns the Go files' texts.
func (s *Server) sourceHash(dir string) ([sha256.Size]byte, map[string][]byte) {
	h := sha256.New()
	texts := make(map[string][]byte)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		text, err := s.text(path)
		if err != nil {
			continue
		}
		texts[path] = text
		fmt.Fprintf(h, "%s\x00%d\x00", e.Name(), len(text))
		h.Write(text)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if mod, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil {
			sum, _ := os.ReadFile(filepath.Join(d, "go.sum"))
			fmt.Fprintf(h, "go.mod\x00%d\x00", len(mod))
			h.Write(mod)
			h.Write(sum)
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum, texts
}

// unsaved returns the open documents whose text is not the disk's, as
// go/packages overlays. Only those: the go command neither caches nor
// reuses the compiled export data of a package with an overlaid file, and
// go/packages asks for export data of the package itself too, so an
// overlay of a saved file would cost a compile of the package per
// analysis (2.1 s instead of 0.5 s for go list on a 5,000-line package).
// The caller holds s.mu.
func (s *Server) unsaved() map[string][]byte {
	overlay := make(map[string][]byte)
	for path, d := range s.docs {
		if disk, err := os.ReadFile(path); err != nil || !bytes.Equal(disk, d.text) {
			overlay[path] = d.text
		}
	}
	return overlay
}

// text returns the editor's text of an open file, else the disk's. The
// caller holds s.mu.
func (s *Server) text(path string) ([]byte, error) {
	if d := s.docs[path]; d != nil {
		return d.text, nil
	}
	return os.ReadFile(path)
}

// analysePackage loads the package in dir (with its test packages, see
// loader) and runs the suite on it. A package that does not load or
// type-check gives one diagnostic, its first error. Cancelling ctx stops
// go list and, between analyzers, the suite; a cancelled analysis's result
// is dropped.
func analysePackage(ctx context.Context, l *loader, dir string, overlay, texts map[string][]byte, suite []*analysis.Analyzer, rep *analysis.Analyzer) (*pkgResult, error) {
	pkgs, err := l.load(ctx, dir, overlay, texts)
	if err != nil {
		return nil, err
	}
	defer release(pkgs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &pkgResult{findings: make(map[string][]*finding), texts: texts}
	for path := range texts {
		res.files = append(res.files, path)
	}
	sort.Strings(res.files)
	if err := firstError(pkgs, dir); err != nil {
		res.addLoadError(err, dir)
		return res, nil
	}
	roots := suite
	if rep != nil && !slices.Contains(suite, rep) {
		roots = append(slices.Clip(suite), rep)
	}
	wrapped, orig := cancellable(ctx, roots)
	graph, err := checker.Analyze(wrapped, pkgs, nil)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	reports := make(map[*packages.Package]*report.Index)
	for _, act := range graph.Roots {
		act.Analyzer = orig(act.Analyzer)
	}
	for _, act := range graph.Roots {
		if act.Analyzer == rep && act.Err == nil {
			reports[act.Package], _ = act.Result.(*report.Index)
		}
	}
	seen := make(map[string]bool)
	for _, act := range graph.Roots {
		if act.Analyzer == rep {
			continue
		}
		if act.Err != nil {
			// An analyzer failed on a package that type-checks: say so on
			// the package's first file rather than hide it.
			res.addLoadError(&packages.Error{Msg: fmt.Sprintf("%s failed: %v", act.Analyzer.Name, act.Err)}, dir)
			continue
		}
		for _, d := range act.Diagnostics {
			posn := act.Package.Fset.Position(d.Pos)
			key := fmt.Sprintf("%s\x00%s\x00%s", act.Analyzer.Name, posn, d.Message)
			if seen[key] {
				continue // reported by the package and by its test variant
			}
			seen[key] = true
			var h hot.Heat
			if ix := reports[act.Package]; ix != nil {
				h = ix.HeatOf(d.Pos)
			}
			if f := res.convert(act.Analyzer, act.Package.Fset, d, h); f != nil {
				res.findings[posn.Filename] = append(res.findings[posn.Filename], f)
			}
		}
	}
	return res, nil
}

// firstError returns the first error of the package in dir (or of its
// test variant), if any: a parse or type error rather than go list's
// report of the same error from compiling (which names the overlay's
// temporary copy of an unsaved file).
func firstError(pkgs []*packages.Package, dir string) *packages.Error {
	var first *packages.Error
	for _, p := range pkgs {
		for _, e := range p.Errors {
			if e.Kind != packages.ListError {
				return &e
			}
			if first == nil {
				first = &e
			}
		}
	}
	if first != nil {
		return first
	}
	if len(pkgs) == 0 {
		return &packages.Error{Msg: "no Go package in " + dir}
	}
	return nil
}

// addLoadError reports e as the package's one diagnostic: at its position
// if that is in one of the package's files, else at the top of the first.
func (res *pkgResult) addLoadError(e *packages.Error, dir string) {
	file, line, col := splitPos(e.Pos)
	if _, ok := res.texts[file]; !ok {
		if len(res.files) == 0 {
			return
		}
		file, line, col = res.files[0], 1, 1
	}
	start := res.position(file, line, col)
	severity := protocol.DiagnosticSeverityError
	source := "perfvet"
	msg := e.Msg
	if !strings.Contains(msg, " failed: ") {
		msg += "; perfvet analyses the package once it type-checks"
	}
	res.findings[file] = append(res.findings[file], &finding{diag: protocol.Diagnostic{
		Range:    protocol.Range{Start: start, End: start},
		Severity: &severity,
		Source:   &source,
		Message:  msg,
	}})
}

// splitPos splits a go/packages error position, "file:line:col" or
// "file:line" (file names may hold colons), defaulting to line and
// column 1; a position that does not parse gives no file.
func splitPos(pos string) (file string, line, col int) {
	rest, last, ok := cutLastNumber(pos)
	if !ok {
		return "", 1, 1
	}
	if file, n, ok := cutLastNumber(rest); ok {
		return file, n, last
	}
	return rest, last, 1
}

// cutLastNumber splits "s:N" into s and N.
func cutLastNumber(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil || n < 1 {
		return "", 0, false
	}
	return s[:i], n, true
}

// position converts a 1-based line and byte column of file into the
// protocol's 0-based line and UTF-16 character.
func (res *pkgResult) position(file string, line, col int) protocol.Position {
	text := res.texts[file]
	if text == nil {
		text, _ = os.ReadFile(file) // a file outside the directory (cgo output)
	}
	start := 0
	for l := 1; l < line && start <= len(text); l++ {
		i := bytes.IndexByte(text[start:], '\n')
		if i < 0 {
			start = len(text)
			break
		}
		start += i + 1
	}
	end := min(start+col-1, len(text))
	units := 0
	for _, r := range string(text[min(start, end):end]) {
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	return protocol.Position{Line: protocol.UInteger(line - 1), Character: protocol.UInteger(units)}
}

func (res *pkgResult) rangeOf(fset *token.FileSet, pos, end token.Pos) (string, protocol.Range) {
	p := fset.Position(pos)
	start := res.position(p.Filename, p.Line, p.Column)
	r := protocol.Range{Start: start, End: start}
	if end.IsValid() && end > pos {
		e := fset.Position(end)
		r.End = res.position(e.Filename, e.Line, e.Column)
	}
	return p.Filename, r
}
