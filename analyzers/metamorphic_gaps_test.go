package analyzers_test

import (
	"flag"
	"os"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// The verdict changes the rules do not handle yet are listed one a line,
// "rewrite analyzer package/file:fixture", in metamorphicGapsFile; each
// rewrite and analyzer pair there has its reason in gapReasons. A change
// not listed fails the test, and so does a listed one that no longer
// happens; -metamorphic.update rewrites the list.
const metamorphicGapsFile = "testdata/metamorphic_gaps.txt"

var updateGaps = flag.Bool("metamorphic.update", false, "rewrite "+metamorphicGapsFile+" with the verdict changes found")

func checkGaps(t *testing.T, seen map[string]bool) {
	found := make([]string, 0, len(seen))
	for k := range seen {
		found = append(found, k)
	}
	sort.Strings(found)
	if *updateGaps {
		if err := os.WriteFile(metamorphicGapsFile, []byte(strings.Join(found, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(metamorphicGapsFile)
	if err != nil {
		t.Fatal(err)
	}
	listed := make(map[string]bool)
	for line := range strings.Lines(string(data)) {
		if line = strings.TrimSpace(line); line != "" {
			listed[line] = true
		}
	}
	pairs := make(map[string]int)
	for k := range listed {
		if !seen[k] {
			t.Errorf("listed gap %q no longer happens: run go test -run TestMetamorphic ./analyzers -args -metamorphic.update", k)
		}
		f := strings.Fields(k)
		pairs[f[0]+" "+f[1]]++
	}
	perRewrite := make(map[string]int)
	for pair, n := range pairs {
		rw, _, _ := strings.Cut(pair, " ")
		perRewrite[rw] += n
		if gapReasons[rw] == "" {
			t.Errorf("%d gaps of %q have no reason in gapReasons", n, pair)
		}
	}
	for rw := range gapReasons {
		if perRewrite[rw] == 0 {
			t.Errorf("gapReasons[%q]: no such gap is listed", rw)
		}
	}
	t.Logf("metamorphic: %d listed gaps (fixture, rewrite) in %d (rewrite, analyzer) classes; per rewrite: %v", len(listed), len(pairs), perRewrite)
}

// compare reports the fixtures whose findings differ between base and got.
func compare(t *testing.T, a *analysis.Analyzer, fx *metaFixture, rw rewrite, base, got map[string]bool, round []placed, srcs map[string][]byte, seen map[string]bool) {
	t.Helper()
	diffs := make(map[string][]string)
	for k := range base {
		if !got[k] {
			diffs[fx.fixtureOf(k)] = append(diffs[fx.fixtureOf(k)], "lost "+k)
		}
	}
	for k := range got {
		if !base[k] {
			diffs[fx.fixtureOf(k)] = append(diffs[fx.fixtureOf(k)], "new "+k)
		}
	}
	keys := make([]string, 0, len(diffs))
	for k := range diffs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, fixture := range keys {
		key := rw.name + " " + a.Name + " " + fx.path + "/" + fixture
		seen[key] = true
		if listedGaps(t)[key] || *updateGaps {
			continue
		}
		file, _, _ := strings.Cut(fixture, ":")
		t.Errorf("%s: rewrite %q changes %s's verdict on fixture %s (%s)\n--- rewritten:\n%s",
			a.Name, rw.name, a.Name, fx.path+"/"+fixture, strings.Join(diffs[fixture], ", "), fx.excerpt(srcs[file], fixture))
	}
}

var gapList map[string]bool

func listedGaps(t *testing.T) map[string]bool {
	if gapList == nil {
		gapList = make(map[string]bool)
		data, _ := os.ReadFile(metamorphicGapsFile)
		for line := range strings.Lines(string(data)) {
			gapList[strings.TrimSpace(line)] = true
		}
	}
	return gapList
}

// excerpt shows the rewritten lines of a fixture and what was appended
// to its file.
func (fx *metaFixture) excerpt(src []byte, fixture string) string {
	file, name, _ := strings.Cut(fixture, ":")
	lines := strings.Split(string(src), "\n")
	orig := strings.Count(string(fx.srcs[file]), "\n")
	var b strings.Builder
	for _, d := range fx.decls[file] {
		if d.name == name {
			for i := d.start - 1; i < d.end && i < len(lines); i++ {
				b.WriteString(lines[i] + "\n")
			}
		}
	}
	if orig < len(lines)-1 {
		b.WriteString("--- appended:\n" + strings.Join(lines[orig:], "\n"))
	}
	return b.String()
}

// gapReasons says, for each rewrite with listed gaps, why verdicts
// change: what the rules do not follow yet. Each is a class of shapes the
// rules miss (or, for new findings, flag) that a fixture did not show.
var gapReasons = map[string]string{
	"block": "rules read a statement's place in its statement list: a return, break, once-flag or lock wrapped in { } is not seen as " +
		"ending the iteration or guarding it (loops.Repeating, concatloop, poolbuf, pooluse's paths, mutexcount's critical section, " +
		"leakysend's exclusive sends, httptransport, sqlperrow, unbufio)",
	"if-true": "as for block: rules do not treat if true { } as unconditional, so the statement looks guarded, or a return in it " +
		"does not end the path (pooluse's Put on every path, most of them)",
	"local-to-field": "rules track local variables: a slice, map, channel, buffer or pool object held in a field of a local struct " +
		"is not followed (prealloc's growth, leakysend/unbufchan's channels, poolbuf/pooluse's buffers, regexpcompile, httptransport, sqlperrow)",
	"body-to-func": "rules need the allocation or the send and its loop in one function: moved to a function the loop calls, " +
		"only the per-call rules (poolbuf, regexpcompile) still see it; prealloc, unbufio, leakysend, unbufchan, boxing, concatloop and sqlperrow do not",
	"literal-to-func": "a goroutine or deferred literal and the named function it becomes are judged apart: go f() in a loop makes f " +
		"\"called in a loop\" (regexpcompile, httptransport) while go func(){}() does not, and pooluse, leakysend and unbufchan follow " +
		"closures but not a named function given the variables",
	"func-to-literal": "a function of the package called once, inlined as a literal called in place, is not followed by bufflow " +
		"(a call of a function value) nor by the per-call rules (poolbuf), nor as a sender by chanflow (leakysend), nor as a user " +
		"of a pool by pooluse's per-field rule 1",
	"range-to-index": "boxing's asserted-elements rule follows a range value, not v := xs[i] (prealloc's elementKey now does)",
	"param-to-global": "rules take a package-level variable as changeable by any call, even calls into other packages, which " +
		"cannot write an unexported one (prealloc's count, reflectloop's invariant name and type); pooluse does not judge a Put of a " +
		"package-level variable at all, since any function may use it",
}
