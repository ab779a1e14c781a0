#!/usr/bin/env bash
# maritime against MobilityDB, run by hand (never part of the tests).
#
#   scripts/debian_root.sh sid --run sh -c 'rm -rf /tmp/mdb &&
#       cp -a /src /tmp/mdb && cd /tmp/mdb && ./scripts/bench_mobilitydb.sh'
#   REPEATS=5 COMPARISONS="encounters" ./scripts/bench_mobilitydb.sh
#
# Needs a PostgreSQL with PostGIS and MobilityDB: Debian unstable's
# PostgreSQL 18, PostGIS 3.7 and postgresql-18-mobilitydb (1.3.0), which
# the sid root of scripts/debian_root.sh has.  PG_CONFIG (set in the root)
# names the PostgreSQL.  Builds maritime from this tree and installs it
# into that PostgreSQL (make install: run it in a root or a copy, not on a
# machine whose PostgreSQL others use), starts ONE throwaway cluster
# (pg_virtualenv -t) with scripts/bench.sh's settings, and times each
# comparison with bench.sh's helpers: medians of REPEATS interleaved runs
# of EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON), the ratios against their
# targets, and a check that both give the same answer.  The report is
# printed and written to bench-output/bench-mobilitydb-<date>.txt.
#
# MobilityDB's README asks for shared_preload_libraries = 'postgis-3';
# Debian's build does not need it (CREATE EXTENSION mobilitydb and
# tDwithin work in a cluster without it), so the cluster has exactly
# bench.sh's settings.
#
# Comparisons (COMPARISONS, all by default):
#   encounters  maritime.encounters against whenTrue(tDwithin(a, b, d)) on
#               the pairs of bench.sh's encounters section (same generator,
#               seed and sizes, EPSG:32631)
# Adding one: write a compare_<name> function (its data, bench.add for
# maritime's query and MobilityDB's, bench.target, a check that both
# answer the same) and add <name> to COMPARISONS.
set -euo pipefail
# shellcheck source=scripts/bench.sh
. "$(dirname "${BASH_SOURCE[0]}")/bench.sh"

COMPARISONS=${COMPARISONS:-encounters}
PG_CONFIG=${PG_CONFIG:-pg_config}

#----------------------------------------------------------------------
# Comparisons, run inside the throwaway cluster
#----------------------------------------------------------------------

# Encounters: the pairs of bench.sh's encounters section (make_encounter_pairs:
# ENCOUNTER_PAIRS pairs, ENCOUNTER_FIXES and ten times as many fixes a
# track, planar EPSG:32631), as maritime tracks and as MobilityDB
# tgeompoint sequences built once from the same tracks and stored.  Timed:
# maritime.encounters(a, b, 500, '0') (every interval, as whenTrue gives)
# and whenTrue(tDwithin(a, b, 500)), on the short and the long pairs.
compare_encounters() {
	echo "== encounters: $ENCOUNTER_PAIRS pairs x $ENCOUNTER_FIXES and $((ENCOUNTER_FIXES * 10)) fixes a track (EPSG:32631), within 500 m"
	make_encounter_pairs
	sql -v efixes="$ENCOUNTER_FIXES" <<'SQL'
SET client_min_messages = warning;
DROP TABLE IF EXISTS mdb_pairs, mdb_pairs_external;
-- tgeompoint(geometry) reads a LINESTRING M whose M are seconds since 1970
-- (MobilityDB's Geomeas_to_tpoint) into a linear sequence: the same
-- vertices, checked below.  Stored with MobilityDB's default storage
-- (pglz-compressed when that saves space) and once more uncompressed
-- (mdb_pairs_external), to see what the decompression costs.
CREATE TABLE mdb_pairs AS
SELECT pair, fixes, tgeompoint(track_a) AS tpoint_a, tgeompoint(track_b) AS tpoint_b
FROM enc_pairs ORDER BY fixes, pair;
CREATE TABLE mdb_pairs_external (LIKE mdb_pairs);
ALTER TABLE mdb_pairs_external ALTER tpoint_a SET STORAGE EXTERNAL, ALTER tpoint_b SET STORAGE EXTERNAL;
-- built again: a copy of mdb_pairs would keep the values as compressed
INSERT INTO mdb_pairs_external
SELECT pair, fixes, tgeompoint(track_a), tgeompoint(track_b) FROM enc_pairs ORDER BY fixes, pair;
VACUUM ANALYZE mdb_pairs;
VACUUM ANALYZE mdb_pairs_external;
CHECKPOINT;
SELECT bench.prewarm('mdb_pairs', 'mdb_pairs_external') \g /dev/null
SELECT 'data: the short tracks'' digest (the same in bench.sh means the same pairs): '
	   || md5(string_agg(ST_AsEWKB(track_a) || ST_AsEWKB(track_b), ''::bytea ORDER BY pair)) AS line
FROM enc_pairs WHERE fixes = :efixes \gset
\echo :line
\pset footer off
-- the tgeompoints have the tracks' vertices: x and y exactly, the time to
-- the microsecond (MobilityDB truncates the seconds to whole microseconds,
-- maritime rounds them)
WITH v AS (
	SELECT m.fixes, m.pair, a.path, a.geom AS g, b.geom AS h
	FROM mdb_pairs m JOIN enc_pairs p USING (pair, fixes)
	CROSS JOIN LATERAL (SELECT * FROM ST_DumpPoints(p.track_a) UNION ALL
						SELECT ARRAY[-path[1]], geom FROM ST_DumpPoints(p.track_b)) AS a
	LEFT JOIN LATERAL (SELECT * FROM ST_DumpPoints(geometry(m.tpoint_a, false)) UNION ALL
					   SELECT ARRAY[-path[1]], geom FROM ST_DumpPoints(geometry(m.tpoint_b, false))) AS b
		ON b.path = a.path
)
SELECT fixes, count(DISTINCT pair) AS pairs, count(*) AS vertices,
	   count(*) FILTER (WHERE ST_X(g) = ST_X(h) AND ST_Y(g) = ST_Y(h)) AS same_xy,
	   round(1e6 * max(abs(ST_M(g) - ST_M(h)))::numeric, 3) AS "max time difference us",
	   (SELECT pg_size_pretty(sum(pg_column_size(tpoint_a) + pg_column_size(tpoint_b)))
		FROM mdb_pairs m WHERE m.fixes = v.fixes) AS tgeompoint_size,
	   (SELECT pg_size_pretty(sum(pg_column_size(tpoint_a) + pg_column_size(tpoint_b)))
		FROM mdb_pairs_external m WHERE m.fixes = v.fixes) AS uncompressed,
	   (SELECT string_agg(DISTINCT coalesce(pg_column_compression(tpoint_a), 'none'), ',')
		FROM mdb_pairs m WHERE m.fixes = v.fixes) AS compression,
	   (SELECT pg_size_pretty(sum(pg_column_size(track_a) + pg_column_size(track_b)))
		FROM enc_pairs p WHERE p.fixes = v.fixes) AS track_size
FROM v GROUP BY fixes ORDER BY fixes;

SELECT format($f$CALL bench.add('encounters', %L, %L, %L)$f$, name, label, query)
FROM (VALUES
	('a', format('maritime.encounters, %s fixes a track', :efixes), :efixes),
	('b', format('MobilityDB whenTrue(tDwithin), %s fixes a track', :efixes), :efixes),
	('c', format('maritime.encounters, %s fixes a track', :efixes * 10), :efixes * 10),
	('d', format('MobilityDB whenTrue(tDwithin), %s fixes a track', :efixes * 10), :efixes * 10),
	('e', format('MobilityDB whenTrue(tDwithin), %s fixes a track, uncompressed', :efixes * 10), :efixes * 10)
) AS v(name, label, fixes)
CROSS JOIN LATERAL (SELECT CASE
	WHEN name = 'e' THEN format($q$SELECT pair, whenTrue(tDwithin(tpoint_a, tpoint_b, 500)) FROM mdb_pairs_external WHERE fixes = %s$q$, fixes)
	WHEN name IN ('b', 'd') THEN format($q$SELECT pair, whenTrue(tDwithin(tpoint_a, tpoint_b, 500)) FROM mdb_pairs WHERE fixes = %s$q$, fixes)
	ELSE format($q$SELECT p.pair, e.* FROM enc_pairs p, LATERAL maritime.encounters(p.track_a, p.track_b, 500, '0') e WHERE p.fixes = %s$q$, fixes)
	END AS query) AS q
ORDER BY name \gexec
CALL bench.target('encounters', 'b', 'a', '>=', 5.0);
CALL bench.target('encounters', 'd', 'c', '>=', 5.0);
CALL bench.target('encounters', 'e', 'c', 'report', NULL);
CALL bench.run('encounters', :repeats);

-- Both give the same intervals: maritime's (min_duration 0, every
-- interval) against the spans of whenTrue, matched on the pair and both
-- ends within a millisecond (maritime's precision; MobilityDB keeps
-- microseconds)
CREATE TEMP TABLE mi AS
SELECT p.fixes, p.pair, e.encounter_start AS lo, e.encounter_end AS hi
FROM enc_pairs p, LATERAL maritime.encounters(p.track_a, p.track_b, 500, '0') e;
CREATE TEMP TABLE di AS
SELECT fixes, pair, lower(s) AS lo, upper(s) AS hi, lowerInc(s) AS lo_inc, upperInc(s) AS hi_inc
FROM mdb_pairs, LATERAL unnest(spans(whenTrue(tDwithin(tpoint_a, tpoint_b, 500)))) AS s;
CREATE TEMP TABLE md AS
SELECT mi.fixes, mi.pair, mi.lo,
	   abs(extract(epoch FROM di.lo - mi.lo)) AS d_lo, abs(extract(epoch FROM di.hi - mi.hi)) AS d_hi
FROM mi JOIN di ON di.fixes = mi.fixes AND di.pair = mi.pair
			   AND abs(extract(epoch FROM di.lo - mi.lo)) <= 0.001
			   AND abs(extract(epoch FROM di.hi - mi.hi)) <= 0.001;
\pset tuples_only on
SELECT format('sanity: %s fixes a track: maritime %s intervals, MobilityDB %s spans (%s with both bounds inclusive), matched %s (ends within %s ms, mean %s ms): %s',
			  n.fixes,
			  (SELECT count(*) FROM mi WHERE mi.fixes = n.fixes),
			  (SELECT count(*) FROM di WHERE di.fixes = n.fixes),
			  (SELECT count(*) FROM di WHERE di.fixes = n.fixes AND lo_inc AND hi_inc),
			  (SELECT count(*) FROM md WHERE md.fixes = n.fixes),
			  (SELECT round(1000 * max(greatest(d_lo, d_hi)), 3) FROM md WHERE md.fixes = n.fixes),
			  (SELECT round(1000 * avg((d_lo + d_hi) / 2), 3) FROM md WHERE md.fixes = n.fixes),
			  CASE WHEN (SELECT count(*) FROM mi WHERE mi.fixes = n.fixes)
						= (SELECT count(*) FROM di WHERE di.fixes = n.fixes)
						AND (SELECT count(*) FROM mi WHERE mi.fixes = n.fixes)
						= (SELECT count(DISTINCT (pair, lo)) FROM md WHERE md.fixes = n.fixes)
				   THEN 'OK' ELSE 'MISMATCH' END)
FROM (SELECT DISTINCT fixes FROM enc_pairs) AS n ORDER BY n.fixes;
SQL
}

# The machine, the versions and the settings the numbers belong to
mobilitydb_header() {
	machine_header "maritime against MobilityDB" 12
	echo "size:       ENCOUNTER_PAIRS=$ENCOUNTER_PAIRS ENCOUNTER_FIXES=$ENCOUNTER_FIXES, REPEATS=$REPEATS"
	versions_header 12 -v mobilitydb=on
	echo "timing:     median of REPEATS runs of EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON)"
	echo "            \"Execution Time\"; the queries' runs are interleaved"
	echo
}

# Everything that runs inside the cluster (PGHOST, PGPORT, PGUSER are set)
mobilitydb_inside() {
	local comparison
	touch "$BENCH_STARTED"		# the cluster is up: failures now are real
	mobilitydb_header
	run_files helpers
	for comparison in $COMPARISONS; do
		"compare_$comparison"
	done
	report "maritime against MobilityDB"
	echo
}

#----------------------------------------------------------------------
# Outside: checks, build, the cluster
#----------------------------------------------------------------------

mobilitydb_main() {
	local version comparison
	if [ "${1:-}" = --inside ]; then
		mobilitydb_inside
		return
	fi
	[ $# -eq 0 ] || { sed -n '2,6s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; exit 2; }
	[[ $REPEATS =~ ^[1-9][0-9]*$ ]] || { echo "bench_mobilitydb: REPEATS must be a positive number" >&2; exit 2; }
	for comparison in $COMPARISONS; do
		declare -F "compare_$comparison" >/dev/null ||
			{ echo "bench_mobilitydb: no comparison '$comparison'" >&2; exit 2; }
	done
	version=$("$PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
	if [ ! -f "$("$PG_CONFIG" --sharedir)/extension/mobilitydb.control" ]; then
		echo "bench_mobilitydb: MobilityDB is not installed for PostgreSQL $version (postgresql-$version-mobilitydb)" >&2
		exit 1
	fi
	export REPEATS ENCOUNTER_PAIRS ENCOUNTER_FIXES COMPARISONS PG_CONFIG

	# a copy of a tree built for another PostgreSQL must be built afresh
	make -s clean PG_CONFIG="$PG_CONFIG" >/dev/null
	make -s PG_CONFIG="$PG_CONFIG" >/dev/null
	if [ "$(id -u)" = 0 ]; then
		make -s install PG_CONFIG="$PG_CONFIG" >/dev/null
	else
		sudo make -s install PG_CONFIG="$PG_CONFIG" >/dev/null
	fi

	run_in_cluster bench-mobilitydb "$version" "${BASH_SOURCE[0]}"
}

mobilitydb_main "$@"
