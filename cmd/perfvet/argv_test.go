package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"testing"
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
	} {
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
