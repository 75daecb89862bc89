package driver

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// An edit replaces the bytes [start, end) of a file.
type edit struct {
	start, end int
	text       string
}

// applyFixes applies the first suggested fix of each finding, file by file.
// A fix whose edits overlap those of a fix already taken is left out whole
// (the finding is reported, and a second run applies it). Each changed file
// is gofmt-formatted; a fix that leaves a file unparsable is an analyzer bug
// and is reported as an error rather than written. With printDiff the
// changes are printed as unified diffs on out instead of being written.
//
// It returns the findings left unfixed and whether any diff was printed.
func applyFixes(findings []finding, printDiff bool, out io.Writer) (remaining []finding, pending bool, err error) {
	accepted := make(map[string][]edit) // by file name
	var order []string
	conflicts := 0
	for i := range findings {
		f := &findings[i]
		if len(f.diag.SuggestedFixes) == 0 {
			remaining = append(remaining, *f)
			continue
		}
		proposed := make(map[string][]edit)
		ownFiles := true
		for _, e := range f.diag.SuggestedFixes[0].TextEdits {
			tf := f.pkg.Fset.File(e.Pos)
			if tf == nil || !slices.Contains(f.pkg.GoFiles, tf.Name()) {
				ownFiles = false // e.g. a cgo-generated file in the build cache
				break
			}
			proposed[tf.Name()] = append(proposed[tf.Name()], edit{tf.Offset(e.Pos), tf.Offset(e.End), string(e.NewText)})
		}
		if !ownFiles {
			remaining = append(remaining, *f)
			continue
		}
		if conflictsWith(proposed, accepted) {
			conflicts++
			remaining = append(remaining, *f)
			continue
		}
		for name, edits := range proposed {
			if _, ok := accepted[name]; !ok {
				order = append(order, name)
			}
			for _, e := range edits {
				if !slices.Contains(accepted[name], e) { // the same import added twice
					accepted[name] = append(accepted[name], e)
				}
			}
		}
	}
	slices.Sort(order)
	var errs []string
	wd, _ := os.Getwd()
	for _, name := range order {
		old, err := os.ReadFile(name)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		fixed, err := applyEdits(old, accepted[name])
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		formatted, err := format.Source(fixed)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: the fixes produce invalid Go (an analyzer bug; please report it): %v", name, err))
			continue
		}
		if bytes.Equal(formatted, old) {
			continue
		}
		if printDiff {
			display := name
			if rel, err := filepath.Rel(wd, name); err == nil && !strings.HasPrefix(rel, "..") {
				display = rel
			}
			if _, err := io.WriteString(out, unifiedDiff(display, old, formatted)); err != nil {
				return remaining, pending, err
			}
			pending = true
			continue
		}
		info, err := os.Stat(name)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		if err := os.WriteFile(name, formatted, info.Mode().Perm()); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if conflicts > 0 {
		errs = append(errs, fmt.Sprintf("%d fixes overlap others and were not applied; run again to apply them", conflicts))
	}
	if len(errs) > 0 {
		return remaining, pending, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return remaining, pending, nil
}

// conflictsWith reports whether any proposed edit overlaps an accepted one
// in a way that makes the result depend on the order of application.
// Identical edits and insertions at the same point do not conflict.
func conflictsWith(proposed, accepted map[string][]edit) bool {
	for name, edits := range proposed {
		for _, p := range edits {
			for _, a := range accepted[name] {
				if p == a {
					continue
				}
				if p.start < a.end && a.start < p.end { // overlapping ranges
					return true
				}
				if p.start == p.end && a.start < p.start && p.start < a.end ||
					a.start == a.end && p.start < a.start && a.start < p.end {
					return true // an insertion inside a replaced range
				}
			}
		}
	}
	return false
}

// applyEdits applies non-overlapping edits to src. Insertions at one point
// keep the order in which they were accepted and precede a replacement
// starting there.
func applyEdits(src []byte, edits []edit) ([]byte, error) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b edit) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end))
	})
	var out bytes.Buffer
	last := 0
	for _, e := range sorted {
		if e.start < last || e.end > len(src) || e.start > e.end {
			return nil, fmt.Errorf("edit [%d,%d) is out of order or out of range", e.start, e.end)
		}
		out.Write(src[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}
