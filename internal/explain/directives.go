package explain

import (
	"slices"
	"strconv"
	"strings"

	"github.com/perfvet/perfvet/escape"
	"github.com/perfvet/perfvet/internal/profile"
)

// directives proposes //perf: directives for the functions of the CPU
// lines: noalloc for one that allocates nothing today (the compiler
// reports no heap allocation in it, nor in the calls it inlines, and the
// allocation profile, if given, saw none), inline for one the compiler
// inlines somewhere. perfescape check fails when a later change breaks
// either, so what is fast today stays so.
func (j *joiner) directives(cpu []*profile.LineCost, alloc *profile.LineTable) []Directive {
	var out []Directive
	seen := make(map[lineKey]bool)
	for _, lc := range cpu {
		facts := j.src.at(lc.File, lc.Line)
		if facts == nil || facts.Func == nil {
			continue
		}
		fi := facts.Func
		if seen[lineKey{fi.File, fi.Decl}] {
			continue
		}
		seen[lineKey{fi.File, fi.Decl}] = true
		verdict := j.ci.inline[lineKey{fi.File, fi.Decl}]
		if verdict == nil {
			continue // not compiled here (build tags), or generic
		}
		var dirs, why []string
		if !slices.Contains(fi.Directives, escape.DirNoAlloc) && !j.ci.allocatesIn(fi.File, fi.From, fi.To) && !profiledAlloc(alloc, fi) {
			dirs = append(dirs, escape.DirNoAlloc)
			why = append(why, "allocates nothing today")
		}
		if !slices.Contains(fi.Directives, escape.DirInline) && verdict.Kind == escape.CanInline && j.ci.wasInlined(fi.Name, fi.Pkg) {
			dirs = append(dirs, escape.DirInline)
			cost := ""
			if verdict.Cost >= 0 {
				cost = " (inlining cost " + strconv.Itoa(verdict.Cost) + ")"
			}
			why = append(why, "is inlined into its callers"+cost)
		}
		if len(dirs) == 0 {
			continue
		}
		out = append(out, Directive{File: j.rel(fi.File), Line: fi.From, Func: fi.Name,
			Text: "//perf:" + strings.Join(dirs, ","), Why: fi.Name + " is hot and " + strings.Join(why, " and ")})
	}
	return out
}

// profiledAlloc reports whether the allocation profile saw allocations
// on fi's lines.
func profiledAlloc(t *profile.LineTable, fi *funcInfo) bool {
	if t == nil {
		return false
	}
	for _, lc := range t.Lines {
		if lc.File == fi.File && fi.From <= lc.Line && lc.Line <= fi.To {
			return true
		}
	}
	return false
}
