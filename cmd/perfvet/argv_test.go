package main

import (
	"net/http"
	"net/http/httptest"
	"net/http/pprof"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/internal/profile"
)

func TestPreparse(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args     []string
		mode     int
		irChecks bool
		escape   bool
		profile  string
		cfgFile  string
		vetArgs  []string // inv.args under -vet
	}{
		{args: []string{"./..."}},
		{args: []string{"-ir-checks", "./..."}, irChecks: true},
		{args: []string{"-ir-checks=1", "./..."}, irChecks: true},
		{args: []string{"--ir-checks=T", "./..."}, irChecks: true},
		{args: []string{"-ir-checks=false", "./..."}},
		// A flag with a separate value is skipped whole, so what follows is read.
		{args: []string{"-pooluse.maxcap", "100", "-ir-checks", "./..."}, irChecks: true},
		{args: []string{"-prealloc.conditional", "-ir-checks", "./..."}, irChecks: true},
		{args: []string{"-SA6000", "-ir-checks", "./..."}, irChecks: true},
		// Flags end at the first argument that is not one.
		{args: []string{"./...", "-ir-checks"}},
		{args: []string{"--", "-ir-checks"}},
		// go vet's calls.
		{args: []string{"-flags"}, mode: modeVetTool},
		{args: []string{"-V=full"}, mode: modeVetTool},
		{args: []string{"-json", "-escape=TRUE", "vet.cfg"}, mode: modeVetTool, escape: true, cfgFile: "vet.cfg"},
		{args: []string{"-escape=t", "-hot.profile", "/p/cpu.pprof", "vet.cfg"}, mode: modeVetTool, escape: true, profile: "/p/cpu.pprof", cfgFile: "vet.cfg"},
		{args: []string{"-hot.profile=a.pprof", "-hot.profile", "b.pprof", "./..."}, profile: "a.pprof,b.pprof"},
		// -vet: go vet's own flags pass through, relative profiles become absolute.
		{
			args:    []string{"-vet", "-tags=x", "-hot.profile", "cpu.pprof", "-escape", "./..."},
			mode:    modeGoVet,
			escape:  true,
			profile: "cpu.pprof",
			vetArgs: []string{"-tags=x", "-hot.profile", filepath.Join(wd, "cpu.pprof"), "-escape", "./..."},
		},
		{
			args:    []string{"-hot.profile=auto,x.pprof", "-vet", "./..."},
			mode:    modeGoVet,
			profile: "auto,x.pprof",
			vetArgs: []string{"-hot.profile=auto," + filepath.Join(wd, "x.pprof"), "./..."},
		},
		// URLs and off stay as they are (runGoVet fetches URLs once).
		{
			args:    []string{"-vet", "-hot.profile", "http://localhost:6060/debug/pprof/allocs,off", "./..."},
			mode:    modeGoVet,
			profile: "http://localhost:6060/debug/pprof/allocs,off",
			vetArgs: []string{"-hot.profile", "http://localhost:6060/debug/pprof/allocs,off", "./..."},
		},
	} {
		if tc.profile == "" {
			tc.profile = profile.Default // profile first: auto unless argv says otherwise
		}
		inv := preparse(tc.args)
		if inv.mode != tc.mode || inv.opts.IRChecks != tc.irChecks || inv.opts.Escape != tc.escape ||
			inv.opts.Hot.Profile != tc.profile || inv.cfgFile != tc.cfgFile {
			t.Errorf("preparse(%q) = mode %d, ir-checks %v, escape %v, profile %q, cfg %q; want %d, %v, %v, %q, %q",
				tc.args, inv.mode, inv.opts.IRChecks, inv.opts.Escape, inv.opts.Hot.Profile, inv.cfgFile,
				tc.mode, tc.irChecks, tc.escape, tc.profile, tc.cfgFile)
		}
		want := tc.vetArgs
		if tc.mode != modeGoVet {
			want = tc.args
		}
		if !slices.Equal(inv.args, want) {
			t.Errorf("preparse(%q).args = %q, want %q", tc.args, inv.args, want)
		}
	}
}

func TestVersionOf(t *testing.T) {
	// go version -m's fields: a tagged module, and a build from a checkout.
	if got := versionOf(&debugInfoTagged); got != "perfvet v1.2.3 go1.26.0" {
		t.Errorf("tagged: %q", got)
	}
	if got := versionOf(&debugInfoDevel); got != "perfvet (devel) (0123abcd, 2026-12-07T00:00:00Z, modified) go1.26.0" {
		t.Errorf("checkout: %q", got)
	}
}

var (
	debugInfoTagged = debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "github.com/perfvet/perfvet", Version: "v1.2.3"}}
	debugInfoDevel  = debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "github.com/perfvet/perfvet", Version: "(devel)"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.time", Value: "2026-12-07T00:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
)

// TestFetchProfiles checks that perfvet -vet fetches a profile URL once,
// before go vet starts the tool per package, in both forms of the flag,
// and leaves files, auto and other flags alone; an unreachable URL is an
// error.
func TestFetchProfiles(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index) // /allocs
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	url := srv.URL + "/debug/pprof/allocs"
	got, err := fetchProfiles(preparse([]string{"-tags=x", "-hot.profile=" + url + ",/p/cpu.pprof", "-vet", "-hot.profile", url, "-escape", "./..."}), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 6 || got[0] != "-tags=x" || got[2] != "-hot.profile" || got[4] != "-escape" || got[5] != "./..." {
		t.Fatalf("fetchProfiles = %q", got)
	}
	first, ok := strings.CutPrefix(got[1], "-hot.profile=")
	files := profile.SplitPaths(first)
	if !ok || len(files) != 2 || files[1] != "/p/cpu.pprof" || filepath.Dir(files[0]) != dir || filepath.Dir(got[3]) != dir {
		t.Fatalf("fetchProfiles = %q, want the URLs replaced by files in %s", got, dir)
	}
	for _, f := range []string{files[0], got[3]} {
		if set, err := profile.LoadFiles([]string{f}); err != nil || set.Empty() {
			t.Errorf("%s: %v", f, err)
		}
	}
	same := []string{"-hot.profile=auto", "./..."}
	if got, err := fetchProfiles(preparse(append([]string{"-vet"}, same...)), dir); err != nil || !slices.Equal(got, same) {
		t.Errorf("fetchProfiles(%q) = %q, %v", same, got, err)
	}
	srv.Close()
	if _, err := fetchProfiles(preparse([]string{"-vet", "-hot.profile=" + url, "./..."}), dir); err == nil {
		t.Error("a server that is gone: no error")
	}
}
