#!/usr/bin/env bash
# Runs every ```sql block of the user documentation (README.md, then the
# files of docs/), in order, in one psql session, and checks each ```text
# block that follows one against what the query printed, so the
# documentation cannot drift from the code.  Each file starts in a fresh
# database of its own.
#
# Two HTML comments, invisible on a rendered page, take part:
#   <!-- check: run -->          the next ```sh block is run too (with bash,
#                                from the repository root, in order with
#                                the SQL), and fails the check if it fails
#   <!-- check: \c DATABASE -->  the psql meta-command is run there, e.g. to
#                                go on in a database a shell block created
# The shell blocks may create the database ais (the README's "Your own
# data" does); it is dropped at the end, so the check refuses to run where
# one exists already.
#
# Run from the repository root with libpq variables set (scripts/test.sh
# runs it inside its pg_virtualenv cluster).  Ends with "N passed, N failed".
# With --update it rewrites the files' ```text blocks (adding missing ones)
# from what the queries print: review the diff before committing it.
set -uo pipefail
update=false
[ "${1:-}" = --update ] && update=true

files=(README.md docs/guide.md docs/reference.md docs/scaling.md docs/testing.md)
db=maritime_readme
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "$(psql -X -At -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'ais'" 2>&1)" ]; then
	echo "FAILED - a database ais exists here: run the check in a cluster of its own (scripts/test.sh does)"
	echo "0 passed, 1 failed"
	exit 1
fi

# Split each file into numbered SQL (and runnable shell) blocks and the text
# blocks after them; numbers go on from one file to the next
blocks=0
for file in "${files[@]}"; do
	printf '\\echo @@@ setup\n\\c postgres\nDROP DATABASE IF EXISTS %s;\nCREATE DATABASE %s;\n\\c %s\n' \
		"$db" "$db" "$db" >>"$work/all.sql"
	blocks=$(awk -v dir="$work" -v n="$blocks" -v source="$file" '
		function begin(kind) {
			n++; mode = kind; file = dir "/" n "." kind
			printf "\\echo @@@ %d\n", n >> (dir "/all.sql")
			if (kind == "sh")
				printf "\\! bash -e %s/%d.sh || echo \"psql:sh: ERROR: the shell block failed\"\n", dir, n >> (dir "/all.sql")
			print source ":" NR > (dir "/" n ".line")
			printf "" > file
		}
		/^<!-- check: run -->$/ { run_next = 1; next }
		/^<!-- check: \\/ { sub(/^<!-- check: /, ""); sub(/ -->$/, ""); print >> (dir "/all.sql"); next }
		/^```sql$/ { begin("sql"); run_next = 0; next }
		/^```sh$/ && run_next { begin("sh"); run_next = 0; next }
		/^```text$/ && last_block == n && n > 0 && gap_ok { mode = "text"; file = dir "/" n ".expected"; next }
		/^```/ { if (mode == "sql" || mode == "sh") { last_block = n; gap_ok = 1 } mode = ""; next }
		mode == "sql" { print >> (dir "/all.sql"); print >> file; next }
		mode == "sh" || mode == "text" { print >> file; next }
		/^[[:space:]]*$/ { next }
		/^<!--/ { next }
		{ gap_ok = 0; run_next = 0 }
		END { print n }
	' "$file")
	echo "$blocks" >"$work/$(basename "$file").last"
done

passed=0
failed=0

PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -P pager=off \
	-d postgres -f "$work/all.sql" >"$work/output" 2>&1
status=$?

# Cut the output at the block markers
awk -v dir="$work" '
	/^@@@ [0-9a-z]+$/ { file = dir "/" $2 ".actual"; printf "" > file; next }
	file != "" { print >> file }
' "$work/output"

if $update; then
	first=1
	for file in "${files[@]}"; do
		awk -v dir="$work" -v n="$((first - 1))" '
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
			/^<!-- check: run -->$/ { run_next = 1; print; next }
			/^```sql$/ || (/^```sh$/ && run_next) { n++; in_block = 1; run_next = 0; print; next }
			in_block && /^```$/ { in_block = 0; print; pending = n; blanks = 0; next }
			{ print }
			END { if (pending) emit(pending) }
		' "$file" >"$work/updated" && cp "$work/updated" "$file"
		first=$(($(cat "$work/$(basename "$file").last") + 1))
	done
	echo "${files[*]} updated from the queries' output"
fi

normalize() { sed -e 's/[[:space:]]*$//' "$1" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'; }

for ((k = 1; k <= blocks; k++)); do
	where=$(cat "$work/$k.line")
	if [ ! -f "$work/$k.actual" ]; then
		echo "FAILED - block $k ($where) did not run"
		failed=$((failed + 1))
	elif grep -q '^psql:.*ERROR' "$work/$k.actual"; then
		echo "FAILED - block $k ($where):"
		sed 's/^/    /' "$work/$k.actual"
		failed=$((failed + 1))
	elif [ -f "$work/$k.expected" ] && ! diff -u <(normalize "$work/$k.expected") <(normalize "$work/$k.actual") >"$work/$k.diff"; then
		echo "FAILED - block $k ($where) printed something else:"
		sed 's/^/    /' "$work/$k.diff"
		failed=$((failed + 1))
	else
		echo "ok - block $k ($where)"
		passed=$((passed + 1))
	fi
done
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
	echo "FAILED - psql stopped: $(tail -3 "$work/output")"
	failed=$((failed + 1))
fi
dropdb --if-exists "$db"
dropdb --if-exists ais
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
