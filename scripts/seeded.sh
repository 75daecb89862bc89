#!/usr/bin/env bash
# seeded.sh: seeded regressions against a real module's own profile.
#
#   scripts/seeded.sh MODULE_DIR PKG [PERFVET]
#
# In a scratch copy of MODULE_DIR, for each cost analyzer's pattern in
# turn: insert one instance at the top of the package PKG's (a directory
# relative to MODULE_DIR) hottest function in its benchmarks' CPU profile,
# and one in a function of the package the profile never saw; profile the
# package's benchmarks again (CPU and allocations); run perfvet with those
# profiles (text output, hottest first). Prints one table row per
# analyzer: where the hot insertion ranks among the findings (target: in
# the top 5) and whether the cold one is shown (target: no).
#
# PERFVET is the perfvet binary (default: perfvet on PATH). BENCHTIME
# (default 100ms) is go test's -benchtime. Needs go and go tool pprof.
set -euo pipefail

mod=$(cd "$1" && pwd)
pkg=$2
perfvet=${3:-perfvet}
benchtime=${BENCHTIME:-100ms}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$mod" "$work/pristine"
chmod -R u+w "$work/pristine"
cd "$work/pristine/$pkg"
importpath=$(go list .)
pkgname=$(go list -f '{{.Name}}' .)

profile() { # profile DIR: CPU and allocation profiles of DIR's benchmarks
	(cd "$1" && go test -run '^$' -bench . -benchtime="$benchtime" -cpuprofile cpu.pprof \
		-memprofile mem.pprof -o pkg.test . >bench.log 2>&1)
}

# declared NAME: the file and line of NAME's declaration (func F or a
# method (r *T) F) in the package's non-test files.
declared() {
	local name=$1
	grep -nE "^func (\([^)]*\) )?$name(\[[^]]*\])?\(" $(ls *.go | grep -v _test.go) 2>/dev/null | head -1 | cut -d: -f1,2
}

profile .
# Functions of the package in the profile, hottest (cumulative) first;
# closures and generic instantiations aside.
quoted=$(printf '%s' "$importpath" | sed 's/[.[\*^$/]/\\&/g')
seen=$(go tool pprof -top -cum -nodecount=100000 pkg.test cpu.pprof 2>/dev/null |
	sed -nE "s/.* $quoted\.(\(\*?[A-Za-z0-9_]+\)\.)?([A-Za-z0-9_]+)$/\2/p")
hot=""
for f in $seen; do
	if at=$(declared "$f") && [ -n "$at" ] && [ "$f" != init ]; then hot=$f; hotat=$at; break; fi
done
cold=""
for f in $(sed -nE 's/^func (\([^)]*\) )?([A-Z][A-Za-z0-9_]*)[[(].*/\2/p' $(ls *.go | grep -v _test.go) | sort -u); do
	if ! grep -qx "$f" <<<"$seen"; then cold=$f; coldat=$(declared "$f"); break; fi
done
if [ -z "$hot" ] || [ -z "$cold" ]; then
	echo "seeded.sh: no hot ($hot) or cold ($cold) function found in $importpath" >&2
	exit 1
fi
echo "module $(go list -m), package $importpath: hot $hot ($hotat), cold $cold ($coldat)"

# block ANALYZER SUFFIX: the statements that seed ANALYZER's pattern.
block() {
	case $1 in
	concatloop) cat <<-EOT
		{
			s := ""
			for _, x := range perfvetSeedWords {
				s += x
			}
			perfvetSeedString = s
		}
		EOT
		;;
	prealloc) cat <<-EOT
		{
			var out []int
			for _, x := range perfvetSeedInts {
				out = append(out, x*2)
			}
			perfvetSeedN += len(out)
		}
		EOT
		;;
	boxing) cat <<-EOT
		{
			var vals []any
			for _, p := range perfvetSeedPoints {
				vals = append(vals, p)
			}
			perfvetSeedN += len(vals)
		}
		EOT
		;;
	regexpcompile) cat <<-EOT
		for _, w := range perfvetSeedWords {
			if perfvetre.MustCompile(\`^a+b\$\`).MatchString(w) {
				perfvetSeedN++
			}
		}
		EOT
		;;
	reflectloop) cat <<-EOT
		for i := range perfvetSeedPoints {
			perfvetSeedF += perfvetreflect.ValueOf(perfvetSeedPoints[i]).FieldByName("X").Float()
		}
		EOT
		;;
	poolbuf) cat <<-EOT
		for _, w := range perfvetSeedWords {
			buf := make([]byte, 0, perfvetSeedSize+len(w))
			buf = append(buf, w...)
			perfvetSeedN += len(buf)
		}
		EOT
		;;
	mutexcount) echo "perfvetSeedCounter$2.inc()" ;;
	esac
}

seedfile() { # the declarations the blocks use
	cat <<-EOT
	package $pkgname

	import "sync"

	var (
		perfvetSeedWords  = []string{"aab", "b", "ab", "aaab", "c", "abc", "aaaab", "ba", "aab", "b", "ab", "aaab", "c", "abc", "aaaab", "ba"}
		perfvetSeedInts   = make([]int, 64)
		perfvetSeedPoints = make([]perfvetSeedPoint, 16)
		perfvetSeedString string
		perfvetSeedN      int
		perfvetSeedF      float64
		perfvetSeedSize   = 4096
	)

	type perfvetSeedPoint struct{ X, Y, Z float64 }

	type perfvetSeedCounterH struct {
		mu sync.Mutex
		n  int64
	}

	func (c *perfvetSeedCounterH) inc() {
		c.mu.Lock()
		c.n++
		c.mu.Unlock()
	}

	type perfvetSeedCounterC struct {
		mu sync.Mutex
		n  int64
	}

	func (c *perfvetSeedCounterC) inc() {
		c.mu.Lock()
		c.n++
		c.mu.Unlock()
	}

	var perfvetSeedCounterHv perfvetSeedCounterH
	var perfvetSeedCounterCv perfvetSeedCounterC
	EOT
}

# insert FILE:LINE TEXT-FILE: the text after the line of FILE at LINE
# where the function's body opens (its first line ending in '{').
insert() {
	local file=${1%%:*} line=${1##*:}
	awk -v start="$line" -v textfile="$2" '
		{ print }
		NR >= start && !done && /\{[ \t]*$/ { while ((getline l < textfile) > 0) print "\t" l; done = 1 }
	' "$file" >"$file.new" && mv "$file.new" "$file"
}

printf '\n| analyzer | hot insertion: rank among findings | cold insertion shown |\n|---|---|---|\n'
for a in concatloop prealloc boxing regexpcompile reflectloop poolbuf mutexcount; do
	rm -rf "$work/try"
	cp -r "$work/pristine" "$work/try"
	dir="$work/try/$pkg"
	cd "$dir"
	seedfile >perfvet_seed.go
	for at in "$hotat:H" "$coldat:C"; do
		site=${at%:*}
		block "$a" "${at##*:}" | sed 's/perfvetSeedCounter\([HC]\)\.inc/perfvetSeedCounter\1v.inc/' >"$work/block.txt"
		insert "$site" "$work/block.txt"
	done
	# Imports the blocks need, as a second import declaration with names
	# no file uses.
	for f in $(printf '%s\n' "${hotat%%:*}" "${coldat%%:*}" | sort -u); do
		sed -i '0,/^package .*/s//&\n\nimport (\n\tperfvetre "regexp"\n\tperfvetreflect "reflect"\n)/' "$f"
		printf '\nvar _ = perfvetre.MustCompile\nvar _ = perfvetreflect.ValueOf\n' >>"$f"
	done
	if ! go build . 2>"$work/build.log"; then
		echo "| $a | did not build: $(head -1 "$work/build.log") | |"
		continue
	fi
	profile .
	out=$("$perfvet" -hot.profile="$dir/cpu.pprof,$dir/mem.pprof" . 2>&1 || true)
	# The findings' lines, hottest first; the seeded ones are known by the
	# text they flag.
	# the inserted block starts in the line after each function's
	# (shifted) declaration and takes at most 8 lines
	hotline=$(declared "$hot" | cut -d: -f2)
	rank=$(grep -E "^[^ ]+\.go:[0-9]+" <<<"$out" | awk -F: -v f="$(basename "${hotat%%:*}")" -v from="$hotline" -v to="$((hotline + 10))" -v a="$a" '
		$1 == f && $2 >= from && $2 <= to && $0 ~ "\\(" a "\\)$" { print NR; exit }' || true)
	if [ "$a" = mutexcount ]; then
		rank=$(grep -E "^[^ ]+\.go:[0-9]+" <<<"$out" | grep -n "perfvet_seed.go.*(mutexcount)" | head -1 | cut -d: -f1 || true)
		hotcount=$(grep -c "perfvet_seed.go.*(mutexcount)" <<<"$out" || true)
		coldshown="no"
		[ "$hotcount" -gt 1 ] && coldshown="yes"
	else
		coldline=$(declared "$cold" | cut -d: -f2)
		coldshown=$(grep -E "^[^ ]+\.go:[0-9]+" <<<"$out" | awk -F: -v f="$(basename "${coldat%%:*}")" -v from="$coldline" -v to="$((coldline + 10))" -v a="$a" '
			$1 == f && $2 >= from && $2 <= to && $0 ~ "\\(" a "\\)$" { print "yes"; exit }')
		coldshown=${coldshown:-no}
	fi
	total=$(grep -cE "^[^ ]+\.go:[0-9]+" <<<"$out" || true)
	echo "| $a | ${rank:-not reported} of $total | $coldshown |"
done
