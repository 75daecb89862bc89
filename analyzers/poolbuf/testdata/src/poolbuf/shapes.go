package poolbuf

import (
	"hash/crc32"
	"io"
	"net"
	"os"
)

// Issue #32: shapes of the classes found missing on code written apart
// from these fixtures. Each must-flag shape has a must-not twin.

// A server's datagram loop: for { n, addr, err := conn.ReadFromUDP(buf) },
// with a fixed-size buffer made on every pass (one per datagram).
type packet struct {
	kind byte
	from string
}

// decode copies what it needs out of a datagram.
func decode(b []byte, addr net.Addr) packet {
	p := packet{from: addr.String()}
	if len(b) > 0 {
		p.kind = b[0]
	}
	return p
}

// udpConn is what the server needs of a *net.UDPConn; through the
// interface the compiler cannot keep the buffer on the stack (with the
// concrete *net.UDPConn it does, and there is nothing to report).
type udpConn interface {
	ReadFromUDP(b []byte) (int, *net.UDPAddr, error)
}

func serveUDP(conn udpConn, handle func(packet)) error {
	for {
		buf := make([]byte, 1500) // want `buf := make\(\[\]byte, …\) allocates 1500 bytes on every iteration; declare it once before the loop`
		n, addr, err := conn.ReadFromUDP(buf)
		if err != nil {
			return err
		}
		handle(decode(buf[:n], addr))
	}
}

// Twin: each datagram is kept (sent to another goroutine), so the buffer
// must be fresh.
func serveUDPKeeping(conn udpConn, out chan<- []byte) error {
	for {
		buf := make([]byte, 1500)
		n, _, err := conn.ReadFromUDP(buf)
		if err != nil {
			return err
		}
		out <- buf[:n]
	}
}

// The same with a packet connection and a loop that stops on a flag.
func servePackets(pc net.PacketConn, stop *bool, handle func(packet)) {
	for !*stop {
		buf := make([]byte, 2048) // want `buf := make\(\[\]byte, …\) allocates 2048 bytes on every iteration; declare it once before the loop`
		n, addr, err := pc.ReadFrom(buf)
		if err != nil {
			continue
		}
		handle(decode(buf[:n], addr))
	}
}

// Twin: the buffer is stored past the iteration.
func servePacketsStoring(pc net.PacketConn, stop *bool, got *[][]byte) {
	for !*stop {
		buf := make([]byte, 2048)
		n, _, err := pc.ReadFrom(buf)
		if err != nil {
			continue
		}
		*got = append(*got, buf[:n])
	}
}

// A 512-byte buffer made in a function that a loop of the package calls
// once per file.
func sniffFile(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 512) // want `head := make\(\[\]byte, …\) allocates 512 bytes on every call, and sniffFile is called in a loop; keep such buffers in a package-level sync.Pool`
	n, _ := io.ReadFull(f, head)
	return kindOf(head[:n]), nil
}

func kindOf(b []byte) string {
	if len(b) > 0 && b[0] == '{' {
		return "json"
	}
	return "data"
}

func sniffFiles(names []string) map[string]string {
	kinds := make(map[string]string, len(names))
	for _, name := range names {
		k, err := sniffFile(name)
		if err != nil {
			continue
		}
		kinds[name] = k
	}
	return kinds
}

// Twin: a function called once per file, whose buffer is returned.
func readHead(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	return head[:n], err
}

func readHeads(names []string) [][]byte {
	heads := make([][]byte, 0, len(names))
	for _, name := range names {
		h, err := readHead(name)
		if err == nil {
			heads = append(heads, h)
		}
	}
	return heads
}

// A method called once per entry in an index loop of another method.
type scanner struct{ root string }

func (s *scanner) checksum(name string) (uint32, error) {
	f, err := os.Open(s.root + "/" + name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	block := make([]byte, 4096) // want `block := make\(\[\]byte, …\) allocates 4096 bytes on every call, and checksum is called in a loop; keep such buffers in a package-level sync.Pool`
	h := crc32.NewIEEE()
	for {
		n, err := f.Read(block)
		h.Write(block[:n])
		if err != nil {
			return h.Sum32(), nil
		}
	}
}

func (s *scanner) all(names []string) []uint32 {
	sums := make([]uint32, len(names))
	for i := 0; i < len(names); i++ {
		sums[i], _ = s.checksum(names[i])
	}
	return sums
}

// Twin: a buffer too small for a pool (a 64-byte scratch).
func (s *scanner) tag(name string) (string, error) {
	f, err := os.Open(s.root + "/" + name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	small := make([]byte, 64)
	n, _ := io.ReadFull(f, small)
	return string(small[:n]), nil
}

func (s *scanner) tags(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		t, _ := s.tag(n)
		out = append(out, t)
	}
	return out
}
