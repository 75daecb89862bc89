package driver

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// unifiedDiff returns a unified diff, with 3 lines of context, that turns
// old into new, under the headers "--- a/NAME" and "+++ b/NAME"; "" when
// they are equal. The edit script is a shortest one (Myers' greedy
// algorithm) over the lines between the common prefix and suffix; when the
// changed middle is very large it falls back to replacing it whole, which
// is still a correct diff.
func unifiedDiff(name string, old, new []byte) string {
	if bytes.Equal(old, new) {
		return ""
	}
	a, b := splitLines(string(old)), splitLines(string(new))
	ops := editScript(a, b)
	return formatUnified(name, a, b, ops)
}

// splitLines splits s into lines that keep their "\n", so a last line
// without one differs from the same text with one.
func splitLines(s string) []string {
	var lines []string
	for s != "" {
		i := strings.IndexByte(s, '\n') + 1
		if i == 0 {
			i = len(s)
		}
		lines = append(lines, s[:i])
		s = s[i:]
	}
	return lines
}

type opKind byte

const (
	opEqual  opKind = ' '
	opDelete opKind = '-'
	opInsert opKind = '+'
)

// An op is one line of the edit script: a line of a (equal, delete) or of
// b (insert).
type op struct {
	kind opKind
	line string
}

// maxEditCost bounds the Myers search: its saved frontiers take O(D²)
// memory for an edit cost D. Fixes change a few lines, so the bound is
// only hit when a file is rewritten wholesale.
const maxEditCost = 2000

func editScript(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ops := make([]op, 0, len(a)+len(b)-pre-suf)
	for _, l := range a[:pre] {
		ops = append(ops, op{opEqual, l})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, op{opEqual, l})
	}
	return ops
}

// myers returns a shortest edit script from a to b (E. Myers, "An O(ND)
// Difference Algorithm and Its Variations", 1986: the greedy forward
// search, saving each cost's frontier for the backtrack), or, past
// maxEditCost, the script that replaces a by b whole.
func myers(a, b []string) []op {
	n, m := len(a), len(b)
	maxD := min(n+m, maxEditCost)
	offset := maxD + 1
	v := make([]int, 2*maxD+3) // v[k+offset]: furthest x reached on diagonal k = x-y
	var trace [][]int          // trace[d][k+d]: the frontier before step d
	for d := 0; d <= maxD; d++ {
		trace = append(trace, slices.Clone(v[offset-d:offset+d+1]))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[k-1+offset] < v[k+1+offset] {
				x = v[k+1+offset] // down: insert b[y]
			} else {
				x = v[k-1+offset] + 1 // right: delete a[x]
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[k+offset] = x
			if x >= n && y >= m {
				return backtrack(a, b, trace, d)
			}
		}
	}
	return replaceAll(a, b)
}

// backtrack walks the saved frontiers from (n, m) back to (0, 0).
func backtrack(a, b []string, trace [][]int, d int) []op {
	x, y := len(a), len(b)
	var rev []op
	for ; d > 0; d-- {
		v := trace[d] // v[k+d]
		k := x - y
		prevK := k - 1
		if k == -d || k != d && v[k-1+d] < v[k+1+d] {
			prevK = k + 1
		}
		prevX := v[prevK+d]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x, y = x-1, y-1
			rev = append(rev, op{opEqual, a[x]})
		}
		if x == prevX {
			y--
			rev = append(rev, op{opInsert, b[y]})
		} else {
			x--
			rev = append(rev, op{opDelete, a[x]})
		}
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		rev = append(rev, op{opEqual, a[x]})
	}
	slices.Reverse(rev)
	return rev
}

func replaceAll(a, b []string) []op {
	ops := make([]op, 0, len(a)+len(b))
	for _, l := range a {
		ops = append(ops, op{opDelete, l})
	}
	for _, l := range b {
		ops = append(ops, op{opInsert, l})
	}
	return ops
}

const contextLines = 3

// formatUnified groups the script into hunks with context lines, merging
// hunks whose context would touch or overlap.
func formatUnified(name string, a, b []string, ops []op) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- a/%s\n+++ b/%s\n", name, name)
	// Positions in a and b before each op.
	ai := make([]int, len(ops)+1)
	bi := make([]int, len(ops)+1)
	for i, o := range ops {
		ai[i+1], bi[i+1] = ai[i], bi[i]
		if o.kind != opInsert {
			ai[i+1]++
		}
		if o.kind != opDelete {
			bi[i+1]++
		}
	}
	for i := 0; i < len(ops); {
		if ops[i].kind == opEqual {
			i++
			continue
		}
		start := max(i-contextLines, 0)
		end := i // one past the last change of the hunk
		for j := i; j < len(ops); j++ {
			if ops[j].kind != opEqual {
				end = j + 1
			} else if j-end >= 2*contextLines {
				break
			}
		}
		stop := min(end+contextLines, len(ops))
		fmt.Fprintf(&sb, "@@ -%s +%s @@\n", hunkRange(ai[start], ai[stop]-ai[start]), hunkRange(bi[start], bi[stop]-bi[start]))
		for _, o := range ops[start:stop] {
			sb.WriteByte(byte(o.kind))
			sb.WriteString(o.line)
			if !strings.HasSuffix(o.line, "\n") {
				sb.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = stop
	}
	return sb.String()
}

// hunkRange formats a hunk's start and length as diff -u does: the length
// is left out when it is 1, and an empty range names the line before it.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return strconv.Itoa(start + 1)
	}
	return fmt.Sprintf("%d,%d", start+1, count)
}
