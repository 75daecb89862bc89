package sqlperrow

import (
	"database/sql"
	"testing"
)

// BenchmarkQueryRow measures one query: its timed loop repeats it on
// purpose.
func BenchmarkQueryRow(b *testing.B) {
	var db *sql.DB
	var n int
	for i := 0; i < b.N; i++ {
		_ = db.QueryRow("SELECT $1::int8", i).Scan(&n)
	}
	for i := range b.N {
		_ = db.QueryRow("SELECT $1::int8", i).Scan(&n)
	}
}

// BenchmarkInsertRows inserts rows one by one inside the timed loop: the
// inner loop is over items, but a _test.go file is cold evidence (the
// benchmark measures what it repeats), so without -tests it is set aside.
func BenchmarkInsertRows(b *testing.B) {
	var db *sql.DB
	items := []Item{{1, "a"}, {2, "b"}, {3, "c"}, {4, "d"}, {5, "e"}}
	for b.Loop() {
		for _, it := range items {
			_, _ = db.Exec("INSERT INTO items VALUES (?, ?)", it.ID, it.Name)
		}
	}
}
