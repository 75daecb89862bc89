package driver

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"

	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/profile"
)

// A leakList gathers, across packages, the goroutine leak profile and the
// code whose leaked goroutines a leakysend finding named (report.LeakClaim),
// so that the leaks no finding named are listed once at the end: leaks
// perfvet's rules missed (issue #27). extract adds to it concurrently.
type leakList struct {
	mu      sync.Mutex
	profile *profile.Profile
	claims  []report.LeakClaim
}

func (l *leakList) add(ix *report.Index) {
	if ix == nil {
		return
	}
	p := ix.LeakProfile()
	if p == nil {
		return
	}
	claims := ix.LeakClaims()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.profile = p // one per run: -hot.profile names the same files for every package
	l.claims = append(l.claims, claims...)
}

// missed returns one line per place where goroutines of the profile are
// stuck that no finding claimed, most first, file names relative to wd.
func (l *leakList) missed(wd string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var lines []string
	for _, site := range l.profile.LeakSites() {
		if l.claimed(site) {
			continue
		}
		file := site.File
		if rel, err := filepath.Rel(wd, file); err == nil && !strings.HasPrefix(rel, "..") {
			file = rel
		}
		s := "s"
		if site.Count == 1 {
			s = ""
		}
		lines = append(lines, fmt.Sprintf("%s:%d: %d goroutine%s leaked in %s (goroutine leak profile); no perfvet rule found this leak",
			file, site.Line, site.Count, s, site.Func))
	}
	return lines
}

// claimed reports whether a finding named the function the site's
// goroutines were started in: its frame lies in a claimed range. Profile
// file names are absolute build paths or, under -trimpath, module paths:
// one ends with the other.
func (l *leakList) claimed(site profile.LeakSite) bool {
	entry := filepath.ToSlash(site.EntryFile)
	for _, c := range l.claims {
		file := filepath.ToSlash(c.File)
		if (strings.HasSuffix(file, "/"+entry) || strings.HasSuffix(entry, "/"+file) || file == entry) &&
			c.From <= site.EntryLine && site.EntryLine <= c.To {
			return true
		}
	}
	return false
}

// printMissedLeaks prints the leaks no finding named, after the findings.
func printMissedLeaks(w io.Writer, lines []string) {
	for _, line := range lines {
		fmt.Fprintln(w, line)
	}
}
