package escape

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// FuzzParseLine: the line parser and the Scanner never panic, and what
// they return is consistent with the input.
// go test ./escape -run XXX -fuzz FuzzParseLine -fuzztime 60s
func FuzzParseLine(f *testing.F) {
	for _, name := range compilerOutputs(f) {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		for i, l := range lines {
			if i%7 == 0 { // a sample keeps the seed corpus quick to run
				f.Add(l)
			}
		}
	}
	f.Fuzz(func(t *testing.T, line string) {
		l := ParseLine(line)
		if l.Kind >= numKinds {
			t.Fatalf("kind %d out of range", l.Kind)
		}
		if !strings.Contains(line, l.Text) || !strings.Contains(line, l.Pos.File) {
			t.Fatalf("Text %q or file %q not from the line %q", l.Text, l.Pos.File, line)
		}
		if l.Pos.Line < 0 || l.Pos.Col < 0 {
			t.Fatalf("negative position %+v", l.Pos)
		}
		s := NewScanner(strings.NewReader(line+"\n"+line), nil)
		n := 0
		for s.Scan() {
			n++
		}
		if st := s.Stats(); st.Lines > 2 && !strings.Contains(line, "\n") && !strings.HasPrefix(line, "{") {
			t.Fatalf("%d lines from two", st.Lines)
		}
	})
}
