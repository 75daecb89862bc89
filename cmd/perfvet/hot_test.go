package main_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	pprofile "github.com/google/pprof/profile"

	"github.com/perfvet/perfvet/internal/testkit/proftest"
)

// hotProgram profiles itself with runtime/pprof for about a second, all of
// it in hotJoin; coldJoin runs only after the profile stops. Both have a
// concatloop finding, coldJoin's first in the file.
const hotProgram = `package main

import (
	"os"
	"runtime/pprof"
	"strings"
	"time"
)

var parts = strings.Split(strings.Repeat("abcdefgh ", 300), " ")

func coldJoin(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}

func main() {
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		panic(err)
	}
	n := 0
	for start := time.Now(); time.Since(start) < time.Second; {
		n += len(hotJoin(parts))
	}
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		panic(err)
	}
	println(n + len(coldJoin(parts)))
}

func hotJoin(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}
`

var hotLine = regexp.MustCompile(`(?m)^(\S+\.go:\d+:\d+): .*; hot: ([\d.]+)% of CPU in hotJoin, ([\d.]+)% in this loop \(concatloop\)$`)

// TestHotProfile generates a real CPU profile and checks that the hot
// finding is ranked first under -sort=heat, that -hot.min drops the cold
// one, that go vet passes the flags on, and that the heat still matches
// after lines are inserted above the hot function.
func TestHotProfile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/hot\n\ngo 1.26\n")
	write("main.go", hotProgram)
	prof := filepath.Join(dir, "cpu.pprof")
	if _, stderr, code := run(t, dir, "go", "run", ".", prof); code != 0 {
		t.Fatalf("profiling the test program: exit %d\n%s", code, stderr)
	}

	// The profile decides what is cold: coldJoin, which never ran, is
	// set aside by default and counted; -cold lists it, marked.
	stdout, stderr, code := run(t, dir, perfvetBin, "-hot.profile=cpu.pprof", "./...")
	if got := findings(stdout); code != 3 || len(got) != 1 || got[0] != "main.go:42:3" || !strings.HasPrefix(stderr, "1 more in code that looks cold") {
		t.Errorf("default: exit %d, want 3 with hotJoin's finding and coldJoin's counted\n%s%s", code, stdout, stderr)
	}
	stdout, _, code = run(t, dir, perfvetBin, "-hot.profile=cpu.pprof", "-cold", "-sort=heat", "./...")
	if code != 3 {
		t.Fatalf("exit %d, want 3\n%s", code, stdout)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 findings, got\n%s", stdout)
	}
	m := hotLine.FindStringSubmatch(lines[0])
	if len(m) < 4 || !strings.HasPrefix(m[1], "main.go:42:") {
		t.Fatalf("first finding is not hotJoin's with its heat:\n%s", stdout)
	}
	if !strings.Contains(lines[1], "main.go:15:3:") || !strings.HasSuffix(lines[1], "; cold: coldJoin never ran in the CPU profile (concatloop)") {
		t.Errorf("second finding is not coldJoin's, marked cold:\n%s", stdout)
	}
	cum, loop := m[2], m[3]
	t.Logf("hotJoin: %s%% of CPU, %s%% in its loop", cum, loop)

	stdout, _, _ = run(t, dir, perfvetBin, "-hot.profile=cpu.pprof", "-hot.min=1", "./...")
	if got := findings(stdout); len(got) != 1 || got[0] != "main.go:42:3" {
		t.Errorf("-hot.min=1 kept %v, want only hotJoin's finding\n%s", got, stdout)
	}

	// go vet runs the tool in each package's directory: the path must be absolute.
	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+perfvetBin, "-hot.profile="+prof, "-hot.min=1", "./...")
	if code != 1 || !strings.Contains(stderr, "; hot: "+cum+"% of CPU in hotJoin, "+loop+"% in this loop") || strings.Contains(stderr, "coldJoin") {
		t.Errorf("go vet: exit %d, want 1 with hotJoin's heat only\n%s", code, stderr)
	}

	// Code added above hotJoin moves it down; its heat is measured from
	// its start line, so it still matches.
	write("main.go", strings.Replace(hotProgram, "func hotJoin", "// Five lines added\n// after the profile\n// was taken.\nvar _ = 1\n\nfunc hotJoin", 1))
	stdout, _, _ = run(t, dir, perfvetBin, "-hot.profile=cpu.pprof", "-sort=heat", "./...")
	m = hotLine.FindStringSubmatch(strings.SplitN(stdout, "\n", 2)[0])
	if len(m) < 4 || !strings.HasPrefix(m[1], "main.go:47:") || m[2] != cum || m[3] != loop {
		t.Errorf("after moving hotJoin down 5 lines, want its finding at line 47 with %s%% and %s%%, got\n%s", cum, loop, stdout)
	}
}

func TestBadProfile(t *testing.T) {
	dir := writeModule(t)
	bad := filepath.Join(dir, "bad.pprof")
	if err := os.WriteFile(bad, []byte("not a profile"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"-hot.profile=" + bad, "./..."},
		{"-hot.profile=missing.pprof", "./..."},
		{"-sort=size", "./..."},
	} {
		_, stderr, code := run(t, dir, perfvetBin, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, stderr)
		}
	}
	// Under go vet the error names the profile, once per analysed
	// package (not for the dependencies go vet visits for facts).
	_, stderr, code := run(t, dir, "go", "vet", "-vettool="+perfvetBin, "-hot.profile="+bad, "./...")
	if code == 0 || strings.Count(stderr, "not a pprof profile") != 2 {
		t.Errorf("go vet with a bad profile: exit %d, want an error for each of a and b\n%s", code, stderr)
	}
}

// allocProgram records every allocation (MemProfileRate=1) while it runs
// bigJoin and smallJoin 50 times each under a CPU profile, then writes the
// allocation profile. Both have a concatloop finding; bigJoin's loop
// allocates about a hundred times what smallJoin's does.
const allocProgram = `package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
)

func init() { runtime.MemProfileRate = 1 }

var parts = strings.Split(strings.Repeat("abcdefgh ", 100), " ")

func bigJoin(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}

func smallJoin(parts []string) string {
	s := ""
	for _, p := range parts[:10] {
		s += p
	}
	return s
}

func main() {
	cpu, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		panic(err)
	}
	n := 0
	for range 50 {
		n += len(bigJoin(parts)) + len(smallJoin(parts))
	}
	pprof.StopCPUProfile()
	runtime.GC()
	mem, err := os.Create(os.Args[2])
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("allocs").WriteTo(mem, 0); err != nil {
		panic(err)
	}
	if err := mem.Close(); err != nil {
		panic(err)
	}
	println(n)
}
`

var allocLine = regexp.MustCompile(`(?m)^main\.go:(\d+):\d+: .*; hot: allocated ([\d.]+ [kMG]?B) in ([\d.]+ [kMG]? ?objects?) here \(([\d.]+)% of all bytes\), ([\d.]+)% in this loop, ([\d.]+)% in (\w+) \(concatloop\)$`)

// TestAllocProfile runs a program that writes a real allocation profile
// (and a CPU profile of the same run) and checks that each concatloop
// finding is measured by the allocation profile: the bytes on its line,
// bigJoin's far more than smallJoin's; that -hot.min applies to the
// allocation share; that two allocation profiles are merged (the same run
// twice: twice the bytes, the same shares); and that JSON carries the
// numbers.
func TestAllocProfile(t *testing.T) {
	dir := writeProgram(t, "example.com/alloc", allocProgram)
	for _, n := range []string{"1", "2"} {
		runProgram(t, dir, "cpu"+n+".pprof", "mem"+n+".pprof")
	}

	type site struct{ bytes, objects, share, fn string }
	parse := func(stdout string) map[string]site {
		t.Helper()
		out := make(map[string]site)
		for _, m := range allocLine.FindAllStringSubmatch(stdout, -1) {
			out[m[7]] = site{m[2], m[3], m[4], m[7]}
		}
		if len(out) != 2 {
			t.Fatalf("want bigJoin's and smallJoin's findings with their allocations, got\n%s", stdout)
		}
		return out
	}
	stdout, _, code := run(t, dir, perfvetBin, "-hot.profile=cpu1.pprof,mem1.pprof", "-hot.min=0", "-sort=heat", "./...")
	if code != 3 {
		t.Fatalf("exit %d, want 3\n%s", code, stdout)
	}
	one := parse(stdout)
	if !strings.HasPrefix(stdout, "main.go:17:") {
		t.Errorf("-sort=heat: bigJoin's finding (line 17) is not first:\n%s", stdout)
	}
	// smallJoin's loop allocates on 9 of its 10 iterations ("" + p does
	// not allocate), 50 calls: the profile attributes exactly those.
	if got := one["smallJoin"].objects; got != "450 objects" {
		t.Errorf("smallJoin's line: %s, want 450 objects", got)
	}
	big, small := pct(t, one["bigJoin"].share), pct(t, one["smallJoin"].share)
	if big < 20 || small <= 0 || big < 20*small {
		t.Errorf("bigJoin's line has %.1f%% of the bytes, smallJoin's %.1f%%: want bigJoin's ≥ 20%% and ≥ 20 times smallJoin's\n%s", big, small, stdout)
	}

	// The flag repeated, and a second allocation profile of the same run
	// merged: twice the bytes, about the same shares (the runtime's own
	// allocations differ a little from run to run).
	stdout, _, _ = run(t, dir, perfvetBin, "-hot.profile=mem1.pprof", "-hot.profile=mem2.pprof,cpu2.pprof", "-hot.min=0", "./...")
	two := parse(stdout)
	for fn, s := range two {
		if d := pct(t, s.share) - pct(t, one[fn].share); d < -1 || d > 1 || s.bytes == one[fn].bytes {
			t.Errorf("%s merged: %s (%s%%), want the share of one profile (%s%%) and more bytes than %s", fn, s.bytes, s.share, one[fn].share, one[fn].bytes)
		}
	}

	// -hot.min applies to the share of allocated bytes in the loop.
	stdout, _, _ = run(t, dir, perfvetBin, "-hot.profile=cpu1.pprof,mem1.pprof", fmt.Sprintf("-hot.min=%g", (big+small)/2), "./...")
	if got := findings(stdout); len(got) != 1 || got[0] != "main.go:17:3" {
		t.Errorf("-hot.min between the two shares kept %v, want only bigJoin's finding\n%s", got, stdout)
	}

	out, _, _ := run(t, dir, perfvetBin, "-hot.profile=cpu1.pprof,mem1.pprof", "-hot.min=0", "-format=json", "./...")
	var tree map[string]map[string][]struct {
		Posn string
		Heat struct {
			Profile struct {
				Measure string
				Alloc   *struct{ Bytes, Objects int64 }
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, d := range tree["example.com/alloc"]["concatloop"] {
		if p := d.Heat.Profile; p.Measure != "alloc" || p.Alloc == nil || p.Alloc.Bytes <= 0 || p.Alloc.Objects <= 0 {
			t.Errorf("JSON %s: profile %+v, want measure alloc with bytes and objects", d.Posn, p)
		}
	}
}

func pct(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestEscape checks -escape end to end, standalone and under go vet (with
// an external test package, which go build cannot build alone): boxing's
// finding carries the compiler's verdict and reason.
func TestEscape(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"go.mod": "module example.com/esc\n\ngo 1.26\n",
		"esc.go": `package esc

type Point struct{ X, Y, Z float64 }

func Distinct(ps []Point) int {
	m := map[any]int{}
	for _, p := range ps {
		m[p]++
	}
	return len(m)
}
`,
		"esc_test.go": "package esc_test\n\nimport \"testing\"\n\nfunc TestNothing(t *testing.T) {}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const want = "make m a map[Point]int; the compiler confirms it escapes to the heap (key of map put: m[p]); no automatic fix: retyping m changes every use of it (boxing)"
	stdout, stderr, code := run(t, dir, perfvetBin, "-escape", "./...")
	if code != 3 || !strings.Contains(stdout, "esc.go:8:5: converting Point to any") || !strings.Contains(stdout, want) {
		t.Errorf("standalone -escape: exit %d, want 3 and %q\n%s%s", code, want, stdout, stderr)
	}
	// Any form strconv.ParseBool takes turns it on (TRUE was once silently off).
	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+perfvetBin, "-escape=TRUE", "./...")
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("go vet -escape: exit %d, want 1 and %q\n%s", code, want, stderr)
	}

	// The verdict is a field too, in JSON and in SARIF's result properties.
	wantVerdict := map[string]any{"heap": true, "reason": "key of map put: m[p]"}
	stdout, stderr, _ = run(t, dir, perfvetBin, "-escape", "-format=json", "./...")
	var tree map[string]map[string][]struct {
		Posn    string         `json:"posn"`
		Verdict map[string]any `json:"verdict"`
	}
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("-format=json: %v\n%s\n%s", err, stdout, stderr)
	}
	var got []map[string]any
	for _, d := range tree["example.com/esc"]["boxing"] {
		if strings.HasSuffix(d.Posn, "esc.go:8:5") {
			got = append(got, d.Verdict)
		}
	}
	if len(got) != 1 || !reflect.DeepEqual(got[0], wantVerdict) {
		t.Errorf("-format=json: verdicts at esc.go:8:5 = %v, want [%v]\n%s", got, wantVerdict, stdout)
	}
	stdout, _, _ = run(t, dir, perfvetBin, "-escape", "-format=sarif", "./...")
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID     string `json:"ruleId"`
				Properties struct {
					Verdict map[string]any `json:"verdict"`
				} `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatalf("-format=sarif: %v\n%s", err, stdout)
	}
	got = nil
	for _, r := range log.Runs[0].Results {
		if r.RuleID == "boxing" {
			got = append(got, r.Properties.Verdict)
		}
	}
	if len(got) != 1 || !reflect.DeepEqual(got[0], wantVerdict) {
		t.Errorf("-format=sarif: boxing verdicts = %v, want [%v]\n%s", got, wantVerdict, stdout)
	}
}

// linesProgram allocates in two functions, under an allocation profile of
// every allocation: render's loop allocates a slice per item while its
// concatenation sits in a branch no call takes; format's bytes.Buffer is
// declared on a line that allocates nothing (it stays on the stack) and
// grows in the writes below it; tag's buffer grows once, to 64 bytes,
// on a line whose statement also makes a slice of 512 strings; csv's
// concatenation copies its string inside fmt.Sprintf.
const linesProgram = `package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
)

func init() { runtime.MemProfileRate = 1 }

var (
	items = strings.Fields(strings.Repeat("abcdefgh ", 200))
	sink  []byte
)

func render(items []string, raw bool) string {
	s := ""
	for _, it := range items {
		sink = []byte(it + "!")
		if raw {
			s += it
		}
	}
	return s
}

func format(word string) string {
	var buf bytes.Buffer
	buf.WriteString("word: ")
	for range 20 {
		buf.WriteString(word)
	}
	return buf.String()
}

func csv(items []string) string {
	s := ""
	for i, it := range items {
		s = fmt.Sprintf("%s,%d:%s", s, i, it)
	}
	return s
}

func tag(word string) []string {
	var tb bytes.Buffer
	tb.WriteString(word)
	return append(make([]string, 0, 512), tb.String())
}

func main() {
	n := 0
	for range 20 {
		n += len(render(items, len(os.Args) > 5))
	}
	for _, w := range items {
		n += len(format(w)) + len(tag(w))
	}
	n += len(csv(items[:20]))
	runtime.GC()
	mem, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("allocs").WriteTo(mem, 0); err != nil {
		panic(err)
	}
	if err := mem.Close(); err != nil {
		panic(err)
	}
	println(n)
}
`

// TestAllocMeasuredByLines checks that an allocation profile measures a
// cost finding by what its own lines allocate, which is what its change
// would save, not by its loop: a concatenation in a branch no run took is
// set aside though its loop allocates most of the bytes, and a buffer
// declared on a line that allocates nothing is measured by the writes that
// grow it.
func TestAllocMeasuredByLines(t *testing.T) {
	dir := writeProgram(t, "example.com/lines", linesProgram)
	runProgram(t, dir, "mem.pprof")
	const concat, buffer = "main.go:24:4", "main.go:31:2"

	stdout, _, _ := run(t, dir, perfvetBin, "-hot.profile=mem.pprof", "./...")
	if got := findings(stdout); !slices.Equal(got, []string{buffer}) {
		t.Errorf("default output: %v, want only format's buffer (%s): the concatenation's lines allocated nothing\n%s", got, buffer, stdout)
	}
	if !regexp.MustCompile(`(?m)^main\.go:31:2: .*; hot: allocated .* in (\d+) objects here \([1-9][\d.]*% of all bytes\)`).MatchString(stdout) {
		t.Errorf("format's buffer: want the bytes of its writes (at least 1%% of all), not its declaration's\n%s", stdout)
	}
	if m := regexp.MustCompile(`(?m)^main\.go:31:2: .* in (\d+) objects here`).FindStringSubmatch(stdout); len(m) == 2 && m[1] != "600" {
		t.Errorf("format's buffer: %s objects, want 600: three growths per call for 200 calls, not String's copies", m[1])
	}
	stdout, _, _ = run(t, dir, perfvetBin, "-hot.profile=mem.pprof", "-cold", "./...")
	if !regexp.MustCompile(`(?m)^main\.go:24:4: .*in this loop.*; set aside: the allocation profile saw no allocation on its lines`).MatchString(stdout) {
		t.Errorf("-cold: want the concatenation set aside because its lines allocated nothing, its loop's share still shown\n%s", stdout)
	}
	// tag's buffer grew once per call; its line's other work (a slice of
	// 512 strings, String's copy) is not the buffer's.
	if !regexp.MustCompile(`(?m)^main\.go:48:2: .*, [5-9]\d\.\d% in tag; .*set aside: its lines allocated 0\.\d% of all bytes, under -hot.min=1%`).MatchString(stdout) {
		t.Errorf("-cold: want tag's buffer set aside by its growth's share, under 1%%, though tag has most of the bytes\n%s", stdout)
	}
	// With -hot.min=0 too: the profile says the branch never allocated.
	stdout, _, _ = run(t, dir, perfvetBin, "-hot.profile=mem.pprof", "-hot.min=0", "./...")
	if slices.Contains(findings(stdout), concat) {
		t.Errorf("-hot.min=0 kept the concatenation whose lines allocated nothing\n%s", stdout)
	}
	// csv's copies are made inside fmt.Sprintf, which its line calls.
	if !regexp.MustCompile(`(?m)^main\.go:42:3: .*; hot: allocated .* here`).MatchString(stdout) {
		t.Errorf("-hot.min=0: want csv's concatenation measured by the Sprintf on its line\n%s", stdout)
	}
	// A profile that does not record functions' start lines places no
	// line: the findings keep their function's share, and are not set
	// aside for "no allocation on its lines".
	f, err := os.Open(filepath.Join(dir, "mem.pprof"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := pprofile.Parse(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, fn := range p.Function {
		fn.StartLine = 0
	}
	noStarts := proftest.Write(t, p)
	stdout, _, _ = run(t, dir, perfvetBin, "-hot.profile="+noStarts, "-hot.min=0", "./...")
	if got := findings(stdout); !slices.Contains(got, concat) || !slices.Contains(got, buffer) {
		t.Errorf("a profile without start lines, -hot.min=0: %v, want the concatenation and format's buffer kept by their functions' shares\n%s", got, stdout)
	}

	// A -hot.min above the buffer's share sets it aside, with the share of
	// its lines.
	stdout, _, _ = run(t, dir, perfvetBin, "-hot.profile=mem.pprof", "-hot.min=99", "-cold", "./...")
	if !regexp.MustCompile(`(?m)^main\.go:31:2: .*; set aside: its lines allocated [\d.]+% of all bytes, under -hot.min=99%`).MatchString(stdout) {
		t.Errorf("-hot.min=99 -cold: want the buffer set aside by its lines' share\n%s", stdout)
	}
}

// sizesProgram allocates, under an allocation profile of every
// allocation, on lines where the size of an object tells whose it is:
// record's line boxes a count under 256, which the runtime boxes from
// static data, next to a slice of points, which it boxes in 24 bytes;
// index and flags fill a map each, of a hundred entries and of six, whose
// first group (208 bytes) is allocated however the map is sized.
const sizesProgram = `package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
)

func init() { runtime.MemProfileRate = 1 }

type Point struct{ X, Y, Z int }

var sink []map[string]int

func record(counts, shapes []any, xs []int, ps []Point) {
	for i, x := range xs {
		counts[i], shapes[i] = x%200, ps[i:i+1]
	}
}

func index(names []string) map[string]int {
	m := map[string]int{}
	for i, name := range names {
		m[name] = i
	}
	return m
}

func flags(names []string) map[string]int {
	m := map[string]int{}
	for i, name := range names {
		m[name] = i
	}
	return m
}

func main() {
	names := make([]string, 100)
	for i := range names {
		names[i] = "n" + strconv.Itoa(i)
	}
	xs := make([]int, 100)
	for i := range xs {
		xs[i] = i * 7
	}
	ps := make([]Point, 100)
	counts, shapes := make([]any, 100), make([]any, 100)
	for range 200 {
		record(counts, shapes, xs, ps)
		sink = append(sink[:0], index(names), flags(names[:6]))
	}
	runtime.GC()
	mem, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("allocs").WriteTo(mem, 0); err != nil {
		panic(err)
	}
	if err := mem.Close(); err != nil {
		panic(err)
	}
	println(len(counts), len(shapes))
}
`

// TestAllocMeasuredBySize checks that an allocation profile measures a
// box by the objects of its size on its line, and a map's growth by all
// but its first group: a count boxed without allocating is set aside
// though a slice boxed on its line allocates, and so is a map of six
// entries, whose only allocation on its line would be made at its make
// if it were presized; the slice's box and the growth of the map of a
// hundred are kept.
func TestAllocMeasuredBySize(t *testing.T) {
	dir := writeProgram(t, "example.com/sizes", sizesProgram)
	runProgram(t, dir, "mem.pprof")
	const (
		count, slice = "main.go:18:26", "main.go:18:33"
		large, small = "main.go:23:2", "main.go:31:2"
	)
	stdout, _, _ := run(t, dir, perfvetBin, "-hot.profile=mem.pprof", "-hot.min=0", "./...")
	if got := findings(stdout); !slices.Equal(slices.Sorted(slices.Values(got)), []string{slice, large}) {
		t.Errorf("-hot.min=0: %v, want the slice's box (%s) and the large map's growth (%s)\n%s", got, slice, large, stdout)
	}
	if !regexp.MustCompile(`(?m)^main\.go:18:33: .*; hot: allocated 480\.0 kB in 20\.0 k objects here`).MatchString(stdout) {
		t.Errorf("want the slice's box measured by its 20,000 boxes of 24 bytes, not the count's\n%s", stdout)
	}
	stdout, _, _ = run(t, dir, perfvetBin, "-hot.profile=mem.pprof", "-cold", "./...")
	for _, want := range []string{
		`(?m)^main\.go:18:26: .*; set aside: the allocation profile saw no 16-byte object allocated on its lines`,
		`(?m)^main\.go:31:2: .*; set aside: the allocation profile saw no allocation on its lines but of 208-byte objects, which its change would not save`,
	} {
		if !regexp.MustCompile(want).MatchString(stdout) {
			t.Errorf("-cold: want a line matching %s\n%s", want, stdout)
		}
	}
}

// deferProgram runs two functions with a defer in a loop under a CPU
// profile: sum defers a call per item of a hundred, so the runtime's work
// for the records (pushing them, running the chain) is most of its time;
// lookup defers once per table of a fixed pair and spends its time
// scanning them, so its defers are a sliver of its loop.
const deferProgram = `package main

import (
	"os"
	"runtime/pprof"
)

var total int

func add(i int) { total += i }

func sum(items []int) int {
	for _, it := range items {
		defer add(it)
	}
	return len(items)
}

func lookup(tables [2][]int, key int) int {
	found := 0
	for _, t := range tables {
		defer add(len(t))
		for _, v := range t {
			if v == key {
				found++
			}
		}
	}
	return found
}

func main() {
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		panic(err)
	}
	items := make([]int, 100)
	tables := [2][]int{make([]int, 1<<20), make([]int, 1<<20)}
	n := 0
	for i := 0; i < 20000+len(os.Args); i++ {
		n += sum(items)
		if i%100 == 0 {
			n += lookup(tables, i)
		}
	}
	pprof.StopCPUProfile()
	println(n, total)
}
`

// TestTimeMeasuredByLines checks that a CPU profile measures deferloop's
// cost finding by the runtime's work for its records (at the defer and at
// the closing brace, where the chain runs), not by the loop around it: a
// defer per item of a hot loop is shown with the share of its own code;
// a defer per table of a fixed pair, in a loop whose scans take a large
// share, is set aside.
func TestTimeMeasuredByLines(t *testing.T) {
	dir := writeProgram(t, "example.com/defers", deferProgram)
	runProgram(t, dir, "cpu.pprof")
	const perItem, perTable = "main.go:14:3", "main.go:22:3"
	stdout, _, _ := run(t, dir, perfvetBin, "-hot.profile=cpu.pprof", "./...")
	if got := findings(stdout); !slices.Equal(got, []string{perItem}) {
		t.Errorf("default output: %v, want only sum's defer (%s)\n%s", got, perItem, stdout)
	}
	if !regexp.MustCompile(`(?m)^main\.go:14:3: .*; hot: ([1-9]\d|\d\d)\.\d% of CPU here, [\d.]+% in this loop, [\d.]+% in sum`).MatchString(stdout) {
		t.Errorf("sum's defer: want the share of its own code (over 10%%), then the loop's and the function's\n%s", stdout)
	}
	out, _, _ := run(t, dir, perfvetBin, "-hot.profile=cpu.pprof", "-format=json", "./...")
	var tree map[string]map[string][]struct {
		Posn string
		Heat struct {
			Profile struct{ Own *struct{ Ns int64 } }
		}
	}
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	measured := false
	for _, d := range tree["example.com/defers"]["deferloop"] {
		measured = measured || strings.HasSuffix(d.Posn, perItem) && d.Heat.Profile.Own != nil && d.Heat.Profile.Own.Ns > 0
	}
	if !measured {
		t.Errorf("JSON: want sum's defer with the CPU of its own code (profile.own.ns)\n%s", out)
	}
	stdout, _, _ = run(t, dir, perfvetBin, "-hot.profile=cpu.pprof", "-cold", "./...")
	m := regexp.MustCompile(`(?m)^main\.go:22:3: .*; hot: .*([\d.]+)% in this loop.*; set aside: (its own code took [\d.]+% of the CPU, under -hot.min=1%|the CPU profile saw no time in its own code)`).FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("-cold: want lookup's defer (%s) set aside by its own code's share\n%s", perTable, stdout)
	}
}
