#!/usr/bin/env bash
# escape.sh: the first perfescape run on a package of a module whose build
# cache is warm from `go build ./...`, against what it costs the compiler
# itself: `go build -gcflags=PKG=-m=2 PKG`. Not part of CI.
#
# Usage: scripts/perf/escape.sh [-runs N] [MODULE@VERSION=PKG ...]
#   default: golang.org/x/tools@v0.52.0=./go/ssa
#            honnef.co/go/tools@v0.8.2=./staticcheck
#            github.com/golangci/golangci-lint/v2@v2.15.0=./pkg/commands
#   -runs  runs per tool and package (default 3); the table shows medians
#
# Each module is copied out of the module cache into a temporary directory
# (a main module, as a user's checkout is) and built with `go build ./...`
# to warm the cache. Before every timed run a comment is appended to a file
# of PKG: PKG's action ID changes, so PKG is compiled again (what a first
# run after an edit costs), while its dependencies stay cached. The two
# commands alternate. Output: a markdown table of median wall and CPU
# (user+sys) seconds and the ratio perfescape / go build.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=3
targets=()
while [ $# -gt 0 ]; do
	case "$1" in
	-runs) runs=$2; shift 2 ;;
	-h|--help) sed -n '2,19p' "$0"; exit 0 ;;
	*) targets+=("$1"); shift ;;
	esac
done
[ ${#targets[@]} -gt 0 ] || targets=(golang.org/x/tools@v0.52.0=./go/ssa honnef.co/go/tools@v0.8.2=./staticcheck github.com/golangci/golangci-lint/v2@v2.15.0=./pkg/commands)

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/perfescape" ./cmd/perfescape) || exit 1

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# timed LABEL CMD...: run CMD, append "wall cpu" to $work/LABEL.
timed() {
	local label=$1
	shift
	/usr/bin/time -f "%e %U %S" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { echo "$label failed:" >&2; tail -5 "$work/err" >&2; }
	awk '{printf "%s %.2f\n", $1, $2+$3}' "$work/t" >>"$work/$label"
}

echo "| module | package | go build -gcflags=PKG=-m=2 wall (cpu) | perfescape PKG wall (cpu) | ratio (wall) |"
echo "|---|---|---|---|---|"
for target in "${targets[@]}"; do
	mod=${target%%=*}
	pkg=${target#*=}
	src=$(go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	[ -n "$src" ] || { echo "cannot download $mod" >&2; continue; }
	dir="$work/$(echo "$mod" | tr '/@' '__')"
	cp -r "$src" "$dir" && chmod -R u+w "$dir"
	(cd "$dir" && go mod download && go build ./...) >/dev/null 2>&1 || { echo "$mod: go build ./... failed" >&2; continue; }
	importpath=$(cd "$dir" && go list "$pkg")
	file=$(cd "$dir" && go list -f '{{.Dir}}/{{index .GoFiles 0}}' "$pkg")
	rm -f "$work/base" "$work/pe"
	for i in $(seq "$runs"); do
		echo "// perfescape benchmark: base $i" >>"$file"
		(cd "$dir" && timed base go build -gcflags="$importpath=-m=2" "$pkg")
		echo "// perfescape benchmark: perfescape $i" >>"$file"
		(cd "$dir" && timed pe "$work/perfescape" "$pkg")
	done
	bw=$(cut -d' ' -f1 "$work/base" | median); bc=$(cut -d' ' -f2 "$work/base" | median)
	pw=$(cut -d' ' -f1 "$work/pe" | median); pc=$(cut -d' ' -f2 "$work/pe" | median)
	ratio=$(awk -v a="$pw" -v b="$bw" 'BEGIN {printf "%.2f", a/b}')
	echo "| $mod | $pkg | $bw ($bc) | $pw ($pc) | $ratio |"
done
