package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/internal/explain"
	"github.com/perfvet/perfvet/internal/testkit/tree"
)

// The explain tests do what a person does: write a module with a
// benchmark, profile it for real with go test -cpuprofile -memprofile, run
// perfvet explain on it, and read the text, the JSON and the page (in a
// headless browser).

// shop is a module whose benchmark allocates through the known patterns
// (concatenation in a loop, append and map growth, conversion, fmt) and
// spends CPU in a function that allocates nothing and its small inlined
// callee.
var shop = map[string]string{
	"go.mod": "module example.com/shop\n\ngo 1.26\n",
	"shop.go": `package shop

import (
	"fmt"
	"strconv"
)

type Item struct {
	Name  string
	Price int
}

func Labels(items []Item) string {
	s := ""
	for _, it := range items {
		s += it.Name + ":" + strconv.Itoa(it.Price) + ","
	}
	return s
}

func Names(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Name)
	}
	return out
}

func Index(items []Item) map[string]int {
	m := map[string]int{}
	for i, it := range items {
		m[it.Name] = i
	}
	return m
}

func Keys(items []Item) [][]byte {
	var out [][]byte
	for _, it := range items {
		out = append(out, []byte(it.Name))
	}
	return out
}

func Describe(items []Item) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, fmt.Sprintf("%s=%d", it.Name, it.Price))
	}
	return out
}

func mix(h uint32, c byte) uint32 {
	return h*16777619 ^ uint32(c)
}

func Checksum(data []byte) uint32 {
	h := uint32(2166136261)
	for i := 0; i < 64; i++ {
		for _, c := range data {
			h = mix(h, c)
		}
	}
	return h
}
`,
	"shop_test.go": `package shop

import (
	"strconv"
	"testing"
)

var items = func() []Item {
	var it []Item
	for i := range 300 {
		it = append(it, Item{Name: "item" + strconv.Itoa(i), Price: i})
	}
	return it
}()

var data = make([]byte, 4096)

var sink any

func BenchmarkShop(b *testing.B) {
	for b.Loop() {
		sink = Labels(items)
		sink = Names(items)
		sink = Index(items)
		sink = Keys(items)
		sink = Describe(items)
		sink = Checksum(data)
	}
}
`,
}

// profiledShop writes the module and profiles its benchmark; it returns
// the module's directory, where cpu.pprof and mem.pprof are.
func profiledShop(t *testing.T) string {
	t.Helper()
	dir := tree.Write(t, shop)
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", ".", "-benchtime", "400x",
		"-cpuprofile", "cpu.pprof", "-memprofile", "mem.pprof", ".")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("profiling the benchmark: %v\n%s", err, out)
	}
	return dir
}

func runExplain(t *testing.T, dir string, args ...string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(perfvetBin, append([]string{"explain"}, args...)...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("perfvet explain %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.String(), errb.String()
}

// lineOf returns the line number of the first line of shop.go containing s.
func lineOf(t *testing.T, s string) int {
	t.Helper()
	for i, l := range strings.Split(shop["shop.go"], "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("no line with %q", s)
	return 0
}

func TestExplain(t *testing.T) {
	dir := profiledShop(t)
	profiles := "-hot.profile=cpu.pprof,mem.pprof"
	concat, growth, mapPut, conv := lineOf(t, "s += it.Name"), lineOf(t, "out = append(out, it.Name)"), lineOf(t, "m[it.Name] = i"), lineOf(t, "[]byte(it.Name)")

	text, _ := runExplain(t, dir, profiles, "./...")
	// The concatenation in a loop allocates most: first, with the finding,
	// its fix as a diff, the compiler's reason and the runtime's work.
	first := regexp.MustCompile(`(?m)^ 1\. shop\.go:(\d+)  shop\.Labels  `).FindStringSubmatch(text)
	if len(first) < 2 || first[1] != fmt.Sprint(concat) {
		t.Errorf("the first allocation line is not Labels' concatenation (line %d):\n%s", concat, text)
	}
	for _, want := range []string{
		fmt.Sprintf("finding: shop.go:%d:3: s += ... in a loop", concat),
		"+\tvar sBuilder strings.Builder", // the fix, as a diff
		"compiler: it.Name + \":\" + ~r0 + \",\" escapes to heap (assign: s += ",
		"runtime: string concatenation: s += it.Name",
		"runtime: slice growth: append(out, it.Name) (runtime.growslice)",
		"runtime: map growth: m[it.Name] (runtime.mapassign)",
		"runtime: conversion: []byte(it.Name) (runtime.stringtoslicebyte)",
		"in call: fmt.Sprintf",
		"not inlined: Labels: function too complex: cost",
		"Directives for hot functions",
		"//perf:noalloc",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}

	out, _ := runExplain(t, dir, profiles, "-format=json", "./...")
	var rep explain.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("the JSON does not decode: %v\n%s", err, out)
	}
	if len(rep.Alloc) == 0 || len(rep.CPU) == 0 || len(rep.Profiles) != 2 {
		t.Fatalf("the JSON lacks ranked lines or profiles: %d alloc, %d cpu, %d profiles", len(rep.Alloc), len(rep.CPU), len(rep.Profiles))
	}
	byLine := make(map[int]*explain.Line)
	for _, l := range rep.Alloc {
		byLine[l.Line] = l
		if l.File != "shop.go" {
			t.Errorf("ranked line in %s: only shop.go is the packages' code (the benchmark's file is not)", l.File)
		}
	}
	for line, kind := range map[int]string{concat: "finding", growth: "runtime", mapPut: "runtime", conv: "compiler"} {
		l := byLine[line]
		if l == nil {
			t.Errorf("shop.go:%d is not among the ranked allocation lines", line)
			continue
		}
		if !strings.Contains(strings.Join(l.Explained, ","), kind) {
			t.Errorf("shop.go:%d is explained by %v, want %s among them", line, l.Explained, kind)
		}
		if l.Value <= 0 || l.Share <= 0 || len(l.Excerpt) == 0 {
			t.Errorf("shop.go:%d has no cost or no excerpt: %+v", line, l)
		}
	}
	if l := byLine[concat]; l != nil && (len(l.Findings) == 0 || !strings.Contains(l.Findings[0].Diff, "strings.Builder")) {
		t.Errorf("the concatenation's finding carries no fix diff: %+v", l.Findings)
	}
	dirs := make([]string, 0, len(rep.Directives))
	for _, d := range rep.Directives {
		dirs = append(dirs, d.Func+" "+d.Text)
	}
	if !strings.Contains(strings.Join(dirs, ";"), "Checksum //perf:noalloc") {
		t.Errorf("no //perf:noalloc proposed for Checksum, which allocates nothing and is hot: %v", dirs)
	}

	page, _ := runExplain(t, dir, profiles, "-format=html", "./...")
	checkSelfContained(t, page)
	checkInBrowser(t, dir, page, rep)
}

// checkSelfContained fails when the page would fetch anything.
func checkSelfContained(t *testing.T, page string) {
	t.Helper()
	for _, bad := range []string{"<script", "http://", "https://", "@import", "url(", "<link", "<img", "<iframe"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page is not self-contained: it has %q", bad)
		}
	}
}

// browser returns a headless Chromium, or skips the test.
func browser(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (chromium, chromium-browser, google-chrome): the page was checked as text only; install Debian's chromium package (.ci/run does) to open it in a browser")
	return ""
}

// checkInBrowser opens the page in headless Chromium: every ranked line
// must be in the rendered DOM, the console must stay free of errors, and a
// screenshot is written to the test's artifacts.
func checkInBrowser(t *testing.T, dir, page string, rep explain.Report) {
	chromium := browser(t)
	file := filepath.Join(dir, "explain.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (stdout, stderr string) {
		t.Helper()
		argv := make([]string, 0, 8+len(args))
		argv = append(argv, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
			"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0")
		argv = append(argv, args...)
		cmd := exec.Command(chromium, append(argv, "file://"+file)...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, errb.String())
		}
		return out.String(), errb.String()
	}
	dom, log := run("--dump-dom")
	for _, l := range append(rep.Alloc, rep.CPU...) {
		anchor := fmt.Sprintf(`id="%s-%d"`, l.Kind, l.Rank)
		where := fmt.Sprintf("%s:%d", l.File, l.Line)
		if !strings.Contains(dom, anchor) || !strings.Contains(dom, where) {
			t.Errorf("the rendered page lacks ranked line %s #%d (%s)", l.Kind, l.Rank, where)
		}
	}
	for line := range strings.Lines(log) {
		if strings.Contains(line, "CONSOLE") || strings.Contains(line, "Uncaught") || strings.Contains(line, "Failed to load") {
			t.Errorf("console error while rendering the page: %s", line)
		}
	}
	shot := filepath.Join(t.ArtifactDir(), "explain.png")
	run("--screenshot="+shot, "--window-size=1280,1800", "--hide-scrollbars")
	if st, err := os.Stat(shot); err != nil || st.Size() < 10_000 {
		t.Fatalf("no screenshot written (%v)", err)
	}
	t.Logf("screenshot: %s", shot)
}

// TestExplainNoProfile: without a profile (none given, no default.pgo for
// auto) explain says how to make one and exits 2.
func TestExplainNoProfile(t *testing.T) {
	dir := tree.Write(t, map[string]string{"go.mod": shop["go.mod"], "shop.go": shop["shop.go"]})
	cmd := exec.Command(perfvetBin, "explain", "./...")
	cmd.Dir = dir
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("perfvet explain without a profile: %v, want exit 2\n%s", err, errb.String())
	}
	if !strings.Contains(errb.String(), "no profile: give -hot.profile=FILE (go test -bench . -cpuprofile cpu.pprof -memprofile mem.pprof)") {
		t.Errorf("the message does not say how to get a profile:\n%s", errb.String())
	}
}
