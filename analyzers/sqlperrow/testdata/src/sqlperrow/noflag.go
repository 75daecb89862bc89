package sqlperrow

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"time"
)

// insertBatch is the article's good example: a prepared statement.
func insertBatch(db *sql.DB, items []Item) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.Prepare("INSERT INTO items VALUES ($1, $2)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, item := range items {
		if _, err := stmt.Exec(item.ID, item.Name); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// migrate runs different statements: nothing to batch.
func migrate(db *sql.DB, stmts []string) error {
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			return err
		}
	}
	return nil
}

// perTable builds the text per item.
func perTable(db *sql.DB, tables []string) error {
	for _, t := range tables {
		if _, err := db.Exec(fmt.Sprintf("TRUNCATE %s", t)); err != nil {
			return err
		}
	}
	return nil
}

// retry sends the same statement with the same arguments: a retry loop.
func retry(db *sql.DB, id int) error {
	var err error
	for attempt := 0; attempt < 10; attempt++ {
		if _, err = db.Exec("UPDATE jobs SET done = 1 WHERE id = ?", id, time.Now()); err == nil {
			return nil
		}
	}
	return err
}

// worker serves jobs as they arrive: batching would trade latency.
func worker(ctx context.Context, db *sql.DB, jobs <-chan Item) {
	for job := range jobs {
		_, _ = db.ExecContext(ctx, "INSERT INTO done VALUES (?)", job.ID)
	}
}

// poll runs forever, once per tick.
func poll(db *sql.DB, tick <-chan time.Time) {
	last := 0
	for {
		<-tick
		_ = db.QueryRow("SELECT max(id) FROM events WHERE id > ?", last).Scan(&last)
	}
}

// cold: three items.
func cold(db *sql.DB) {
	for i := range 3 {
		_, _ = db.Exec("INSERT INTO t VALUES (?)", i)
	}
}

// firstOnly leaves the loop after the first statement.
func firstOnly(db *sql.DB, items []Item) error {
	for _, item := range items {
		_, err := db.Exec("INSERT INTO items VALUES (?, ?)", item.ID, item.Name)
		return err
	}
	return nil
}

// perGoroutine: a goroutine per item; its concurrency is its own design.
func perGoroutine(db *sql.DB, items []Item) {
	for _, item := range items {
		go func() {
			_, _ = db.Exec("INSERT INTO items VALUES (?, ?)", item.ID, item.Name)
		}()
	}
}

// notSQL has methods of the same names on another type.
type store struct{}

func (store) Exec(q string, args ...any) error { return nil }

func other(s store, items []Item) {
	for _, item := range items {
		_ = s.Exec("INSERT INTO items VALUES (?)", item.ID)
	}
}

// Lines typed on standard input or sent by a peer arrive one at a time:
// batching them would hold each notification back (issue #16; pgx's chat
// example). Whether the line is passed inline or through a variable. The
// twin over a file (importLines, flag.go) is flagged.
func notifyTyped(ctx context.Context, db *sql.DB) {
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		msg := sc.Text()
		_, _ = db.ExecContext(ctx, "SELECT pg_notify('chat', $1)", msg)
	}
}

func notifyPeer(ctx context.Context, db *sql.DB, conn net.Conn) {
	sc := bufio.NewScanner(conn)
	for sc.Scan() {
		_, _ = db.ExecContext(ctx, "SELECT pg_notify('chat', $1)", sc.Text())
	}
}
