package explain

import (
	"slices"
	"strings"

	"github.com/perfvet/perfvet/escape"
)

// compilerIndex keeps what the compiler's -m=2 report says of the user's
// code, as far as explain needs it: the allocations on every line (their
// explanations only on ranked lines), each function's inlining verdict,
// and the calls it inlined.
type compilerIndex struct {
	comp *escape.Compilation
	want map[string]map[int]bool
	// heap holds the allocations of ranked lines; heapLines the lines of
	// every allocation, by file, for the functions' noalloc directives.
	heap      map[lineKey][]*escape.Diagnostic
	heapLines map[string][]int
	// inline holds can/cannot inline verdicts by their declaration line.
	inline map[lineKey]*escape.Diagnostic
	// inlinedAt holds the calls inlined on ranked lines; inlined every
	// callee inlined anywhere, by its name without package.
	inlinedAt map[lineKey][]string
	inlined   map[string]bool
}

func newCompilerIndex(comp *escape.Compilation, want map[string]map[int]bool) *compilerIndex {
	return &compilerIndex{comp: comp, want: want,
		heap: make(map[lineKey][]*escape.Diagnostic), heapLines: make(map[string][]int),
		inline: make(map[lineKey]*escape.Diagnostic), inlinedAt: make(map[lineKey][]string), inlined: make(map[string]bool)}
}

// visit takes one diagnostic of the build.
func (ci *compilerIndex) visit(d *escape.Diagnostic) {
	if !d.Pos.IsKnown() || strings.Contains(d.Package, " [") || ci.comp.Origin(d.Pos.File) != "" {
		return
	}
	switch d.Kind {
	case escape.MovedToHeap, escape.EscapesToHeap, escape.EscapeHeader, escape.InliningCall, escape.CanInline, escape.CannotInline:
	default:
		return
	}
	file := ci.comp.Options.Disk(d.Pos.File)
	k := lineKey{file, d.Pos.Line}
	switch d.Kind {
	case escape.InliningCall:
		ci.inlined[escape.CleanFuncName(d.Subject, "")] = true
		if ci.want[file][d.Pos.Line] && !slices.Contains(ci.inlinedAt[k], d.Subject) {
			ci.inlinedAt[k] = append(ci.inlinedAt[k], d.Subject)
		}
	case escape.CanInline, escape.CannotInline:
		ci.inline[k] = d
	default:
		if !escape.IsAllocation(d) {
			return
		}
		ci.heapLines[file] = append(ci.heapLines[file], d.Pos.Line)
		if ci.want[file][d.Pos.Line] {
			ci.heap[k] = append(ci.heap[k], d)
		}
	}
}

// allocatesIn reports whether the compiler reported an allocation on a
// line of file in [from, to].
func (ci *compilerIndex) allocatesIn(file string, from, to int) bool {
	for _, l := range ci.heapLines[file] {
		if from <= l && l <= to {
			return true
		}
	}
	return false
}

// wasInlined reports whether the compiler inlined a call to the function
// fn (F, T.M, (*T).M) of the package named pkgName anywhere: calls from
// the same package name it bare, calls from others with the package.
func (ci *compilerIndex) wasInlined(fn, pkgName string) bool {
	return ci.inlined[fn] || ci.inlined[pkgName+"."+fn]
}
