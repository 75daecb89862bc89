package sqlperrow

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

func pgxInsert(ctx context.Context, conn *pgx.Conn, items []Item) error {
	for _, it := range items {
		if _, err := conn.Exec(ctx, "INSERT INTO items VALUES ($1, $2)", it.ID, it.Name); err != nil { // want `conn.Exec sends the same statement on every iteration of a loop: a round trip per item \(pgx caches the parsed statement, not the trip\), and a commit per item outside a transaction; queue them in one pgx.Batch \(SendBatch\), or CopyFrom for inserts; no automatic fix`
			return err
		}
	}
	return nil
}

func pgxTx(ctx context.Context, tx pgx.Tx, ids []int) error {
	for _, id := range ids {
		if _, err := tx.Exec(ctx, "DELETE FROM items WHERE id = $1", id); err != nil { // want `tx.Exec sends the same statement on every iteration of a loop: a round trip per item \(pgx caches the parsed statement, not the trip\); queue them in one pgx.Batch`
			return err
		}
	}
	return nil
}

func pgxPool(ctx context.Context, pool *pgxpool.Pool, ids []int) []string {
	var out []string
	for _, id := range ids {
		var name string
		_ = pool.QueryRow(ctx, "SELECT name FROM items WHERE id = $1", id).Scan(&name) // want `pool.QueryRow sends the same query on every iteration of a loop: a round trip per item \(N\+1 queries; pgx caches the parsed statement, not the trip\); fetch the rows in one query \(= ANY\(\$1\)\), or queue the queries in one pgx.Batch`
		out = append(out, name)
	}
	return out
}

// pgxBatch is the good form.
func pgxBatch(items []Item) *pgx.Batch {
	b := &pgx.Batch{}
	for _, it := range items {
		b.Queue("INSERT INTO items VALUES ($1, $2)", it.ID, it.Name)
	}
	return b
}

func sqlxGet(ctx context.Context, db *sqlx.DB, ids []int) error {
	for _, id := range ids {
		var it Item
		if err := db.Get(&it, "SELECT * FROM items WHERE id = ?", id); err != nil { // want `db.Get sends the same query on every iteration of a loop`
			return err
		}
		if err := db.SelectContext(ctx, &it, "SELECT * FROM tags WHERE item = ?", id); err != nil { // want `db.SelectContext sends the same query`
			return err
		}
		if _, err := db.Exec("UPDATE items SET seen = 1 WHERE id = ?", id); err != nil { // want `db.Exec sends the same statement`
			return err
		}
	}
	return nil
}

func sqlxNamed(db *sqlx.DB, items []Item) error {
	for _, it := range items {
		if _, err := db.NamedExec("INSERT INTO items VALUES (:id, :name)", it); err != nil { // want `db.NamedExec sends the same statement`
			return err
		}
	}
	return nil
}
