// Package pgx stubs the part of github.com/jackc/pgx/v5 (v5.5.4) that
// sqlperrow matches: the signatures are the library's own.
package pgx

import "context"

type CommandTag struct{}

type Rows interface{ Next() bool }

type Row interface{ Scan(dest ...any) error }

type Conn struct{}

func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (CommandTag, error) {
	return CommandTag{}, nil
}
func (c *Conn) Query(ctx context.Context, sql string, args ...any) (Rows, error) { return nil, nil }
func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) Row        { return nil }

// Tx is an interface in pgx.
type Tx interface {
	Exec(ctx context.Context, sql string, arguments ...any) (commandTag CommandTag, err error)
	Query(ctx context.Context, sql string, args ...any) (Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) Row
}

type Batch struct{}

func (b *Batch) Queue(query string, arguments ...any) {}
