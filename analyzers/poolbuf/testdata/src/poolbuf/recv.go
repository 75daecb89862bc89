package poolbuf

import "net"

// Recall class (issue #20): a datagram buffer allocated per iteration of
// an unbounded receive loop, passed to a reader whose contract forbids
// keeping it (net.PacketConn.ReadFrom, like io.Reader.Read).

func serve(pc net.PacketConn) error {
	for {
		buf := make([]byte, 1500) // want `buf := make\(\[\]byte, …\) allocates 1500 bytes on every iteration; declare it once before the loop and reuse it with clear\(buf\) here`
		n, _, err := pc.ReadFrom(buf)
		if err != nil {
			return err
		}
		datagrams += sumBytes(buf[:n])
	}
}

var datagrams int

func sumBytes(b []byte) int {
	t := 0
	for _, c := range b {
		t += int(c)
	}
	return t
}

// Not flagged: each datagram is handed to another goroutine, which may
// still hold it when the next one arrives.
func serveAsync(pc net.PacketConn, out chan<- []byte) error {
	for {
		buf := make([]byte, 1500)
		n, _, err := pc.ReadFrom(buf)
		if err != nil {
			return err
		}
		out <- buf[:n]
	}
}
