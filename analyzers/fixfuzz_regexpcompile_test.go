package analyzers_test

import (
	"fmt"
	"strings"
)

func init() {
	generators["regexpcompile"] = func(data []byte) []byte { return generateWith(data, true) }
}

// regexpDecls are the package-level declarations regexp statements may
// meet: a constant a pattern may name, and a name the regexp fix would
// like to take.
const regexpDecls = "\nconst word = `\\w+`\n\nvar f1Re = 1\n"

// regexpStmt generates a use of a regexp compiled in place, in each form
// regexpcompile fixes or declines to fix. Each is a block of its own, so
// the locals it declares never clash.
func (g *gen) regexpStmt(d int, sc scope) {
	re, str := g.use("regexp"), pick(g, sc.strs)
	pattern := []string{"`a+`", `"b|c"`, "word", "word + `!`", "`\\d{2}`", "`(`"}[g.choose(6)]
	if g.choose(4) == 0 {
		// A local constant, which the package level cannot see.
		g.consts++
		name := fmt.Sprintf("pat%d", g.consts)
		g.line(d, "const %s = %s", name, pattern)
		g.line(d, "sink(%s)", name)
		pattern = name
	}
	tab := strings.Repeat("\t", d)
	switch g.choose(12) {
	case 0:
		g.line(d, "if %s.MustCompile(%s).MatchString(%s) {\n%s\tcnt++\n%[4]s}", re, pattern, str, tab)
	case 1:
		g.line(d, "{\n%s\tre := %s.MustCompile(%s)\n%[1]s\tsink(re.FindString(%s))\n%[1]s}", tab, re, pattern, str)
	case 2:
		g.line(d, "{\n%s\tok, err := %s.MatchString(%s, %s)\n%[1]s\tsink(ok, err)\n%[1]s}", tab, re, pattern, str)
	case 3:
		g.line(d, "if re, err := %s.Compile(%s); err == nil {\n%s\tsink(re)\n%[3]s}", re, pattern, tab)
	case 4:
		g.line(d, "if ok, _ := %s.MatchString(%s, %s); ok {\n%s\tcnt++\n%[4]s}", re, pattern, str, tab)
	case 5:
		g.line(d, "{\n%s\tvar re, err = %s.Compile(%s)\n%[1]s\tsink(re, err)\n%[1]s}", tab, re, pattern)
	case 6:
		g.line(d, "{\n%s\tvar ok bool\n%[1]s\tvar err error\n%[1]s\tok, err = %s.Match(%s, []byte(%s))\n%[1]s\tsink(ok, err)\n%[1]s}", tab, re, pattern, str)
	case 7:
		g.line(d, "{\n%s\tre := %s.MustCompilePOSIX(%s)\n%[1]s\tre.Longest()\n%[1]s\tsink(re)\n%[1]s}", tab, re, pattern)
	case 8:
		g.line(d, "sink(%s.Compile(%s))", re, pattern)
	case 9:
		g.line(d, "{\n%s\tf1Re := %s.MustCompile(%s)\n%[1]s\tsink(f1Re)\n%[1]s}", tab, re, pattern)
	case 10:
		g.line(d, "go func() { sink(%s.MustCompile(%s).String()) }()", re, pattern)
	case 11:
		g.line(d, "{\n%s\t_, err := %s.CompilePOSIX(%s)\n%[1]s\tsink(err)\n%[1]s}", tab, re, pattern)
	}
}
