#!/usr/bin/env bash
# Fuzz maritime in a throwaway cluster holding the extension and the Rajin
# sample, as a role without superuser rights:
#   1. sqlsmith's random SQL, steered to maritime (test/fuzz/setup.sql);
#   2. a grammar fuzzer for maritime's own functions (test/fuzz/targeted.py)
#      with hostile arguments in every calling context.
# The server must never crash, and no query may outlive statement_timeout
# (1 s) by far.  Prints what ran and what failed, and ends with one line
# "N passed, N failed".  Files are kept in test/output/fuzz.
#
#   scripts/fuzz.sh [--quick] [--long MINUTES] [--seed N]
#
# --quick (the default, for CI) fuzzes 40 s per phase, about 90 s in all;
# --long MINUTES splits MINUTES between the phases.  --seed (default 1) seeds
# both phases: the same seed makes the same queries.
set -uo pipefail
cd "$(dirname "$0")/.."
export PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
out=test/output/fuzz
hang_after=30		# seconds; a query running this long ignores its timeout

# Inside the cluster (pg_virtualenv sets PGHOST, PGPORT, PGUSER, PGPASSWORD)
if [ "${1:-}" = --inside ]; then
	seconds=$2
	seed=$3
	summary=$out/summary.txt
	log=$(ls "$(dirname "$PG_CLUSTER_CONF_ROOT")"/log/*.log 2>/dev/null | head -1)
	db=maritime_fuzz
	fuzzer="dbname=$db user=maritime_fuzz"

	# Query run as the superuser, quietly
	sql() {
		psql -X -q -At -v ON_ERROR_STOP=1 "$@"
	}
	# Crash lines the postmaster logs for a backend or worker it lost
	log_crashes() {
		sed -n "$(($1 + 1)),\$p" "$log" |
			grep -E 'terminated by signal|terminated by exception|exited with exit code [2-9]|PANIC:'
	}

	if ! { createdb "$db" && sql -d "$db" -f test/fuzz/setup.sql &&
		sql -d "$db" -c "ALTER ROLE maritime_fuzz PASSWORD '$PGPASSWORD'" \
			-c "ALTER ROLE maritime_fuzz IN DATABASE $db SET search_path = fuzz_catalog, fuzz, public, pg_catalog" \
			-c "ALTER ROLE maritime_fuzz SET statement_timeout = '1s'" \
			-c "ALTER ROLE maritime_fuzz SET work_mem = '4MB'" \
			-c "ALTER ROLE maritime_fuzz SET temp_file_limit = '100MB'" \
			-c "ALTER SYSTEM SET track_functions = 'all'" \
			-c "ALTER SYSTEM SET log_min_messages = 'log'" \
			-c "SELECT pg_reload_conf()" >/dev/null &&
		createdb fuzz_log && sql -d fuzz_log -c "
			-- what sqlsmith --log-to writes, and the queries that hung
			CREATE TABLE instance (id serial PRIMARY KEY, rev text, target text, hostname text,
				version text, seed text, t timestamptz DEFAULT now());
			CREATE TABLE stat (id int, generated text, level text, nodes text, updated text,
				retries text, impedance text);
			CREATE TABLE error (id int, msg text, query text, sqlstate text, t timestamptz DEFAULT now());
			CREATE TABLE hang (pid int PRIMARY KEY, running interval, usename name, query text);"
	} >"$out/setup.txt" 2>&1 || [ -z "$log" ]; then
		echo "FAILED - setup: the fuzzing database could not be built (see $out/setup.txt)" >"$summary"
		echo "0 passed, 1 failed" >>"$summary"
		exit 1
	fi
	echo "fuzz: database $db: maritime, the Rajin sample ($(sql -d "$db" -c 'SELECT count(*) FROM positions') fixes)," \
		"$(sql -d "$db" -c "SELECT count(*) FROM fuzz.tracks") tracks, $(sql -d "$db" -c "SELECT count(*) FROM fuzz.ports") areas;" \
		"seed $seed, $seconds s per phase" >"$summary"

	# Watchdog: every 5 s, end (and note) the fuzzer's queries that run far
	# past statement_timeout, so that one hang cannot stall the run
	touch "$out/watching"
	(
		while [ -f "$out/watching" ]; do
			# (MATERIALIZED: the filter must run before the terminating)
			sql -d fuzz_log -c "
				WITH h AS MATERIALIZED (
					SELECT pid, now() - query_start AS running, usename, query
					FROM pg_stat_activity
					WHERE usename = 'maritime_fuzz' AND state = 'active'
					  AND now() - query_start > interval '$hang_after s')
				INSERT INTO hang SELECT * FROM h WHERE pg_terminate_backend(pid)
				ON CONFLICT DO NOTHING" >/dev/null 2>&1
			sleep 5
		done
	) &
	watchdog=$!

	# Calls of maritime's functions so far (pg_stat_user_functions)
	maritime_calls() {
		sql -d "$db" -F ' ' -c "SELECT funcname, calls FROM pg_stat_user_functions
			WHERE schemaname = 'maritime' ORDER BY calls DESC, funcname"
	}

	# Phase 1: sqlsmith.  It stops when the server goes away (a crash), so
	# it is started again, with the next seed, until the time is up.
	log_start=$(wc -l <"$log")
	: >"$out/sqlsmith.err"
	end=$((SECONDS + seconds))
	run=0
	while [ $((end - SECONDS)) -ge 5 ]; do
		started=$SECONDS
		timeout $((end - SECONDS)) sqlsmith --target="$fuzzer" \
			--log-to="dbname=fuzz_log user=$PGUSER" --seed=$((seed + run)) \
			--exclude-catalog --verbose >>"$out/sqlsmith.out" 2>>"$out/sqlsmith.err"
		run=$((run + 1))
		[ $((SECONDS - started)) -lt 5 ] && sleep 2	# it could not start
		# after a crash, wait for the server to be back
		for _ in $(seq 30); do
			pg_isready -q && break
			sleep 1
		done
	done
	sleep 2		# the backends' statistics reach the shared counters
	sqlsmith_calls=$(maritime_calls)
	sql -d "$db" -c "SELECT pg_stat_reset()" >/dev/null
	# sqlsmith prints one character a query: . ok, e error, t timeout,
	# S syntax error (its own grammar), C connection lost
	progress=$(grep -E '^[.etSC]+$' "$out/sqlsmith.err" | tr -d '\n')
	sqlsmith_queries=${#progress}
	sqlsmith_ok=$(tr -cd . <<<"$progress" | wc -c)
	sqlsmith_timeouts=$(tr -cd t <<<"$progress" | wc -c)
	sqlsmith_crashes=$(log_crashes "$log_start" | wc -l)
	log_start=$(wc -l <"$log")
	sqlsmith_errors=$(sql -d fuzz_log -F ' ' -c "
		SELECT coalesce(sqlstate, '-') || ' ' || count(*) FROM error
		GROUP BY sqlstate ORDER BY count(*) DESC, sqlstate LIMIT 8" | paste -sd, | sed 's/,/, /g')
	# internal errors (from PostGIS, or maritime not naming the problem)
	sqlsmith_internal=$(sql -d fuzz_log -c "
		SELECT sqlstate || ' ' || count(*) || ' x ' || split_part(msg, E'\n', 1) FROM error
		WHERE sqlstate LIKE 'XX%' GROUP BY sqlstate, split_part(msg, E'\n', 1)
		ORDER BY count(*) DESC LIMIT 5")
	sql -d fuzz_log -c "SELECT '-- ' || sqlstate || ': ' || msg || E'\n' || query || E';\n'
		FROM error WHERE sqlstate LIKE 'XX%' ORDER BY t LIMIT 500" >"$out/sqlsmith-internal.sql"
	# the queries sqlsmith lost its connection on (a crash, or the watchdog)
	sql -d fuzz_log -c "SELECT '-- sqlsmith, ' || t || ': ' || msg || E'\n' || query || E';\n'
		FROM error WHERE msg ~* 'terminat|closed the connection|connection to server'" >"$out/sqlsmith-lost.sql"

	# Phase 2: maritime's functions, called by the grammar fuzzer
	/usr/bin/python3 test/fuzz/targeted.py --dsn "$fuzzer" --seed "$seed" --seconds "$seconds" \
		--out "$out/targeted.json" >"$out/targeted.txt" 2>&1
	sleep 2
	targeted_calls=$(maritime_calls)
	targeted_crashes=$(log_crashes "$log_start" | wc -l)

	rm -f "$out/watching"
	wait "$watchdog"
	hangs=$(sql -d fuzz_log -c "SELECT count(*) FROM hang")
	sql -d fuzz_log -c "SELECT '-- ran ' || running || E':\n' || query || E';\n' FROM hang" >"$out/hangs.sql"
	server_up=false
	pg_isready -q && sql -d "$db" -c "SELECT 1" >/dev/null 2>&1 && server_up=true
	cp "$log" "$out/server.log"

	# Report
	passed=0
	failed=0
	check() {	# check DESCRIPTION CONDITION...
		local what=$1
		shift
		if "$@"; then
			echo "ok - $what"
			passed=$((passed + 1))
		else
			echo "FAILED - $what"
			failed=$((failed + 1))
		fi
	}
	min_queries=$((seconds * 2))	# far below what even a busy machine runs
	{
		echo "sqlsmith: $sqlsmith_queries queries in $seconds s ($run run(s)): $sqlsmith_ok ok," \
			"$((sqlsmith_queries - sqlsmith_ok)) errors (of them $sqlsmith_timeouts timeouts); $sqlsmith_crashes crash(es)"
		echo "sqlsmith: errors by SQLSTATE: ${sqlsmith_errors:-none}"
		echo "sqlsmith: maritime calls: $(echo "${sqlsmith_calls:-none}" | paste -sd, | sed 's/,/, /g')"
		[ -n "$sqlsmith_internal" ] && sed 's/^/sqlsmith: internal error /' <<<"$sqlsmith_internal"
		/usr/bin/python3 - "$out/targeted.json" "$targeted_crashes" <<-'EOF'
			import json, sys
			try:
			    d = json.load(open(sys.argv[1]))
			except Exception as e:
			    print('targeted: no summary (%s)' % e)
			    sys.exit(0)
			states = d['states']
			ok = states.get('ok', 0)
			lost = states.get('lost', 0)
			wrong = states.get('wrong', 0)
			print('targeted: %d calls in %s s: %d answered, %d errors, %d connection(s) lost; %s crash(es)'
			      % (d['calls'], d['seconds'], ok + wrong, d['calls'] - ok - wrong - lost, lost, sys.argv[2]))
			print('targeted: %d port_visits answers checked against PostGIS, %d wrong' % (d['oracle_compared'], wrong))
			print('targeted: by function: ' + ', '.join(
			    '%s %d (%d ok)' % (f, c.get('calls', 0), c.get('ok', 0)) for f, c in d['functions'].items()))
			errors = [(n, s) for s, n in states.items() if s not in ('ok', 'lost', 'wrong')]
			print('targeted: errors by SQLSTATE: ' + ', '.join('%s %d' % (s, n) for n, s in sorted(errors, reverse=True)[:8]))
			print('targeted: parallel track_agg plans launched %d workers' % d['parallel_workers_launched'])
			for state, e in sorted(d['examples'].items()):
			    if state.startswith('XX'):
			        print('targeted: %s first at call %d (%s): %s' % (state, e['call'], e['function'], e['message']))
			for message, n in list(d['internal'].items())[:5]:
			    print('targeted: internal error %s x %d' % (message, n))
			for c in d['lost']:
			    print('targeted: connection lost on call %d (%s, %s): %s...' % (c['call'], c['function'], c['mode'], c['sql'][:200]))
			    print('  its SQL: /usr/bin/python3 test/fuzz/targeted.py --seed %d --print %d'
			          ' (for a database built by test/fuzz/setup.sql)' % (d['seed'], c['call']))
			for c in d['wrong']:
			    print('targeted: wrong answer on call %d: port_visits counts %s vertices inside, PostGIS %s'
			          % (c['call'], c['maritime'], c['postgis']))
			for c in d['slow']:
			    print('targeted: call %d took %s s (%s): %s...' % (c['call'], c['seconds'], c['function'], c['sql'][:200]))
		EOF
		echo "targeted: maritime calls: $(echo "${targeted_calls:-none}" | paste -sd, | sed 's/,/, /g')"
		grep -E -A1 'terminated by signal|terminated by exception|exited with exit code [2-9]|PANIC:' "$log" |
			grep -v '^--$' | cut -c1-300 | sed 's/^/server log: /'
		[ -s "$out/sqlsmith-lost.sql" ] && echo "sqlsmith: queries that lost the connection are in $out/sqlsmith-lost.sql"
		[ "$hangs" != 0 ] && echo "watchdog: $hangs query(ies) ended after $hang_after s, see $out/hangs.sql"
		targeted_ok=$(/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["calls"], sum(1 for f in ("track_agg", "port_visits", "round_trips", "idle_periods", "gaps", "stops",
                                  "clean_track", "outliers", "segments", "encounters", "encounter_box")
      if d["functions"].get(f, {}).get("ok", 0) > 0), d["parallel_workers_launched"], len(d["slow"]),
      d["oracle_compared"], len(d["wrong"]))' \
			"$out/targeted.json" 2>/dev/null || echo 0 0 0 0 0 0)
		read -r targeted_n targeted_funcs targeted_workers targeted_slow compared wrong <<<"$targeted_ok"
		check "sqlsmith ran $sqlsmith_queries queries (at least $min_queries)" [ "$sqlsmith_queries" -ge "$min_queries" ]
		check "sqlsmith's queries called maritime's functions" [ -n "$sqlsmith_calls" ]
		check "sqlsmith: no server crash" [ "$sqlsmith_crashes" = 0 ]
		check "targeted fuzzer made $targeted_n calls (at least $min_queries)" [ "$targeted_n" -ge "$min_queries" ]
		check "targeted fuzzer: each of the 11 functions answered at least once ($targeted_funcs did)" [ "$targeted_funcs" = 11 ]
		check "targeted fuzzer: track_agg ran in parallel workers" [ "$targeted_workers" -gt 0 ]
		check "targeted fuzzer: no server crash" [ "$targeted_crashes" = 0 ]
		agreed=false
		[ "$compared" -gt 0 ] && [ "$wrong" = 0 ] && agreed=true
		check "targeted fuzzer: port_visits agreed with PostGIS ($compared answers checked)" $agreed
		check "every query ended within $hang_after s (statement_timeout is 1 s)" [ "$hangs$targeted_slow" = 00 ]
		check "server up at the end" $server_up
		[ "$failed" = 0 ] || echo "(the server log's tail and the last core's backtrace: $out/cluster.txt)"
		echo "$passed passed, $failed failed"
	} >>"$summary"
	# a failure makes pg_virtualenv print the log's tail and any core's backtrace
	[ "$failed" = 0 ]
	exit
fi

seconds=40
seed=1
while [ $# -gt 0 ]; do
	case $1 in
		--quick) seconds=40 ;;
		--long) seconds=$((${2:?--long needs MINUTES} * 30)); shift ;;
		--seed) seed=${2:?--seed needs a number}; shift ;;
		*) echo "usage: $0 [--quick | --long MINUTES] [--seed N]" >&2; exit 2 ;;
	esac
	shift
done
case $seconds$seed in
	*[!0-9]*) echo "$0: MINUTES and N must be whole numbers" >&2; exit 2 ;;
esac

# sqlsmith and psycopg2 (for the targeted calls), and the extension itself
./scripts/setup.sh sqlsmith python3-psycopg2 || { echo "0 passed, 1 failed"; exit 1; }

mkdir -p "$out"
rm -f "$out"/*
pg_virtualenv -t -v 15 "$0" --inside "$seconds" "$seed" >"$out/cluster.txt" 2>&1
if [ -f "$out/summary.txt" ]; then
	cat "$out/summary.txt"
else
	tail -20 "$out/cluster.txt"
	echo "0 passed, 1 failed"
fi
tail -1 "$out/summary.txt" 2>/dev/null | grep -q ' 0 failed$'
