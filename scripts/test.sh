#!/usr/bin/env bash
# Set up (packages, build, install), run the codec unit test and the whole
# pg_regress suite in a throwaway cluster, and end with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }
export PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config

passed=0
failed=0

# C unit test of the geometry codec; it prints its own "N passed, N failed"
if make -s unittest >test/unit/output.txt 2>&1; then :; fi
cat test/unit/output.txt
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' test/unit/output.txt | tail -1)
if [ -n "$summary" ]; then
	passed=$((passed + $(echo "$summary" | cut -d' ' -f1)))
	failed=$((failed + $(echo "$summary" | cut -d' ' -f3)))
else
	failed=$((failed + 1))
fi

# pg_regress in a throwaway cluster (-t: its files live in a temporary folder)
pg_virtualenv -t -v 15 make -s installcheck PG_CONFIG="$PG_CONFIG" >test/regress-output.txt 2>&1
regress_status=$?
cat test/regress-output.txt
# PostgreSQL 15 prints "test name ... ok"; 16 and later print "ok N - name"
regress_passed=$(grep -cE '^(test +| +)?[a-z_0-9]+ +\.\.\. ok|^ok [0-9]+ ' test/regress-output.txt)
regress_failed=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+ ' test/regress-output.txt)
if [ "$regress_status" != 0 ] && [ "$regress_failed" = 0 ]; then
	regress_failed=1			# the suite did not even run
	[ -f regression.diffs ] || true
fi
passed=$((passed + regress_passed))
failed=$((failed + regress_failed))
[ -s regression.diffs ] && echo "see regression.diffs for the differences"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
