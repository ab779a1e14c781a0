#!/usr/bin/env bash
# Sharding across servers with postgres_fdw: starts three throwaway
# PostgreSQL 15 servers on loopback ports (a coordinator and two shards, each
# with maritime), splits the real AIS positions of data/ais/ between the
# shards by a hash of the vessel, and checks that maritime.track_agg runs on
# the shards and that port visits computed through the coordinator equal
# those computed on one server holding every row.
# Self-contained: needs no running server, and ignores PGHOST and friends.
# Run from anywhere, as root (the servers then run as the user postgres) or as
# any other user:
#   test/sharding/run.sh
# Prints "ok - ..." or "FAILED - ..." per check, then "N passed, N failed".
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

# One initdb, copied for each server: cheaper than three
init_template() {
	as_server "$BIN/initdb" -D "$tmp/template" -U postgres --pwfile="$tmp/password" \
		--auth-local=trust --auth-host=scram-sha-256 --no-locale -E UTF8 --no-sync || return 1
	# Throwaway servers: no durability, little memory, no background work
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

{ init_template && start_server coordinator && start_server shard1 && start_server shard2; } >"$tmp/setup.log" 2>&1
status=$?
result "set-up: three PostgreSQL 15 servers on loopback: coordinator ${port[coordinator]:-?}, shard1 ${port[shard1]:-?}, shard2 ${port[shard2]:-?}" $status \
	"$(tail -3 "$tmp/setup.log"; cat "$tmp"/{coordinator,shard1,shard2}.log 2>/dev/null | tail -3)"
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

# --- The shards: maritime and an empty positions table on each ---
shard_ddl="
CREATE EXTENSION maritime CASCADE;
CREATE TABLE positions (vessel bigint NOT NULL, ts timestamptz NOT NULL,
                        geom geometry(Point, 4326) NOT NULL);"
sql shard1 -c "$shard_ddl" >"$tmp/shard1.out" 2>&1 &
pid1=$!
sql shard2 -c "$shard_ddl" >"$tmp/shard2.out" 2>&1 &
pid2=$!
wait $pid1; s1=$?
wait $pid2; s2=$?
[ $s1 = 0 ] && [ $s2 = 0 ]
result "shards: CREATE EXTENSION maritime CASCADE and a positions table on each" $? \
	"$(cat "$tmp/shard1.out" "$tmp/shard2.out" | grep -v '^NOTICE' | tail -3)"

# --- The coordinator: positions partitioned by a hash of the vessel, one
# partition a foreign table on each shard ---
sql coordinator >"$tmp/coordinator.out" 2>&1 <<SQL
CREATE EXTENSION maritime CASCADE;
CREATE EXTENSION postgres_fdw;
-- "extensions": the shards have the same PostGIS and maritime, so
-- postgres_fdw may send their functions and aggregates to them
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '127.0.0.1', port '${port[shard1]}', dbname 'postgres',
	         extensions 'postgis,maritime', batch_size '1000');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '127.0.0.1', port '${port[shard2]}', dbname 'postgres',
	         extensions 'postgis,maritime', batch_size '1000');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user 'postgres', password '$password');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user 'postgres', password '$password');

CREATE TABLE positions (vessel bigint NOT NULL, ts timestamptz NOT NULL,
                        geom geometry(Point, 4326) NOT NULL)
PARTITION BY HASH (vessel);
CREATE FOREIGN TABLE positions_shard1 PARTITION OF positions
	FOR VALUES WITH (MODULUS 2, REMAINDER 0) SERVER shard1 OPTIONS (table_name 'positions');
CREATE FOREIGN TABLE positions_shard2 PARTITION OF positions
	FOR VALUES WITH (MODULUS 2, REMAINDER 1) SERVER shard2 OPTIONS (table_name 'positions');

-- The same rows in a plain table: one server holding all of them
CREATE TABLE positions_local (vessel bigint NOT NULL, ts timestamptz NOT NULL,
                              geom geometry(Point, 4326) NOT NULL);

CREATE TEMP TABLE ais_raw (mmsi bigint, ts timestamptz, lon float8, lat float8, sog float8, cog float8);
\copy ais_raw FROM 'data/ais/au_amsa_2vessels_2014.csv' WITH (FORMAT csv, HEADER)
\copy ais_raw FROM 'data/ais/no_vestland_20220901_kystverket.csv' WITH (FORMAT csv, HEADER)
-- through the coordinator: each row goes to its vessel's shard
INSERT INTO positions SELECT mmsi, ts, ST_SetSRID(ST_MakePoint(lon, lat), 4326) FROM ais_raw;
INSERT INTO positions_local SELECT mmsi, ts, ST_SetSRID(ST_MakePoint(lon, lat), 4326) FROM ais_raw;

CREATE TABLE ports (name text, abbrev text, threshold_km float8, wkt text);
\copy ports FROM 'data/ports/amsa_port_visit_polygons.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE ports ADD COLUMN area geometry(MultiPolygon, 4326);
UPDATE ports SET area = ST_GeomFromText(wkt, 4326);

-- A plain ANALYZE skips foreign tables.  Without their statistics the
-- planner guesses 200 vessels a shard and, under a join, prefers to
-- aggregate on the coordinator.
ANALYZE;
ANALYZE positions_shard1, positions_shard2;
SQL
status=$?
result "coordinator: postgres_fdw, positions hash-partitioned by vessel over the two shards, AIS rows and ports loaded" \
	$status "$(grep -v '^NOTICE' "$tmp/coordinator.out" | tail -3)"
[ $status = 0 ] || finish

versions="SELECT string_agg(extname || ' ' || extversion, ', ' ORDER BY extname) FROM pg_extension WHERE extname IN ('postgis', 'maritime')"
expect "the shards have the coordinator's PostGIS and maritime versions" \
	"$(sql shard1 -c "$versions") / $(sql shard2 -c "$versions")" \
	"$(sql coordinator -c "$versions") / $(sql coordinator -c "$versions")"

# --- Where the rows are ---
expect "the coordinator sees every AIS row: 15690 fixes of 7 vessels" \
	"$(sql coordinator -c 'SELECT count(*), count(DISTINCT vessel) FROM positions')" "15690|7"
on_shard="SELECT count(*) || ' fixes: ' || string_agg(DISTINCT vessel::text, ' ') FROM positions"
expect "shard1 holds 5 whole vessels (read on the shard)" "$(sql shard1 -c "$on_shard")" \
	"7238 fixes: 257706000 257733000 257736000 503000530 503000720"
expect "shard2 holds the other 2 (read on the shard)" "$(sql shard2 -c "$on_shard")" \
	"8452 fixes: 257725000 257744000"
expect "the plain table holds the same rows (EXCEPT ALL both ways)" \
	"$(sql coordinator -c "$(differ positions positions_local)")" "0|0"

# --- track_agg runs on the shards ---
tracks="SELECT vessel, maritime.track_agg(geom, ts) AS track FROM positions GROUP BY vessel"
# remote_agg SETTING QUERY: the Remote SQL lines of the plan that hold track_agg
remote_agg() {
	sql coordinator -c "SET enable_partitionwise_aggregate = $1" -c "EXPLAIN (VERBOSE, COSTS OFF) $2" |
		grep -E '^ *Remote SQL: .*maritime\.track_agg\(' | sed 's/^ */# /'
}
plan=$(remote_agg on "$tracks")
[ -n "$plan" ] && echo "$plan"
expect "EXPLAIN: with enable_partitionwise_aggregate, track_agg ... GROUP BY vessel runs on both shards (Remote SQL)" \
	"$(echo "$plan" | grep -c 'SELECT vessel, maritime\.track_agg(geom, ts) FROM public\.positions GROUP BY 1')" 2
expect "EXPLAIN: without it, the coordinator aggregates (no track_agg in Remote SQL)" \
	"$(remote_agg off "$tracks" | wc -l)" 0

sql coordinator -c "SET enable_partitionwise_aggregate = on" -c "CREATE TABLE tracks_sharded AS $tracks" \
	-c "CREATE TABLE tracks_local AS ${tracks/FROM positions/FROM positions_local}" >"$tmp/tracks.out" 2>&1
result "track_agg through the coordinator and on one server" $? "$(tail -3 "$tmp/tracks.out")"
expect "the shards' tracks equal the single server's, byte for byte (7 tracks, 15690 vertices)" \
	"$(sql coordinator -c "SELECT count(*) || '|' || count(*) FILTER (WHERE ST_AsEWKB(s.track) = ST_AsEWKB(l.track))
		|| '|' || sum(ST_NPoints(s.track)) FROM tracks_sharded s JOIN tracks_local l USING (vessel)")" \
	"7|7|15690"

# --- Port visits through the coordinator = on one server ---
visits="SELECT t.vessel, p.name AS port, g.max_gap, v.*
FROM (TRACKS) t
JOIN ports p ON p.area && t.track
CROSS JOIN (VALUES (NULL::interval), ('2 hours')) g(max_gap)
CROSS JOIN LATERAL maritime.port_visits(t.track, p.area, '0', g.max_gap) v"
sharded=${visits/TRACKS/$tracks}
local_visits=${visits/TRACKS/${tracks/FROM positions/FROM positions_local}}
plan=$(remote_agg on "$sharded")
[ -n "$plan" ] && echo "$plan"
expect "EXPLAIN: the port-visits query aggregates on both shards too" \
	"$(echo "$plan" | grep -c 'maritime\.track_agg(geom, ts)')" 2
sql coordinator -c "SET enable_partitionwise_aggregate = on" \
	-c "CREATE TABLE visits_sharded AS $sharded" \
	-c "CREATE TABLE visits_local AS $local_visits" >"$tmp/visits.out" 2>&1
result "port_visits over the tracks, through the coordinator and on one server" $? "$(tail -3 "$tmp/visits.out")"
# 85 + 2 + 14 visits without max_gap, 73 + 1 + 9 with 2 hours (as in sql/port_visits_real.sql)
expect "the same 184 port visits both ways (counts, then EXCEPT ALL both ways)" \
	"$(sql coordinator -c "SELECT (SELECT count(*) FROM visits_sharded) || '|' || (SELECT count(*) FROM visits_local)") $(sql coordinator -c "$(differ visits_sharded visits_local)")" \
	"184|184 0|0"
expect "visits per port and max_gap: Brisbane 85/73, Gladstone 2/1, Sydney 14/9" \
	"$(sql coordinator -c "SELECT string_agg(n, ' ' ORDER BY port) FROM (SELECT port, count(*) FILTER (WHERE max_gap IS NULL) || '/' || count(max_gap) AS n FROM visits_sharded GROUP BY port) x")" \
	"85/73 2/1 14/9"

finish
