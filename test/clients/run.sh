#!/usr/bin/env bash
# Read the BI views (examples/bi_views.sql) the way clients do: export them
# with GDAL's ogr2ogr to a GeoPackage, query them from Python (psycopg2), and
# open every one in QGIS 3.22 with PyQGIS, no display needed
# (test/clients/qgis_views.py), which also draws the map of
# scripts/render_map.py into test/output/clients_map.png.
# Needs a running PostgreSQL 15 with maritime installed, reached through the
# libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD), as pg_virtualenv sets
# them.  For example, from the repository root:
#   pg_virtualenv -t -v 15 test/clients/run.sh
# Prints "ok - ..." or "FAILED - ..." per check, then "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1

DB=maritime_clients
PYTHON=/usr/bin/python3

missing=""
command -v ogr2ogr >/dev/null && command -v ogrinfo >/dev/null || missing="$missing gdal-bin"
"$PYTHON" -c 'import psycopg2' 2>/dev/null || missing="$missing python3-psycopg2"
# The QGIS checks are written for QGIS 3.22, Debian 12's, and need it there;
# on other releases (scripts/debian_root.sh's) they run if PyQGIS is there
qgis=true
if ! "$PYTHON" -c 'import qgis.core' 2>/dev/null; then
	if [ "$(. /etc/os-release && echo "${ID:-} ${VERSION_ID:-}")" = "debian 12" ]; then
		missing="$missing qgis python3-qgis"
	else
		qgis=false
	fi
fi
if [ -n "$missing" ]; then
	echo "FAILED - missing Debian packages:$missing (apt-get install$missing)"
	echo "0 passed, 1 failed"
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1' EXIT

# result, expect and finish
. test/lib/checks.sh

psql -X -q -v ON_ERROR_STOP=1 -d postgres \
	-c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >"$tmp/setup.log" 2>&1 &&
	psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -c 'CREATE EXTENSION maritime CASCADE' \
		-f examples/load_rajin_sample.sql -f examples/bi_views.sql >>"$tmp/setup.log" 2>&1
status=$?
result "set-up: database $DB with maritime, the Rajin sample and the BI views" $status "$(grep -v '^NOTICE:' "$tmp/setup.log" | tail -3)"
[ $status = 0 ] || finish

sql() { psql -X -At -v ON_ERROR_STOP=1 -d "$DB" -c "$1"; }

# What clients make of an interval column, which the views avoid: two
# durations of the README's, under a day and over
sql "CREATE VIEW interval_probe (id, dwell) AS
     VALUES (1::bigint, interval '23:55:12'), (2, interval '19 days 21:01:12')" >/dev/null

# --- GDAL: export the views to a GeoPackage ---
gpkg="$tmp/views.gpkg"
ogr2ogr -f GPKG "$gpkg" "PG:dbname=$DB" tracks daily_tracks port_calls dark_periods interval_probe \
	>"$tmp/ogr2ogr.log" 2>&1
status=$?
result "ogr2ogr: export tracks, daily_tracks, port_calls, dark_periods and interval_probe to one GeoPackage" \
	$status "$(tail -3 "$tmp/ogr2ogr.log")"
[ $status = 0 ] || finish

# ogr_value SQL: the first field of the first feature (SQLite SQL on the GeoPackage)
ogr_value() { ogrinfo -q "$gpkg" -sql "$1" | sed -n 's/^  [^=]* = //p' | head -1; }
# layer_info LAYER KEY: a "KEY: value" line of ogrinfo's summary
layer_info() { ogrinfo -so "$gpkg" "$1" | sed -n "s/^$2: //p"; }
# layer_srs LAYER: the authority of the layer's SRS, e.g. EPSG:4326
layer_srs() { ogrinfo -so "$gpkg" "$1" | sed -n 's/^    ID\["\([A-Z]*\)",\([0-9]*\)\]\]$/\1:\2/p'; }

expect "ogrinfo: tracks has 7 features" "$(layer_info tracks 'Feature Count')" 7
expect "ogrinfo: tracks geometry is LineString M" "$(layer_info tracks Geometry)" "Measured Line String"
expect "ogrinfo: tracks SRS is EPSG:4326" "$(layer_srs tracks)" EPSG:4326
expect "ogrinfo: tracks keep every vertex and their M values" \
	"$(ogr_value "SELECT sum(ST_NumPoints(track)) || ' ' || CAST(sum(ST_M(ST_PointN(track, 1))) AS integer) AS v FROM tracks")" \
	"$(sql "SELECT sum(ST_NPoints(track)) || ' ' || sum(ST_M(ST_StartPoint(track)))::bigint FROM tracks")"

calls=$(sql 'SELECT count(*) FROM port_calls')
expect "ogrinfo: port_calls has as many features as the view has rows ($calls)" \
	"$(layer_info port_calls 'Feature Count')" "$calls"
expect "ogrinfo: port_calls has 32 Rajin calls" \
	"$(ogr_value "SELECT count(*) AS n FROM port_calls WHERE port = 'Rajin'")" 32
expect "ogrinfo: port_calls geometry is Point" "$(layer_info port_calls Geometry)" Point
expect "ogrinfo: port_calls SRS is EPSG:4326" "$(layer_srs port_calls)" EPSG:4326
expect "ogrinfo: port_calls dwell_hours match the view's" \
	"$(ogr_value "SELECT printf('%.3f', sum(dwell_hours)) AS h FROM port_calls")" \
	"$(sql 'SELECT round(sum(dwell_hours)::numeric, 3) FROM port_calls')"
expect "ogrinfo: port_calls keys are the view's" \
	"$(ogr_value "SELECT count(DISTINCT id) || ' ' || min(id) || ' ' || max(id) AS k FROM port_calls")" \
	"$(sql "SELECT count(DISTINCT id) || ' ' || min(id) || ' ' || max(id) FROM port_calls")"
expect "ogrinfo: daily_tracks has 890 features" "$(layer_info daily_tracks 'Feature Count')" 890
expect "ogrinfo: daily_tracks keep their lines and M values" \
	"$(ogr_value "SELECT sum(ST_NumGeometries(track)) || ' ' || CAST(sum(ST_M(ST_PointN(ST_GeometryN(track, 1), 1))) AS integer) AS v FROM daily_tracks")" \
	"$(sql "SELECT sum(ST_NumGeometries(track)) || ' ' || sum(ST_M(ST_PointN(ST_GeometryN(track, 1), 1)))::bigint FROM daily_tracks")"
expect "ogrinfo: dark_periods has 154 features" "$(layer_info dark_periods 'Feature Count')" 154
expect "ogrinfo: gpkg_geometry_columns declares each view's geometry type in SRS 4326" \
	"$(ogr_value "SELECT group_concat(table_name || ' ' || geometry_type_name || ' z' || z || ' m' || m || ' ' || srs_id, ', ') AS g FROM (SELECT * FROM gpkg_geometry_columns ORDER BY table_name)")" \
	"daily_tracks MULTILINESTRING z0 m1 4326, dark_periods LINESTRING z0 m1 4326, port_calls POINT z0 m0 4326, tracks LINESTRING z0 m1 4326"
# GDAL 3.6 takes an interval for an integer, the number its text starts
# with: hours under a day, days from one day on
expect "ogrinfo: GDAL reads an interval column as an integer" \
	"$(ogrinfo -so "$gpkg" interval_probe | sed -n 's/^dwell: //p')" "Integer (0.0)"
expect "ogrinfo: 23:55:12 becomes 23 and 19 days 21:01:12 becomes 19" \
	"$(ogr_value "SELECT group_concat(dwell, ' ') AS d FROM (SELECT dwell FROM interval_probe ORDER BY id)")" "23 19"

# --- Python: psycopg2 with bound parameters ---
PGDATABASE=$DB "$PYTHON" test/clients/round_trips_client.py >"$tmp/python.log" 2>&1
grep -E '^(ok|FAILED) - ' "$tmp/python.log"
passed=$((passed + $(grep -c '^ok - ' "$tmp/python.log")))
failed=$((failed + $(grep -c '^FAILED - ' "$tmp/python.log")))
# its own summary line is the last one when it ran to the end
tail -1 "$tmp/python.log" | grep -qE '^[0-9]+ passed, [0-9]+ failed$'
result "psycopg2: round_trips_client.py ran to the end" $? "$(tail -3 "$tmp/python.log")"

# --- QGIS: every view as a layer, and the map ---
if $qgis; then
	mkdir -p test/output
	PGDATABASE=$DB "$PYTHON" test/clients/qgis_views.py test/output/clients_map.png >"$tmp/qgis.log" 2>&1
	grep -E '^(ok|FAILED) - ' "$tmp/qgis.log"
	passed=$((passed + $(grep -c '^ok - ' "$tmp/qgis.log")))
	failed=$((failed + $(grep -c '^FAILED - ' "$tmp/qgis.log")))
	tail -1 "$tmp/qgis.log" | grep -qE '^[0-9]+ passed, [0-9]+ failed$'
	result "PyQGIS: qgis_views.py ran to the end" $? "$(tail -3 "$tmp/qgis.log")"
else
	echo "# QGIS checks not run: no PyQGIS on $(. /etc/os-release && echo "${PRETTY_NAME:-this system}") (they are for Debian 12's QGIS 3.22)"
fi

finish
