# Shell helpers of scripts/bench.sh and scripts/bench_mobilitydb.sh, which
# source this file from the repository root.
# shellcheck shell=bash

# Sizes, shared by both scripts (the same ENCOUNTER_* there means the same
# pairs of vessels); scripts/bench.sh's header says what each one sizes
VESSELS=${VESSELS:-100}
FIXES=${FIXES:-10000}
REPEATS=${REPEATS:-5}
SCALE_SIZES=${SCALE_SIZES:-1 3 5 10}
SCALE_MILLION=${SCALE_MILLION:-1000000}
SCALE_VESSELS=${SCALE_VESSELS:-100}
MEMORY_SIZES=${MEMORY_SIZES:-1000000 10000000}
ENCOUNTER_PAIRS=${ENCOUNTER_PAIRS:-20}
ENCOUNTER_FIXES=${ENCOUNTER_FIXES:-10000}
FLEET_VESSELS=${FLEET_VESSELS:-200}
FLEET_DAYS=${FLEET_DAYS:-5}

# Server settings of the benchmark cluster.  Serial plans (no parallel
# workers) so the ratios compare like with like; no JIT, whose compile time
# would be timed too; no autovacuum, which could wake up mid-measurement
# (the table is vacuumed explicitly).  pg_virtualenv adds fsync=off.
GUCS=(
	shared_buffers=4GB
	work_mem=256MB
	max_parallel_workers_per_gather=0
	jit=off
	autovacuum=off
	synchronous_commit=off
	max_wal_size=4GB
)

#----------------------------------------------------------------------
# Inside the throwaway cluster (PGHOST, PGPORT, PGUSER are set)
#----------------------------------------------------------------------

# psql that stops at the first error and reads no ~/.psqlrc, with every
# size as a psql variable of the same name in lower case (:vessels,
# :encounter_fixes, ...) and the names of the settings in GUCS as :tuned
sql() {
	psql -X -q -v ON_ERROR_STOP=1 -v tuned="${GUCS[*]%%=*}" \
		-v vessels="$VESSELS" -v fixes="$FIXES" -v repeats="$REPEATS" \
		-v scale_sizes="$SCALE_SIZES" -v scale_million="$SCALE_MILLION" \
		-v scale_vessels="$SCALE_VESSELS" \
		-v encounter_pairs="$ENCOUNTER_PAIRS" -v encounter_fixes="$ENCOUNTER_FIXES" \
		-v fleet_vessels="$FLEET_VESSELS" -v fleet_days="$FLEET_DAYS" "$@"
}

# Runs bench/<name>.sql for each name given, but not one that already ran
# in this cluster: the data that several sections use is made once
RAN_FILES=""
run_files() {
	local name
	for name in "$@"; do
		[[ " $RAN_FILES " == *" $name "* ]] && continue
		sql -f "bench/$name.sql"
		RAN_FILES+=" $name"
	done
}

# The first lines of a report: the title ($1, with the date) and the
# machine, labels padded to $2 columns
machine_header() {
	local ram_kb
	ram_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
	echo "== $1, $(date '+%Y-%m-%d %H:%M:%S %Z')"
	printf '%-*s%s\n' "$2" cpu: \
		"$(nproc) x $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
	printf '%-*s%s\n' "$2" ram: "$((ram_kb / 1024 / 1024)) GiB"
	printf '%-*s%s\n' "$2" load: \
		"$(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min load average before the run)"
}

# The versions and the settings the numbers belong to, labels padded to $1
# columns; further arguments go to psql (-v mobilitydb=on for its line)
versions_header() {
	local width=$1 names=() guc
	shift
	for guc in "${GUCS[@]}"; do
		names+=("${guc%%=*}")
	done
	sql -v width="$width" -v names="${names[*]}" "$@" -f bench/header.sql
}

# Every timing and ratio of the run; $1 says of what
report() {
	echo
	echo "== Results ($1; median over the runs counted in the last column)"
	sql -f bench/report.sql
	echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min load average after the run)"
}

#----------------------------------------------------------------------
# Outside: the cluster
#----------------------------------------------------------------------

# Whether a TCP port is taken: ss, or where it is missing (a minimal Debian
# root, which shares this machine's network) the kernel's socket tables
port_listening() {
	if command -v ss >/dev/null; then
		[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]
		return
	fi
	awk -v port="$(printf ':%04X' "$1")" '$4 == "0A" && substr($2, length($2) - 4) == port { found = 1 }
		END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# A port no other cluster listens on, so a concurrent ./scripts/test.sh
# (which takes 5432) neither fails nor shares this machine's port with us.
free_port() {
	local port
	for port in $(seq 5480 5520); do
		if ! port_listening "$port"; then
			echo "$port"
			return
		fi
	done
	echo 5480
}

# Runs "$3 --inside" in a throwaway cluster of PostgreSQL $2 with GUCS,
# writing the report to bench-output/$1-<date>.txt; retries when the
# cluster itself does not start (a port taken meanwhile).  "$3 --inside"
# touches $BENCH_STARTED first thing.
run_in_cluster() {
	local name=$1 version=$2 script=$3
	local out options=() guc attempt status

	mkdir -p bench-output
	out="bench-output/$name-$(date +%Y-%m-%d-%H%M%S).txt"
	for guc in "${GUCS[@]}"; do
		options+=(-o "$guc")
	done
	BENCH_STARTED=$(mktemp -u -t maritime-bench.XXXXXX)
	export BENCH_STARTED
	trap 'rm -f "$BENCH_STARTED"' EXIT

	for attempt in 1 2 3; do
		rm -f "$BENCH_STARTED"
		status=0
		PGPORT=$(free_port) pg_virtualenv -t -v "$version" "${options[@]}" "$script" --inside 2>&1 |
			sed -u -e '/^Creating new PostgreSQL cluster/d' -e '/^Dropping cluster/d' |
			tee "$out" || status=$?
		if [ "$status" = 0 ]; then
			echo "report written to $out"
			return 0
		fi
		[ -e "$BENCH_STARTED" ] && break
		echo "$name: the cluster did not start (attempt $attempt); retrying in 5 s" >&2
		sleep 5
	done
	echo "$name: FAILED (see $out)" >&2
	return 1
}
