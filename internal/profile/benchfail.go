package profile

import (
	"regexp"
	"slices"
	"strings"
)

// A failed benchmark names itself in go test's output: "--- FAIL:
// BenchmarkX" (with a sub-benchmark's path, or a -N suffix for
// GOMAXPROCS) when it reports a failure, and its function's frame in the
// stack a panic prints ("example.com/p.BenchmarkX(0xc000...)", or
// "BenchmarkX.func1" for a sub-benchmark's closure).
var (
	failLine   = regexp.MustCompile(`(?m)^\s*--- FAIL: (Benchmark\w*)`)
	panicFrame = regexp.MustCompile(`(?m)^\S+\.(Benchmark\w*)[.(]`)
)

// failedBenchmarks returns the benchmarks, of names and not yet skipped,
// that go test's output out says failed: top-level names, which -skip
// takes.
func failedBenchmarks(out []byte, names, skipped []string) []string {
	var failed []string
	for _, re := range []*regexp.Regexp{failLine, panicFrame} {
		for _, m := range re.FindAllSubmatch(out, -1) {
			name := string(m[1])
			if slices.Contains(names, name) && !slices.Contains(skipped, name) && !slices.Contains(failed, name) {
				failed = append(failed, name)
			}
		}
	}
	return failed
}

// failureReason is what out says of why a benchmark failed: the panic's
// line, or the message the first failing benchmark logged (testify's
// "Error:" field where it used testify, not its trace).
func failureReason(out []byte) string {
	lines := strings.Split(string(out), "\n")
	for _, l := range lines {
		// At the line's start, or after what was written on it before
		// (a benchmark's name and tab, or a log's indentation).
		if i := strings.Index(l, "panic: "); i == 0 || i > 0 && (l[i-1] == '\t' || l[i-1] == ' ') {
			return clip(strings.TrimSpace(l[i:]))
		}
	}
	for i, l := range lines {
		if !failLine.MatchString(l) {
			continue
		}
		indent := len(l) - len(strings.TrimLeft(l, " "))
		var block []string // the benchmark's log: the lines indented below its FAIL line
		for _, next := range lines[i+1:] {
			if strings.TrimSpace(next) == "" || len(next)-len(strings.TrimLeft(next, " ")) <= indent {
				break
			}
			block = append(block, next)
		}
		if len(block) == 0 {
			continue
		}
		reason := strings.TrimSpace(block[0])
		if msg := testifyError(block[1:]); msg != "" {
			reason += " " + msg
		} else if strings.HasSuffix(reason, ":") && len(block) > 1 {
			reason += " " + strings.TrimSpace(block[1])
		}
		return clip(reason)
	}
	return clip(lastLines(out, 2))
}

// testify prints a failure as tab-aligned fields ("\tError:      \tmsg"),
// a field's further lines with its label blank.
var (
	testifyField = regexp.MustCompile(`^\s*\t([A-Za-z][\w ]*):\s*\t(.*)$`)
	testifyMore  = regexp.MustCompile(`^\s*\t\s+\t(.*)$`)
)

// testifyError returns the text of testify's Error field in block, its
// lines joined; "" if there is none.
func testifyError(block []string) string {
	var msg []string
	in := false
	for _, l := range block {
		if m := testifyField.FindStringSubmatch(l); m != nil {
			if in {
				break
			}
			if in = m[1] == "Error"; in {
				msg = append(msg, strings.TrimSpace(m[2]))
			}
		} else if m := testifyMore.FindStringSubmatch(l); m != nil && in {
			msg = append(msg, strings.TrimSpace(m[1]))
		}
	}
	return strings.Join(msg, " ")
}

// clip shortens a reason to a line's worth.
func clip(s string) string {
	const limit = 160
	if r := []rune(s); len(r) > limit {
		return string(r[:limit-1]) + "…"
	}
	return s
}

// leftOut says which benchmarks were left out of a package's profiles and
// why: the reasons of the runs that failed (one per run, which may name
// several benchmarks), each said once.
func leftOut(skipped, why []string) string {
	var reasons []string
	for _, w := range why {
		if !slices.Contains(reasons, w) {
			reasons = append(reasons, w)
		}
	}
	return strings.Join(skipped, ", ") + " failed (" + strings.Join(reasons, "; ") + ")"
}
