package poolbuf

import (
	"bytes"
	"io"
	"sort"
)

// Issue #27: a function literal that a loop passes as an argument runs per
// iteration only if the callee calls it before returning. A check or
// handler registered per name runs when it is invoked, not when the loop
// runs: the functions it calls are not "called in a loop".

type checker struct {
	checks map[string]func(io.Writer) error
}

// Register keeps fn for later.
func (c *checker) Register(name string, fn func(io.Writer) error) {
	c.checks[name] = fn
}

var registry = map[string]func(io.Writer) error{}

// register keeps fn for later too, as a function.
func register(name string, fn func(io.Writer) error) { registry[name] = fn }

// writeStatus runs when a registered check is invoked.
func writeStatus(w io.Writer, name string) error {
	var buf bytes.Buffer
	buf.WriteString(name)
	buf.WriteString(": ok\n")
	_, err := w.Write(buf.Bytes())
	return err
}

func writeScratch(w io.Writer, name string) error {
	scratch := make([]byte, 4096)
	n := copy(scratch, name)
	_, err := w.Write(scratch[:n])
	return err
}

func writeWrapped(w io.Writer, name string) error {
	b := new(bytes.Buffer)
	b.WriteString(name)
	_, err := b.WriteTo(w)
	return err
}

// As in the issue: a health-check handler built per check name and
// registered in the loop (a method that keeps it).
func registerChecks(c *checker, names []string) {
	for _, name := range names {
		c.Register(name, func(w io.Writer) error { return writeStatus(w, name) })
	}
}

// Registered through a function, an index loop.
func registerAll(names []string) {
	for i := 0; i < len(names); i++ {
		name := names[i]
		register(name, func(w io.Writer) error { return writeScratch(w, name) })
	}
}

// A callee that wraps its argument in another literal and keeps that.
func wrap(name string, fn func(io.Writer) error) {
	register(name, func(w io.Writer) error { return fn(w) })
}

func registerWrapped(names []string) {
	for _, name := range names {
		wrap(name, func(w io.Writer) error { return writeWrapped(w, name) })
	}
}

// Must flag, the twins: a callee that calls its argument before returning
// (the package's own helper, one call away; sort.Slice) runs the literal,
// and what it calls, on every iteration.
func each(items []string, fn func(string)) {
	for _, it := range items {
		fn(it)
	}
}

func renderItem(w io.Writer, item string) {
	b := new(bytes.Buffer) // want `b is a new bytes.Buffer.* on every call, and renderItem is called in a loop`
	b.WriteString(item)
	b.WriteTo(w)
}

func renderGroups(w io.Writer, groups [][]string) {
	for _, g := range groups {
		each(g, func(item string) { renderItem(w, item) })
	}
}

func key(s string) string {
	var b bytes.Buffer // want `b is a new bytes.Buffer.* on every call, and key is called in a loop`
	b.WriteString(s)
	return b.String()
}

func sortGroups(groups [][]string) {
	for _, g := range groups {
		sort.Slice(g, func(i, j int) bool { return key(g[i]) < key(g[j]) })
	}
}
