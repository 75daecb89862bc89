package regexpcompile

import (
	"regexp"
	"strings"
	"sync"
)

// precompiled is the good form.
var precompiled = regexp.MustCompile(`^\d+$`)

func good(lines []string) int {
	n := 0
	for _, line := range lines {
		if precompiled.MatchString(line) {
			n++
		}
	}
	return n
}

// dynamic patterns differ per item: not this check's business.
func dynamic(words []string, s string) int {
	n := 0
	for _, w := range words {
		if regexp.MustCompile(regexp.QuoteMeta(w)).MatchString(s) {
			n++
		}
	}
	return n
}

// invalid does not compile: MustCompile panics on the first run, a bug
// and not a cost.
func invalid(lines []string) {
	for range lines {
		_, _ = regexp.Compile(`a(`)
	}
}

// coldLoop runs three times.
func coldLoop(s string) int {
	n := 0
	for range 3 {
		if regexp.MustCompile(`z`).MatchString(s) {
			n++
		}
	}
	return n
}

// once: a package-level initialiser runs once.
var table = func() []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, p := range []string{"a", "b", "c", "d", "e", "f"} {
		out = append(out, regexp.MustCompile(p))
		out = append(out, regexp.MustCompile(`const`))
	}
	return out
}()

func init() {
	for range 10 {
		_ = regexp.MustCompile(`in init`)
	}
}

// lazy fills a cache: compiled once, not per use.
var lazyRe *regexp.Regexp

func lazy(lines []string) int {
	n := 0
	for _, line := range lines {
		if lazyRe == nil {
			lazyRe = regexp.MustCompile(`lazy`)
		}
		if lazyRe.MatchString(line) {
			n++
		}
	}
	return n
}

type matcher struct{ re *regexp.Regexp }

func (m *matcher) match(lines []string) int {
	n := 0
	for _, line := range lines {
		if m.re == nil {
			m.re = regexp.MustCompile(`field`)
		}
		if m.re.MatchString(line) {
			n++
		}
	}
	return n
}

// lazyLocal: the variable lives outside the loop.
func lazyLocal(lines []string) int {
	var re *regexp.Regexp
	n := 0
	for _, line := range lines {
		if re == nil {
			re = regexp.MustCompile(`outer`)
		}
		if re.MatchString(line) {
			n++
		}
	}
	return n
}

// onceValue compiles once through sync.OnceValue.
func onceValue(s string) bool {
	var get = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`once`) })
	return get().MatchString(s)
}

// firstMatch returns on the first use: the call runs once per call of
// firstMatch, which nothing calls in a loop.
func firstMatch(lines []string) string {
	for _, line := range lines {
		return regexp.MustCompile(`first`).FindString(line)
	}
	return ""
}

// plain runs once per call, and nothing calls it in a loop.
func plain(s string) bool {
	return regexp.MustCompile(`plain`).MatchString(s)
}

// inGoroutine: a function literal the loop only starts runs once per
// goroutine, not per iteration (loops.Innermost stops at it).
func inGoroutine(items []string, done chan<- bool) {
	for _, it := range items {
		go func() {
			done <- regexp.MustCompile(`x+`).MatchString(it)
		}()
	}
}

// A case of a switch on the key of a range over a map runs once per range:
// the keys are distinct (issue #16; nats-server's TLS options). Likewise
// with the key lower-cased (once per spelling), and an if on index ==
// constant. The twin on the value (perValue, nofix.go) stays flagged.
func onceForKey(opts map[string]string, args []string) (n int) {
	for k, v := range opts {
		switch k {
		case "pinned":
			n += len(regexp.MustCompile(`^[a-f0-9]{64}$`).FindString(v))
		}
		switch strings.ToLower(k) {
		case "cipher", "ciphers":
			n += len(regexp.MustCompile(`^[A-Z_]+$`).FindString(v))
		}
	}
	for i, a := range args {
		if i == 0 {
			n += len(regexp.MustCompile(`^-+`).FindString(a))
		}
	}
	return n
}
