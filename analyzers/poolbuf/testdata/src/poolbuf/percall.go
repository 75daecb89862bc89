package poolbuf

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

type server struct{}

// Must flag: per request, and the buffer dies with the call.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer // want `buf is a new bytes.Buffer, whose storage is allocated again as it grows, on every call, and the handler runs once per request; keep such buffers in a package-level sync.Pool`
	json.NewEncoder(&buf).Encode(r.URL.Query())
	w.Write(buf.Bytes())
}

func handle(mux *http.ServeMux) {
	mux.HandleFunc("/x", func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 0, 2048) // want `b := make\(\[\]byte, …\) allocates 2048 bytes on every call, and the handler runs once per request`
		b = append(b, r.URL.Path...)
		w.Write(b)
	})
}

// Must flag: format is called in a loop of the package.
func format(v any) string {
	b := new(bytes.Buffer) // want `b is a new bytes.Buffer.* on every call, and format is called in a loop`
	json.NewEncoder(b).Encode(v)
	return b.String()
}

func formatAll(vs []any) []string {
	var out []string
	for _, v := range vs {
		out = append(out, format(v))
	}
	return out
}

// Must not flag: the buffer's bytes are returned.
func encode(v any) []byte {
	b := new(bytes.Buffer)
	json.NewEncoder(b).Encode(v)
	return b.Bytes()
}

func encodeEach(vs []any) (out [][]byte) {
	for _, v := range vs {
		out = append(out, encode(v))
	}
	return out
}

// Must not flag: only the error path builds the buffer.
func check(names []string) error {
	for _, n := range names {
		if n == "" {
			var b bytes.Buffer
			b.WriteString("empty name among: ")
			for _, m := range names {
				b.WriteString(m)
			}
			return errors.New(b.String())
		}
	}
	return nil
}

func checkAll(groups [][]string) (errs []error) {
	for _, g := range groups {
		errs = append(errs, check(g))
	}
	return errs
}

// Must not flag: the loop only starts the workers; work runs once per
// goroutine, not once per iteration (issue #16). Its hot twin is format,
// called in formatAll's loop.
func work(jobs <-chan any, out chan<- string) {
	b := new(bytes.Buffer)
	json.NewEncoder(b).Encode(<-jobs)
	out <- b.String()
}

func startWorkers(n int, jobs <-chan any, out chan<- string) {
	for i := 0; i < n; i++ {
		go func() { work(jobs, out) }()
	}
}

// Recall class (issue #20): a fixed 512-byte buffer in a function called
// once per element of a loop of the package.
func sniff(r io.Reader) int {
	buf := make([]byte, 512) // want `buf := make\(\[\]byte, …\) allocates 512 bytes on every call, and sniff is called in a loop`
	n, _ := io.ReadFull(r, buf)
	return n
}

func sniffAll(rs []io.Reader) int {
	t := 0
	for _, r := range rs {
		t += sniff(r)
	}
	return t
}

// Must not flag: the same buffer, in a function called once.
func sniffOnce(r io.Reader) int {
	buf := make([]byte, 512)
	n, _ := io.ReadFull(r, buf)
	return n
}

var _ = sniffOnce

type frame struct{ data []byte }

// Not flagged: the Buffer wraps a slice sized exactly to each call, so it
// never grows, and a pool would keep the largest frame it has seen (issue
// #16; chzyer/readline's remote protocol).
func (f *frame) encode(w io.Writer) error {
	buf := bytes.NewBuffer(make([]byte, 0, len(f.data)+4))
	buf.Write(f.data)
	_, err := buf.WriteTo(w)
	return err
}

func sendFrames(w io.Writer, fs []*frame) error {
	for _, f := range fs {
		if err := f.encode(w); err != nil {
			return err
		}
	}
	return nil
}
