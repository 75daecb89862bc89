#!/usr/bin/env bash
# fixroundtrip.sh: apply every perfvet fix to copies of real code and check
# the result still builds and passes go vet.
#
# Usage: scripts/fixroundtrip.sh [-a ANALYZER]... [-test] [std] [MODULE@VERSION]...
#   std              a copy of $(go env GOROOT), fixed with `perfvet -fix std`
#   MODULE@VERSION   a copy of that module from the module cache (downloaded
#                    if missing), fixed with `perfvet -fix ./...`
#   -a NAME          run only that analyzer (repeatable; default: all)
#   -test            also run `go test -short` on each changed package; a
#                    package whose tests fail is tested again without the
#                    fixes, and only a failure the fixes caused fails
# With no targets: std, golang.org/x/tools@v0.52.0, honnef.co/go/tools@v0.8.2
# and github.com/golangci/golangci-lint/v2@v2.15.0.
#
# For each target it prints the files the fixes changed, then PASS or FAIL
# for `go build` and `go vet` of the changed packages, and the diff of a
# failing package. Exit status: 0 if every target passes, 1 otherwise.
# Work happens in a temporary directory (kept with KEEP=1).
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
analyzers=()
targets=()
runtests=0
while [ $# -gt 0 ]; do
	case "$1" in
	-a) analyzers+=("-$2"); shift 2 ;;
	-test) runtests=1; shift ;;
	-h|--help) sed -n '2,20p' "$0"; exit 0 ;;
	*) targets+=("$1"); shift ;;
	esac
done
[ ${#targets[@]} -gt 0 ] || targets=(std golang.org/x/tools@v0.52.0 honnef.co/go/tools@v0.8.2 github.com/golangci/golangci-lint/v2@v2.15.0)

work=$(mktemp -d)
[ "${KEEP:-}" = 1 ] || trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
perfvet="$work/perfvet"
(cd "$repo" && go build -o "$perfvet" ./cmd/perfvet) || exit 1

goroot=$(go env GOROOT) path=$PATH
status=0
check() { # dir, packages...: build and vet the changed packages
	local dir=$1; shift
	if [ $# -eq 0 ]; then echo "  no file changed"; return 0; fi
	local ok=0
	if out=$(cd "$dir" && go build "$@" 2>&1); then echo "  go build: PASS"; else echo "  go build: FAIL"; echo "$out" | sed 's/^/    /'; ok=1; fi
	if out=$(cd "$dir" && go vet "$@" 2>&1); then echo "  go vet:   PASS"; else echo "  go vet:   FAIL"; echo "$out" | sed 's/^/    /'; ok=1; fi
	[ $runtests = 1 ] || return $ok
	local p pass=0 fail=0 preexisting=0
	for p in "$@"; do
		if (cd "$dir" && go test -short -timeout 5m "$p" >"$work/test.out" 2>&1); then
			pass=$((pass + 1))
		elif (cd "$orig" && GOROOT="$goroot" PATH="$path" go test -short -timeout 5m "$p" >/dev/null 2>&1); then
			fail=$((fail + 1)); ok=1
			echo "  go test $p: FAIL (passes without the fixes)"; sed 's/^/    /' "$work/test.out" | tail -30
		else
			preexisting=$((preexisting + 1))
			echo "  go test $p: fails without the fixes too (not counted)"
		fi
	done
	echo "  go test -short: $pass packages PASS, $fail FAIL, $preexisting fail without the fixes too"
	return $ok
}

for target in "${targets[@]}"; do
	echo "== $target"
	if [ "$target" = std ]; then
		root="$work/goroot"
		cp -a "$(go env GOROOT)" "$root"
		(cd "$root/src" && GOROOT="$root" PATH="$root/bin:$PATH" "$perfvet" "${analyzers[@]}" -fix std >"$work/std.log" 2>&1)
		changed=$(diff -rq "$(go env GOROOT)/src" "$root/src" | awk '{print $4}' | sed "s#^$root/src/##")
		echo "$changed" | grep . | sed 's/^/  changed: /'
		pkgs=$(echo "$changed" | grep . | xargs -r -n1 dirname | sort -u | sed 's#^#./#')
		orig="$(go env GOROOT)/src"
		# shellcheck disable=SC2086
		GOROOT="$root" PATH="$root/bin:$PATH" check "$root/src" $pkgs || { status=1; diff -ru "$(go env GOROOT)/src" "$root/src"; }
		continue
	fi
	src=$(go mod download -json "$target" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
	[ -n "$src" ] || { echo "  cannot download $target"; status=1; continue; }
	dir="$work/$(echo "$target" | tr '/@' '__')"
	cp -a "$src" "$dir" && chmod -R u+w "$dir"
	(cd "$dir" && GOFLAGS=-mod=mod "$perfvet" "${analyzers[@]}" -fix ./... >"$dir.log" 2>&1)
	changed=$(diff -rq "$src" "$dir" | grep -v '^Only in' | awk '{print $4}' | sed "s#^$dir/##")
	echo "$changed" | grep . | sed 's/^/  changed: /'
	pkgs=$(echo "$changed" | grep . | xargs -r -n1 dirname | sort -u | sed 's#^#./#')
	orig="$work/orig"
	rm -rf "$orig" && cp -a "$src" "$orig" && chmod -R u+w "$orig"
	# shellcheck disable=SC2086
	GOFLAGS=-mod=mod check "$dir" $pkgs || { status=1; diff -ru "$src" "$dir"; }
done
exit $status
