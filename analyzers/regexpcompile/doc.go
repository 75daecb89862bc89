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
-benchmem -count 3, median of 3, Go 1.26.8, 2026-11-29, on a 2-core machine
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

Corpus, 2026-11-29: the Go standard library and the 110 packages of the
module graph's 391 modules that can match at all (docs/reliability.md,
"regexpcompile, httptransport and sqlperrow", says how they were chosen
and run). Every finding was read in context and judged (judging.md).

std: 0 findings (its regexps are package-level vars). Modules: 6 on the
first run, 4 after main's loops changes of the same day (a call in a block
that ends in a break of its loop runs once per run of the loop: ginkgo's
test_suite.go:271 and :272, inside such a block, went).

  - worth fixing (1): unqueryvet internal/lsp/analyzer.go:593,
    extractTableName compiles its FROM pattern on every call, once per
    select-star diagnostic of every code-action request of the language
    server.
  - true, not worth it (3): ginkgo's CLI test_suite.go:227 and :242 (once
    per directory of a recursive walk at start-up, next to a ReadDir each),
    and x/text internal/gen gen.go:288 (a code generator, once per build
    tag).
  - false (0).

The x/sys mksyscall*.go generators, which compile in loops dozens of times,
are //go:build ignore programs that no package load sees. Default output,
with the worth stream's cold evidence (rerun of the packages with findings
after merging it, 2026-11-29): 2 findings, unqueryvet's (worth fixing) and
x/text's generator (not worth it); ginkgo's two are marked cold. Since main
33d6fe9 x/text's is not reported at all: its loop ranges over tags, a
package-level literal of 2 elements that the package never changes, which
the loop tree now counts as a loop of at most 2 iterations, like a literal
in place. Default output: 1 finding, worth fixing.

On the application modules of scripts/corpus.sh -apps (docs/judging.md),
after the day's rule fixes: 1 shown, worth fixing (go-redis's INFO reply
parser compiles a regexp per line of the Modules section); 3 set aside as
cold (nats-server's configuration parser, named processConfigFileLine, and
parseTLS called only from it), 0 false. The one false finding of the first
run (a case of a switch on a map's key, told "on every iteration") went
with loops.Repeating's range-key rule.

The counts above are from the earlier, smaller corpora. scripts/corpus.sh
-graph, main 589e6ae, 2026-11-29 (golangci-lint v2.15.0's whole build list
and std; 93 packages of it, test variants counted, failed to type-check
and were not analysed): 6 shown, 2 worth fixing, 4 not worth it, 0 false;
4 set aside as cold, all judged cold (not worth it). The fix, tried on
scratch copies of the two shapes among the six (a call used in place, a
local variable), keeps behaviour: each regexp is only matched, never
changed with Longest.

  - shown, worth: unqueryvet v1.5.4 internal/analyzer/analyzer.go:305,
    normalizeSQLQuery compiles \s+ once per string literal in every
    assignment, call and const of the code unqueryvet lints.
  - shown, worth: unqueryvet internal/lsp/analyzer.go:593 (as above: per
    select-star diagnostic of each code-action request; the Analyzer
    already keeps its other patterns compiled in fields).
  - shown, not worth: makezero v2.2.1 makezero.go:236, once per append
    to a slice made with a length, that is per finding, beside a scan of
    every comment of the file.
  - shown, not worth: dupl printer/html.go:121, dupl's -html report, once
    per printed clone, beside an os.ReadFile of its file.
  - shown, not worth: gosec v2.29.0 analyzer.go:765, ParseErrors returns
    early unless the package has load errors: an error path.
  - shown, not worth: genai v1.69.0 replay_api_client.go:206, the replay
    test client (it takes a *testing.T; only _test.go files use it).
  - cold: glob v0.2.3 glob_test.go:213, BenchmarkParseRegexp measures
    the compile itself.
  - cold: golangci-lint scripts/website/dump_info/thanks.go:115, a script
    generating the website, once per linter.
  - cold: ginkgo v2.32.1 ginkgo/internal/test_suite.go:227 and :242, the
    CLI's directory walk at start-up (cold, though perfvet's reason, "test
    support" by the file name, is not why).
*/
package regexpcompile
