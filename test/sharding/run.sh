#!/usr/bin/env bash
# Sharding across servers with postgres_fdw: starts four throwaway
# PostgreSQL 15 servers on loopback ports (a coordinator, two shards and a
# single server holding every row, each with maritime), splits the real AIS
# positions of data/ais/ between the shards by a hash of the vessel, and
# checks the recipe of docs/scaling.md: the shards run track_agg and the
# analyses (views in test/sharding/analyses.sql, gathered on the coordinator
# by test/sharding/gather.sql), asynchronously, only result rows come to the
# coordinator, and the answers equal the single server's.  Then it checks what
# postgres_fdw does with a plain query, and reports the wall time of the
# analyses with one shard and with two (a report, not a timed check).
# Self-contained: needs no running server, and ignores PGHOST and friends.
# Run from anywhere, as root (the servers then run as the user postgres) or as
# any other user:
#   test/sharding/run.sh
# Prints "ok - ..." or "FAILED - ..." per check, then "N passed, N failed";
# lines starting with "#" show plans and timings.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1

BIN=/usr/lib/postgresql/15/bin
FIRST_PORT=5490

# The servers get every connection setting from us, never from the caller's
# environment (pg_ctl passes it on to the coordinator's postgres_fdw).
unset PGHOST PGHOSTADDR PGPORT PGUSER PGPASSWORD PGPASSFILE PGDATABASE \
	PGSERVICE PGSERVICEFILE PGOPTIONS PGSSLMODE PGREQUIRESSL PGTARGETSESSIONATTRS

# result, expect and finish
. test/lib/checks.sh

missing=""
[ -x "$BIN/initdb" ] && [ -x "$BIN/pg_ctl" ] || missing="$missing postgresql-15"
[ -f /usr/lib/postgresql/15/lib/postgres_fdw.so ] || missing="$missing postgresql-15 (postgres_fdw)"
[ -f /usr/share/postgresql/15/extension/postgis.control ] || missing="$missing postgresql-15-postgis-3"
[ -f /usr/share/postgresql/15/extension/maritime.control ] || missing="$missing maritime (make install)"
if [ -n "$missing" ]; then
	echo "FAILED - missing:$missing"
	echo "0 passed, 1 failed"
	exit 1
fi

# PostgreSQL refuses to run as root: then the servers run as postgres (from
# $tmp, as postgres may not be allowed into the current directory)
if [ "$(id -u)" = 0 ]; then
	as_server() { (cd "$tmp" && runuser -u postgres -- "$@"); }
else
	as_server() { "$@"; }
fi

tmp=$(mktemp -d /tmp/maritime-sharding.XXXXXX) || exit 1
declare -A port=()
# shellcheck disable=SC2317  # called by the trap
cleanup() {
	local name
	for name in "${!port[@]}"; do
		as_server "$BIN/pg_ctl" -D "$tmp/$name" -m immediate -s stop >/dev/null 2>&1
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
[ "$(id -u)" = 0 ] && chown postgres: "$tmp"

# The shards accept TCP connections from loopback with a password only
# (other people may share this machine); our psql comes in through a Unix
# socket in $tmp.
password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
echo "$password" >"$tmp/password"
[ "$(id -u)" = 0 ] && chown postgres: "$tmp/password"

# One initdb, copied for each server: cheaper than four
init_template() {
	as_server "$BIN/initdb" -D "$tmp/template" -U postgres --pwfile="$tmp/password" \
		--auth-local=trust --auth-host=scram-sha-256 --no-locale -E UTF8 --no-sync || return 1
	# Throwaway servers: no durability, little memory, no background work;
	# one process a query, so that the timings compare one shard with two
	as_server tee -a "$tmp/template/postgresql.conf" >/dev/null <<-CONF || return 1
		listen_addresses = '127.0.0.1'
		unix_socket_directories = '$tmp'
		timezone = 'UTC'
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		wal_level = minimal
		max_wal_senders = 0
		shared_buffers = 32MB
		max_connections = 20
		autovacuum = off
		max_parallel_workers_per_gather = 0
	CONF
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_server NAME: a copy of the template on the first free port from
# FIRST_PORT; tries the next port if another program takes it meanwhile
next_port=$FIRST_PORT
start_server() {
	local name=$1 p
	as_server cp -a "$tmp/template" "$tmp/$name" || return 1
	for ((p = next_port; p < next_port + 100; p++)); do
		port_in_use "$p" && continue
		port[$name]=$p
		if as_server "$BIN/pg_ctl" -D "$tmp/$name" -l "$tmp/$name.log" -o "-p $p" -w -t 30 -s start >/dev/null 2>&1; then
			next_port=$((p + 1))
			return 0
		fi
		unset "port[$name]"
	done
	return 1
}

{ init_template && start_server coordinator && start_server shard1 && start_server shard2 &&
	start_server single; } >"$tmp/setup.log" 2>&1
status=$?
result "set-up: four PostgreSQL 15 servers on loopback: coordinator ${port[coordinator]:-?}, shard1 ${port[shard1]:-?}, shard2 ${port[shard2]:-?}, single ${port[single]:-?}" $status \
	"$(tail -3 "$tmp/setup.log"; cat "$tmp"/{coordinator,shard1,shard2,single}.log 2>/dev/null | tail -3)"
[ $status = 0 ] || finish

# sql SERVER [psql arguments]: run SQL on a server, unaligned output
sql() {
	local name=$1
	shift
	psql -X -q -At -v ON_ERROR_STOP=1 -h "$tmp" -p "${port[$name]}" -U postgres -d postgres "$@"
}

# differ A B: SQL giving "rows of A not in B|rows of B not in A"
differ() {
	echo "SELECT (SELECT count(*) FROM (TABLE $1 EXCEPT ALL TABLE $2) a) || '|' ||
	             (SELECT count(*) FROM (TABLE $2 EXCEPT ALL TABLE $1) b)"
}

# --- The shards and the single server: maritime, an empty positions table,
# the ports (the same rows on each, as a reference table) and the analyses ---
server_ddl="
CREATE EXTENSION maritime CASCADE;
CREATE TABLE positions (mmsi bigint NOT NULL, ts timestamptz NOT NULL,
                        geom geometry(Point, 4326) NOT NULL);
CREATE TABLE ports (name text, abbrev text, threshold_km float8, wkt text);
\\copy ports FROM 'data/ports/amsa_port_visit_polygons.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE ports ADD COLUMN area geometry(MultiPolygon, 4326);
UPDATE ports SET area = ST_GeomFromText(wkt, 4326);
\\i test/sharding/analyses.sql"
declare -A pid=()
for name in shard1 shard2 single; do
	sql "$name" <<<"$server_ddl" >"$tmp/$name.out" 2>&1 &
	pid[$name]=$!
done
status=0
for name in shard1 shard2 single; do
	wait "${pid[$name]}" || status=1
done
result "shards and single server: maritime, positions, ports and the analyses views of test/sharding/analyses.sql" $status \
	"$(cat "$tmp"/{shard1,shard2,single}.out | grep -v '^NOTICE' | tail -3)"

# --- The coordinator: positions partitioned by a hash of the vessel, one
# partition a foreign table on each shard; the single server's positions as
# another foreign table ---
sql coordinator >"$tmp/coordinator.out" 2>&1 <<SQL
CREATE EXTENSION maritime CASCADE;
CREATE EXTENSION postgres_fdw;
-- "extensions": the servers have the same PostGIS and maritime, so
-- postgres_fdw may send their functions and aggregates to them;
-- "async_capable": under an Append, the shards work at the same time
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '127.0.0.1', port '${port[shard1]}', dbname 'postgres',
	         extensions 'postgis,maritime', async_capable 'true', batch_size '1000');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '127.0.0.1', port '${port[shard2]}', dbname 'postgres',
	         extensions 'postgis,maritime', async_capable 'true', batch_size '1000');
CREATE SERVER single FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '127.0.0.1', port '${port[single]}', dbname 'postgres',
	         extensions 'postgis,maritime', async_capable 'true', batch_size '1000');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user 'postgres', password '$password');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user 'postgres', password '$password');
CREATE USER MAPPING FOR CURRENT_USER SERVER single OPTIONS (user 'postgres', password '$password');

CREATE TABLE positions (mmsi bigint NOT NULL, ts timestamptz NOT NULL,
                        geom geometry(Point, 4326) NOT NULL)
PARTITION BY HASH (mmsi);
CREATE FOREIGN TABLE positions_shard1 PARTITION OF positions
	FOR VALUES WITH (MODULUS 2, REMAINDER 0) SERVER shard1 OPTIONS (table_name 'positions');
CREATE FOREIGN TABLE positions_shard2 PARTITION OF positions
	FOR VALUES WITH (MODULUS 2, REMAINDER 1) SERVER shard2 OPTIONS (table_name 'positions');
CREATE FOREIGN TABLE positions_single (mmsi bigint NOT NULL, ts timestamptz NOT NULL,
                                       geom geometry(Point, 4326) NOT NULL)
	SERVER single OPTIONS (table_name 'positions');

CREATE TEMP TABLE ais_raw (mmsi bigint, ts timestamptz, lon float8, lat float8, sog float8, cog float8);
\copy ais_raw FROM 'data/ais/au_amsa_2vessels_2014.csv' WITH (FORMAT csv, HEADER)
\copy ais_raw FROM 'data/ais/no_vestland_20220901_kystverket.csv' WITH (FORMAT csv, HEADER)
\copy ais_raw FROM 'data/ais/us_marinecadastre_20220103_sample.csv' WITH (FORMAT csv, HEADER)
-- kept, to grow the data for the timings
CREATE TABLE ais AS SELECT mmsi, ts, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom FROM ais_raw;
-- through the coordinator: each row goes to its vessel's shard
INSERT INTO positions SELECT * FROM ais;
INSERT INTO positions_single SELECT * FROM ais;

CREATE TABLE ports (name text, abbrev text, threshold_km float8, wkt text);
\copy ports FROM 'data/ports/amsa_port_visit_polygons.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE ports ADD COLUMN area geometry(MultiPolygon, 4326);
UPDATE ports SET area = ST_GeomFromText(wkt, 4326);

-- A plain ANALYZE skips foreign tables.  Without their statistics the
-- planner guesses 200 vessels a shard and, under a join, prefers to
-- aggregate on the coordinator.
ANALYZE;
ANALYZE positions_shard1, positions_shard2;

-- The recipe: the shards' analyses, gathered
\i test/sharding/gather.sql
-- and the single server's, to time one shard through the coordinator
CREATE SCHEMA single;
IMPORT FOREIGN SCHEMA analyses FROM SERVER single INTO single;

-- The same views over the coordinator's own partitioned positions and
-- ports: the plain query shape, of which postgres_fdw sends only track_agg
CREATE SCHEMA shipped;
SQL
status=$?
[ $status = 0 ] && sed 's/analyses/shipped/g; /^CREATE SCHEMA/d' test/sharding/analyses.sql |
	sql coordinator >>"$tmp/coordinator.out" 2>&1
status=$((status + $?))
result "coordinator: postgres_fdw, positions hash-partitioned by vessel over the two shards, AIS rows and ports loaded, the shards' analyses gathered (test/sharding/gather.sql)" \
	$status "$(grep -v '^NOTICE' "$tmp/coordinator.out" | tail -3)"
[ $status = 0 ] || finish

versions="SELECT string_agg(extname || ' ' || extversion, ', ' ORDER BY extname) FROM pg_extension WHERE extname IN ('postgis', 'maritime')"
v=$(sql coordinator -c "$versions")
expect "the shards and the single server have the coordinator's PostGIS and maritime versions" \
	"$(sql shard1 -c "$versions") / $(sql shard2 -c "$versions") / $(sql single -c "$versions")" "$v / $v / $v"

doc=$(<docs/scaling.md)
for f in analyses gather; do
	text=$(<"test/sharding/$f.sql")
	[[ $doc == *"$text"* ]]
	result "docs/scaling.md shows test/sharding/$f.sql as it is" $?
done

# --- Where the rows are ---
expect "the coordinator sees every AIS row: 115689 fixes of 10638 vessels" \
	"$(sql coordinator -c 'SELECT count(*), count(DISTINCT mmsi) FROM positions')" "115689|10638"
on_server="SELECT count(*) || ' fixes of ' || count(DISTINCT mmsi) || ' vessels' FROM positions"
expect "shard1 and shard2 share them (read on each shard)" \
	"$(sql shard1 -c "$on_server") / $(sql shard2 -c "$on_server")" \
	"56986 fixes of 5302 vessels / 58703 fixes of 5336 vessels"
expect "no vessel has rows on both shards" \
	"$(sql coordinator -c 'SELECT count(*) FROM (SELECT mmsi FROM positions_shard1 INTERSECT SELECT mmsi FROM positions_shard2) x')" 0
expect "the single server holds the same rows (EXCEPT ALL both ways)" \
	"$(sql coordinator -c "$(differ positions positions_single)")" "0|0"

# --- The recipe: the analyses run on the shards ---
# views: each of analyses.sql's views, the maritime function it calls, its
# rows over the AIS sample, and an order that makes them a sequence
views=(tracks daily_tracks port_visits round_trips gaps stops clean_tracks outliers segments)
declare -A calls=([tracks]=track_agg [daily_tracks]=track_agg [port_visits]=port_visits
	[round_trips]=round_trips [gaps]=gaps [stops]=stops [clean_tracks]=clean_track
	[outliers]=outliers [segments]=segments)
declare -A rows=([tracks]=10638 [daily_tracks]=10822 [port_visits]=184 [round_trips]=1 [gaps]=578
	[stops]=97 [clean_tracks]=10638 [outliers]=56 [segments]=11216)
declare -A order=([tracks]=mmsi [daily_tracks]="mmsi, day" [port_visits]="mmsi, port, max_gap, visit"
	[round_trips]="mmsi, home, away, trip" [gaps]="mmsi, gap_start" [stops]="mmsi, stop_start"
	[clean_tracks]=mmsi [outliers]="mmsi, fix_time" [segments]="mmsi, segment")

# comment: the lines read, as comments of the output
comment() {
	local line
	while IFS= read -r line; do
		echo "# $line"
	done
}
# explain QUERY: the coordinator's plan, with the rows of each node
explain() {
	sql coordinator -c "EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF, SUMMARY OFF) $1"
}
# fetched PLAN: "rows of the result|rows the foreign scans returned"
fetched() {
	awk 'NR == 1 { match($0, /rows=[0-9]+/); top = substr($0, RSTART + 5, RLENGTH - 5) }
	     /Foreign Scan/ { match($0, /rows=[0-9]+ loops=[0-9]+/)
	                      split(substr($0, RSTART, RLENGTH), a, /[= ]/); n += a[2] * a[4] }
	     END { print top "|" n + 0 }' <<<"$1"
}
# same SERVER1 QUERY1 SERVER2 QUERY2 [SETTING]: "rows|rows|equal" when both
# give the same rows in the same order, byte for byte (COPY text, geometries
# as hex); SETTING is run before QUERY1
same() {
	if ! sql "$1" -c "${5:-RESET ALL}" -c "COPY ($2) TO STDOUT" >"$tmp/a.copy" ||
		! sql "$3" -c "COPY ($4) TO STDOUT" >"$tmp/b.copy"; then
		echo error
		return
	fi
	echo "$(wc -l <"$tmp/a.copy")|$(wc -l <"$tmp/b.copy")|$(cmp -s "$tmp/a.copy" "$tmp/b.copy" && echo equal || echo different)"
}

for v in "${views[@]}"; do
	query="SELECT * FROM analyses.$v"
	plan=$(explain "$query")
	[ "$v" = port_visits ] && grep -E '^ *(->  )?(Async )?Foreign Scan|Remote SQL' <<<"$plan" | comment
	expect "EXPLAIN: analyses.$v reads analyses.$v on both shards at once (Async Foreign Scan, Remote SQL)" \
		"$(grep -c "Async Foreign Scan on shard[12]\.$v " <<<"$plan")|$(grep -c "Remote SQL: SELECT .* FROM analyses\.$v\$" <<<"$plan")" "2|2"
	def="SELECT pg_get_viewdef('analyses.$v') ~ 'maritime\.${calls[$v]}\('"
	expect "the shards' analyses.$v calls maritime.${calls[$v]}" \
		"$(sql shard1 -c "$def")$(sql shard2 -c "$def")" tt
	expect "EXPLAIN ANALYZE: the shards send the ${rows[$v]} rows of analyses.$v, and only those" \
		"$(fetched "$plan")" "${rows[$v]}|${rows[$v]}"
	expect "analyses.$v through the coordinator equals the single server's, in order, byte for byte (${rows[$v]} rows)" \
		"$(same coordinator "$query ORDER BY ${order[$v]}" single "$query ORDER BY ${order[$v]}")" \
		"${rows[$v]}|${rows[$v]}|equal"
done

# 85 + 2 + 14 visits without max_gap, 73 + 1 + 9 with 2 hours (as in sql/port_visits_real.sql)
expect "visits per port and max_gap: Brisbane 85/73, Gladstone 2/1, Sydney 14/9" \
	"$(sql coordinator -c "SELECT string_agg(n, ' ' ORDER BY port) FROM (SELECT port, count(*) FILTER (WHERE max_gap IS NULL) || '/' || count(max_gap) AS n FROM analyses.port_visits GROUP BY port) x")" \
	"85/73 2/1 14/9"

# A question about every vessel at once runs on the coordinator over the
# shards' answers: when was each port idle for a week or more in 2014?
idle="SELECT v.port, i.*
FROM (SELECT port, range_agg(tstzrange(arrival, departure, '[]')) AS busy
      FROM analyses.port_visits WHERE max_gap IS NULL GROUP BY port) v
CROSS JOIN LATERAL maritime.idle_periods(v.busy, '[2014-01-01, 2015-01-01)', '7 days') i"
plan=$(explain "$idle")
expect "EXPLAIN ANALYZE: idle periods of every port from the shards' 101 visits (without max_gap), which are all they send" \
	"$(fetched "$plan" | cut -d'|' -f2) $(grep -c "Remote SQL: SELECT .* FROM analyses\.port_visits WHERE ((max_gap IS NULL))\$" <<<"$plan")" "101 2"
expect "and those idle periods equal the single server's, in order, byte for byte (7 rows)" \
	"$(same coordinator "$idle ORDER BY 1, 2" single "$idle ORDER BY 1, 2")" "7|7|equal"

plan=$(sql coordinator -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM analyses.port_visits WHERE mmsi = 503000720 AND max_gap = '2 hours'")
remote_sql=$(sed -n 's/^ *Remote SQL: //p' <<<"$plan")
expect "EXPLAIN: a WHERE on the vessel and the setting goes to the one shard that holds the vessel, in its Remote SQL" \
	"$(grep -c 'Foreign Scan on shard1\.port_visits' <<<"$plan") $(grep -c "FROM analyses\.port_visits WHERE ((mmsi = 503000720)) AND ((max_gap = '02:00:00'))\$" <<<"$remote_sql")" \
	"1 1"
plan=$(sql shard1 -c "EXPLAIN (COSTS OFF) $remote_sql")
expect "EXPLAIN on that shard: it reads that vessel's rows only, and calls port_visits with that setting only" \
	"$(grep -c 'Filter: (mmsi = 503000720)' <<<"$plan") $(grep -c "Filter: (column1 = '02:00:00'::interval)" <<<"$plan")" \
	"1 1"

# ORDER BY: the shards could sort, and then PostgreSQL merges their outputs
# (Merge Append), reading them one after the other; sorting a MATERIALIZED
# CTE on the coordinator keeps them working at the same time
plan=$(sql coordinator -c "EXPLAIN (COSTS OFF) SELECT * FROM analyses.stops ORDER BY mmsi, stop_start")
plan2=$(sql coordinator -c "EXPLAIN (COSTS OFF) WITH s AS MATERIALIZED (SELECT * FROM analyses.stops) SELECT * FROM s ORDER BY mmsi, stop_start")
expect "EXPLAIN: with ORDER BY the shards' sorted outputs are merged, not read at once; sorted on the coordinator, they are" \
	"$(grep -c 'Merge Append' <<<"$plan") $(grep -c 'Async Foreign Scan' <<<"$plan") / $(grep -c 'Async Foreign Scan' <<<"$plan2")" \
	"1 0 / 2"

# --- What postgres_fdw does with a plain query on the partitioned positions ---
pwa="SET enable_partitionwise_aggregate = on"
# remote SETTING QUERY: the Remote SQL lines of the plan, where
# enable_partitionwise_aggregate is SETTING
remote() {
	sql coordinator -c "SET enable_partitionwise_aggregate = $1" -c "EXPLAIN (VERBOSE, COSTS OFF) $2" |
		grep -E '^ *Remote SQL: ' | sed 's/^ *//'
}
tracks="SELECT mmsi, maritime.track_agg(geom, ts) AS track FROM positions GROUP BY mmsi"
plan=$(remote on "$tracks")
comment <<<"$plan"
expect "EXPLAIN: with enable_partitionwise_aggregate, track_agg ... GROUP BY mmsi runs on both shards (Remote SQL)" \
	"$(grep -c '^Remote SQL: SELECT mmsi, maritime\.track_agg(geom, ts) FROM public\.positions GROUP BY 1$' <<<"$plan")" 2
expect "EXPLAIN: without it, the coordinator aggregates (no track_agg in Remote SQL)" \
	"$(remote off "$tracks" | grep -c track_agg)" 0
expect "the tracks built so equal the single server's, in order, byte for byte" \
	"$(same coordinator "$tracks ORDER BY mmsi" single "SELECT * FROM analyses.tracks ORDER BY mmsi" "$pwa")" \
	"10638|10638|equal"

daily="SELECT mmsi, DAY AS day, maritime.track_agg(geom, ts) AS track FROM positions GROUP BY 1, 2"
by_interval="(ts AT TIME ZONE INTERVAL '0')::date"
by_utc="(ts AT TIME ZONE 'UTC')::date"
by_trunc="date_trunc('day', ts)"
plan=$(remote on "${daily/DAY/$by_interval}")
comment <<<"$plan"
expect "EXPLAIN: tracks per vessel and $by_interval run on both shards" \
	"$(grep -c "^Remote SQL: SELECT mmsi, timezone('00:00:00'::interval, ts)::date, maritime\.track_agg(geom, ts) FROM public\.positions GROUP BY 1, 2\$" <<<"$plan")" 2
# AT TIME ZONE 'UTC' is as immutable, but its text constant has a collation
# that does not come from a foreign column, and postgres_fdw then keeps the
# call; date_trunc on a timestamptz is not immutable
expect "EXPLAIN: per $by_utc or per $by_trunc, the coordinator aggregates" \
	"$(remote on "${daily/DAY/$by_utc}" | grep -c track_agg) $(remote on "${daily/DAY/$by_trunc}" | grep -c track_agg)" \
	"0 0"
expect "the per-day tracks built so equal the single server's, in order, byte for byte" \
	"$(same coordinator "${daily/DAY/$by_interval} ORDER BY 1, 2" single "SELECT * FROM analyses.daily_tracks ORDER BY mmsi, day" "$pwa")" \
	"10822|10822|equal"

# shipped.port_visits: analyses.sql's port_visits over those tracks
plan=$(sql coordinator -c "$pwa" -c "EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM shipped.port_visits")
grep -E 'Function Scan' <<<"$plan" | comment
expect "EXPLAIN: port_visits over them runs on the coordinator (Remote SQL with track_agg, without port_visits; Function Scan)" \
	"$(grep -c 'Remote SQL: .*maritime\.track_agg' <<<"$plan") $(grep -c 'Remote SQL: .*port_visits' <<<"$plan") $(grep -c 'Function Scan on maritime\.port_visits' <<<"$plan")" \
	"2 0 1"
expect "EXPLAIN ANALYZE: so the shards send 10638 tracks for 184 visits" "$(fetched "$plan")" "184|10638"
expect "and those visits equal the single server's, in order, byte for byte" \
	"$(same coordinator "SELECT * FROM shipped.port_visits ORDER BY ${order[port_visits]}" single "SELECT * FROM analyses.port_visits ORDER BY ${order[port_visits]}" "$pwa")" \
	"184|184|equal"

# --- Wall time: one shard and two ---
# Seven copies of every vessel under new numbers, 925512 fixes: routed to
# the shards through the coordinator, made in place on the single server
grow="INSERT INTO positions SELECT mmsi + k * 1000000000, ts, geom FROM SOURCE, generate_series(1::bigint, 7) k"
sql coordinator -c "${grow/SOURCE/ais}" >"$tmp/grow.out" 2>&1 &
p1=$!
sql single -c "${grow/SOURCE/positions}" -c "ANALYZE positions" >>"$tmp/grow.out" 2>&1
s1=$?
wait $p1 && [ $s1 = 0 ] && sql shard1 -c "ANALYZE positions" && sql shard2 -c "ANALYZE positions" &&
	sql coordinator -c "ANALYZE positions_shard1, positions_shard2" >>"$tmp/grow.out" 2>&1
result "grown to 8 copies of every vessel" $? "$(tail -3 "$tmp/grow.out")"
count="SELECT count(*) FROM positions"
expect "the shards hold 925512 fixes between them, as the single server does" \
	"$(sql coordinator -c "$count") $(sql single -c "$count")" "925512 925512"

# pipeline SCHEMA [SETTING]: "seconds rows" for port visits, gaps and stops
# read through the coordinator from SCHEMA's tables
pipeline() {
	local start end n
	start=$(date +%s.%N)
	n=$(sql coordinator -c "${2:-RESET ALL}" -c "SELECT * FROM $1.port_visits" \
		-c "SELECT * FROM $1.gaps" -c "SELECT * FROM $1.stops" | wc -l) || return 1
	end=$(date +%s.%N)
	echo "$start $end $n" | awk '{ printf "%.2f %d\n", $2 - $1, $3 }'
}
# Three rounds, interleaved, and the median of each (other work may share
# the machine); every run must get the same 8 x (184 + 578 + 97) rows
declare -A times=() median=()
status=0
load=$(cut -d' ' -f1 /proc/loadavg)
for round in 1 2 3; do
	for schema in single analyses shipped; do
		out=$(pipeline "$schema" "$([ $schema = shipped ] && echo "$pwa")") || { status=1; break 2; }
		read -r secs n <<<"$out"
		echo "# round $round, $schema: $secs s, $n rows"
		[ "$n" = 6872 ] || status=1
		times[$schema]+="$secs "
	done
done
for schema in single analyses shipped; do
	median[$schema]=$(tr ' ' '\n' <<<"${times[$schema]:-}" | grep . | LC_ALL=C sort -n | sed -n 2p)
done
result "wall time of port visits, gaps and stops over 925512 fixes through the coordinator, median of 3: 1 shard ${median[single]:-?} s, 2 shards ${median[analyses]:-?} s; tracks shipped to the coordinator (plain query) ${median[shipped]:-?} s (load average $load before)" $status

finish
