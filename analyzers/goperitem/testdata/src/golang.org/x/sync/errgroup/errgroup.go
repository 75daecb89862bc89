// Package errgroup is a stub of golang.org/x/sync/errgroup for the fixture.
package errgroup

type Group struct{ n int }

func (g *Group) Go(f func() error) { go f() }
func (g *Group) SetLimit(n int)    { g.n = n }
func (g *Group) Wait() error       { return nil }
