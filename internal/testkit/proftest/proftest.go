// Package proftest writes pprof profiles for tests of heat: CPU profiles
// with chosen samples, or any profile built by hand.
package proftest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/google/pprof/profile"

	perfprofile "github.com/perfvet/perfvet/internal/profile"
)

// A Sample is Count CPU samples (10 ms each) at Line of the function Func
// (a full symbol, "example.com/p.F"), which starts at Start.
type Sample struct {
	Func        string
	Start, Line int64
	Count       int64
}

// CPU writes a CPU profile (samples/count and cpu/nanoseconds, as
// runtime/pprof writes) holding samples, and returns its path.
func CPU(t testing.TB, samples ...Sample) string {
	t.Helper()
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType: &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
		Period:     10_000_000,
	}
	funcs := make(map[string]*profile.Function)
	for _, s := range samples {
		fn := funcs[s.Func]
		if fn == nil {
			fn = &profile.Function{ID: uint64(len(p.Function) + 1), Name: s.Func, SystemName: s.Func, StartLine: s.Start}
			funcs[s.Func] = fn
			p.Function = append(p.Function, fn)
		}
		loc := &profile.Location{ID: uint64(len(p.Location) + 1), Line: []profile.Line{{Function: fn, Line: s.Line}}}
		p.Location = append(p.Location, loc)
		p.Sample = append(p.Sample, &profile.Sample{Location: []*profile.Location{loc}, Value: []int64{s.Count, s.Count * 10_000_000}})
	}
	return Write(t, p)
}

// Write writes p to a file in a temporary directory and returns its path.
func Write(t testing.TB, p *profile.Profile) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.pprof")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Write(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// EveryLine writes a CPU profile in which each function of the package
// in dir (methods and function literals too) has one sample on each line
// of its body, but for the functions named in except, which never run.
func EveryLine(t testing.TB, dir, pkg string, except ...string) string {
	t.Helper()
	fset := token.NewFileSet()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var samples []Sample
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if slices.Contains(except, fd.Name.Name) {
				continue
			}
			name := pkg + "." + fd.Name.Name
			if fd.Recv != nil {
				recv := fd.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					name = pkg + ".(*" + types.ExprString(star.X) + ")." + fd.Name.Name
				} else {
					name = pkg + "." + types.ExprString(recv) + "." + fd.Name.Name
				}
			}
			lits := 0
			ast.Inspect(fd, func(n ast.Node) bool {
				var body ast.Node
				symbol := name
				switch n := n.(type) {
				case *ast.FuncDecl:
					body = n
				case *ast.FuncLit:
					lits++
					body, symbol = n, name+".func"+strconv.Itoa(lits)
				default:
					return true
				}
				start, end := int64(fset.Position(body.Pos()).Line), int64(fset.Position(body.End()).Line)
				for line := start + 1; line < end; line++ {
					samples = append(samples, Sample{Func: symbol, Start: start, Line: line, Count: 1})
				}
				return true
			})
		}
	}
	return CPU(t, samples...)
}

// Open reads the profiles at paths as the driver layer does
// (profile.LoadFiles), for a test that hands them to the heat analyzer
// (hot.Options.Profiles).
func Open(t testing.TB, paths ...string) perfprofile.Source {
	t.Helper()
	set, err := perfprofile.LoadFiles(paths)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// Synthetic writes a CPU profile of package pkg (the functions of
// internal/passes/hot's testdata hotprofile), with every line 100 lines
// further down than in the source, as if code had since been deleted above
// each function; internal/profile's BenchmarkLoad reads it too.
// Shares: Hot 50% (40% in its loop), an unrelated function 35%, a closure
// of (*T).M 10% (named as after inlining, so only its start line matches),
// Generic 5%; Cold never runs.
func Synthetic(t testing.TB, pkg string) string {
	t.Helper()
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType: &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
		Period:     10_000_000,
	}
	var nextID uint64 = 1
	fn := func(name string, start int64) *profile.Function {
		f := &profile.Function{ID: nextID, Name: name, SystemName: name, Filename: pkg + ".go", StartLine: start}
		nextID++
		p.Function = append(p.Function, f)
		return f
	}
	hotFn := fn(pkg+".Hot", 106)
	other := fn("example.com/other.Work", 1)
	m := fn(pkg+".(*T).M", 124)
	closure := fn(pkg+".(*T).M.(*T).M.func1.func7", 125)
	generic := fn(pkg+".Generic[go.shape.string]", 134)
	sample := func(value int64, frames ...any) {
		// 10 samples per unit of value: enough for a share to be measured
		// (hot.SurelyAtLeast), as in a profile of a few seconds.
		s := &profile.Sample{Value: []int64{value * 10, value * 100_000_000}}
		for i := 0; i < len(frames); i += 2 {
			loc := &profile.Location{ID: nextID, Line: []profile.Line{{Function: frames[i].(*profile.Function), Line: frames[i+1].(int64)}}}
			nextID++
			p.Location = append(p.Location, loc)
			s.Location = append(s.Location, loc)
		}
		p.Sample = append(p.Sample, s)
	}
	sample(40, hotFn, int64(109))
	sample(10, hotFn, int64(107))
	sample(35, other, int64(3))
	sample(10, closure, int64(128), m, int64(125))
	sample(5, generic, int64(137))
	return Write(t, p)
}
