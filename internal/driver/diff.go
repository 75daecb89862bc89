package driver

import (
	"strconv"
	"strings"
)

// diffContext is the number of unchanged lines shown around each change.
// It is fixed at diff -u's default because callers compare our output with
// what users get from the diff tool.
const diffContext = 3

// unifiedDiff returns a unified diff (as `diff -u` prints it, with 3 lines of context) turning old into new, with headers "--- a/NAME" and "+++ b/NAME"; "" when old and new are equal.
func unifiedDiff(name string, old, new []byte) string {
	if string(old) == string(new) {
		return ""
	}
	a := splitLines(string(old))
	b := splitLines(string(new))
	delA, insB := diffLines(a, b)
	return formatUnified(name, a, b, delA, insB)
}

// splitLines splits s after each newline. Each line keeps its newline so
// that a final line without one never compares equal to the same text
// with one, which is how diff decides to report a missing newline.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := make([]string, 0, strings.Count(s, "\n")+1)
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

// diffLines reports, for each line of a and b, whether it is deleted from a
// or inserted into b by a shortest edit script. Among the many shortest
// scripts it aims for the one GNU diff picks, so that the output reads the
// same as the tool's.
func diffLines(a, b []string) (delA, insB []bool) {
	delA = make([]bool, len(a))
	insB = make([]bool, len(b))

	prefix := 0
	for prefix < len(a) && prefix < len(b) && a[prefix] == b[prefix] {
		prefix++
	}
	// Keep a few identical lines on each side of the differing middle in
	// the window we analyze: GNU diff does, and moving changes down into
	// that margin (see slideChanges) is visible in its output.
	lo := max(prefix-diffContext, 0)
	suffix := 0
	for suffix < len(a)-lo && suffix < len(b)-lo && a[len(a)-1-suffix] == b[len(b)-1-suffix] {
		suffix++
	}
	trim := max(suffix-diffContext, 0)
	wa, wb := a[lo:len(a)-trim], b[lo:len(b)-trim]

	// Compare small integers instead of strings in the inner loops.
	ids := make(map[string]int32, len(wa)+len(wb))
	ida := internLines(ids, wa)
	idb := internLines(ids, wb)
	inA := make([]int32, len(ids))
	inB := make([]int32, len(ids))
	for _, id := range ida {
		inA[id]++
	}
	for _, id := range idb {
		inB[id]++
	}

	// Lines that occur in only one file can never be matched, so they are
	// changes whatever the alignment. Leaving them out of the search makes
	// it cheaper and, since GNU diff does the same, makes it settle ties
	// the way GNU diff does.
	ca := make([]bool, len(wa)+1) // extra false entry ends every run
	cb := make([]bool, len(wb)+1)
	m := &myers{}
	m.a, m.realA = keepMatchable(ida, inB, ca)
	m.b, m.realB = keepMatchable(idb, inA, cb)
	m.delA, m.insB = ca, cb
	m.fwd = make([]int, len(m.a)+len(m.b)+3)
	m.bwd = make([]int, len(m.a)+len(m.b)+3)
	m.off = len(m.b) + 1
	m.compare(0, len(m.a), 0, len(m.b))

	slideChanges(ca, cb, ida)
	slideChanges(cb, ca, idb)

	copy(delA[lo:], ca[:len(wa)])
	copy(insB[lo:], cb[:len(wb)])
	return delA, insB
}

func internLines(ids map[string]int32, lines []string) []int32 {
	out := make([]int32, len(lines))
	for i, l := range lines {
		id, ok := ids[l]
		if !ok {
			id = int32(len(ids))
			ids[l] = id
		}
		out[i] = id
	}
	return out
}

// keepMatchable returns the ids of the lines whose count in the other file
// is nonzero, with their original indexes, and marks the others changed.
func keepMatchable(ids, otherCount []int32, changed []bool) (kept []int32, real []int) {
	for i, id := range ids {
		if otherCount[id] == 0 {
			changed[i] = true
			continue
		}
		kept = append(kept, id)
		real = append(real, i)
	}
	return kept, real
}

// myers finds a shortest edit script with the linear-space, divide and
// conquer variant of Myers' O((N+M)D) algorithm ("An O(ND) Difference
// Algorithm and Its Variations", 1986, section 4b). Storing one path per
// edit would need O(D²) memory, too much for large files that differ a lot.
type myers struct {
	a, b         []int32
	realA, realB []int  // index of each element of a and b in the window
	delA, insB   []bool // indexed by window line
	// fwd[off+k] and bwd[off+k] hold the furthest x reached on diagonal
	// k = x-y by the searches from the start and from the end, or -1 when
	// the diagonal is out of reach at the current cost.
	fwd, bwd []int
	off      int
}

func (m *myers) compare(xlo, xhi, ylo, yhi int) {
	for xlo < xhi && ylo < yhi && m.a[xlo] == m.b[ylo] {
		xlo++
		ylo++
	}
	for xlo < xhi && ylo < yhi && m.a[xhi-1] == m.b[yhi-1] {
		xhi--
		yhi--
	}
	switch {
	case xlo == xhi:
		for y := ylo; y < yhi; y++ {
			m.insB[m.realB[y]] = true
		}
	case ylo == yhi:
		for x := xlo; x < xhi; x++ {
			m.delA[m.realA[x]] = true
		}
	default:
		// With the ends trimmed the cost is at least 2, so both halves are
		// strictly cheaper and the recursion terminates; halving the cost
		// each time bounds its depth by log D.
		x, y := m.split(xlo, xhi, ylo, yhi)
		m.compare(xlo, x, ylo, y)
		m.compare(x, xhi, y, yhi)
	}
}

// split returns a point on a shortest path from (xlo,ylo) to (xhi,yhi)
// where the cost is divided about evenly between the two sides. It runs the
// greedy search from both corners at once, one edit at a time, until the
// two frontiers meet on a diagonal.
func (m *myers) split(xlo, xhi, ylo, yhi int) (int, int) {
	a, b, fwd, bwd, off := m.a, m.b, m.fwd, m.bwd, m.off
	dmin, dmax := xlo-yhi, xhi-ylo // diagonals that cross the rectangle
	fmid, bmid := xlo-ylo, xhi-yhi // diagonals of the two corners
	// The frontiers can only meet after an odd total cost when the corner
	// diagonals have different parity, that is right after a forward step.
	odd := (fmid-bmid)&1 != 0

	// Diagonals reached by the previous step of each search.
	flo, fhi := fmid, fmid
	blo, bhi := bmid, bmid
	fwd[off+fmid] = xlo
	bwd[off+bmid] = xhi

	for d := 1; ; d++ {
		plo, phi := flo, fhi
		flo, fhi = stepRange(fmid, d, dmin, dmax)
		// Scanning from the highest diagonal down makes ties between
		// meeting points resolve the way GNU diff resolves them.
		for k := fhi; k >= flo; k -= 2 {
			x := -1
			if plo <= k-1 && k-1 <= phi && fwd[off+k-1] >= 0 && fwd[off+k-1] < xhi {
				x = fwd[off+k-1] + 1 // delete a[x]
			}
			if plo <= k+1 && k+1 <= phi && fwd[off+k+1] > x && fwd[off+k+1]-k <= yhi {
				x = fwd[off+k+1] // insert b[y-1]
			}
			if x < 0 {
				fwd[off+k] = -1
				continue
			}
			y := x - k
			for x < xhi && y < yhi && a[x] == b[y] {
				x++
				y++
			}
			fwd[off+k] = x
			if odd && blo <= k && k <= bhi && bwd[off+k] >= 0 && bwd[off+k] <= x {
				return x, y
			}
		}

		plo, phi = blo, bhi
		blo, bhi = stepRange(bmid, d, dmin, dmax)
		for k := bhi; k >= blo; k -= 2 {
			x := -1
			if plo <= k+1 && k+1 <= phi && bwd[off+k+1] > xlo {
				x = bwd[off+k+1] - 1 // delete a[x]
			}
			if plo <= k-1 && k-1 <= phi && bwd[off+k-1] >= 0 && bwd[off+k-1]-k >= ylo && (x < 0 || bwd[off+k-1] < x) {
				x = bwd[off+k-1] // insert b[y]
			}
			if x < 0 {
				bwd[off+k] = -1
				continue
			}
			y := x - k
			for x > xlo && y > ylo && a[x-1] == b[y-1] {
				x--
				y--
			}
			bwd[off+k] = x
			if !odd && flo <= k && k <= fhi && fwd[off+k] >= 0 && x <= fwd[off+k] {
				return x, y
			}
		}
	}
}

// stepRange returns the lowest and highest diagonals that a search
// starting on diagonal mid can reach with d edits, clipped to [dmin, dmax].
// Each edit changes the diagonal by one, so only every other diagonal
// between them is reachable.
func stepRange(mid, d, dmin, dmax int) (lo, hi int) {
	lo, hi = mid-d, mid+d
	for lo < dmin {
		lo += 2
	}
	for hi > dmax {
		hi -= 2
	}
	return lo, hi
}

// slideChanges moves runs of changed lines of one file within stretches of
// repeated lines, where any position gives an equally short script. Like
// GNU diff it first joins runs that can be made adjacent, then moves each
// run as far down as it goes, and finally back up to the last position
// where it faces a run of changes in the other file, so that a deletion and
// an insertion that belong together print as one block. changed and
// otherChanged have a final false entry that ends every run.
func slideChanges(changed, otherChanged []bool, ids []int32) {
	n := len(ids)
	// j tracks the line of the other file that is aligned with line i:
	// unchanged lines pair up in order, and the other file's changed lines
	// in between are skipped.
	i, j := 0, 0
	for {
		for i < n && !changed[i] {
			for otherChanged[j] {
				j++
			}
			i++
			j++
		}
		if i == n {
			return
		}
		start := i
		for changed[i] {
			i++
		}
		for otherChanged[j] {
			j++
		}

		var facing int // the end of the run where it faces other changes
		for {
			length := i - start

			// Swapping the run's last line for the equal line just above
			// it leaves the script as short; repeat to merge with earlier
			// runs.
			for start > 0 && ids[start-1] == ids[i-1] {
				start--
				changed[start] = true
				i--
				changed[i] = false
				for start > 0 && changed[start-1] {
					start--
				}
				j--
				for otherChanged[j] {
					j--
				}
			}

			facing = n
			if j > 0 && otherChanged[j-1] {
				facing = i
			}
			for i < n && ids[start] == ids[i] {
				changed[start] = false
				start++
				changed[i] = true
				i++
				for changed[i] {
					i++
				}
				j++
				for otherChanged[j] {
					j++
					facing = i
				}
			}

			if i-start == length {
				break
			}
		}

		for facing < i {
			start--
			changed[start] = true
			i--
			changed[i] = false
			j--
			for otherChanged[j] {
				j--
			}
		}
	}
}

// hunkChange is a maximal block of deleted and inserted lines with no
// unchanged line in between: del lines from a[a:] replaced by ins lines
// from b[b:].
type hunkChange struct {
	a, b, del, ins int
}

func formatUnified(name string, a, b []string, delA, insB []bool) string {
	var changes []hunkChange
	for i, j := 0, 0; i < len(a) || j < len(b); {
		if (i < len(a) && delA[i]) || (j < len(b) && insB[j]) {
			c := hunkChange{a: i, b: j}
			for i < len(a) && delA[i] {
				i++
			}
			for j < len(b) && insB[j] {
				j++
			}
			c.del, c.ins = i-c.a, j-c.b
			changes = append(changes, c)
			continue
		}
		i++
		j++
	}
	if len(changes) == 0 {
		return ""
	}

	var sb strings.Builder
	sb.WriteString("--- a/" + name + "\n")
	sb.WriteString("+++ b/" + name + "\n")
	for first := 0; first < len(changes); {
		// Changes whose contexts would touch or overlap share a hunk.
		last := first
		for last+1 < len(changes) &&
			changes[last+1].a-(changes[last].a+changes[last].del) <= 2*diffContext {
			last++
		}
		f, l := changes[first], changes[last]
		aStart := max(f.a-diffContext, 0)
		bStart := f.b - (f.a - aStart)
		aEnd := min(l.a+l.del+diffContext, len(a))
		bEnd := l.b + l.ins + (aEnd - (l.a + l.del))

		sb.WriteString("@@ -" + hunkRange(aStart, aEnd-aStart) +
			" +" + hunkRange(bStart, bEnd-bStart) + " @@\n")
		i := aStart
		for _, c := range changes[first : last+1] {
			writeLines(&sb, ' ', a[i:c.a])
			writeLines(&sb, '-', a[c.a:c.a+c.del])
			writeLines(&sb, '+', b[c.b:c.b+c.ins])
			i = c.a + c.del
		}
		writeLines(&sb, ' ', a[i:aEnd])
		first = last + 1
	}
	return sb.String()
}

// hunkRange formats the 0-based range [start, start+count) as diff -u does.
// An empty range is named by the line before it, as patch expects (0 for
// the top of the file), and a count of 1 is left implicit.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return strconv.Itoa(start) + ",0"
	case 1:
		return strconv.Itoa(start + 1)
	default:
		return strconv.Itoa(start+1) + "," + strconv.Itoa(count)
	}
}

func writeLines(sb *strings.Builder, prefix byte, lines []string) {
	for _, l := range lines {
		sb.WriteByte(prefix)
		sb.WriteString(l)
		if !strings.HasSuffix(l, "\n") {
			sb.WriteString("\n\\ No newline at end of file\n")
		}
	}
}
