// Package sqlx stubs github.com/jmoiron/sqlx (v1.3.5): DB embeds
// *sql.DB, as the library's does.
package sqlx

import (
	"context"
	"database/sql"
)

type DB struct {
	*sql.DB
}

func (db *DB) Get(dest interface{}, query string, args ...interface{}) error { return nil }
func (db *DB) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}
func (db *DB) NamedExec(query string, arg interface{}) (sql.Result, error) { return nil, nil }
