// Package bench measures what sqlperrow reports, on an embedded SQLite
// database (modernc.org/sqlite, pure Go). It is a module of its own so that
// the database, a large dependency used only here, stays out of perfvet's
// module graph:
//
//	cd analyzers/sqlperrow/bench && go test -run XXX -bench . -benchmem -count 3
package bench

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

type item struct {
	ID   int
	Name string
}

const rows = 100

func items() []item {
	out := make([]item, rows)
	for i := range out {
		out[i] = item{i, fmt.Sprintf("item-%d", i)}
	}
	return out
}

// open returns a fresh database in a file, so that commits reach the disk
// as they would in production (an in-memory database has no commit cost).
func open(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", filepath.Join(tb.TempDir(), "bench.db"))
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)"); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func reset(tb testing.TB, db *sql.DB) {
	if _, err := db.Exec("DELETE FROM items"); err != nil {
		tb.Fatal(err)
	}
}

// insertOneByOne is the form sqlperrow flags (the seed article's bad
// example): one statement, and one commit, per row.
func insertOneByOne(db *sql.DB, items []item) error {
	for _, it := range items {
		if _, err := db.Exec("INSERT INTO items VALUES (?, ?)", it.ID, it.Name); err != nil {
			return err
		}
	}
	return nil
}

// insertInTx is the flagged form inside a transaction: one commit, but
// still one statement parse and one round trip per row.
func insertInTx(db *sql.DB, items []item) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, it := range items {
		if _, err := tx.Exec("INSERT INTO items VALUES (?, ?)", it.ID, it.Name); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// insertPrepared is the first suggestion: a statement prepared once in a
// transaction.
func insertPrepared(db *sql.DB, items []item) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.Prepare("INSERT INTO items VALUES (?, ?)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, it := range items {
		if _, err := stmt.Exec(it.ID, it.Name); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// insertMultiRow is the second: one statement for all rows.
func insertMultiRow(db *sql.DB, items []item) error {
	values := make([]string, 0, len(items))
	args := make([]any, 0, 2*len(items))
	for _, it := range items {
		values = append(values, "(?, ?)")
		args = append(args, it.ID, it.Name)
	}
	_, err := db.Exec("INSERT INTO items VALUES "+strings.Join(values, ", "), args...)
	return err
}

// selectOneByOne is the N+1 form: one query per id.
func selectOneByOne(db *sql.DB, ids []int) ([]string, error) {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		var name string
		if err := db.QueryRow("SELECT name FROM items WHERE id = ?", id).Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}

// selectIn fetches the same rows with one query.
func selectIn(db *sql.DB, ids []int) ([]string, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	q := "SELECT name FROM items WHERE id IN (?" + strings.Repeat(", ?", len(ids)-1) + ") ORDER BY id"
	r, err := db.Query(q, args...)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	names := make([]string, 0, len(ids))
	for r.Next() {
		var name string
		if err := r.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, r.Err()
}

func count(tb testing.TB, db *sql.DB) int {
	var n int
	if err := db.QueryRow("SELECT count(*) FROM items").Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestFormsAgree(t *testing.T) {
	db := open(t)
	for _, insert := range []func(*sql.DB, []item) error{insertOneByOne, insertInTx, insertPrepared, insertMultiRow} {
		reset(t, db)
		if err := insert(db, items()); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db); n != rows {
			t.Fatalf("%d rows, want %d", n, rows)
		}
	}
	ids := []int{3, 5, 8, 13}
	a, err := selectOneByOne(db, ids)
	if err != nil {
		t.Fatal(err)
	}
	b, err := selectIn(db, ids)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatalf("%v != %v", a, b)
	}
}

// BenchmarkInsert inserts 100 rows per op into a file database.
func BenchmarkInsert(b *testing.B) {
	its := items()
	for _, form := range []struct {
		name   string
		insert func(*sql.DB, []item) error
	}{{"exec-per-row", insertOneByOne}, {"exec-per-row-in-tx", insertInTx}, {"prepared-in-tx", insertPrepared}, {"multi-row", insertMultiRow}} {
		b.Run(form.name, func(b *testing.B) {
			db := open(b)
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				reset(b, db)
				b.StartTimer()
				if err := form.insert(db, its); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSelect reads 100 rows by id per op.
func BenchmarkSelect(b *testing.B) {
	db := open(b)
	if err := insertMultiRow(db, items()); err != nil {
		b.Fatal(err)
	}
	ids := make([]int, rows)
	for i := range ids {
		ids[i] = i
	}
	for _, form := range []struct {
		name    string
		select_ func(*sql.DB, []int) ([]string, error)
	}{{"query-per-row", selectOneByOne}, {"one-query", selectIn}} {
		b.Run(form.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := form.select_(db, ids); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
