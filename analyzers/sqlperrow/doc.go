/*
Package sqlperrow defines an Analyzer that reports one SQL round trip per
item of a loop.

# Analyzer sqlperrow

sqlperrow: report the same SQL statement sent once per item of a loop

Each Exec, Query or QueryRow sends one statement to the database and waits
for its answer: a network round trip, a parse and plan of the statement
and, for an Exec on a *sql.DB outside a transaction, a commit that waits
for the disk. Sent once per item of a loop, the same statement pays all
of them n times. A statement prepared once inside a transaction pays the
parse once and the commit once; a multi-row statement (INSERT ... VALUES
(...), (...), or a query WHERE id IN (...) / = ANY($1)) pays the round trip
once too.

	// Bad: one round trip, parse and commit per item.
	for _, item := range items {
		if _, err := db.Exec("INSERT INTO items VALUES ($1, $2)", item.ID, item.Name); err != nil {
			return err
		}
	}

	// Good: one transaction, one prepared statement.
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

The check flags calls of Exec, Query and QueryRow (and their Context forms)
on a *sql.DB, *sql.Tx or *sql.Conn whose query text is the same on every
iteration (a constant, or a local set before the loop and not changed in
it) and whose arguments change with the iteration (they mention the range
value, a variable declared in the loop body or one the loop assigns: the
statement is sent once per item), on every iteration of a loop over items
that is not cold: a range over a slice, array, map, string, integer or
iterator, a counted loop, or a conditional loop such as for rows.Next() (the
N+1 query). It matches two libraries of perfvet's module graph by their own
types: pgx v5 (Exec, Query and QueryRow on *pgx.Conn, the pgx.Tx
interface, *pgxpool.Pool, *pgxpool.Conn and *pgxpool.Tx, where the message
suggests a pgx.Batch or CopyFrom), and sqlx (Get, Select, Queryx,
QueryRowx, MustExec, NamedExec, NamedQuery and their Context forms on
*sqlx.DB, Tx and Conn; the database/sql methods those embed are matched as
database/sql's).

It does not flag: a query text built per item (different statements:
nothing to prepare once); the same statement with the same arguments every
time (a retry or a poll; arguments that differ only through a call such as
time.Now() count as the same); loops over a channel and for {} loops,
which serve items as they arrive, where batching would trade latency for
throughput; a statement sent by a goroutine or closure the loop starts
(its concurrency is a design of its own); statements followed by a return
in their loop (sent once), cold loops (a constant trip count of at most 4,
init functions, package-level initialisers); and *sql.Stmt, the prepared
form. A function that sends one statement and is called in a loop (the
round trip one call away) is not followed. Findings in _test.go files are
kept only inside the timed loop of a Benchmark function unless -tests is
given.

No fix is suggested: a prepared statement needs a transaction (or a
connection) held across the loop, and a multi-row statement a different
text and argument list, and both change what a failure halfway leaves
behind.

# Cost

COST

# Precision

PRECISION
*/
package sqlperrow
