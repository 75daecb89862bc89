package sqlperrow

import (
	"bufio"
	"context"
	"database/sql"
	"os"
)

type Item struct {
	ID   int
	Name string
}

// insertOneByOne is the article's bad example.
func insertOneByOne(db *sql.DB, items []Item) error {
	for _, item := range items {
		_, err := db.Exec("INSERT INTO items VALUES ($1, $2)", item.ID, item.Name) // want `db.Exec sends the same statement on every iteration of a loop: a round trip and a statement parse per item, and a commit per item outside a transaction; prepare it once before the loop inside a transaction \(tx.Prepare, then stmt.Exec per item\), or send the items in one multi-row statement; no automatic fix: batching changes the statement and what a failure leaves behind`
		if err != nil {
			return err
		}
	}
	return nil
}

const updateName = "UPDATE items SET name = ? WHERE id = ?"

// inTx: a transaction saves the commits, not the round trips.
func inTx(ctx context.Context, tx *sql.Tx, items []Item) error {
	for i := range items {
		if _, err := tx.ExecContext(ctx, updateName, items[i].Name, items[i].ID); err != nil { // want `tx.ExecContext sends the same statement on every iteration of a loop: a round trip and a statement parse per item; prepare it once`
			return err
		}
	}
	return nil
}

// nPlusOne queries once per row of another query.
func nPlusOne(ctx context.Context, db *sql.DB, conn *sql.Conn) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM orders")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	var id int
	for rows.Next() {
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		var name string
		if err := conn.QueryRowContext(ctx, "SELECT name FROM customers WHERE id = ?", id).Scan(&name); err != nil { // want `conn.QueryRowContext sends the same query on every iteration of a loop: a round trip and a statement parse per item \(N\+1 queries\); fetch the rows in one query \(WHERE key IN \(...\) or = ANY\(\$1\)\), or prepare it once before the loop; no automatic fix: one query changes the statement and how its rows are read`
			return nil, err
		}
		names = append(names, name)
	}
	return names, rows.Err()
}

// invariantQuery: the query is a local set before the loop.
func invariantQuery(db *sql.DB, ids []int) error {
	q := "DELETE FROM items WHERE id = ?"
	for n := range len(ids) {
		if _, err := db.Exec(q, ids[n]); err != nil { // want `db.Exec sends the same statement on every iteration`
			return err
		}
	}
	return nil
}

// queryPerKey reads rows per key of a map.
func queryPerKey(db *sql.DB, keys map[string]bool) (int, error) {
	total := 0
	for k := range keys {
		rows, err := db.Query("SELECT n FROM counts WHERE k = ?", k) // want `db.Query sends the same query on every iteration`
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			total++
		}
		rows.Close()
	}
	return total, nil
}

// The twin of notifyTyped (noflag.go): the lines of a file are all there,
// so one statement per line is a round trip per row. The line passed
// inline (sc.Text(), read from the cursor the loop advances) counts as
// per item like one passed through a variable.
func importLines(ctx context.Context, db *sql.DB, f *os.File) {
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		_, _ = db.ExecContext(ctx, "INSERT INTO lines VALUES ($1)", sc.Text()) // want `db.ExecContext sends the same statement on every iteration of a loop`
	}
}
