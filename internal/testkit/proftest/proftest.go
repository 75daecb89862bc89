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
