/*
Package regexpcompile defines an Analyzer that reports regular expressions
with a constant pattern compiled over and over: on every iteration of a
loop, or on every call of a function that runs once per request or item.

# Analyzer regexpcompile

regexpcompile: report constant regular expressions compiled on every use

regexp.MustCompile and regexp.Compile parse the pattern and build its
program; regexp.Match, MatchString and MatchReader do the same before
matching once and throw the compiled form away. With a constant pattern
the result is the same every time, and a *regexp.Regexp is safe for
concurrent use, so it can be compiled once into a package-level var.

	// Bad: the pattern is compiled for every line.
	for _, line := range lines {
		if regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`).MatchString(line) {
			dates++
		}
	}

	// Good.
	var dateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)

	for _, line := range lines {
		if dateRe.MatchString(line) {
			dates++
		}
	}

The check flags calls of MustCompile, MustCompilePOSIX, Compile,
CompilePOSIX, Match, MatchString and MatchReader whose pattern is a
constant that compiles, when the call runs on every iteration of a loop
that is not cold,
or anywhere in a function that runs once per request or item: an HTTP
handler, a function a hot loop of the package calls, or, with a CPU
profile (-hot.profile), a function holding at least 1% of its samples
(report.PerCall, the rule poolbuf's per-call check uses too).

It does not flag: a pattern that is not constant (compiling per distinct
pattern is a cache's job, and its worth depends on how many there are); a
constant pattern that does not compile (MustCompile panics on the first
run: a bug, not a cost); a result stored where it outlives the iteration
or call (a package-level variable, a field, a map or slice element, a
variable of an enclosing function), which is a cache filled lazily (if re
== nil { re = regexp.MustCompile(p) }); calls in package-level
initialisers and init functions, in cold loops (a constant trip count of
at most 4) or followed by a return in their loop (run once), and in
functions that nothing shows to run per request or item. Findings in
_test.go files are kept only inside the timed loop of a Benchmark
function, and there set aside as cold (a benchmark repeats what it
measures; -cold lists them), unless -tests is given.

# Suggested fix

The fix declares var NAME = regexp.MustCompile(PATTERN) (MustCompilePOSIX
for the POSIX forms) just before the top-level declaration holding the
call, and replaces the call by NAME, or by NAME.MatchString(s) (Match,
MatchReader) for the Match forms. NAME is derived from the variable the
regexp was stored in (version → versionRe) or from the function
(parseVersion → parseVersionRe), and is used by no identifier anywhere in
the package. PATTERN is the argument's own source when it names only
package-level or imported constants, otherwise the constant's value as a
literal.

MustCompile at package level cannot panic: the analyzer compiles the
pattern itself, with the same regexp package, and reports nothing when
that fails. So the error-returning forms are fixed too, with nil in place
of the error, where the call's two results go straight into an
assignment, a var declaration or a return: re, err := regexp.Compile(p)
becomes re, err := versionRe, error(nil), leaving the now-dead error check
for the author to delete; re, _ := regexp.Compile(p) becomes re :=
versionRe; return regexp.MatchString(p, s) becomes return
matchRe.MatchString(s), nil. The fix is withheld, and the message says
why, when the error result is used in another form, when regexp is
dot-imported, or when sharing one *regexp.Regexp could change behaviour:
Longest is called on it (it changes the Regexp), or it is returned to
callers who might.

# Cost

BenchmarkRegexpCompile (bench_test.go) counts the lines of a 100-line log
that start with a date, compiling `^\d{4}-\d{2}-\d{2}` per line with
MustCompile, per line inside regexp.MatchString, and once (the fixed
form). go test ./analyzers/regexpcompile -run XXX -bench RegexpCompile
-benchmem -count 3, median of 3, Go 1.26.8, on a 2-core machine
shared with six other jobs (load average 30 to 80), so the times are
rough; the allocations are exact:

	form                  time/op   bytes/op   allocs/op
	MustCompile per use   25.1 ms   536,859    6,700
	MatchString per use   22.8 ms   536,859    6,700
	precompiled           0.22 ms   0          0

Each compile of this small pattern costs 67 allocations and 5.4 KB; the
precompiled form matches without allocating, 100 to 115 times faster in
this run (83 times in an earlier one at load 30 with 1,000 lines: 51.3 ms
against 0.62 ms).

# Precision

How its findings on real code were judged, with the counts: docs/judging.md,
"regexpcompile".
*/
package regexpcompile
