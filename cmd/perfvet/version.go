package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// version says which perfvet this is, from the build information that go
// version -m shows: the module version when installed with go install
// module@version, else the VCS revision the binary was built from.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "perfvet (unknown version: no build information) " + runtime.Version()
	}
	return versionOf(info)
}

func versionOf(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var vcs []string
	settings := make(map[string]string, len(info.Settings))
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		vcs = append(vcs, rev)
	}
	if t := settings["vcs.time"]; t != "" {
		vcs = append(vcs, t)
	}
	if settings["vcs.modified"] == "true" {
		vcs = append(vcs, "modified")
	}
	out := "perfvet " + v
	if len(vcs) > 0 && (v == "(devel)" || strings.Contains(v, "+dirty")) {
		out += " (" + strings.Join(vcs, ", ") + ")"
	}
	return fmt.Sprintf("%s %s", out, info.GoVersion)
}
