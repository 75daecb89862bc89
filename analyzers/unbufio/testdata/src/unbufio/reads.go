package unbufio

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
)

// The article's form: Fscanln reads the file a byte per system call.
func readWords(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var words []string
	for {
		var w string
		if _, err := fmt.Fscanln(f, &w); err != nil { // want `fmt.Fscanln from f in a loop reads it one byte per system call; read through a bufio.Reader .*no automatic fix: a buffered reader reads ahead`
			break
		}
		words = append(words, w)
	}
	return words, nil
}

// A byte at a time from a connection.
func readLine(conn net.Conn) []byte {
	one := make([]byte, 1)
	var line []byte
	for {
		if _, err := conn.Read(one); err != nil { // want `Read from conn in a loop reads it one byte per system call`
			return line
		}
		if one[0] == '\n' {
			return line
		}
		line = append(line, one[0])
	}
}

// Through io.ReadFull and an array.
func readBytes(f *os.File, n int) []byte {
	var b [1]byte
	out := make([]byte, 0, n)
	for range n {
		io.ReadFull(f, b[:]) // want `io.ReadFull from f in a loop`
		out = append(out, b[0])
	}
	return out
}

// fmt.Scan reads standard input.
func readInts(n int) []int {
	xs := make([]int, n)
	for i := range xs {
		fmt.Scan(&xs[i]) // want `fmt.Scan from os.Stdin in a loop`
	}
	return xs
}

// Buffered already.
func readBuffered(f *os.File, n int) []int {
	r := bufio.NewReader(f)
	xs := make([]int, n)
	for i := range xs {
		fmt.Fscan(r, &xs[i])
	}
	return xs
}

// Large reads.
func readChunks(f *os.File) int {
	buf := make([]byte, 4096)
	total := 0
	for {
		n, err := f.Read(buf)
		total += n
		if err != nil {
			return total
		}
	}
}

// A one-byte buffer that is later replaced by a large one.
func readGrowing(f *os.File, n int) int {
	buf := make([]byte, 1)
	total := 0
	for range n {
		k, _ := f.Read(buf)
		total += k
		buf = make([]byte, 4096)
	}
	return total
}
