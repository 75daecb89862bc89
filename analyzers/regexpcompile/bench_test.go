package regexpcompile_test

import (
	"fmt"
	"regexp"
	"testing"
)

// The lines each form checks: one in four is a date.
func benchLines(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		if i%4 == 0 {
			lines[i] = fmt.Sprintf("2026-11-%02d entry %d", i%28+1, i)
		} else {
			lines[i] = fmt.Sprintf("entry %d of the log", i)
		}
	}
	return lines
}

const datePattern = `^\d{4}-\d{2}-\d{2}`

// countPerUse is the form regexpcompile flags: the pattern is compiled for
// every line.
func countPerUse(lines []string) int {
	n := 0
	for _, line := range lines {
		if regexp.MustCompile(datePattern).MatchString(line) {
			n++
		}
	}
	return n
}

// matchStringPerUse is the regexp.MatchString form, which compiles too.
func matchStringPerUse(lines []string) int {
	n := 0
	for _, line := range lines {
		if ok, _ := regexp.MatchString(datePattern, line); ok { //nolint:staticcheck // SA6000: the compile per call is what this benchmark measures
			n++
		}
	}
	return n
}

// countPrecompiledRe is what the fix declares.
var countPrecompiledRe = regexp.MustCompile(datePattern)

// countPrecompiled is the fixed form.
func countPrecompiled(lines []string) int {
	n := 0
	for _, line := range lines {
		if countPrecompiledRe.MatchString(line) {
			n++
		}
	}
	return n
}

var benchSink int

func TestBenchFormsAgree(t *testing.T) {
	lines := benchLines(100)
	a, b, c := countPerUse(lines), matchStringPerUse(lines), countPrecompiled(lines)
	if a != 25 || b != 25 || c != 25 {
		t.Fatalf("counts %d, %d, %d; want 25 each", a, b, c)
	}
}

// BenchmarkRegexpCompile: 100 lines per op.
func BenchmarkRegexpCompile(b *testing.B) {
	lines := benchLines(100)
	for _, form := range []struct {
		name string
		f    func([]string) int
	}{{"MustCompile-per-use", countPerUse}, {"MatchString-per-use", matchStringPerUse}, {"precompiled", countPrecompiled}} {
		b.Run(form.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchSink = form.f(lines)
			}
		})
	}
}
