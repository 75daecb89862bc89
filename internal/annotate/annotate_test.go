package annotate

import (
	"strings"
	"testing"
)

func TestGitHub(t *testing.T) {
	var b strings.Builder
	GitHub(&b, "error", "a,b:c.go", 3, 4, "perf: x", "line one\nline 100%")
	want := "::error file=a%2Cb%3Ac.go,line=3,col=4,title=perf%3A x::line one%0Aline 100%25\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
