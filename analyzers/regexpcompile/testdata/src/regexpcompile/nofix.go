package regexpcompile

import (
	"fmt"
	"regexp"
)

// longest: Longest changes the Regexp, so one shared regexp would change
// for every user.
func longest(lines []string) int {
	n := 0
	for _, line := range lines {
		re := regexp.MustCompile(`a+`) // want `regexp.MustCompile compiles the same constant pattern on every iteration of a loop; compile it once into a package-level var; no automatic fix: Longest is called on it, which would change the shared regexp`
		re.Longest()
		n += len(re.FindString(line))
	}
	return n
}

// build returns the regexp: a caller's Longest would change a shared one.
func build() *regexp.Regexp {
	return regexp.MustCompile(`b+`) // want `no automatic fix: the regexp is returned`
}

func buildAll(n int) []*regexp.Regexp {
	var out []*regexp.Regexp
	for range n {
		out = append(out, build())
	}
	return out
}

// asArgs passes both results on: nil cannot be spelt in there.
func asArgs(lines []string) {
	for range lines {
		fmt.Println(regexp.Compile(`c+`)) // want `no automatic fix: the call's error result is used where nil cannot stand in for it`
	}
}

// The twin of onceForKey (noflag.go): values repeat, so a case of a switch
// on the value runs on every iteration that holds it.
func perValue(opts map[string]string) (n int) {
	for _, v := range opts {
		switch v {
		case "pinned":
			re := regexp.MustCompile(`^[a-f0-9]{64}$`) // want `regexp.MustCompile compiles the same constant pattern on every iteration of a loop; .*no automatic fix: Longest is called on it`
			re.Longest()
			n += len(re.String())
		}
	}
	return n
}
