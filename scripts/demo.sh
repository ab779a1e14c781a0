#!/usr/bin/env bash
# Quick start: install what is missing, build and install maritime, start a
# throwaway PostgreSQL cluster, load the shipped sample data, print what the
# extension finds and write the report, charts and maps into a folder.
#
#   ./scripts/demo.sh [FOLDER]     # FOLDER defaults to demo-output/ in the repository
#
# The folder gets report.txt, round_trips_per_week.png, port_calls_timeline.png
# (with gnuplot; their data as .csv), tracks.geojson, ports.geojson,
# dark_periods.geojson and encounters.geojson, demo.gpkg when ogr2ogr
# (gdal-bin) is installed, and map.png, drawn by QGIS (python3-qgis) from the
# views of examples/bi_views.sql.
# The cluster is removed when the demo ends.
set -euo pipefail
here=$PWD
cd "$(dirname "$0")/.."

out=${1:-demo-output}
if [ $# -gt 0 ]; then
	case $out in /*) ;; *) out=$here/$out ;; esac
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
# Only the files this demo writes, so that a stale chart never survives
files=(report.txt round_trips_per_week.png port_calls_timeline.png round_trips_per_week.csv
	port_calls_timeline.csv tracks.geojson ports.geojson dark_periods.geojson encounters.geojson
	demo.gpkg map.png)
for file in "${files[@]}"; do rm -f "$out/$file"; done

./scripts/setup.sh

log=$(mktemp -t maritime-demo.XXXXXX)
trap 'rm -f "$log"' EXIT

# psql writes the report (stdout) and, with \copy and \o, the data files;
# then QGIS draws map.png from the views, while the cluster runs.  The
# cluster's own messages go to the log.  Two clusters starting in the same
# second may take the same port: when the cluster did not start (psql never
# ran, so no report.txt), try again.
map=true
if ! /usr/bin/python3 -c 'import qgis.core' 2>/dev/null; then
	echo "demo: python3-qgis is not installed, so no map.png (apt-get install qgis python3-qgis)"
	map=false
fi
for attempt in 1 2 3; do
	# shellcheck disable=SC2016 # $1 and $2 are expanded by the inner sh
	if pg_virtualenv -t -v 15 sh -c 'psql -X -q -v ON_ERROR_STOP=1 -v outdir="$1" -f scripts/demo.sql >"$1/report.txt" &&
		{ [ "$2" = false ] || /usr/bin/python3 scripts/render_map.py --schema gis --ports-schema public "$1/map.png"; }' \
		sh "$out" "$map" >"$log" 2>&1; then
		break
	fi
	if [ -e "$out/report.txt" ] || [ "$attempt" = 3 ]; then
		[ -e "$out/report.txt" ] && cat "$out/report.txt"
		cat "$log" >&2
		echo "demo: failed" >&2
		exit 1
	fi
	sleep "$attempt"
done
cat "$out/report.txt"

if command -v gnuplot >/dev/null; then
	gnuplot -c scripts/demo_charts.gp "$out"
else
	echo "demo: gnuplot is not installed, so no charts (apt-get install gnuplot-nox); their data is in the .csv files"
fi
if command -v ogr2ogr >/dev/null; then
	{ ogr2ogr -f GPKG "$out/demo.gpkg" "$out/tracks.geojson" -nln tracks &&
		ogr2ogr -update -f GPKG "$out/demo.gpkg" "$out/ports.geojson" -nln ports &&
		ogr2ogr -update -f GPKG "$out/demo.gpkg" "$out/dark_periods.geojson" -nln dark_periods &&
		# one geometry type a layer, for QGIS: the points, then the paths
		ogr2ogr -update -f GPKG "$out/demo.gpkg" "$out/encounters.geojson" -nln encounters \
			-where "kind = 'closest'" -nlt POINT &&
		ogr2ogr -update -f GPKG "$out/demo.gpkg" "$out/encounters.geojson" -nln encounter_paths \
			-where "kind = 'path'" -nlt MULTILINESTRING; } ||
		{ echo "demo: ogr2ogr failed, so no GeoPackage"; rm -f "$out/demo.gpkg"; }
fi

echo "Written to $out/:"
describe() {
	if [ -e "$out/$1" ]; then printf '  %-26s %s\n' "$1" "$2"; fi
}
describe report.txt "this report"
describe round_trips_per_week.png "completed round trips per week; the halt after the last call at Rajin"
describe port_calls_timeline.png "each ship's port calls and dark periods, by port, and its meetings at sea"
describe round_trips_per_week.csv "the data of the weekly chart"
describe port_calls_timeline.csv "the data of the timeline"
describe tracks.geojson "the tracks, 2D (GeoJSON has no M: first and last times are properties)"
describe ports.geojson "the port areas, with their number of calls"
describe dark_periods.geojson "each silence of 6 hours or more, as a line from where it began to where it ended"
describe encounters.geojson "two ships within 500 m at sea: where they came closest, and each one's path meanwhile"
describe demo.gpkg "the GeoJSON above in one GeoPackage, for QGIS (encounters in two layers: points, paths)"
describe map.png "the Rajin sample drawn by QGIS from the GIS views: tracks per day, dark periods, calls"
