package unbufio

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"time"
)

// Standard error is unbuffered on purpose.
func warnAll(errs []error) {
	for _, err := range errs {
		fmt.Fprintln(os.Stderr, err)
	}
}

// Copying chunks: each Write carries a whole buffer.
func copyChunks(dst, src *os.File) error {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			dst.Write(buf[:n])
		}
		if err != nil {
			return nil
		}
	}
}

// Already buffered.
func writeBuffered(f *os.File, rows []row) error {
	w := bufio.NewWriter(f)
	for _, r := range rows {
		fmt.Fprintln(w, r.Name)
	}
	return w.Flush()
}

// An io.Writer may be buffered already: nothing is known.
func writeAny(w io.Writer, rows []row) {
	for _, r := range rows {
		fmt.Fprintln(w, r.Name)
	}
}

// A loop bounded by a small constant writes little.
func writeFew(f *os.File) {
	for i := 0; i < 3; i++ {
		fmt.Fprintln(f, i)
	}
}

// Paced by a sleep: each line should go out at once (progress output).
func progress(f *os.File, n int) {
	for i := range n {
		fmt.Fprintf(f, "\r%d%%", i)
		time.Sleep(time.Second)
	}
}

// Paced by a channel: a log writer goroutine.
func logLines(f *os.File, lines <-chan string) {
	for l := range lines {
		f.WriteString(l)
	}
}

// Paced by a select.
func heartbeat(conn net.Conn, done <-chan struct{}, n int) {
	for range n {
		select {
		case <-done:
			return
		default:
		}
		conn.Write([]byte("ping"))
	}
}

// A request before each response.
func ask(conn net.Conn, keys []string) {
	buf := make([]byte, 512)
	for _, k := range keys {
		conn.Write([]byte(k))
		conn.Read(buf)
	}
}

// Written once, then the loop ends.
func writeFirst(f *os.File, rows []row) {
	for _, r := range rows {
		fmt.Fprintln(f, r.Name)
		return
	}
}

// One write per goroutine: no loop of writes in one goroutine.
func writeAsync(f *os.File, rows []row) {
	for _, r := range rows {
		go func() { fmt.Fprintln(f, r.Name) }()
	}
}

// A file opened and written once per item.
func writeEach(dir string, names []string) {
	for _, name := range names {
		f, err := os.Create(dir + name)
		if err != nil {
			continue
		}
		f.WriteString(name)
		f.Close()
	}
}
