#!/usr/bin/env bash
# Benchmarks for maritime, run by hand (never part of the tests).
#
#   ./scripts/bench.sh [--vessels N] [--fixes N] [--repeats N] [--quick]
#   VESSELS=100 FIXES=10000 REPEATS=5 ./scripts/bench.sh      (the defaults)
#   SECTIONS="scale memory" ./scripts/bench.sh                (some sections)
#
# Sections: track_agg port_visits clean gaps stops (on VESSELS x FIXES rows),
# encounters (ENCOUNTER_PAIRS pairs of vessels with ENCOUNTER_FIXES and ten
# times as many fixes a track, and a fleet of FLEET_VESSELS vessels over
# FLEET_DAYS days), scale (the pipeline on SCALE_SIZES millions of rows,
# parallel and serial; SCALE_MILLION rows count as a million, SCALE_VESSELS
# vessels), defaults (track_agg and the pipeline on VESSELS x FIXES rows at
# PostgreSQL's default settings, not this cluster's tuned ones),
# partitioned (the same rows partitioned by vessel, as the README advises
# for big tables) and memory (track_agg's peak memory for MEMORY_SIZES
# fixes).  A run of all takes about 25 minutes on 2 cores.  --quick runs every section
# at a small size, once (REPEATS=1), in under a minute: a check that the
# script works, not a measurement; options after it still apply.
#
# Sets up (packages, build, install), starts ONE throwaway PostgreSQL 15
# cluster with pg_virtualenv, generates VESSELS x FIXES synthetic AIS
# positions in shuffled order (and a second such set, with stationary
# stretches and AIS gaps, for gaps and stops), and times each query REPEATS
# times.  Prints the median per query and the ratios against their targets,
# and writes the same report to bench-output/bench-<date>.txt (git-ignored).
#
# The SQL is in bench/: a file for each section (bench/<section>.sql) and
# for the data that sections share (bench/data_*.sql), the timing helpers
# (bench/helpers.sql), and bench/lib.sh, the shell shared with
# scripts/bench_mobilitydb.sh.  Adding a section: write bench/<name>.sql
# like bench/track_agg.sql (register queries with bench.add, run them with
# bench.run, declare ratios with bench.target) and add a line for it to
# inside() below.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

SECTIONS=${SECTIONS:-track_agg port_visits clean gaps stops encounters scale defaults partitioned memory}

usage() {
	echo "usage: $0 [--vessels N] [--fixes N] [--repeats N] [--quick]" >&2
	echo "       (or the environment variables VESSELS, FIXES, REPEATS)" >&2
	exit 2
}

# Whether SECTIONS names this section
has_section() {
	[[ " $SECTIONS " == *" $1 "* ]]
}

# Runs section $1 if SECTIONS names it: the files given (bench/<file>.sql),
# the data it needs first, then its own
section() {
	local name=$1
	shift
	if has_section "$name"; then
		run_files "$@"
	fi
}

# The machine, the versions and the settings the numbers belong to
header() {
	machine_header "maritime benchmark" 10
	echo "size:     VESSELS=$VESSELS FIXES=$FIXES ($((VESSELS * FIXES)) rows), REPEATS=$REPEATS"
	if has_section encounters; then
		echo "          ENCOUNTER_PAIRS=$ENCOUNTER_PAIRS ENCOUNTER_FIXES=$ENCOUNTER_FIXES FLEET_VESSELS=$FLEET_VESSELS FLEET_DAYS=$FLEET_DAYS"
	fi
	versions_header 10
	echo "timing:   median of REPEATS runs (the encounters section: at least 11) of"
	echo "          EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) \"Execution Time\";"
	echo "          the queries' runs are interleaved"
	echo
}

# The memory section: bench/memory.sql for each size and order, each in a
# backend of its own (it measures the backend's peak memory)
memory() {
	local n order
	echo "== memory: peak of one track_agg, per fix"
	for n in $MEMORY_SIZES; do
		for order in time shuffled; do
			sql -v n="$n" -v order="$order" -f bench/memory.sql
		done
	done
}

# Everything that runs inside the cluster (PGHOST, PGPORT, PGUSER are set)
inside() {
	touch "$BENCH_STARTED"		# the cluster is up: failures now are real
	header
	run_files helpers
	section track_agg data_pos track_agg
	section port_visits data_pos data_port port_visits
	section clean data_pos data_port clean
	section gaps data_stops_generator data_stops gaps
	section stops data_stops_generator data_stops stops
	section encounters data_encounter_generator data_encounter_pairs data_fleet encounters
	section scale data_pipe scale
	section defaults data_pos data_pipe data_pipe_defaults defaults
	section partitioned data_pipe data_pipe_defaults partitioned
	report "$((VESSELS * FIXES)) rows"
	if has_section memory; then
		memory
	fi
	echo
}

main() {
	while [ $# -gt 0 ]; do
		case $1 in
			--inside) inside; return ;;
			--vessels) [ $# -ge 2 ] || usage; VESSELS=$2; shift 2 ;;
			--fixes) [ $# -ge 2 ] || usage; FIXES=$2; shift 2 ;;
			--repeats) [ $# -ge 2 ] || usage; REPEATS=$2; shift 2 ;;
			--quick)		# with a size 5, for scale's serial and shuffled queries
				VESSELS=10 FIXES=1000 REPEATS=1
				SCALE_SIZES="1 5" SCALE_MILLION=20000 SCALE_VESSELS=10
				MEMORY_SIZES=10000
				ENCOUNTER_PAIRS=2 ENCOUNTER_FIXES=1000 FLEET_VESSELS=10 FLEET_DAYS=1
				shift ;;
			*) usage ;;
		esac
	done
	for n in "$VESSELS" "$FIXES" "$REPEATS"; do
		[[ $n =~ ^[1-9][0-9]*$ ]] || usage
	done
	export VESSELS FIXES REPEATS SCALE_SIZES SCALE_MILLION SCALE_VESSELS MEMORY_SIZES \
		ENCOUNTER_PAIRS ENCOUNTER_FIXES FLEET_VESSELS FLEET_DAYS SECTIONS

	./scripts/setup.sh

	run_in_cluster bench 15 scripts/bench.sh
}

main "$@"
