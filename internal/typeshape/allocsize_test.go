package typeshape_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/pprof/profile"

	"github.com/perfvet/perfvet/internal/typeshape"
)

// boxed are the types TestBoxSize boxes, each with a value the runtime
// cannot box from static data (integers under 256, empty strings and nil
// slices are boxed without allocating).
var boxed = []struct{ name, typ, value string }{
	{"int", "int", "1000"},
	{"int16", "int16", "1000"},
	{"int32", "int32", "1000"},
	{"float64", "float64", "1.5"},
	{"complex64", "complex64", "1 + 2i"},
	{"string", "string", `"hello"`},
	{"slice", "[]int", "[]int{1, 2}"},
	{"point", "struct{ X, Y int }", "T_point{1, 2}"},
	{"pair32", "struct{ A, B int32 }", "T_pair32{300, 400}"},
	{"bytes3", "[3]byte", "T_bytes3{1, 2, 3}"},
	{"bools", "[2]bool", "T_bools{true, true}"},
	{"named", "struct{ s string }", `T_named{"x"}`},
	{"wrapped", "[1]struct{ b []byte }", "T_wrapped{{[]byte{1}}}"},
	{"ptrpair", "struct{ p, q *int }", "T_ptrpair{new(int), nil}"},
	{"strint", "struct {\n\t\ts string\n\t\tn int\n\t}", `T_strint{"x", 1}`},
	{"noptr600", "[600]byte", "T_noptr600{1}"},
	{"ptr600", "struct {\n\t\tp   *int\n\t\tpad [600]byte\n\t}", "T_ptr600{p: new(int)}"},
	{"ptrs64", "[64]*int", "T_ptrs64{new(int)}"},
	{"ptrs72", "[72]*int", "T_ptrs72{new(int)}"},
	{"ptrs100", "[100]*int", "T_ptrs100{new(int)}"},
	{"ptrs128", "[128]*int", "T_ptrs128{new(int)}"},
	{"noptr5000", "[5000]byte", "T_noptr5000{1}"},
	{"ptrs4095", "[4095]*int", "T_ptrs4095{new(int)}"},
	{"ptrs4096", "[4096]*int", "T_ptrs4096{new(int)}"},
	{"noptr40000", "[40000]byte", "T_noptr40000{1}"},
}

// mapped are the map types whose first group TestAllocSizes allocates;
// a key or element over 128 bytes is stored in an object of its own
// (MapEntrySizes), allocated on the same line.
var mapped = []struct {
	name, key, elem, k, v string
	indirect              bool
}{
	{"strint", "string", "int", `"a"`, "1", false},
	{"intint", "int", "int", "1", "1", false},
	{"int32bool", "int32", "bool", "1", "true", false},
	{"strptr", "string", "*int", `"a"`, "nil", false},
	{"bigelem", "string", "[300]byte", `"a"`, "[300]byte{1}", true},
	{"bigkey", "[200]byte", "bool", "[200]byte{1}", "true", true},
	{"structs", "[2]int", "struct{ a, b, c int }", "[2]int{1, 2}", "struct{ a, b, c int }{1, 2, 3}", false},
}

// allocProgram boxes a value of each type T_name in box_name, and inserts
// the first entry of a map of each type M_name in group_name, each on a
// line of its own, and writes the allocation profile of every allocation.
func allocProgram() string {
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n\t\"os\"\n\t\"runtime\"\n\t\"runtime/pprof\"\n)\n\nfunc init() { runtime.MemProfileRate = 1 }\n\nvar sink any\n\n")
	for _, x := range boxed {
		fmt.Fprintf(&b, "type T_%s %s\n\n//go:noinline\nfunc box_%s(v T_%s) {\n\tsink = v\n}\n\n", x.name, x.typ, x.name, x.name)
	}
	for _, x := range mapped {
		fmt.Fprintf(&b, "type M_%s map[%s]%s\n\n//go:noinline\nfunc group_%s() M_%s {\n\tm := make(M_%s)\n\tm[%s] = %s\n\treturn m\n}\n\n",
			x.name, x.key, x.elem, x.name, x.name, x.name, x.k, x.v)
	}
	// A loop per function: the tiny allocator's blocks are recorded for
	// the allocation that starts them, which would be another function's
	// if the calls took turns.
	b.WriteString("func main() {\n")
	for _, x := range boxed {
		fmt.Fprintf(&b, "\tfor range 10 {\n\t\tbox_%s(%s)\n\t}\n", x.name, x.value)
	}
	for _, x := range mapped {
		fmt.Fprintf(&b, "\tfor range 10 {\n\t\tsink = group_%s()\n\t}\n", x.name)
	}
	b.WriteString("\tf, err := os.Create(os.Args[1])\n\tif err != nil {\n\t\tpanic(err)\n\t}\n" +
		"\tif err := pprof.Lookup(\"allocs\").WriteTo(f, 0); err != nil {\n\t\tpanic(err)\n\t}\n" +
		"\tif err := f.Close(); err != nil {\n\t\tpanic(err)\n\t}\n}\n")
	return b.String()
}

// TestAllocSizes checks BoxSize and MapGroupSize against the runtime: the
// allocation profile of a program that boxes a value of each type, and
// inserts the first entry of a map of each type, records objects of
// exactly those sizes on those lines.
func TestAllocSizes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a program")
	}
	src := allocProgram()
	dir := t.TempDir()
	for name, content := range map[string]string{"go.mod": "module example.com/sizes\n\ngo 1.26\n", "main.go": src} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "run", ".", "mem.pprof")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "mem.pprof"))
	if err != nil {
		t.Fatal(err)
	}
	prof, err := profile.Parse(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	// The sizes of the objects allocated by each box_ function, and by
	// each group_ function's insertion (the line after its make).
	recorded := make(map[string]map[int64]bool)
	for _, s := range prof.Sample {
		if len(s.Location) == 0 || len(s.Location[0].Line) == 0 || len(s.NumLabel["bytes"]) != 1 {
			continue
		}
		leaf := s.Location[0].Line[0]
		name := strings.TrimPrefix(leaf.Function.Name, "main.")
		if strings.HasPrefix(name, "group_") && leaf.Line != leaf.Function.StartLine+2 {
			continue // the make, not the insertion
		}
		if recorded[name] == nil {
			recorded[name] = make(map[int64]bool)
		}
		recorded[name][s.NumLabel["bytes"][0]] = true
	}

	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "main.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("main", fset, []*ast.File{file}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sizes := types.SizesFor("gc", "amd64")
	check := func(fn string, got int64, others ...int64) {
		t.Helper()
		want := recorded[fn]
		ok := len(want) == 1+len(others) && want[got]
		for _, o := range others {
			ok = ok && want[o]
		}
		if !ok {
			t.Errorf("%s: sizes %d and %v, the profile recorded objects of sizes %v", fn, got, others, want)
		}
	}
	for _, x := range boxed {
		check("box_"+x.name, typeshape.BoxSize(sizes, pkg.Scope().Lookup("T_"+x.name).Type()))
	}
	for _, x := range mapped {
		m := pkg.Scope().Lookup("M_" + x.name).Type().Underlying().(*types.Map)
		entries := typeshape.MapEntrySizes(sizes, m)
		if x.indirect != (len(entries) > 0) {
			t.Errorf("group_%s: MapEntrySizes = %v", x.name, entries)
		}
		check("group_"+x.name, typeshape.MapGroupSize(sizes, m), entries...)
	}
}
