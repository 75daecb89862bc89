package boxinghot

import (
	"bytes"
	"encoding/json"
	"io"
	"sort"
)

// A value whose methods have value receivers, boxed into an interface
// with methods on every iteration while the variable outlives the loop,
// can be boxed once as a pointer.

type row struct{ cells [4]string }

// table sorts its rows by column col; its methods have value receivers.
type table struct {
	rows []row
	col  int
}

func (t table) Len() int           { return len(t.rows) }
func (t table) Less(i, j int) bool { return t.rows[i].cells[t.col] < t.rows[j].cells[t.col] }
func (t table) Swap(i, j int)      { t.rows[i], t.rows[j] = t.rows[j], t.rows[i] }

// A local declared before an index loop.
func SortByEach(rows []row, cols int) {
	t := table{rows: rows}
	for c := 0; c < cols; c++ {
		t.col = c
		sort.Sort(t) // want `converting table to sort.Interface in a hot loop .*; the cost is one allocation \(32 bytes\) per item: table's methods have value receivers, so &t satisfies sort.Interface too: box it once before the loop \(var boxed sort.Interface = &t\) and pass boxed, unless the callee keeps the value past the call \(it would then see later changes to t\)`
	}
}

// tally counts what is written to it; Write has a value receiver.
type tally struct {
	n    *int
	name [2]string
}

func (w tally) Write(p []byte) (int, error) { *w.n += len(p); return len(p), nil }

// A parameter, in a range loop.
func CopyAll(w tally, chunks [][]byte) error {
	for _, ch := range chunks {
		if _, err := io.Copy(w, bytes.NewReader(ch)); err != nil { // want `converting tally to io.Writer .*: tally's methods have value receivers, so &w satisfies io.Writer too`
			return err
		}
	}
	return nil
}

// A function literal's local.
func SortColumns(rows []row, cols int) {
	sortAll := func() {
		t := table{rows: rows}
		for c := range cols {
			t.col = c
			sort.Stable(t) // want `converting table to sort.Interface .*: table's methods have value receivers, so &t satisfies sort.Interface too`
		}
	}
	sortAll()
}

// Not: a range variable is a new value on each iteration.
func SortTables(ts []table) {
	for _, t := range ts {
		sort.Sort(t) // want `converting table to sort.Interface .*; sort.Sort requires an interface; the cost is one allocation \(32 bytes\) per item: batch the calls if the API allows;`
	}
}

// Not: a variable the loop declares anew.
func SortEachColumn(rows []row, cols int) {
	for c := 0; c < cols; c++ {
		t := table{rows: rows, col: c}
		sort.Sort(t) // want `converting table to sort.Interface .*: batch the calls if the API allows;`
	}
}

// Not: an empty interface, whose receiver may switch on the dynamic type.
func Encode(t table, cols int) [][]byte {
	var out [][]byte
	for c := 0; c < cols; c++ {
		t.col = c
		b, _ := json.Marshal(t) // want `converting table to any .*; json.Marshal requires an interface; the cost is one allocation \(32 bytes\) per item: batch the calls if the API allows;`
		out = append(out, b)
	}
	return out
}
