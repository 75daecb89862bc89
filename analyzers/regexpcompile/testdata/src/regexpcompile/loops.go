package regexpcompile

import (
	"net/http"
	"regexp"
	"strings"
)

const datePattern = `^\d{4}-\d{2}-\d{2}$`

// countDates compiles the pattern for every line.
func countDates(lines []string) int {
	n := 0
	for _, line := range lines {
		if regexp.MustCompile(datePattern).MatchString(line) { // want `regexp.MustCompile compiles the same constant pattern on every iteration of a loop; compile it once into a package-level var`
			n++
		}
	}
	return n
}

// versions stores the regexp in a local: the var is named after it.
func versions(tags []string) []string {
	var out []string
	for _, tag := range tags {
		version := regexp.MustCompile(`v(\d+)\.(\d+)`) // want `regexp.MustCompile compiles the same constant pattern on every iteration`
		if m := version.FindStringSubmatch(tag); m != nil {
			out = append(out, m[1])
		}
	}
	return out
}

// matchAll uses MatchString, which compiles and throws the program away.
func matchAll(names []string) int {
	n := 0
	for _, name := range names {
		if ok, _ := regexp.MatchString("^[a-z]+$", name); ok { // want `regexp.MatchString compiles its constant pattern on every iteration of a loop, then throws the compiled form away; compile it once into a package-level var and call its MatchString method`
			n++
		}
	}
	return n
}

// compileErr keeps the error: the fix gives nil for it.
func compileErr(lines []string) (int, error) {
	n := 0
	for _, line := range lines {
		re, err := regexp.Compile(`a+b`) // want `regexp.Compile compiles the same constant pattern`
		if err != nil {
			return 0, err
		}
		n += len(re.FindAllString(line, -1))
	}
	return n, nil
}

// localConst: the pattern names a constant of the function, which the
// package level cannot see; the fix spells the value out.
func localConst(lines []string) int {
	const word = `\w+`
	n := 0
	for _, line := range lines {
		n += len(regexp.MustCompile(word+"!").FindAllString(line, -1)) // want `regexp.MustCompile compiles the same constant pattern`
	}
	return n
}

// posix uses the POSIX form; the fix keeps it.
func posix(lines []string) int {
	n := 0
	for _, line := range lines {
		if regexp.MustCompilePOSIX(`a|ab`).MatchString(line) { // want `regexp.MustCompilePOSIX compiles the same constant pattern`
			n++
		}
	}
	return n
}

// valid runs once per item: the loop in checkAll calls it.
func valid(s string) bool {
	return regexp.MustCompile(`^[0-9a-f]+$`).MatchString(s) // want `regexp.MustCompile compiles the same constant pattern on every call \(valid is called in a loop\); compile it once`
}

func checkAll(ids []string) int {
	n := 0
	for _, id := range ids {
		if valid(id) {
			n++
		}
	}
	return n
}

// handler compiles per request.
func handler(w http.ResponseWriter, r *http.Request) {
	if ok, err := regexp.MatchString(`^/api/`, r.URL.Path); err == nil && ok { // want `regexp.MatchString compiles its constant pattern on every call \(the handler runs once per request\)`
		w.WriteHeader(http.StatusOK)
	}
}

// isY returns both results: the fix gives nil for the error in the
// return.
func isY(name string) (bool, error) {
	return regexp.MatchString(`^y`, name) // want `regexp.MatchString compiles its constant pattern on every call \(isY is called in a loop\)`
}

func countY(names []string) int {
	n := 0
	for _, name := range names {
		if strings.HasPrefix(name, "x") {
			continue
		}
		if ok, _ := isY(name); ok {
			n++
		}
	}
	return n
}

// twoPatterns: two fixes in one function get two names; the first is
// taken by a local of another function, which the new var must not
// shadow or be shadowed by.
func twoPatterns(lines []string) (n int) {
	for _, line := range lines {
		if regexp.MustCompile(`one`).MatchString(line) { // want `regexp.MustCompile compiles the same constant pattern`
			n++
		}
		if regexp.MustCompile(`two`).MatchString(line) { // want `regexp.MustCompile compiles the same constant pattern`
			n++
		}
	}
	return n
}

func clash() int {
	twoPatternsRe := 1
	return twoPatternsRe
}
