#!/usr/bin/env bash
# Runs every ```sql block of README.md, in order, in one psql session on a
# fresh database, and checks each ```text block that follows one against
# what the query printed, so the README cannot drift from the code.
#
# Run from the repository root with libpq variables set (scripts/test.sh
# runs it inside its pg_virtualenv cluster).  Ends with "N passed, N failed".
# With --update it rewrites README.md's ```text blocks (adding missing ones)
# from what the queries print: review the diff before committing it.
set -uo pipefail
update=false
[ "${1:-}" = --update ] && update=true

db=maritime_readme
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Split the README into numbered SQL blocks and the text blocks after them
awk -v dir="$work" '
	/^```sql$/ { n++; mode = "sql"; file = dir "/" n ".sql";
	             printf "\\echo @@@ %d\n", n >> (dir "/all.sql");
	             print NR > (dir "/" n ".line"); next }
	/^```text$/ && last_sql == n && n > 0 && gap_ok { mode = "text"; file = dir "/" n ".expected"; next }
	/^```/ { if (mode == "sql") { last_sql = n; gap_ok = 1 } mode = ""; next }
	mode == "sql" { print >> (dir "/all.sql"); print >> file; next }
	mode == "text" { print >> file; next }
	/^[[:space:]]*$/ { next }
	{ gap_ok = 0 }
' README.md

blocks=$(ls "$work"/*.sql 2>/dev/null | grep -c '/[0-9]*\.sql$')
passed=0
failed=0

dropdb --if-exists "$db" 2>/dev/null && createdb "$db" || { echo "FAILED - cannot create database $db"; echo "0 passed, 1 failed"; exit 1; }
PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -P pager=off \
	-d "$db" -f "$work/all.sql" >"$work/output" 2>&1
status=$?

# Cut the output at the block markers
awk -v dir="$work" '
	/^@@@ [0-9]+$/ { file = dir "/" $2 ".actual"; printf "" > file; next }
	file != "" { print >> file }
' "$work/output"

if $update; then
	awk -v dir="$work" '
		function emit(k,   line, file, count, i) {
			file = dir "/" k ".actual"; count = 0
			while ((getline line < file) > 0)
				lines[++count] = line
			close(file)
			while (count > 0 && lines[count] ~ /^[[:space:]]*$/)
				count--
			if (count == 0)
				return
			print ""
			print "```text"
			for (i = 1; i <= count; i++)
				print lines[i]
			print "```"
		}
		pending && /^[[:space:]]*$/ { blanks++; next }
		pending && /^```text$/ { skipping = 1; next }
		skipping { if (/^```$/) { skipping = 0; emit(pending); pending = 0; blanks = 0 } next }
		pending { emit(pending); pending = 0; if (blanks == 0) blanks = 1 }
		{ while (blanks > 0) { print ""; blanks-- } }
		/^```sql$/ { n++; in_sql = 1; print; next }
		in_sql && /^```$/ { in_sql = 0; print; pending = n; blanks = 0; next }
		{ print }
		END { if (pending) emit(pending) }
	' README.md >"$work/README.new" && cp "$work/README.new" README.md
	echo "README.md updated from the queries' output"
fi

normalize() { sed -e 's/[[:space:]]*$//' "$1" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'; }

for ((k = 1; k <= blocks; k++)); do
	line=$(cat "$work/$k.line")
	if [ ! -f "$work/$k.actual" ]; then
		echo "FAILED - README block $k (line $line) did not run"
		failed=$((failed + 1))
	elif grep -q '^psql:.*ERROR' "$work/$k.actual"; then
		echo "FAILED - README block $k (line $line):"
		sed 's/^/    /' "$work/$k.actual"
		failed=$((failed + 1))
	elif [ -f "$work/$k.expected" ] && ! diff -u <(normalize "$work/$k.expected") <(normalize "$work/$k.actual") >"$work/$k.diff"; then
		echo "FAILED - README block $k (line $line) printed something else:"
		sed 's/^/    /' "$work/$k.diff"
		failed=$((failed + 1))
	else
		echo "ok - README block $k (line $line)"
		passed=$((passed + 1))
	fi
done
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
	echo "FAILED - psql stopped: $(tail -3 "$work/output")"
	failed=$((failed + 1))
fi
dropdb --if-exists "$db"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
