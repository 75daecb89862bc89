/*
Package unbufio defines an Analyzer that reports small unbuffered reads and
writes repeated in loops.

# Analyzer unbufio

unbufio: report small writes and reads of a file or connection on every iteration of a loop

An *os.File or a network connection has no buffer of its own: every Write
is a system call (and on a TLS connection a record), and fmt's scanners
read a reader without ReadRune one byte per Read call. A loop that writes a
line, or scans a token, per iteration pays a system call per piece; a
bufio.Writer or bufio.Reader pays one per 4 KB.

	// Bad: one write system call per row.
	for _, r := range rows {
		fmt.Fprintf(f, "%s\t%d\n", r.Name, r.Count)
	}
	return nil

	// Good: one per 4 KB, and the Flush error is returned.
	fBuf := bufio.NewWriter(f)
	for _, r := range rows {
		fmt.Fprintf(fBuf, "%s\t%d\n", r.Name, r.Count)
	}
	if err := fBuf.Flush(); err != nil {
		return err
	}
	return nil

The check flags, in loops that are not cold (see internal/loops), calls
that write a small piece to an *os.File, a net.Conn, a *net.TCPConn or
*net.UnixConn or a *tls.Conn: fmt.Fprint, Fprintf and Fprintln, io.WriteString,
WriteString, and Write of a converted string, a literal or an
fmt/strconv Append result (a Write of a buffer filled elsewhere, such as
a chunk from Read, is already large). It groups the writes to one
destination across one loop into one finding. It flags reads of a byte
or a token at a time from the same kinds of source: fmt.Fscan, Fscanf
and Fscanln, fmt.Scan, Scanf and Scanln (standard input), and Read or
io.ReadFull into a one-byte buffer.

It does not flag: os.Stderr (unbuffered on purpose, so diagnostics come
out in order and survive a crash); an io.Writer or io.Reader, which may
be buffered already; a file opened in each iteration and written once; a
write in a goroutine or closure started per iteration; loops that provably
run at most 4 times; and loops whose writes are paced and must go out one
by one: a loop that receives from a channel, selects, sleeps or ranges
over a channel (progress output, a log writer), and a loop that writes to
a connection or standard output and reads input (a prompt, a request and
its response), where a buffered write would stall or deadlock.
fmt.Print* and writes to os.Stdout are reported only with
-unbufio.stdout: standard output is console output, and in the corpus
every such loop was a debug trace or a one-shot listing (see Precision).

# Suggested fix

For writes to a local variable, the fix declares a bufio.Writer on it
before the loop (named after the variable: f → fBuf), sends every write in
the loop through it, and after the loop flushes it and returns the Flush
error with zero values for the other results. It adds the bufio import.

The fix is withheld, and the message says why, when:

  - the function returns no error (or a result with no literal zero
    value), so a failed Flush could not be reported;
  - the loop can be left without passing the Flush: a return (other than
    in the error branch of a write, whose data is lost either way), a
    panic or os.Exit, a goto, or a labelled break or continue of an
    outer statement; or the loop never ends;
  - the variable is used in the loop other than to write (Sync, Seek,
    passed to a call), or anywhere in the function in a way that shares it
    (passed to other code, stored, captured), because writes through the
    other reference would interleave with the buffered ones;
  - the variable is a parameter or copied from another variable, and code
    called in the loop (anything beyond strings, strconv, bytes, math,
    sort, slices, maps, errors, unicode and fmt's Sprint/Append/Errorf) may
    write to the same file;
  - the destination is os.Stdout (prints elsewhere would be reordered) or
    not a local variable.

Reads get no fix: a bufio.Reader reads ahead, so reads of the same file
or connection elsewhere would miss what it holds.

# Cost

BenchmarkWrite and BenchmarkRead (bench_test.go) write n short lines to a
temporary file, and read n integers back with fmt.Fscan, unbuffered and
buffered (go test ./analyzers/unbufio -run XXX -bench . -benchmem -count 3
-benchtime 200ms; median of 3; Go 1.26, 2-core machine shared with other
jobs at a load average near 30, so the absolute times are inflated and
noisy; the ratios come from one run):

	n       write unbuffered   write buffered   ratio   read unbuffered   read buffered   ratio
	10      53.0 µs            39.5 µs          1.3x    85.9 µs           73.7 µs         1.2x
	100     1.89 ms            115 µs           16x     3.34 ms           278 µs          12x
	1000    14.0 ms            704 µs           20x     32.0 ms           2.33 ms         14x

Each line costs a system call unbuffered; buffered, the cost is fmt's
formatting plus one write per 4 KB (the 10-line case is dominated by the
Seek and the single write both forms make).

# Precision

How its findings on real code were judged, with the counts: docs/judging.md,
"unbufio".
*/
package unbufio
