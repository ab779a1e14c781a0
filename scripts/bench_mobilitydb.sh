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
# (pg_virtualenv -t) with scripts/bench.sh's settings (bench/lib.sh), and
# times each comparison with its helpers (bench/helpers.sql): medians of
# REPEATS interleaved runs of EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON), the
# ratios against their targets, and a check that both give the same
# answer.  The report is printed and written to
# bench-output/bench-mobilitydb-<date>.txt.
#
# MobilityDB's README asks for shared_preload_libraries = 'postgis-3';
# Debian's build does not need it (CREATE EXTENSION mobilitydb and
# tDwithin work in a cluster without it), so the cluster has exactly
# bench.sh's settings.
#
# Comparisons (COMPARISONS, all by default, in this order):
#   encounters  maritime.encounters against whenTrue(tDwithin(a, b, d)) on
#               the pairs of bench.sh's encounters section (same generator,
#               seed and sizes, EPSG:32631)
#   build       maritime.track_agg against tgeompointSeq(array_agg(
#               tgeompoint(geom, ts) ORDER BY ts)), one track per vessel
#   port        time in port: maritime.port_visits' summed dwell against
#               duration(atGeometry(trip, port)), at two ports every
#               vessel calls at (bench.sh's shuttle, data_pipe.sql, in
#               EPSG:25832) and at two that only a few vessels cross
#   stops       maritime.stops against stops(trip, maxdist, minduration)
# build, port and stops share one data set (bench/data_mobilitydb.sql,
# made by bench/data_stops_generator.sql's bench.make_stops):
# VESSELS x FIXES fixes (100 x 10,000 by default) of bench.sh's stops
# model (stationary spells, AIS gaps) in planar metres, EPSG:25832.
# Adding one: write bench/mobilitydb_<name>.sql (bench.add for maritime's
# query and MobilityDB's, bench.target, a check that both answer the same)
# and add a line for it, with the data files it needs, to COMPARISON_FILES.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

COMPARISONS=${COMPARISONS:-encounters build port stops}
PG_CONFIG=${PG_CONFIG:-pg_config}

# The files of each comparison (bench/<file>.sql), its data first: the data
# of bench.sh's sections, so that both compare on the same
declare -A COMPARISON_FILES=(
	[encounters]="data_encounter_generator data_encounter_pairs mobilitydb_encounters"
	[build]="data_stops_generator data_mobilitydb mobilitydb_build"
	[port]="data_stops_generator data_mobilitydb data_pipe data_mobilitydb_calls mobilitydb_port"
	[stops]="data_stops_generator data_mobilitydb mobilitydb_stops"
)

# The machine, the versions and the settings the numbers belong to
header() {
	machine_header "maritime against MobilityDB" 12
	echo "size:       ENCOUNTER_PAIRS=$ENCOUNTER_PAIRS ENCOUNTER_FIXES=$ENCOUNTER_FIXES VESSELS=$VESSELS FIXES=$FIXES, REPEATS=$REPEATS"
	echo "comparing:  $COMPARISONS"
	versions_header 12 -v mobilitydb=on
	echo "timing:     median of REPEATS runs of EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON)"
	echo "            \"Execution Time\"; the queries' runs are interleaved"
	echo
}

# Everything that runs inside the cluster (PGHOST, PGPORT, PGUSER are set)
inside() {
	local comparison
	touch "$BENCH_STARTED"		# the cluster is up: failures now are real
	header
	run_files helpers
	for comparison in $COMPARISONS; do
		# shellcheck disable=SC2086 # a list of file names
		run_files ${COMPARISON_FILES[$comparison]}
	done
	report "maritime against MobilityDB"
	echo
}

main() {
	local version comparison
	if [ "${1:-}" = --inside ]; then
		inside
		return
	fi
	[ $# -eq 0 ] || { sed -n '2,6s/^# \{0,1\}//p' scripts/bench_mobilitydb.sh >&2; exit 2; }
	[[ $REPEATS =~ ^[1-9][0-9]*$ ]] || { echo "bench_mobilitydb: REPEATS must be a positive number" >&2; exit 2; }
	for comparison in $COMPARISONS; do
		[ -n "${COMPARISON_FILES[$comparison]:-}" ] ||
			{ echo "bench_mobilitydb: no comparison '$comparison'" >&2; exit 2; }
	done
	version=$("$PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
	if [ ! -f "$("$PG_CONFIG" --sharedir)/extension/mobilitydb.control" ]; then
		echo "bench_mobilitydb: MobilityDB is not installed for PostgreSQL $version (postgresql-$version-mobilitydb)" >&2
		exit 1
	fi
	export REPEATS ENCOUNTER_PAIRS ENCOUNTER_FIXES VESSELS FIXES COMPARISONS PG_CONFIG

	# a copy of a tree built for another PostgreSQL must be built afresh
	make -s clean PG_CONFIG="$PG_CONFIG" >/dev/null
	make -s PG_CONFIG="$PG_CONFIG" >/dev/null
	if [ "$(id -u)" = 0 ]; then
		make -s install PG_CONFIG="$PG_CONFIG" >/dev/null
	else
		sudo make -s install PG_CONFIG="$PG_CONFIG" >/dev/null
	fi

	run_in_cluster bench-mobilitydb "$version" scripts/bench_mobilitydb.sh
}

main "$@"
