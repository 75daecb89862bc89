package unbufio

import (
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
)

type row struct {
	Name  string
	Count int
}

// The article's form: one Fprintf per row straight to the file.
func writeReport(path string, rows []row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	for _, r := range rows {
		fmt.Fprintf(f, "%s\t%d\n", r.Name, r.Count) // want `fmt.Fprintf to f in a loop makes a write system call on every iteration; wrap f in a bufio.Writer before the loop and Flush it after`
	}
	return nil
}

// The write's own error branch may return: the data is lost either way.
func writeChecked(path string, rows []row) (int, error) {
	out, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer out.Close()
	n := 0
	for _, r := range rows {
		if _, err := fmt.Fprintln(out, r.Name); err != nil { // want `2 writes \(fmt.Fprintln, ...\) to out in a loop make a write system call each on every iteration; wrap out in a bufio.Writer`
			return n, err
		}
		_, err = out.WriteString(strconv.Itoa(r.Count))
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Several small writes per iteration: one finding, every write rewritten.
func writeMany(path string, names []string) (string, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return "", err
	}
	for _, name := range names {
		f.WriteString(name)       // want `3 writes \(WriteString, ...\) to f in a loop make a write system call each`
		f.Write([]byte{'\t'})     // the second
		io.WriteString(f, "ok\n") // the third
	}
	return path, f.Close()
}

// A parameter, with nothing in the loop that could write to it elsewhere.
func writeTo(f *os.File, n int) error {
	for i := range n {
		fmt.Fprintln(f, strconv.Itoa(i)) // want `fmt.Fprintln to f in a loop`
	}
	return nil
}

// A parameter, and the loop calls code that may print to the same file.
func writeToCalling(f *os.File, rows []row) error {
	for _, r := range rows {
		fmt.Fprintln(f, r.Name) // want `no automatic fix: f comes from the caller or another variable, and code called in the loop \(line 76\) may write to the same file`
		report(r)
	}
	return nil
}

func report(r row) { fmt.Println(r.Name) }

// No error result to return a failed Flush through.
func writeNoError(f *os.File, rows []row) {
	for _, r := range rows {
		fmt.Fprintln(f, r.Name) // want `no automatic fix: the function returns no error, so a failed Flush could not be reported`
	}
}

// A return that skips the Flush.
func writeUntil(path string, rows []row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.Count < 0 {
			return nil
		}
		fmt.Fprintln(f, r.Name) // want `no automatic fix: the loop can return early \(line 98\) without a Flush`
	}
	return f.Close()
}

// A labelled break of an outer loop skips the Flush after the inner one;
// the fix wraps the outer loop instead, which that break leaves normally.
func writeGrid(path string, grid [][]int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
outer:
	for _, line := range grid {
		for _, v := range line {
			if v < 0 {
				break outer
			}
			fmt.Fprint(f, v, " ") // want `2 writes \(fmt.Fprint, ...\) to f in a loop`
		}
		f.WriteString("\n")
	}
	return f.Close()
}

// The file is handed to other code, whose writes would interleave.
func writeShared(path string, rows []row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	writeHeader(f)
	for _, r := range rows {
		fmt.Fprintln(f, r.Name) // want `no automatic fix: f is shared at line 131`
	}
	return f.Close()
}

func writeHeader(w io.Writer) { fmt.Fprintln(w, "name") }

// The file is used in the loop other than to write.
func writeSynced(path string, rows []row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	for _, r := range rows {
		fmt.Fprintln(f, r.Name) // want `no automatic fix: f is used in the loop other than to write to it \(line 148\)`
		f.Sync()
	}
	return f.Close()
}

// Printing to standard output is reported only with -unbufio.stdout.
func printAll(rows []row) {
	for _, r := range rows {
		fmt.Println(r.Name, r.Count)
		fmt.Fprintln(os.Stdout, r.Count)
	}
}

// A connection dialled here: nothing else holds it.
func sendAll(addr string, keys []string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, k := range keys {
		conn.Write([]byte(k + "\n")) // want `Write to conn in a loop`
	}
	return nil
}

// An infinite loop left only by break: the Flush after it runs.
func writeUntilZero(f *os.File, xs []int) error {
	i := 0
	for {
		if xs[i] == 0 {
			break
		}
		fmt.Fprintln(f, xs[i]) // want `fmt.Fprintln to f in a loop`
		i++
	}
	return nil
}

// A closure's loop returns from the closure.
var writeLines = func(f *os.File, lines []string) (bool, error) {
	for _, l := range lines {
		f.WriteString(l) // want `WriteString to f in a loop`
	}
	return true, nil
}

// A file opened per item is written per item, in a loop of its own.
func writeFiles(dir string, items [][]string) error {
	for i, lines := range items {
		f, err := os.Create(dir + strconv.Itoa(i))
		if err != nil {
			return err
		}
		for _, l := range lines {
			fmt.Fprintln(f, l) // want `fmt.Fprintln to f in a loop`
		}
		f.Close()
	}
	return nil
}

// A deferred write runs at the function's end, after the Flush: it is
// neither flagged nor rewritten, and it keeps the fix away.
func writeDeferred(path string, rows []row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	for _, r := range rows {
		fmt.Fprintln(f, r.Name) // want `no automatic fix: f is used in the loop other than to write to it \(line 219\)`
		defer fmt.Fprintln(f, "done")
	}
	return nil
}
