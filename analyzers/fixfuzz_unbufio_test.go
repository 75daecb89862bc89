package analyzers_test

import (
	"fmt"
	"go/format"
	"go/importer"
	"strings"
	"testing"
)

// generators holds the program grammars of analyzers whose fixes the
// general one (generate) cannot reach; FuzzFixes and TestFixFuzzSeeds use
// them for those analyzers.
//
// unbufio's grammar: functions with various results that open a file or
// take one, loops of every kind (nested, labelled) writing to it with fmt,
// io and the file's methods, error branches that return, breaks,
// continues, early returns, other uses of the file, closures, and names
// that collide with the ones the fix introduces (fBuf, bufio, err).
var generators = map[string]func([]byte) []byte{"unbufio": generateIO}

// warmImporter imports the generated programs' packages before fuzzing:
// loading net's export data on a busy machine can outlast the fuzzer's
// patience with the first input.
func warmImporter(f *testing.F) {
	if fuzzEnv.imp == nil {
		fuzzEnv.imp = importer.ForCompiler(fuzzEnv.fset, "gc", nil)
	}
	for _, path := range []string{"bufio", "fmt", "io", "net", "os"} {
		if _, err := fuzzEnv.imp.Import(path); err != nil {
			f.Fatal(err)
		}
	}
}

// ioGen writes one program from fuzz bytes, reading a byte per choice.
type ioGen struct {
	data []byte
	pos  int
	b    strings.Builder
	ret  []string // zero values of the results before the error; nil: no error result
	err  bool     // the function returns an error
}

func (g *ioGen) choose(n int) int {
	if g.pos >= len(g.data) {
		return 0
	}
	c := int(g.data[g.pos]) % n
	g.pos++
	return c
}

func (g *ioGen) line(depth int, format string, args ...any) {
	g.b.WriteString(strings.Repeat("\t", depth))
	fmt.Fprintf(&g.b, format, args...)
	g.b.WriteByte('\n')
}

func (g *ioGen) ret0(extra string) string {
	if !g.err {
		return "return"
	}
	return "return " + strings.Join(append(append([]string(nil), g.ret...), extra), ", ")
}

func generateIO(data []byte) []byte {
	g := &ioGen{data: data}
	for fn := range 1 + g.choose(3) {
		g.function(fn)
	}
	var src strings.Builder
	src.WriteString("package p\n\nimport (\n\t\"bufio\"\n\t\"fmt\"\n\t\"io\"\n\t\"net\"\n\t\"os\"\n)\n\n")
	src.WriteString("var _ = bufio.NewReader\nvar _ io.Writer\nvar _ net.Conn\n\nfunc note(string) {}\n")
	src.WriteString(g.b.String())
	// The fix must keep a gofmt-clean file clean: start from one.
	if formatted, err := format.Source([]byte(src.String())); err == nil {
		return formatted
	}
	return []byte(src.String())
}

var ioResults = []struct {
	sig  string
	ret  []string
	errs bool
}{
	{"error", nil, true}, {"(int, error)", []string{"0"}, true}, {"(string, bool, error)", []string{`""`, "false"}, true},
	{"", nil, false}, {"(k int, err error)", []string{"0"}, true}, {"(*os.File, error)", []string{"nil"}, true},
}

func (g *ioGen) function(fn int) {
	res := ioResults[g.choose(len(ioResults))]
	g.ret, g.err = res.ret, res.errs
	g.line(0, "\nfunc f%d(path string, rows []string, n int, w *os.File, conn net.Conn) %s {", fn, res.sig)
	g.line(1, "cnt := 0")
	dest := []string{"f", "w", "conn", "os.Stdout", "f"}[g.choose(5)]
	if dest == "f" {
		g.line(1, "f, err := os.Create(path)")
		g.line(1, "if err != nil {")
		if g.err {
			g.line(2, "%s", g.ret0("err"))
		} else {
			g.line(2, "return")
		}
		g.line(1, "}")
		if g.choose(2) == 0 {
			g.line(1, "defer f.Close()")
		} else {
			g.line(1, "defer func() { f.Close() }()")
		}
	}
	switch g.choose(6) {
	case 1:
		g.line(1, "fBuf := 0")
		g.line(1, "cnt += fBuf")
	case 2:
		g.line(1, "wBuf, connBuf := 1, 2")
		g.line(1, "cnt += wBuf + connBuf")
	case 3:
		g.line(1, "fmt.Fprintln(%s, \"header\")", dest)
	}
	for range 1 + g.choose(2) {
		g.loop(1, dest, 0, "")
	}
	g.line(1, "note(fmt.Sprint(cnt, path, rows, n, w, conn))")
	if g.err {
		g.line(1, "%s", g.ret0("nil"))
	}
	g.line(0, "}")
}

func (g *ioGen) loop(d int, dest string, level int, label string) {
	if level == 0 && g.choose(4) == 0 {
		label = fmt.Sprintf("L%d", g.pos)
		g.line(d-1, "%s:", label)
	}
	v := fmt.Sprintf("x%d", level)
	switch g.choose(5) {
	case 0:
		g.line(d, "for _, %s := range rows {", v)
		g.line(d+1, "_ = %s", v)
	case 1:
		g.line(d, "for %s := range n {", v)
		g.line(d+1, "_ = %s", v)
		v = "path"
	case 2:
		g.line(d, "for %s := 0; %[1]s < n; %[1]s++ {", v)
		g.line(d+1, "_ = %s", v)
		v = "path"
	case 3:
		g.line(d, "for {")
		g.line(d+1, "if cnt > n {")
		g.line(d+2, "break")
		g.line(d+1, "}")
		g.line(d+1, "cnt++")
		v = "path"
	case 4:
		g.line(d, "for i := 0; i < 3; i++ {")
		v = "path"
	}
	if label != "" && level == 0 {
		g.line(d+1, "if cnt == 9 {\n%s\tbreak %s\n%[1]s}", strings.Repeat("\t", d+1), label)
	}
	for range 1 + g.choose(4) {
		g.stmt(d+1, dest, level, label, v)
	}
	g.line(d, "}")
}

func (g *ioGen) stmt(d int, dest string, level int, label, s string) {
	tab := strings.Repeat("\t", d)
	switch g.choose(16) {
	case 0, 1:
		g.line(d, "fmt.Fprintf(%s, \"%%s\\n\", %s)", dest, s)
	case 2:
		g.line(d, "fmt.Fprintln(%s, %s, cnt)", dest, s)
	case 3:
		if g.err {
			g.line(d, "if _, err := fmt.Fprint(%s, %s); err != nil {\n%s\t%s\n%[3]s}", dest, s, tab, g.ret0("err"))
		} else {
			g.line(d, "fmt.Fprint(%s, %s)", dest, s)
		}
	case 4:
		if dest == "conn" {
			g.line(d, "%s.Write([]byte(%s))", dest, s)
		} else {
			g.line(d, "%s.WriteString(%s)", dest, s)
		}
	case 5:
		g.line(d, "io.WriteString(%s, %s)", dest, s)
	case 6:
		g.line(d, "if cnt > n {\n%s\t%s\n%[1]s}", tab, []string{"break", "continue"}[g.choose(2)])
	case 7:
		g.line(d, "if cnt < 0 {\n%s\t%s\n%[1]s}", tab, g.ret0("nil"))
	case 8:
		if level < 2 {
			g.loop(d, dest, level+1, label)
		} else {
			g.line(d, "cnt++")
		}
	case 9:
		if label != "" {
			g.line(d, "if cnt == 7 {\n%s\t%s %s\n%[1]s}", tab, []string{"break", "continue"}[g.choose(2)], label)
		} else {
			g.line(d, "cnt++")
		}
	case 10:
		g.line(d, "note(%s)", s)
	case 11:
		if dest == "conn" {
			g.line(d, "%s.Write([]byte{'\\n'})", dest)
		} else {
			g.line(d, "%s.Write([]byte(%s))", dest, s)
		}
	case 12:
		if g.err && dest == "f" {
			g.line(d, "_, err = %s.Write([]byte(%s))\n%sif err != nil {\n%[3]s\t%s\n%[3]s}", dest, s, tab, g.ret0("err"))
		} else {
			g.line(d, "cnt++")
		}
	case 13:
		g.line(d, "func() { fmt.Fprintln(%s, %s) }()", dest, s)
	case 14:
		g.line(d, "bufio := %s", s)
		g.line(d, "fmt.Fprintln(%s, bufio)", dest)
	case 15:
		g.line(d, "cnt++")
	}
}
