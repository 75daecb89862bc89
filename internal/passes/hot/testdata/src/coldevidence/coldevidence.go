// Package coldevidence holds concatloop findings in code that looks cold,
// each beside a hot-looking twin that must stay a plain finding. The test
// runs with -cold, so cold ones are listed with their evidence.
package coldevidence

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"
)

// Hot has no cold evidence: its finding stays as it is.
func Hot(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `build it with a strings.Builder$`
	}
	return s
}

var table = map[string]string{}

// Store fills table, so loops over it may be long.
func Store(k, v string) { table[k] = v }

// Loops in init are cold at the rule (hot.IsCold); a function that
// only init calls is cold by its caller.
func init() { _ = keys() }

func keys() string {
	s := ""
	for k := range table {
		s += k // want `; looks cold: called only from init \(init: runs once per program\)$`
	}
	return s
}

type T struct{ parts []string }

func (t T) String() string {
	s := ""
	for _, p := range t.parts {
		s += p // want `; looks cold: a String method: text for people`
	}
	return s
}

// Join is an exported method with the same body: hot-looking.
func (t T) Join() string {
	s := ""
	for _, p := range t.parts {
		s += p // want `build it with a strings.Builder$`
	}
	return s
}

func (t *T) UnmarshalJSON(b []byte) error {
	s := ""
	for _, p := range t.parts {
		s += p // want `; looks cold: UnmarshalJSON: configuration decoding or set-up \(judged by the name\)$`
	}
	_ = s
	return nil
}

// join is called only by UnmarshalText: it runs when configuration is decoded.
func join(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `; looks cold: called only from UnmarshalText \(UnmarshalText: configuration decoding`
	}
	return s
}

func (t *T) UnmarshalText(b []byte) error {
	_ = join(t.parts)
	return nil
}

// joinHot is called by UnmarshalText and by Hot2: one hot caller is enough.
func joinHot(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `build it with a strings.Builder$`
	}
	return s
}

func (t *T) Provision() error { _ = joinHot(t.parts); return nil }

func Hot2(parts []string) string { return joinHot(parts) }

func dumpState(parts []string) {
	s := ""
	for _, p := range parts {
		s += p // want `; looks cold: dumpState: debug output \(judged by the name\)$`
	}
	fmt.Println(s)
}

func Register(fs *flag.FlagSet, parts []string) {
	s := ""
	for _, p := range parts {
		s += p // want `; looks cold: Register takes a \*flag.FlagSet: command-line set-up$`
	}
	fs.String("x", s, "")
}

// Check builds a message on its error path: cold. The same loop outside
// the error path is hot-looking.
func Check(parts []string, bad bool) error {
	if bad {
		s := ""
		for _, p := range parts {
			s += p // want `; looks cold: on an error path: the block ends in a return of errors.New\(...\)$`
		}
		return errors.New(s)
	}
	s := ""
	for _, p := range parts {
		s += p // want `build it with a strings.Builder$`
	}
	_ = s
	return nil
}

func Fail(parts []string, err error) error {
	if err != nil {
		s := ""
		for _, p := range parts {
			s += p // want `; looks cold: on an error path: the block ends in return err after err != nil$`
		}
		fmt.Fprintln(os.Stderr, s)
		return err
	}
	if len(parts) == 0 {
		s := ""
		for _, p := range parts {
			s += p // want `; looks cold: on an error path: the block ends in os.Exit$`
		}
		fmt.Println(s)
		os.Exit(2)
	}
	return nil
}

// ErrClosed is a sentinel error: returning it reports a failure.
var ErrClosed = errors.New("closed")

// Closed builds text on a path that returns a sentinel error, of this
// package or another: cold.
func Closed(parts []string, closed, eof bool) (string, error) {
	if closed {
		s := ""
		for _, p := range parts {
			s += p // want `; looks cold: on an error path: the block ends in a return of the package-level error ErrClosed$`
		}
		return s, ErrClosed
	}
	if eof {
		s := ""
		for _, p := range parts {
			s += p // want `; looks cold: on an error path: the block ends in a return of the package-level error io.EOF$`
		}
		return s, io.EOF
	}
	return "", nil
}

type Level int

const (
	Debug Level = iota
	Info
	Warn
	Error
	Fatal
	Panic
	Trace
)

// ByLevel ranges over a map keyed by Level, which has 7 values.
func ByLevel(m map[Level][]string) string {
	s := ""
	for _, v := range m {
		s += v[0] // want `; looks cold: in a loop over a map keyed by Level, which has 7 values$`
	}
	return s
}

// ByName ranges over a map keyed by string: as long as its input.
func ByName(m map[string][]string) string {
	s := ""
	for _, v := range m {
		s += v[0] // want `build it with a strings.Builder$`
	}
	return s
}

// Fixed's loop runs 3 times: concatloop skips it at the rule.
func Fixed() string {
	s := ""
	for _, p := range []string{"a", "b", "c"} {
		s += p
	}
	return s
}

var tags = toolTags()

func toolTags() []string { return []string{tagList([]string{"a"})} }

func tagList(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `; looks cold: called only from toolTags \(called only from a package-level initialiser \(runs once per program\)\)$`
	}
	return s
}

// processConfigFile and configureAccounts are named for configuration
// loading and set-up (nats-server's option parsing): cold. processLine,
// named for nothing of the kind, is hot-looking.
func processConfigFile(lines []string) string {
	s := ""
	for _, l := range lines {
		s += l // want `; looks cold: processConfigFile: configuration loading \(judged by the name\)$`
	}
	return s
}

func configureAccounts(names []string) string {
	s := ""
	for _, n := range names {
		s += n // want `; looks cold: configureAccounts: configuration loading \(judged by the name\)$`
	}
	return s
}

func processLine(fields []string) string {
	s := ""
	for _, f := range fields {
		s += f // want `build it with a strings.Builder$`
	}
	return s
}

var _, _, _ = processConfigFile, configureAccounts, processLine

// replayClient takes a *testing.T: a test helper outside a _test.go file
// (genai's replay client). Its twin Replay, without one, is hot-looking.
func replayClient(t *testing.T, parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `; looks cold: replayClient takes a \*testing.T: test support$`
	}
	t.Log(s)
	return s
}

func Replay(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `build it with a strings.Builder$`
	}
	return s
}

var _ = replayClient

// defineFlags defines a flag per name: it runs once per program (defining
// a flag twice panics), like pprof's CLI set-up.
func defineFlags(names []string) string {
	s := ""
	for _, n := range names {
		flag.Bool(n, false, "")
		s += n // want `; looks cold: defineFlags defines command-line flags: runs once per program$`
	}
	return s
}

var _ = defineFlags

// flushLog is called only from a loop that waits on a ticker (appengine's
// log flusher): once per tick. Its twin flushNow, called from a loop over
// items as well, is hot-looking.
func flushLog(lines []string) string {
	s := ""
	for _, l := range lines {
		s += l // want `; looks cold: called only from flusher \(in a loop that waits on a timer every iteration: once per tick\)$`
	}
	return s
}

func flushNow(lines []string) string {
	s := ""
	for _, l := range lines {
		s += l // want `build it with a strings.Builder$`
	}
	return s
}

func flusher(stop chan int, tick *time.Ticker, lines []string) {
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			_ = flushLog(lines)
			_ = flushNow(lines)
		}
	}
}

func flushEach(batches [][]string) {
	for _, b := range batches {
		_ = flushNow(b)
	}
}

var _, _ = flusher, flushEach

var errFork = errors.New("fork detected")

// checkFork returns early on the common path; what follows runs only on
// the way to failing (x/mod's sumdb client). Its twin findFork can still
// succeed after the loop.
func checkFork(a, b string, lines []string) error {
	if a == b {
		return nil
	}
	s := ""
	for _, l := range lines {
		s += l // want `; looks cold: on an error path: every way out from here ends in a return of the package-level error errFork$`
	}
	fmt.Fprintln(os.Stderr, s)
	return errFork
}

func findFork(a, b string, lines []string) error {
	s := ""
	for _, l := range lines {
		s += l // want `build it with a strings.Builder$`
		if l == a {
			return nil
		}
	}
	fmt.Fprintln(os.Stderr, s, b)
	return errFork
}

// A LogValue method runs when a log line is written; a flag.Value's Set
// once per flag. A Set of a type without String (not a flag.Value) is
// hot-looking.
type attrs []string

func (a attrs) LogValue() slog.Value {
	s := ""
	for _, x := range a {
		s += x // want `; looks cold: a LogValue method: runs when a log line is written$`
	}
	return slog.StringValue(s)
}

type listFlag struct{ items []string }

func (f *listFlag) String() string { return "" }

func (f *listFlag) Set(v string) error {
	s := ""
	for _, x := range f.items {
		s += x // want `; looks cold: a flag.Value's Set method: once per flag on the command line$`
	}
	f.items = append(f.items, s+v)
	return nil
}

type store struct{ keys []string }

func (st *store) Set(v string) error {
	s := ""
	for _, x := range st.keys {
		s += x // want `build it with a strings.Builder$`
	}
	st.keys = append(st.keys, s+v)
	return nil
}

// An Err method reports an error only if there was one: a function ending
// in return s, sc.Err() returns on its common path, and its loop is
// hot-looking (sqlperrow's N+1 fixture has this shape).
func joinLines(sc interface {
	Scan() bool
	Text() string
	Err() error
}) (string, error) {
	s := ""
	for sc.Scan() {
		s += sc.Text() // want `build it with a strings.Builder$`
	}
	return s, sc.Err()
}

// validate ends in errors.Join, which is nil when nothing failed: its loop
// is the common path. retryFork can still return nil when its loop comes
// round: neither is an error path.
func validate(items []string) error {
	var errs []error
	s := ""
	for _, it := range items {
		s += it // want `build it with a strings.Builder$`
		if it == "" {
			errs = append(errs, errFork)
		}
	}
	_ = s
	return errors.Join(errs...)
}

func retryFork(tries []string) error {
	s := ""
	for _, t := range tries {
		if t == s {
			return nil
		}
		s += t // want `build it with a strings.Builder; no automatic fix: s is read inside the loop \(line 428\)$`
	}
	return errFork
}
