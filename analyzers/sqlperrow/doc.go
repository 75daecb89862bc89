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
value, a variable declared in the loop body or one the loop assigns, or
read the cursor the loop's condition advances, such as sc.Text() in for
sc.Scan(): the statement is sent once per item), on every iteration of a loop over items
that is not cold: a range over a slice, array, map, string, integer or
iterator, a counted loop, or a conditional loop such as for rows.Next() (the
N+1 query). It matches two libraries of perfvet's module graph by their own
types: pgx v5 (Exec, Query and QueryRow on *pgx.Conn, the pgx.Tx
interface, *pgxpool.Pool, *pgxpool.Conn and *pgxpool.Tx, where the message
suggests a pgx.Batch or CopyFrom and counts the round trip only: pgx
prepares and caches each statement text per connection by default, so
the parse is paid once), and sqlx (Get, Select, Queryx,
QueryRowx, MustExec, NamedExec, NamedQuery and their Context forms on
*sqlx.DB, Tx and Conn; the database/sql methods those embed are matched as
database/sql's).

It does not flag: a query text built per item (different statements:
nothing to prepare once); the same statement with the same arguments every
time (a retry or a poll; arguments that differ only through a call such as
time.Now() count as the same); loops over a channel, for {} loops, and
for sc.Scan() over a bufio.Scanner made from os.Stdin or a network
connection, which serve items as they arrive, where batching would trade
latency for throughput (a scanner over a file is a loop over items); a statement sent by a goroutine or closure the loop starts
(its concurrency is a design of its own); the timed loop of a benchmark
(for b.Loop(), b.N, pb.Next(): it repeats one measurement on purpose);
statements followed by a return in their loop (sent once), cold loops (a
constant trip count of at most 4, init functions, package-level
initialisers); and *sql.Stmt, the prepared form. A function that sends one
statement and is called in a loop (the round trip one call away) is not
followed. Findings in _test.go files are kept only inside the timed loop
of a Benchmark function, and there set aside as cold (a benchmark repeats
what it measures; -cold lists them), unless -tests is given.

No fix is suggested: a prepared statement needs a transaction (or a
connection) held across the loop, and a multi-row statement a different
text and argument list, and both change what a failure halfway leaves
behind.

# Cost

The benchmarks live in a module of their own, analyzers/sqlperrow/bench,
so that modernc.org/sqlite (a pure-Go SQLite, large, used only there) stays
out of perfvet's module graph: cd analyzers/sqlperrow/bench && go test
-run XXX -bench . -benchmem -count 3. They insert 100 rows per op into a
SQLite database in a file (so commits reach the disk), and read 100 rows
by id. Median of 3, Go 1.26.8, on a 2-core machine shared
with six other jobs (load average 30 to 80), so the times are rough:

	BenchmarkInsert          time/op   allocs/op
	Exec per row             2.01 s    700
	Exec per row in a tx     18.8 ms   809
	prepared in a tx         20.8 ms   714
	one multi-row INSERT     65.0 ms   117

	BenchmarkSelect          time/op   allocs/op
	QueryRow per row         29.5 ms   1,801
	one query, IN (...)      2.28 ms   318

Outside a transaction each row's commit waits for the disk: the flagged
form took about 100 times as long as either transactional form. SQLite is
embedded, so there is no network round trip here and statement parsing is
cheap; the multi-row INSERT's times were the noisiest of the run and do not
show its advantage, which grows with the round-trip time of a database
server. The N+1 read is 13 times slower than one query even without a
network.

# Precision

How its findings on real code were judged, with the counts: docs/judging.md,
"sqlperrow".
*/
package sqlperrow
