package poolbufhot

import (
	"bytes"
	"io"
)

// Encode is hot in the profile the test writes (30% of samples).
func Encode(w io.Writer, s string) {
	var b bytes.Buffer // want `b is a new bytes.Buffer, whose storage is allocated again as it grows, on every call, and Encode has 30.0% of the CPU profile; keep such buffers in a package-level sync.Pool \(Get, Reset, Put after the last use\); hot: 30\.0% of CPU in Encode; no automatic fix: where the pool lives and where each path puts the buffer back are design choices$`
	b.WriteString(s)
	w.Write(b.Bytes())
}

// Rare never runs in the profile.
func Rare(w io.Writer, s string) {
	var b bytes.Buffer
	b.WriteString(s)
	w.Write(b.Bytes())
}
