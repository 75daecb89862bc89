package analyzers_test

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/perfvet/perfvet/analyzers"
)

// The fix builders are fuzzed on small generated programs: the fuzz bytes
// drive a grammar of loops (range over slices, maps, ints and funcs,
// three-clause, infinite), string accumulation, appends, map stores,
// reflect.DeepEqual on comparable and incomparable types, goroutines that
// send on local channels and the receives after them, closures, shadowing
// and names that collide with the ones fixes introduce. Each program that
// type-checks is analysed by one analyzer; every first suggested fix is
// applied as the driver applies it (overlapping fixes left out), and the
// result must be gofmt-clean and type-check, and so must the result of
// fixing it again. A fix that breaks the program is a bug in that analyzer's fix
// builder.
//
// go test ./analyzers -run XXX -fuzz FuzzFixes -fuzztime 10m. The first
// byte picks the analyzer (of the suite's own, in suite order), the rest
// drives the generator. The plain go test run checks the seeds only.
func FuzzFixes(f *testing.F) {
	own := ownAnalyzers()
	warmImporter(f)
	for i := range own {
		for _, s := range seeds() {
			f.Add(append([]byte{byte(i)}, s...))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		checkFixes(t, own[int(data[0])%len(own)], data[1:])
	})
}

// ownAnalyzers are perfvet's analyzers from the suite (the bundled
// staticcheck checks have fix builders of their own, fuzzed upstream).
func ownAnalyzers() []*analysis.Analyzer {
	suite := analyzers.New(&analyzers.Config{})
	return suite[:len(analyzers.Own())]
}

// seedCount is the number of pseudo-random seeds each analyzer's fuzzing
// starts from.
const seedCount = 48

func seeds() [][]byte {
	out := make([][]byte, 0, seedCount)
	for i := range seedCount {
		rng := rand.New(rand.NewPCG(uint64(i), 11))
		b := make([]byte, 24+i*3)
		for j := range b {
			b[j] = byte(rng.Uint32())
		}
		out = append(out, b)
	}
	return out
}

// TestFixFuzzSeeds checks that the seeds reach every fix builder: each
// analyzer that has fixes (golden files beside its fixtures) applies at
// least a few across them, and every other one's findings still compile
// as they are.
func TestFixFuzzSeeds(t *testing.T) {
	for _, a := range ownAnalyzers() {
		goldens, err := filepath.Glob(filepath.Join(a.Name, "testdata", "src", "*", "*.golden"))
		if err != nil {
			t.Fatal(err)
		}
		fixed, programs := 0, 0
		for _, s := range seeds() {
			n, ok := checkFixes(t, a, s)
			fixed += n
			if ok {
				programs++
			}
		}
		t.Logf("%s: %d fixes applied in %d type-correct programs", a.Name, fixed, programs)
		if len(goldens) > 0 && fixed < 3 {
			t.Errorf("%s: the seeds exercise only %d fixes; change seedCount or the generator", a.Name, fixed)
		}
	}
}

// fuzzEnv is shared by the runs of one process: importing std from export
// data once is most of the cost of a run.
var fuzzEnv = struct {
	fset *token.FileSet
	imp  types.Importer
}{fset: token.NewFileSet()}

// checkFixes generates the program data encodes, applies a's fixes twice
// over and fails t if a result does not compile. It returns the number of
// fixes applied, and false if the program did not type-check to start with.
func checkFixes(t *testing.T, a *analysis.Analyzer, data []byte) (int, bool) {
	t.Helper()
	gen := generate
	if own, ok := generators[a.Name]; ok {
		gen = own
	}
	return checkSource(t, a, gen(data))
}

// checkSource applies a's fixes to src twice over, as checkFixes does for
// a generated program.
func checkSource(t *testing.T, a *analysis.Analyzer, src []byte) (int, bool) {
	t.Helper()
	if _, errs := typeCheck(t, src); len(errs) > 0 {
		return 0, false // the generator's mistake, not the analyzer's
	}
	total := 0
	for round := range 2 {
		fixed, n := applySuggestedFixes(t, a, src)
		if n == 0 {
			break
		}
		total += n
		formatted, err := format.Source(fixed)
		if err != nil {
			t.Fatalf("round %d: %s's fixes produce invalid Go: %v\n--- before:\n%s\n--- after:\n%s", round+1, a.Name, err, src, fixed)
		}
		if !bytes.Equal(formatted, fixed) {
			// internal/fixes promises edits that need no formatter pass.
			t.Fatalf("round %d: %s's fixes are not gofmt-clean:\n--- before:\n%s\n--- after:\n%s", round+1, a.Name, src, fixed)
		}
		if _, errs := typeCheck(t, formatted); len(errs) > 0 {
			t.Fatalf("round %d: %s's fixes do not type-check: %v\n--- before:\n%s\n--- after:\n%s", round+1, a.Name, errs, src, formatted)
		}
		src = formatted
	}
	return total, true
}

func typeCheck(t *testing.T, src []byte) (*packages.Package, []error) {
	t.Helper()
	if fuzzEnv.imp == nil {
		fuzzEnv.imp = importer.ForCompiler(fuzzEnv.fset, "gc", nil)
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "p.go")
	if err := os.WriteFile(name, src, 0o644); err != nil {
		t.Fatal(err)
	}
	file, err := parser.ParseFile(fuzzEnv.fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, []error{err}
	}
	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		Instances:    map[*ast.Ident]types.Instance{},
		FileVersions: map[*ast.File]string{},
	}
	var errs []error
	conf := types.Config{Importer: fuzzEnv.imp, GoVersion: "go1.26", Error: func(err error) { errs = append(errs, err) }}
	pkg, _ := conf.Check("p", fuzzEnv.fset, []*ast.File{file}, info)
	return &packages.Package{
		ID: "p", Name: "p", PkgPath: "p",
		GoFiles: []string{name}, CompiledGoFiles: []string{name},
		Fset: fuzzEnv.fset, Syntax: []*ast.File{file},
		Types: pkg, TypesInfo: info, TypesSizes: types.SizesFor("gc", "amd64"),
		Module: &packages.Module{Path: "p", GoVersion: "1.26"},
	}, errs
}

// applySuggestedFixes analyses src with a and applies the first fix of
// each finding as the perfvet driver does: a fix overlapping one already
// taken is left out whole, identical edits (the same import) are made once.
func applySuggestedFixes(t *testing.T, a *analysis.Analyzer, src []byte) ([]byte, int) {
	t.Helper()
	pkg, errs := typeCheck(t, src)
	if len(errs) > 0 {
		t.Fatalf("type errors: %v", errs)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, []*packages.Package{pkg}, nil)
	if err != nil {
		t.Fatal(err)
	}
	type edit struct {
		start, end int
		text       string
	}
	tf := pkg.Fset.File(pkg.Syntax[0].FileStart)
	var accepted []edit
	n := 0
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatalf("%s failed on a type-correct program: %v\n%s", a.Name, act.Err, src)
		}
	fixes:
		for _, d := range act.Diagnostics {
			if len(d.SuggestedFixes) == 0 {
				continue
			}
			var proposed []edit
			for _, e := range d.SuggestedFixes[0].TextEdits {
				if pkg.Fset.File(e.Pos) != tf || e.End < e.Pos {
					t.Fatalf("%s: a fix edits outside the file or backwards: %+v", a.Name, e)
				}
				proposed = append(proposed, edit{tf.Offset(e.Pos), tf.Offset(e.End), string(e.NewText)})
			}
			for _, p := range proposed {
				for _, q := range accepted {
					if p != q && (p.start < q.end && q.start < p.end ||
						p.start == p.end && q.start < p.start && p.start < q.end ||
						q.start == q.end && p.start < q.start && q.start < p.end) {
						continue fixes
					}
				}
			}
			for _, p := range proposed {
				if !slices.Contains(accepted, p) {
					accepted = append(accepted, p)
				}
			}
			n++
		}
	}
	slices.SortStableFunc(accepted, func(a, b edit) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end))
	})
	var out bytes.Buffer
	last := 0
	for _, e := range accepted {
		if e.start < last {
			t.Fatalf("%s: one fix has overlapping edits: %+v", a.Name, accepted)
		}
		out.Write(src[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(src[last:])
	return out.Bytes(), n
}

// A gen turns fuzz bytes into a program. Every choice reads one byte; when
// the bytes run out every choice is 0, which always ends the program.
type gen struct {
	pools    int // pooled-buffer sections generated: the program declares pool0
	data     []byte
	pos      int
	b        strings.Builder
	imports  map[string]bool
	chans    map[string]string // channels sent on in a goroutine: a loop with the count of the outermost spawning loop
	shadowed bool              // a local named strings
	count    string            // a loop header with the count of the outermost loop being generated
	// regexps adds regexp statements to the grammar: regexpcompile's
	// generator (fixfuzz_regexpcompile_test.go) sets it, so the other
	// analyzers' programs (and their seeds' fix counts) stay what they were.
	regexps bool
	consts  int // local pattern constants declared
}

func (g *gen) choose(n int) int {
	if g.pos >= len(g.data) {
		return 0
	}
	c := int(g.data[g.pos]) % n
	g.pos++
	return c
}

func (g *gen) line(depth int, format string, args ...any) {
	g.b.WriteString(strings.Repeat("\t", depth))
	fmt.Fprintf(&g.b, format, args...)
	g.b.WriteByte('\n')
}

func (g *gen) use(pkg string) string { g.imports[pkg] = true; return pkg }

// scope is what the statements of a loop body can refer to.
type scope struct {
	strs, ints, bytes, points []string
}

func (s scope) with(f func(*scope)) scope {
	c := scope{slices.Clone(s.strs), slices.Clone(s.ints), slices.Clone(s.bytes), slices.Clone(s.points)}
	f(&c)
	return c
}

func pick(g *gen, xs []string) string { return xs[g.choose(len(xs))] }

var (
	strVars   = []string{"s0", "s1"}
	chanVars  = []string{"ch0", "ch1"}
	strDecls  = []string{`%s := ""`, `var %s string`, `%s := "x"`, `var %s = ""`, `%s := fmt.Sprint(n)`}
	intsDecls = []string{`var out0 []int`, `out0 := []int{}`, `out0 := make([]int, 0)`, `out0 := []int(nil)`, `out0 := make([]int, 0, 1)`}
	strsDecls = []string{`var out1 []string`, `out1 := []string{}`, `out1 := make([]string, 0)`}
	mapDecls  = []string{`m0 := map[string]int{}`, `m0 := make(map[string]int)`, `var m0 map[string]int`}
	chanDecls = []string{`%s := make(chan int)`, `%s := make(chan int, 0)`, `var %s = make(chan int)`, `%s := make(chan int, 1)`}
)

func generate(data []byte) []byte { return generateWith(data, false) }

func generateWith(data []byte, regexps bool) []byte {
	g := &gen{data: data, imports: map[string]bool{}, chans: map[string]string{}, regexps: regexps}
	var body strings.Builder
	for fn := range 1 + g.choose(3) {
		g.b.Reset()
		g.function(fn)
		body.WriteString(g.b.String())
	}
	var src strings.Builder
	src.WriteString("package p\n\n")
	if len(g.imports) > 0 {
		src.WriteString("import (\n")
		for _, p := range slices.Sorted(mapsKeys(g.imports)) {
			fmt.Fprintf(&src, "\t%q\n", p)
		}
		src.WriteString(")\n\n")
	}
	src.WriteString("type P struct{ X, Y int }\n\nfunc sink(...any) {}\n")
	if g.regexps {
		src.WriteString(regexpDecls)
	}
	// A writer whose Write the io contract covers, without importing io.
	src.WriteString("\ntype writer interface{ Write([]byte) (int, error) }\n")
	if g.pools > 0 {
		src.WriteString("\nvar pool0 = sync.Pool{New: func() any { return new(bytes.Buffer) }}\n")
	}
	src.WriteString(body.String())
	return []byte(src.String())
}

func mapsKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func (g *gen) function(fn int) {
	clear(g.chans)
	g.line(0, "\nfunc f%d(items []string, xs []int, n int, m map[string]int, ps []P, bs [][]byte, seq func(func(int) bool), done <-chan struct{}, w writer) {", fn)
	g.poolUse(1)
	for _, s := range strVars {
		d := strDecls[g.choose(len(strDecls))]
		if strings.Contains(d, "fmt.") {
			g.use("fmt")
		}
		g.line(1, d, s)
	}
	g.line(1, "%s", intsDecls[g.choose(len(intsDecls))])
	g.line(1, "%s", strsDecls[g.choose(len(strsDecls))])
	g.line(1, "%s", mapDecls[g.choose(len(mapDecls))])
	g.line(1, "cnt := 0")
	// Names the fixes like to introduce, and a local that shadows the
	// strings package.
	collide := []string{"", "sb := 0", "strings := 0", "b := 0", "s0Builder := 0", "buf0 := 0"}[g.choose(6)]
	g.shadowed = collide == "strings := 0"
	if collide != "" {
		g.line(1, "%s", collide)
		g.line(1, "sink(%s)", strings.Fields(collide)[0])
	}
	top := scope{strs: []string{`"x"`, `"y"`}, ints: []string{"n", "cnt", "len(items)", "1"}, bytes: []string{`[]byte("z")`}, points: []string{"P{}"}}
	// The loops go to a buffer of their own: the channels are declared
	// before them, and only those a goroutine sends on (a channel passed
	// to sink would escape, and the channel checks would skip it).
	head := g.b.String()
	g.b.Reset()
	for range 1 + g.choose(2) {
		g.loop(1, top, 0)
	}
	loops := g.b.String()
	g.b.Reset()
	g.b.WriteString(head)
	for _, c := range chanVars {
		if _, ok := g.chans[c]; ok {
			g.line(1, chanDecls[g.choose(len(chanDecls))], c)
		}
	}
	g.b.WriteString(loops)
	for _, c := range chanVars {
		collector, ok := g.chans[c]
		if !ok {
			continue
		}
		switch g.choose(8) {
		case 6, 7: // one receive per sender, the shape unbufchan looks for
			if collector != "" {
				g.line(1, "%s {\n\t\tcnt += <-%s\n\t}", collector, c)
			}
		case 1:
			g.line(1, "for range items {\n\t\tcnt += <-%s\n\t}", c)
		case 2:
			g.line(1, "cnt += <-%s", c)
		case 3:
			g.line(1, "select {\n\tcase v := <-%s:\n\t\tcnt += v\n\tcase <-%s.After(%[2]s.Second):\n\t}", c, g.use("time"))
		case 4:
			g.line(1, "select {\n\tcase v := <-%s:\n\t\tcnt += v\n\tcase <-done:\n\t}", c)
		case 5:
			g.line(1, "for i := 0; i < n; i++ {\n\t\tcnt += <-%s\n\t}", c)
		}
	}
	if g.choose(2) == 1 {
		g.line(1, "return")
	}
	g.line(1, "sink(s0, s1, out0, out1, m0, cnt)")
	g.line(0, "}")
}

func (g *gen) loop(depth int, sc scope, level int) {
	d := depth
	v := func(name string) string { return fmt.Sprintf("%s%d", name, level) }
	kind := g.choose(11)
	if level == 0 {
		g.count = []string{"for range items", "for range n", "for range n", "for range xs", "for range m", "", "for range len(items)", "for range ps", "", "for range n", "for range bs"}[kind]
	}
	switch kind {
	case 0:
		g.line(d, "for _, %s := range items {", v("it"))
		sc = sc.with(func(s *scope) { s.strs = append(s.strs, v("it")) })
	case 1:
		g.line(d, "for %s := 0; %[1]s < n; %[1]s++ {", v("i"))
		sc = sc.with(func(s *scope) { s.ints = append(s.ints, v("i")) })
	case 2:
		g.line(d, "for %s := range n {", v("i"))
		sc = sc.with(func(s *scope) { s.ints = append(s.ints, v("i")) })
	case 3:
		g.line(d, "for %s, %s := range xs {", v("i"), v("x"))
		sc = sc.with(func(s *scope) { s.ints = append(s.ints, v("i"), v("x")) })
	case 4:
		g.line(d, "for %s, %s := range m {", v("k"), v("v"))
		sc = sc.with(func(s *scope) { s.strs = append(s.strs, v("k")); s.ints = append(s.ints, v("v")) })
	case 5:
		g.line(d, "for %s := range seq {", v("x"))
		sc = sc.with(func(s *scope) { s.ints = append(s.ints, v("x")) })
	case 6:
		g.line(d, "for %s := range len(items) {", v("i"))
		sc = sc.with(func(s *scope) {
			s.ints = append(s.ints, v("i"))
			s.strs = append(s.strs, "items["+v("i")+"]")
		})
	case 7:
		g.line(d, "for _, %s := range ps {", v("p"))
		sc = sc.with(func(s *scope) { s.ints = append(s.ints, v("p")+".X"); s.points = append(s.points, v("p")) })
	case 8:
		g.line(d, "for {")
		g.line(d+1, "if cnt > n {\n%sbreak\n%s}", strings.Repeat("\t", d+2), strings.Repeat("\t", d+1))
		g.line(d+1, "cnt++")
	case 9:
		g.line(d, "for %s := n; %[1]s > 0; %[1]s-- {", v("i"))
		sc = sc.with(func(s *scope) { s.ints = append(s.ints, v("i")) })
	case 10:
		g.line(d, "for _, %s := range bs {", v("b"))
		sc = sc.with(func(s *scope) { s.bytes = append(s.bytes, v("b")); s.strs = append(s.strs, "string("+v("b")+")") })
	}
	// Loop variables are used, so the program compiles whatever follows.
	var vars []string
	for _, name := range []string{"it", "i", "x", "k", "v", "p", "b"} {
		header := g.b.String()[strings.LastIndex(g.b.String(), "for "):]
		if strings.Contains(header, v(name)+" ") || strings.Contains(header, v(name)+",") {
			vars = append(vars, v(name))
		}
	}
	if len(vars) > 0 {
		g.line(d+1, "sink(%s)", strings.Join(vars, ", "))
	}
	for range 1 + g.choose(4) {
		g.stmt(d+1, sc, level)
	}
	g.line(d, "}")
}

func (g *gen) stmt(d int, sc scope, level int) {
	if g.regexps && g.choose(3) == 0 {
		g.regexpStmt(d, sc)
		return
	}
	s, str, num := pick(g, strVars), pick(g, sc.strs), pick(g, sc.ints)
	// Goroutines and DeepEqual calls weigh double: their fixes need
	// company (a receive after the loop, a comparable pair).
	switch g.choose(28) {
	case 0:
		g.line(d, "%s += %s", s, str)
	case 1:
		g.line(d, "%s = %[1]s + %s", s, str)
	case 2:
		g.line(d, "%s = %s + %s", s, str, s)
	case 3:
		g.line(d, "%[1]s = %[2]s.Sprintf(\"%%s-%%d\", %[1]s, %[3]s)", s, g.use("fmt"), num)
	case 4:
		g.line(d, "%s += %s.Itoa(%s)", s, g.use("strconv"), num)
	case 5:
		g.line(d, "out0 = append(out0, %s)", num)
	case 6:
		g.line(d, "out1 = append(out1, %s)", str)
	case 7:
		g.line(d, "out0 = append(out0, %s, %s)", num, pick(g, sc.ints))
	case 8:
		g.line(d, "m0[%s] = %s", str, num)
	case 9:
		g.line(d, "if %s%%2 == 0 {", num)
		g.stmt(d+1, sc, level)
		g.line(d, "}")
	case 10, 22:
		pairs := [][2]string{
			{num, "3"}, {str, `"a"`}, {pick(g, sc.points), "P{}"}, {pick(g, sc.bytes), `[]byte("x")`},
			{"xs", "xs"}, {"&cnt", "&cnt"}, {"any(" + num + ")", "any(" + str + ")"},
			{"[2]int{" + num + "}", "[2]int{}"}, {"m", "m0"}, {"[][]byte{" + pick(g, sc.bytes) + "}", "bs"},
		}
		p := pairs[g.choose(len(pairs))]
		g.line(d, "if %s.DeepEqual(%s, %s) {\n%s\tcnt++\n%[4]s}", g.use("reflect"), p[0], p[1], strings.Repeat("\t", d))
	case 11, 23:
		c := pick(g, chanVars)
		g.chans[c] = g.count
		g.line(d, "go func() { %s <- %s }()", c, num)
	case 12:
		g.line(d, "_ = len(%s)", s)
	case 13:
		g.line(d, "func() { %s += %s }()", s, str)
	case 14:
		g.line(d, "if %s > n {\n%s\t%s\n%[2]s}", num, strings.Repeat("\t", d), []string{"continue", "break"}[g.choose(2)])
	case 15:
		if level < 2 {
			g.loop(d, sc, level+1)
		} else {
			g.line(d, "cnt++")
		}
	case 16:
		g.line(d, "%s := %s", s, str)
		g.line(d, "sink(%s)", s)
	case 17:
		g.line(d, "cnt++")
	case 18:
		g.line(d, "if %s == 0 {\n%s\treturn\n%[2]s}", num, strings.Repeat("\t", d))
	case 19:
		g.line(d, "%s = %s", s, str)
	case 20:
		if g.shadowed {
			g.line(d, "%s += %s", s, str)
		} else {
			g.line(d, "%s += %s.Repeat(%s, 2)", s, g.use("strings"), str)
		}
	case 24, 25:
		g.scratchBuffer(d, level, str)
	case 26:
		g.poolUse(d)
	case 27:
		g.line(d, "buf%d := 0", level)
		g.line(d, "sink(buf%d)", level)
	case 21:
		g.line(d, "out1 = append(out1, %s...)", "items")
	}
}

// scratchBuffer writes a scratch buffer made in each iteration (poolbuf
// hoists it).
func (g *gen) scratchBuffer(d, level int, str string) {
	buf := fmt.Sprintf("buf%d", level)
	switch g.choose(5) {
	case 0:
		g.line(d, "%s := new(%s.Buffer)", buf, g.use("bytes"))
	case 1:
		g.line(d, "var %s %s.Buffer", buf, g.use("bytes"))
	case 2:
		g.line(d, "%s := &%s.Buffer{}", buf, g.use("bytes"))
	case 3:
		g.line(d, "%s := make([]byte, 0, 1024)", buf)
		g.line(d, "%s = append(%[1]s, %s...)", buf, str)
		g.line(d, "_, _ = w.Write(%s)", buf)
		return
	case 4:
		g.line(d, "%s := make([]byte, %s)", buf, []string{"n", "4096", "len(items)"}[g.choose(3)])
		g.line(d, "copy(%s, %s)", buf, str)
		g.line(d, "_, _ = w.Write(%s)", buf)
		return
	}
	g.line(d, "%s.WriteString(%s)", buf, str)
	g.line(d, "_, _ = w.Write(%s.Bytes())", buf)
}

// poolUse generates a Get from pool0 and Puts on some paths: pooluse adds
// a Reset before a Put, or moves the Puts into one defer.
func (g *gen) poolUse(d int) {
	if g.choose(3) == 0 {
		return
	}
	g.pools++
	g.use("sync")
	pb := fmt.Sprintf("pb%d", g.pools)
	g.line(d, "%s := pool0.Get().(*%s.Buffer)", pb, g.use("bytes"))
	if g.choose(2) == 0 {
		g.line(d, "%s.Reset()", pb)
	}
	g.line(d, "%s.WriteString(\"x\")", pb)
	tab := strings.Repeat("\t", d)
	switch g.choose(4) {
	case 0:
		g.line(d, "if n == 0 {\n%s\tpool0.Put(%s)\n%[1]s\treturn\n%[1]s}", tab, pb)
	case 1:
		g.line(d, "if n == 0 {\n%s\treturn\n%[1]s}", tab)
	case 2:
		g.line(d, "if n < 0 {\n%s\tpool0.Put(%s)\n%[1]s} else {\n%[1]s\t_, _ = w.Write(%[2]s.Bytes())\n%[1]s}", tab, pb)
	}
	g.line(d, "_, _ = w.Write(%s.Bytes())", pb)
	g.line(d, "pool0.Put(%s)", pb)
}
