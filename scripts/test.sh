#!/usr/bin/env bash
# Set up (packages, build, install), then run every test: the codec unit
# test; in one throwaway PostgreSQL 15 cluster the pg_regress suites (make
# installcheck, the packager's suite, and make installcheck-extra), the
# README's examples and the client tests; the packaging checks; the same
# cluster tests on PostgreSQL 17 and 18, each in a minimal root of its
# Debian release (scripts/debian_root.sh, cached between runs); then the
# sharding test (four servers of its own), the whole suite again under
# ASan and UBSan, and a short fuzzing run.  Ends with one line
# "N passed, N failed".  Builds with WERROR=1: a warning fails the build.
#
#   scripts/test.sh                 everything (CI)
#   scripts/test.sh --in-root       in a root of scripts/debian_root.sh:
#                                   build, install and the cluster tests
#                                   of the PostgreSQL there
set -uo pipefail
cd "$(dirname "$0")/.."
export PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
export WERROR=1
pg_version=$("$PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
out=test/output
mkdir -p "$out"

# Inside the cluster (pg_virtualenv sets PGHOST, PGPORT, PGUSER, ...)
if [ "${1:-}" = --inside ]; then
	make -s installcheck PG_CONFIG="$PG_CONFIG" >"$out/regress.txt" 2>&1
	echo $? >"$out/regress.status"
	make -s installcheck-extra PG_CONFIG="$PG_CONFIG" >"$out/regress-extra.txt" 2>&1
	echo $? >"$out/regress-extra.status"
	test/readme/check.sh >"$out/readme.txt" 2>&1
	test/clients/run.sh >"$out/clients.txt" 2>&1
	exit 0
fi

passed=0
failed=0

# Adds the counts of a runner that ends with "N passed, N failed"
count_summary() {
	local name=$1 file=$2 summary
	[ -f "$file" ] && cat "$file"
	summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$file" 2>/dev/null | tail -1)
	if [ -n "$summary" ]; then
		passed=$((passed + $(echo "$summary" | cut -d' ' -f1)))
		failed=$((failed + $(echo "$summary" | cut -d' ' -f3)))
	else
		echo "$name: did not finish"
		failed=$((failed + 1))
	fi
}

# Adds the tests of a pg_regress run: PostgreSQL 15 prints "test name ...
# ok", 16 and later "ok N - name"
count_regress() {
	local name=$1 file=$2 status_file=$3 ok bad
	if [ ! -f "$file" ]; then
		echo "$name: did not run"
		failed=$((failed + 1))
		return
	fi
	cat "$file"
	ok=$(grep -cE '^(test +| +)?[a-z_0-9]+ +\.\.\. ok|^ok [0-9]+ ' "$file")
	bad=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+ ' "$file")
	if [ "$(cat "$status_file" 2>/dev/null)" != 0 ] && [ "$bad" = 0 ]; then
		bad=1			# the suite did not run to the end
	fi
	passed=$((passed + ok))
	failed=$((failed + bad))
	[ "$bad" != 0 ] && [ -s regression.diffs ] && cat regression.diffs
}

# The tests that need a server, in a cluster of their own (-t: its files
# live in a temporary folder, so runs never touch the machine's clusters)
cluster_tests() {
	rm -f "$out"/regress*.txt "$out"/regress*.status "$out/readme.txt" "$out/clients.txt"
	pg_virtualenv -t -v "$pg_version" "$0" --inside >"$out/cluster.txt" 2>&1 ||
		{ cat "$out/cluster.txt"; failed=$((failed + 1)); }
	count_regress "make installcheck" "$out/regress.txt" "$out/regress.status"
	count_regress "make installcheck-extra" "$out/regress-extra.txt" "$out/regress-extra.status"
	count_summary "README examples" "$out/readme.txt"
	count_summary "client tests" "$out/clients.txt"
}

# In a root of scripts/debian_root.sh (run on a copy of the repository)
if [ "${1:-}" = --in-root ]; then
	echo "== PostgreSQL $pg_version: $("$PG_CONFIG" --version), PostGIS" \
		"$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$($PG_CONFIG --sharedir)/extension/postgis.control")"
	if make -s clean PG_CONFIG="$PG_CONFIG" >/dev/null &&
		make -s PG_CONFIG="$PG_CONFIG" >"$out/build.txt" 2>&1 &&
		make -s install PG_CONFIG="$PG_CONFIG" >>"$out/build.txt" 2>&1; then
		echo "ok - PostgreSQL $pg_version: builds with no warning (WERROR=1) and installs"
		passed=$((passed + 1))
		cluster_tests
	else
		cat "$out/build.txt"
		echo "FAILED - PostgreSQL $pg_version: build or install"
		failed=$((failed + 1))
	fi
	echo "$passed passed, $failed failed"
	exit 0
fi

# psycopg2 and QGIS for the client tests (ogr2ogr, which they also use,
# comes with the demo's packages, and so, for its map, does QGIS)
./scripts/setup.sh python3-psycopg2 qgis python3-qgis || { echo "0 passed, 1 failed"; exit 1; }
rm -f "$out"/*.txt "$out"/*.status

# The codec, over byte vectors
make -s unittest PG_CONFIG="$PG_CONFIG" >"$out/unit.txt" 2>&1
count_summary "codec unit test" "$out/unit.txt"

cluster_tests

# Exported symbols, META.json, released scripts
test/packaging/check.sh >"$out/packaging.txt" 2>&1
count_summary "packaging checks" "$out/packaging.txt"

# PostgreSQL 17 (Debian 13) and 18 (Debian unstable), each in a root of its
# release; the repository is copied in, so the builds stay apart
for release in trixie sid; do
	MARITIME_ROOT_EXTRA=gdal-bin ./scripts/debian_root.sh "$release" --run sh -c \
		'rm -rf /tmp/maritime && cp -a /src /tmp/maritime && cd /tmp/maritime &&
		 rm -rf test/output && exec scripts/test.sh --in-root' >"$out/$release.txt" 2>&1
	count_summary "Debian $release" "$out/$release.txt"
done

# Sharding over postgres_fdw: starts and removes four servers of its own
test/sharding/run.sh >"$out/sharding.txt" 2>&1
count_summary "sharding test" "$out/sharding.txt"

# The suite again, with maritime built with ASan and UBSan (a server of its
# own, from a private copy of PostgreSQL's files)
./scripts/sanitize.sh >"$out/sanitize.txt" 2>&1
count_summary "sanitizer run" "$out/sanitize.txt"

# Fuzzing, about 90 s: sqlsmith and test/fuzz/targeted.py in a cluster of
# their own (scripts/fuzz.sh --long MINUTES for a longer run by hand)
./scripts/fuzz.sh --quick >"$out/fuzz.txt" 2>&1
count_summary "fuzzing" "$out/fuzz.txt"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
