#!/usr/bin/env bash
# Set up (packages, build, install), then run every test: the codec unit
# test, then in one throwaway cluster the pg_regress suite, the README's
# examples and the client tests; then the sharding test (three servers of
# its own), the whole suite again under ASan and UBSan, and a short fuzzing
# run.  Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
out=test/output
mkdir -p "$out"

# Inside the cluster (pg_virtualenv sets PGHOST, PGPORT, PGUSER, ...)
if [ "${1:-}" = --inside ]; then
	make -s installcheck PG_CONFIG="$PG_CONFIG" >"$out/regress.txt" 2>&1
	echo $? >"$out/regress.status"
	test/readme/check.sh >"$out/readme.txt" 2>&1
	if [ -x test/clients/run.sh ]; then
		test/clients/run.sh >"$out/clients.txt" 2>&1
	fi
	exit 0
fi

./scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }
# the test-only module that the test "malformed" loads from the tree (never
# installed: it hands any bytes to maritime as a geometry)
make -s -C test/malformed PG_CONFIG="$PG_CONFIG" || { echo "0 passed, 1 failed"; exit 1; }
rm -f "$out"/*.txt "$out"/*.status

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

# The codec, over byte vectors
make -s unittest PG_CONFIG="$PG_CONFIG" >"$out/unit.txt" 2>&1
count_summary "codec unit test" "$out/unit.txt"

# Everything that needs a server, in a cluster of its own (-t: its files live
# in a temporary folder, so runs never touch the machine's clusters)
pg_virtualenv -t -v 15 "$0" --inside >"$out/cluster.txt" 2>&1 ||
	{ cat "$out/cluster.txt"; failed=$((failed + 1)); }

# pg_regress: PostgreSQL 15 prints "test name ... ok", 16 and later "ok N - name"
if [ -f "$out/regress.txt" ]; then
	cat "$out/regress.txt"
	regress_passed=$(grep -cE '^(test +| +)?[a-z_0-9]+ +\.\.\. ok|^ok [0-9]+ ' "$out/regress.txt")
	regress_failed=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+ ' "$out/regress.txt")
	if [ "$(cat "$out/regress.status" 2>/dev/null)" != 0 ] && [ "$regress_failed" = 0 ]; then
		regress_failed=1		# the suite did not run to the end
	fi
	passed=$((passed + regress_passed))
	failed=$((failed + regress_failed))
	[ -s regression.diffs ] && echo "see regression.diffs for the differences"
else
	echo "pg_regress: did not run"
	failed=$((failed + 1))
fi

count_summary "README examples" "$out/readme.txt"
[ -x test/clients/run.sh ] && count_summary "client tests" "$out/clients.txt"

# Sharding over postgres_fdw: starts and removes three servers of its own
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
