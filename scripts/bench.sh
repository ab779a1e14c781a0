#!/usr/bin/env bash
# Benchmarks for maritime, run by hand (never part of the tests).
#
#   ./scripts/bench.sh [--vessels N] [--fixes N] [--repeats N]
#   VESSELS=100 FIXES=10000 REPEATS=5 ./scripts/bench.sh      (the defaults)
#   SECTIONS="scale memory" ./scripts/bench.sh                (some sections)
#
# Sections: track_agg port_visits clean gaps stops (on VESSELS x FIXES rows),
# encounters (ENCOUNTER_PAIRS pairs of vessels with ENCOUNTER_FIXES and ten
# times as many fixes a track, and a fleet of FLEET_VESSELS vessels over
# FLEET_DAYS days), scale (the pipeline on SCALE_SIZES millions of rows,
# parallel and serial) and memory (track_agg's peak memory for MEMORY_SIZES
# fixes).  A run of all takes about 20 minutes on 2 cores.
#
# Sets up (packages, build, install), starts ONE throwaway PostgreSQL 15
# cluster with pg_virtualenv, generates VESSELS x FIXES synthetic AIS
# positions in shuffled order (and a second such set, with stationary
# stretches and AIS gaps, for gaps and stops), and times each query REPEATS
# times.  Prints the median per query and the ratios against their targets,
# and writes the same report to bench-output/bench-<date>.txt (git-ignored).
#
# Adding a benchmark section: write a section_<name> function like
# section_track_agg (register queries with bench.add, run them with
# bench.run, declare ratios with bench.target) and call it from inside().
# The timing helpers are in bench/helpers.sql; bench/lib.sh has the shell
# shared with scripts/bench_mobilitydb.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

SECTIONS=${SECTIONS:-track_agg port_visits clean gaps stops encounters scale memory}

usage() {
	echo "usage: $0 [--vessels N] [--fixes N] [--repeats N]" >&2
	echo "       (or the environment variables VESSELS, FIXES, REPEATS)" >&2
	exit 2
}

#----------------------------------------------------------------------
# Sections, run inside the throwaway cluster
#----------------------------------------------------------------------

# Synthetic AIS-like positions.  Each vessel starts in the open North
# Atlantic (lon -50..-30, lat 30..45), sails at 8-20 knots on a course that
# drifts up to 2 degrees per fix, and reports every 10-60 s (fractional
# seconds, so M values are not all round numbers), with ~5 m GPS noise.
# Positions come from running sums (window functions), then the rows are
# stored in random order: track_agg must sort, as with real feeds.
# setseed and a serial plan make the data the same on every run.
section_data() {
	echo "== Data: $VESSELS vessels x $FIXES fixes, shuffled"
	sql <<'SQL'
SET client_min_messages = warning;
DROP TABLE IF EXISTS pos;
SELECT setseed(0.42) \g /dev/null
CREATE TABLE pos AS
WITH vessel AS (
	SELECT vessel,
		   -50 + 20 * random() AS lon0,
		   30 + 15 * random() AS lat0,
		   2 * pi() * random() AS course0,
		   4 + 6 * random() AS speed,		-- m/s
		   timestamptz '2024-01-01 00:00:00+00' + random() * interval '1 hour' AS t0
	FROM generate_series(1, :vessels) AS vessel
), step AS (
	SELECT vessel.*, i,
		   10 + 50 * random() AS dt,		-- seconds since the previous fix
		   radians(4) * (random() - 0.5) AS turn
	FROM vessel CROSS JOIN generate_series(1, :fixes) AS i
), course AS (
	SELECT step.*,
		   course0 + sum(turn) OVER w AS course,
		   sum(dt) OVER w AS elapsed
	FROM step WINDOW w AS (PARTITION BY vessel ORDER BY i)
), track AS (
	SELECT vessel, t0 + elapsed * interval '1 second' AS ts,
		   lon0 + sum(speed * dt * sin(course)) OVER w
				  / (111320 * cos(radians(lat0))) AS lon,
		   lat0 + sum(speed * dt * cos(course)) OVER w / 110540 AS lat
	FROM course WINDOW w AS (PARTITION BY vessel ORDER BY i)
)
SELECT vessel,
	   ST_SetSRID(ST_MakePoint(
		   greatest(-180, least(180, lon + 0.00005 * (random() - 0.5))),
		   greatest(-89, least(89, lat + 0.00005 * (random() - 0.5)))),
		   4326)::geometry(Point, 4326) AS geom,
	   ts
FROM track
ORDER BY random();
VACUUM ANALYZE pos;
-- nothing left for a checkpoint to write during the measurements
CHECKPOINT;
-- read the whole table into shared buffers (a plain seq scan of a large
-- table would use a small ring buffer instead)
SELECT pg_prewarm('pos') \g /dev/null
\pset footer off
SELECT count(*) AS rows, count(DISTINCT vessel) AS vessels,
	   min(ts) AS first_fix, max(ts) AS last_fix,
	   round(min(ST_X(geom))::numeric, 2) AS lon_min,
	   round(max(ST_X(geom))::numeric, 2) AS lon_max,
	   round(min(ST_Y(geom))::numeric, 2) AS lat_min,
	   round(max(ST_Y(geom))::numeric, 2) AS lat_max,
	   pg_size_pretty(pg_table_size('pos')) AS table_size
FROM pos;
SQL
}

# track_agg against the floor (a plain aggregate over the same rows) and
# against the usual PostGIS way of building the same track.
section_track_agg() {
	echo "== track_agg"
	sql <<'SQL'
SET client_min_messages = warning;
CALL bench.add('track_agg', 'a', 'floor: count(geom), max(ts)',
	$q$SELECT vessel, count(geom), max(ts) FROM pos GROUP BY vessel$q$);
CALL bench.add('track_agg', 'b', 'maritime.track_agg',
	$q$SELECT vessel, maritime.track_agg(geom, ts) FROM pos GROUP BY vessel$q$);
CALL bench.add('track_agg', 'c', 'ST_MakeLine(ST_MakePointM ORDER BY ts)',
	$q$SELECT vessel, ST_MakeLine(ST_MakePointM(ST_X(geom), ST_Y(geom), extract(epoch from ts)) ORDER BY ts) FROM pos GROUP BY vessel$q$);
CALL bench.target('track_agg', 'b', 'a', '<=', 2.0);
CALL bench.target('track_agg', 'c', 'b', '>=', 4.0);
CALL bench.run('track_agg', :repeats);

-- The two ways must give the same tracks.  ST_MakePointM has SRID 0, so
-- the PostGIS line gets the points' SRID before comparing.  "bytes" is the
-- stricter check that the stored values are identical.
WITH b AS (
	SELECT vessel, maritime.track_agg(geom, ts) AS t FROM pos GROUP BY vessel
), c AS (
	SELECT vessel, ST_SetSRID(ST_MakeLine(ST_MakePointM(ST_X(geom), ST_Y(geom),
		   extract(epoch from ts)) ORDER BY ts), 4326) AS t
	FROM pos GROUP BY vessel
), cmp AS (
	SELECT count(*) AS vessels,
		   count(*) FILTER (WHERE b.t = c.t) AS equal,
		   count(*) FILTER (WHERE b.t::bytea = c.t::bytea) AS bytes,
		   sum(ST_NPoints(b.t)) AS points
	FROM b FULL JOIN c USING (vessel)
)
SELECT format('sanity: track_agg = ST_MakeLine for %s of %s vessels (byte-identical: %s, %s points): %s',
			  equal, vessels, bytes, points,
			  CASE WHEN equal = vessels THEN 'OK' ELSE 'MISMATCH' END) AS line
FROM cmp \gset
\echo :line
SQL
}

# port_visits over stored tracks against one port polygon, against the
# track_agg that built the tracks and against the plain-SQL way over the
# positions.  The polygon is AMSA's real Brisbane port-visit area (368
# vertices, about 25 x 24 km), moved to where the synthetic vessels sail:
#   port   at its own size, centred on the 0.25-degree cell crossed by the
#          most vessels;
#   large  scaled 16 times (about 360 x 390 km), centred on the 4-degree
#          cell crossed by the most vessels.
# The synthetic vessels never stop, and their tracks are spread over the
# whole North Atlantic, so a port-sized polygon meets only a few of them;
# "large" is the case where a fifth of the tracks enter and a visit has
# hundreds of fixes.  The targets are checked for both.
# The port polygons of the port_visits and clean sections (table port, see
# section_port_visits), where the vessels of pos sail
make_port() {
	sql <<'SQL'
SET client_min_messages = warning;
DROP TABLE IF EXISTS port;
CREATE TEMP TABLE amsa (name text, abbrev text, threshold_km text, wkt text);
\copy amsa FROM 'data/ports/amsa_port_visit_polygons.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE port AS
WITH brisbane AS (
	SELECT g, ST_X(ST_Centroid(g)) AS x, ST_Y(ST_Centroid(g)) AS y
	FROM (SELECT ST_GeometryN(ST_GeomFromText(wkt, 4326), 1) AS g
		  FROM amsa WHERE abbrev = 'BNE') AS s
), spot AS (
	SELECT DISTINCT ON (name) name, scale,
		   (cx + 0.5) * cell AS lon, (cy + 0.5) * cell AS lat
	FROM (VALUES ('port', 1, 0.25), ('large', 16, 4.0)) AS s(name, scale, cell)
	CROSS JOIN LATERAL (
		SELECT floor(ST_X(geom) / cell) AS cx, floor(ST_Y(geom) / cell) AS cy,
			   count(DISTINCT vessel) AS vessels, count(*) AS fixes
		FROM pos GROUP BY 1, 2) AS c
	ORDER BY name, vessels DESC, fixes DESC, cx, cy
)
SELECT name, ST_Translate(ST_Scale(ST_Translate(g, -x, -y), scale, scale),
						  lon, lat) AS geom
FROM brisbane CROSS JOIN spot;

VACUUM ANALYZE port;
SQL
}

section_port_visits() {
	echo "== port_visits"
	make_port
	sql <<'SQL'
SET client_min_messages = warning;
DROP TABLE IF EXISTS tracks;
-- stored as users store them: each track (240 kB) is TOASTed
CREATE TABLE tracks AS
SELECT vessel, maritime.track_agg(geom, ts) AS track FROM pos GROUP BY vessel;

VACUUM ANALYZE tracks;
CHECKPOINT;
SELECT bench.prewarm('tracks', 'port') \g /dev/null
\pset footer off
SELECT name, ST_NPoints(geom) AS vertices,
	   round(ST_X(ST_Centroid(geom))::numeric, 3) AS lon,
	   round(ST_Y(ST_Centroid(geom))::numeric, 3) AS lat,
	   round((ST_Distance(ST_MakePoint(ST_XMin(geom), ST_Y(ST_Centroid(geom)))::geography,
						  ST_MakePoint(ST_XMax(geom), ST_Y(ST_Centroid(geom)))::geography)
			  / 1000)::numeric) AS width_km,
	   round(((ST_YMax(geom) - ST_YMin(geom)) * 110.54)::numeric) AS height_km,
	   round((ST_Area(geom::geography) / 1e6)::numeric) AS area_km2
FROM port ORDER BY name DESC;
SELECT count(*) AS tracks, sum(ST_NPoints(track)) AS points,
	   pg_size_pretty(pg_table_size('tracks')) AS table_size
FROM tracks;

CALL bench.add('port_visits', 'a', 'maritime.track_agg (builds the tracks)',
	$q$SELECT vessel, maritime.track_agg(geom, ts) FROM pos GROUP BY vessel$q$);
CALL bench.add('port_visits', 'b', 'floor: ST_NPoints(track) (detoasts each track)',
	$q$SELECT vessel, ST_NPoints(track) FROM tracks$q$);
DO $do$
DECLARE
	p record;
BEGIN
	FOR p IN SELECT * FROM (VALUES ('c', 'd', 'port'), ('e', 'f', 'large'))
				 AS v(visits, plain, name) LOOP
		CALL bench.add('port_visits', p.visits,
			format('maritime.port_visits, %s', p.name),
			format($q$SELECT t.vessel, v.* FROM tracks t, port p, LATERAL maritime.port_visits(t.track, p.geom) v WHERE p.name = %L$q$,
				   p.name));
		-- inside is computed once per fix (MATERIALIZED; an inlined CTE
		-- would repeat ST_Intersects for every reference to it)
		CALL bench.add('port_visits', p.plain,
			format('SQL: ST_Intersects + lag + islands, %s', p.name),
			format($q$WITH fix AS MATERIALIZED (
	SELECT vessel, ts, ST_Intersects((SELECT geom FROM port WHERE name = %L), geom) AS inside
	FROM pos
), edge AS (
	SELECT vessel, ts, inside,
		   inside AND NOT coalesce(lag(inside) OVER w, false) AS arrives
	FROM fix WINDOW w AS (PARTITION BY vessel ORDER BY ts)
), island AS (
	SELECT vessel, ts, inside, count(*) FILTER (WHERE arrives) OVER w AS visit
	FROM edge WINDOW w AS (PARTITION BY vessel ORDER BY ts ROWS UNBOUNDED PRECEDING)
)
SELECT vessel, visit, min(ts) AS arrival, max(ts) AS departure, count(*) AS fixes
FROM island WHERE inside GROUP BY vessel, visit$q$, p.name));
		CALL bench.target('port_visits', p.visits, 'a', '<', 0.10);
		CALL bench.target('port_visits', p.plain, p.visits, '>=', 20.0);
	END LOOP;
END
$do$;
CALL bench.run('port_visits', :repeats);

-- The work is real, and both ways agree.  The SQL way only sees fixes;
-- port_visits also finds a visit between two fixes (a corner cut), and
-- splits a run of inside fixes where the track leaves between two of
-- them, so visit counts may differ slightly.  The inside fixes must be
-- the same, and every SQL visit must lie within a port_visits visit.
CREATE TEMP TABLE pv AS
SELECT p.name, t.vessel, v.*
FROM port p, tracks t, LATERAL maritime.port_visits(t.track, p.geom) v;
CREATE TEMP TABLE plain AS
SELECT p.name, s.*
FROM port p CROSS JOIN LATERAL (
	WITH fix AS MATERIALIZED (
		SELECT vessel, ts, ST_Intersects(p.geom, geom) AS inside FROM pos
	), edge AS (
		SELECT vessel, ts, inside,
			   inside AND NOT coalesce(lag(inside) OVER w, false) AS arrives
		FROM fix WINDOW w AS (PARTITION BY vessel ORDER BY ts)
	), island AS (
		SELECT vessel, ts, inside, count(*) FILTER (WHERE arrives) OVER w AS visit
		FROM edge WINDOW w AS (PARTITION BY vessel ORDER BY ts ROWS UNBOUNDED PRECEDING)
	)
	SELECT vessel, visit, min(ts) AS arrival, max(ts) AS departure, count(*) AS fixes
	FROM island WHERE inside GROUP BY vessel, visit) AS s;
SELECT p.name,
	   a.tracks, a.visits, a.with_fixes, a.fixes, a.max_fixes, a.dwell,
	   b.tracks AS sql_tracks, b.visits AS sql_visits, b.fixes AS sql_fixes,
	   b.covered AS sql_covered,
	   CASE WHEN a.fixes = b.fixes AND b.covered = b.visits
			THEN 'OK' ELSE 'MISMATCH' END AS sanity
FROM port p
CROSS JOIN LATERAL (
	SELECT count(DISTINCT vessel) AS tracks, count(*) AS visits,
		   count(*) FILTER (WHERE fixes > 0) AS with_fixes,
		   coalesce(sum(fixes), 0) AS fixes, max(fixes) AS max_fixes,
		   justify_hours(date_trunc('second', sum(dwell))) AS dwell
	FROM pv WHERE pv.name = p.name) AS a
CROSS JOIN LATERAL (
	SELECT count(DISTINCT vessel) AS tracks, count(*) AS visits,
		   coalesce(sum(fixes), 0) AS fixes,
		   count(*) FILTER (WHERE EXISTS (
			   SELECT FROM pv
			   WHERE pv.name = s.name AND pv.vessel = s.vessel
				 AND pv.arrival <= s.arrival AND s.departure <= pv.departure)) AS covered
	FROM plain s WHERE s.name = p.name) AS b
ORDER BY p.name DESC;
SQL
	cat <<'EOF'
tracks/visits/fixes: tracks entering, visits, visits with at least one fix
inside, fixes inside, most fixes in one visit, total dwell (port_visits);
sql_*: the same from the SQL way; sql_covered: SQL visits that lie within a
port_visits visit.
EOF
}

# clean_track, segments and min_absence on dirty tracks: pos with 1 % of
# its fixes moved 50 to 300 km away (spikes), built into stored tracks
# (tracks_dirty).  Each is timed against the track_agg that built the
# tracks; port_visits with min_absence against the same call without, on
# the large port (where visits are many and spikes split them).  Also at
# PostgreSQL's default work_mem and parallel workers, per query.
section_clean() {
	echo "== clean"
	has_section port_visits || make_port
	sql <<'SQL'
SET client_min_messages = warning;
DROP TABLE IF EXISTS pos_dirty, tracks_dirty;
SELECT setseed(0.17) \g /dev/null
CREATE TABLE pos_dirty AS
SELECT vessel, CASE WHEN random() < 0.01
				   THEN ST_SetSRID(ST_MakePoint(ST_X(geom) + (1.5 + random() * 1.5) * cos(a),
												ST_Y(geom) + (0.5 + random() * 2) * sin(a)), 4326)
				   ELSE geom END AS geom,
	   ts
FROM pos, LATERAL (SELECT 2 * pi() * random() AS a) r;
CREATE TABLE tracks_dirty AS
SELECT vessel, maritime.track_agg(geom, ts) AS track FROM pos_dirty GROUP BY vessel;
VACUUM ANALYZE pos_dirty;
VACUUM ANALYZE tracks_dirty;
CHECKPOINT;
SELECT bench.prewarm('pos_dirty', 'tracks_dirty') \g /dev/null

CALL bench.add('clean', 'a', 'maritime.track_agg (builds the tracks)',
	$q$SELECT vessel, maritime.track_agg(geom, ts) FROM pos_dirty GROUP BY vessel$q$);
CALL bench.add('clean', 'b', 'maritime.clean_track over the tracks',
	$q$SELECT vessel, maritime.clean_track(track) FROM tracks_dirty$q$);
CALL bench.add('clean', 'c', 'maritime.outliers over the tracks',
	$q$SELECT t.vessel, o.* FROM tracks_dirty t, LATERAL maritime.outliers(t.track) o$q$);
CALL bench.add('clean', 'd', 'maritime.segments, max_gap 55 s (a piece every 10 fixes)',
	$q$SELECT t.vessel, s.* FROM tracks_dirty t, LATERAL maritime.segments(t.track, '55 seconds') s$q$);
CALL bench.add('clean', 'e', 'maritime.segments, max_gap 1 hour (one piece a track)',
	$q$SELECT t.vessel, s.* FROM tracks_dirty t, LATERAL maritime.segments(t.track, '1 hour') s$q$);
CALL bench.add('clean', 'f', 'maritime.port_visits, large port',
	$q$SELECT t.vessel, v.* FROM tracks_dirty t, port p, LATERAL maritime.port_visits(t.track, p.geom) v WHERE p.name = 'large'$q$);
CALL bench.add('clean', 'g', 'maritime.port_visits, large port, min_absence 15 minutes',
	$q$SELECT t.vessel, v.* FROM tracks_dirty t, port p, LATERAL maritime.port_visits(t.track, p.geom, min_absence => '15 minutes') v WHERE p.name = 'large'$q$);
CALL bench.add('clean', 'a_default', 'maritime.track_agg, default work_mem and workers',
	$q$SELECT vessel, maritime.track_agg(geom, ts) FROM pos_dirty GROUP BY vessel$q$,
	'{work_mem,4MB,max_parallel_workers_per_gather,2}');
CALL bench.add('clean', 'b_default', 'maritime.clean_track, default work_mem and workers',
	$q$SELECT vessel, maritime.clean_track(track) FROM tracks_dirty$q$,
	'{work_mem,4MB,max_parallel_workers_per_gather,2}');
CALL bench.target('clean', 'b', 'a', '<=', 1.0);
CALL bench.target('clean', 'b', 'a', '<=', 0.5);
CALL bench.target('clean', 'd', 'a', '<=', 0.3);
CALL bench.target('clean', 'e', 'a', '<=', 0.3);
CALL bench.target('clean', 'g', 'f', '<=', 1.1);
CALL bench.target('clean', 'b_default', 'a_default', '<=', 1.0);
CALL bench.run('clean', :repeats);

-- The work is real: what was removed, the pieces, and the visits merged
SELECT format('sanity: %s spikes in %s rows; outliers %s (of them spikes %s); clean tracks keep %s of %s fixes: %s',
			  (SELECT count(*) FROM pos_dirty d JOIN pos p USING (vessel, ts) WHERE NOT ST_Equals(d.geom, p.geom)),
			  (SELECT count(*) FROM pos_dirty),
			  (SELECT count(*) FROM tracks_dirty t, maritime.outliers(t.track) o),
			  (SELECT count(*) FROM tracks_dirty t CROSS JOIN LATERAL maritime.outliers(t.track) o
			   JOIN pos_dirty d ON d.vessel = t.vessel AND d.ts = o.fix_time
			   JOIN pos p ON p.vessel = d.vessel AND p.ts = d.ts WHERE NOT ST_Equals(d.geom, p.geom)),
			  (SELECT sum(ST_NPoints(maritime.clean_track(track))) FROM tracks_dirty),
			  (SELECT sum(ST_NPoints(track)) FROM tracks_dirty),
			  CASE WHEN (SELECT count(*) FROM tracks_dirty t WHERE EXISTS (
						 SELECT FROM ST_DumpPoints(maritime.clean_track(t.track)) d
						 JOIN pos p ON p.vessel = t.vessel AND extract(epoch FROM p.ts) = ST_M(d.geom)
						 WHERE NOT ST_Equals(ST_Force2D(d.geom), p.geom))) = 0
				   THEN 'OK (no spike kept)' ELSE 'MISMATCH (a spike kept)' END) AS line1,
	   format('sanity: segments: %s pieces at 55 s, %s at 1 hour; port_visits, large port: %s visits, %s with min_absence 15 minutes',
			  (SELECT count(*) FROM tracks_dirty t, maritime.segments(t.track, '55 seconds') s),
			  (SELECT count(*) FROM tracks_dirty t, maritime.segments(t.track, '1 hour') s),
			  (SELECT count(*) FROM tracks_dirty t, port p, maritime.port_visits(t.track, p.geom) v WHERE p.name = 'large'),
			  (SELECT count(*) FROM tracks_dirty t, port p, maritime.port_visits(t.track, p.geom, min_absence => '15 minutes') v
			   WHERE p.name = 'large')) AS line2 \gset
\echo :line1
\echo :line2
SQL
}

# A second data set for gaps and stops (pos has no stationary fixes and no
# AIS gaps).  Table pos_stops: VESSELS x FIXES rows like pos (8-20 knots, a
# fix every 10-60 s, shuffled), but each vessel alternates between moving
# and stationary stretches: at every fix it switches with probability 1/250
# (geometric stretch lengths, 250 fixes or about 2.4 hours on average), so
# about half of the fixes are stationary.  A stationary vessel does not
# move; its fixes scatter around the spot with Gaussian GPS noise (sigma
# 2-10 m, drawn per vessel, on the moving fixes too).  2 % of the fixes
# come after an AIS gap of 10 minutes to 6 hours (log-uniform); a moving
# vessel sails on during a gap, a stationary one stays.  With the gaps a
# vessel sails further than in pos, so the vessels start in the tropical
# Atlantic (lon -50..-30, lat 0..20), from where none gets near a pole
# (positions clamped there would pile up like a stop).  Then the stored
# tracks (tracks_stops, built with track_agg) and, in table stationary, two
# single tracks of a vessel at anchor, FIXES * 0.8 and FIXES * 8 fixes
# (8,000 and 80,000 at the defaults; sigma 10 m, a fix every 10-60 s, no
# gaps).
section_data_stops() {
	echo "== Data for gaps and stops: $VESSELS vessels x $FIXES fixes, half stationary, with AIS gaps, shuffled"
	sql <<'SQL'
SET client_min_messages = warning;
DROP TABLE IF EXISTS pos_stops, tracks_stops, stationary;
SELECT setseed(0.17) \g /dev/null
CREATE TABLE pos_stops AS
WITH vessel AS (
	SELECT vessel,
		   -50 + 20 * random() AS lon0,
		   20 * random() AS lat0,
		   2 * pi() * random() AS course0,
		   4 + 6 * random() AS speed,		-- m/s
		   2 + 8 * random() AS sigma,		-- GPS noise, m
		   (random() < 0.5)::int AS moored,	-- stationary at the first fix
		   timestamptz '2024-01-01 00:00:00+00' + random() * interval '1 hour' AS t0
	FROM generate_series(1, :vessels) AS vessel
), step AS (
	SELECT vessel.*, i,
		   (random() < 1.0 / 250)::int AS switch,
		   CASE WHEN random() < 0.02
				THEN 600 * exp(random() * ln(36))	-- AIS gap, 10 min to 6 h
				ELSE 10 + 50 * random() END AS dt,
		   radians(4) * (random() - 0.5) AS turn,
		   sqrt(-2 * ln(1 - random())) AS noise_r,	-- Box-Muller
		   2 * pi() * random() AS noise_a
	FROM vessel CROSS JOIN generate_series(1, :fixes) AS i
), course AS (
	SELECT step.*,
		   (moored + sum(switch) OVER w) % 2 = 1 AS stationary,
		   course0 + sum(turn) OVER w AS course,
		   sum(dt) OVER w AS elapsed
	FROM step WINDOW w AS (PARTITION BY vessel ORDER BY i)
), track AS (
	SELECT vessel, stationary, sigma, noise_r, noise_a,
		   t0 + elapsed * interval '1 second' AS ts,
		   lon0 + sum(CASE WHEN stationary THEN 0 ELSE speed * dt * sin(course) END) OVER w
				  / (111320 * cos(radians(lat0))) AS lon,
		   lat0 + sum(CASE WHEN stationary THEN 0 ELSE speed * dt * cos(course) END) OVER w
				  / 110540 AS lat
	FROM course WINDOW w AS (PARTITION BY vessel ORDER BY i)
)
SELECT vessel,
	   ST_SetSRID(ST_MakePoint(
		   greatest(-180, least(180, lon + sigma * noise_r * cos(noise_a)
											/ (111320 * cos(radians(lat))))),
		   greatest(-89, least(89, lat + sigma * noise_r * sin(noise_a) / 110540))),
		   4326)::geometry(Point, 4326) AS geom,
	   ts, stationary
FROM track
ORDER BY random();

-- stored as users store them (TOASTed)
CREATE TABLE tracks_stops AS
SELECT vessel, maritime.track_agg(geom, ts) AS track FROM pos_stops GROUP BY vessel;

-- one vessel at anchor off Lisbon for FIXES * 0.8 or FIXES * 8 fixes
CREATE TABLE stationary AS
WITH fix AS (
	SELECT n, i, 10 + 50 * random() AS dt,
		   sqrt(-2 * ln(1 - random())) AS noise_r, 2 * pi() * random() AS noise_a
	FROM (VALUES (greatest(1, :fixes * 8 / 10)), (:fixes * 8)) AS s(n)
	CROSS JOIN LATERAL generate_series(1, n) AS i
), timed AS (
	SELECT n, noise_r, noise_a,
		   timestamptz '2024-01-01 00:00:00+00' + sum(dt) OVER w * interval '1 second' AS ts
	FROM fix WINDOW w AS (PARTITION BY n ORDER BY i)
)
SELECT n AS fixes,
	   maritime.track_agg(ST_SetSRID(ST_MakePoint(
		   -9.25 + 10 * noise_r * cos(noise_a) / (111320 * cos(radians(38.65))),
		   38.65 + 10 * noise_r * sin(noise_a) / 110540), 4326), ts) AS track
FROM timed GROUP BY n;

VACUUM ANALYZE pos_stops;
VACUUM ANALYZE tracks_stops;
VACUUM ANALYZE stationary;
CHECKPOINT;
SELECT bench.prewarm('pos_stops', 'tracks_stops', 'stationary') \g /dev/null
\pset footer off
WITH w AS (
	SELECT vessel, ts - lag(ts) OVER (PARTITION BY vessel ORDER BY ts) AS dt,
		   stationary, geom
	FROM pos_stops
)
SELECT count(*) AS rows, count(DISTINCT vessel) AS vessels,
	   round(100.0 * count(*) FILTER (WHERE stationary) / count(*), 1) AS "stationary %",
	   count(*) FILTER (WHERE dt >= interval '10 minutes') AS "gaps >= 10 min",
	   count(*) FILTER (WHERE dt > interval '1 hour') AS "gaps > 1 h",
	   round(100.0 * count(*) FILTER (WHERE dt >= interval '10 minutes')
			 / count(dt), 2) AS "gaps %",
	   justify_hours(date_trunc('second', avg(dt))) AS "mean interval",
	   round(min(ST_X(geom))::numeric, 2) AS lon_min,
	   round(max(ST_X(geom))::numeric, 2) AS lon_max,
	   round(min(ST_Y(geom))::numeric, 2) AS lat_min,
	   round(max(ST_Y(geom))::numeric, 2) AS lat_max,
	   pg_size_pretty(pg_table_size('pos_stops')) AS table_size
FROM w;
SELECT 'tracks_stops' AS "table", count(*) AS tracks, sum(ST_NPoints(track)) AS points,
	   justify_hours(date_trunc('hour', avg(ST_M(ST_EndPoint(track)) - ST_M(ST_StartPoint(track)))
					 * interval '1 second')) AS "mean span",
	   pg_size_pretty(pg_table_size('tracks_stops')) AS table_size
FROM tracks_stops
UNION ALL
SELECT 'stationary ' || fixes, 1, ST_NPoints(track),
	   justify_hours(date_trunc('hour', (ST_M(ST_EndPoint(track)) - ST_M(ST_StartPoint(track)))
					 * interval '1 second')),
	   pg_size_pretty(pg_column_size(track)::bigint)
FROM stationary;
SQL
}

# gaps over the stored tracks against the floor (detoasting the tracks),
# end to end from the positions (track_agg, then gaps), and the
# window-function SQL an analyst would write over the positions.  min_gap
# 10 minutes: the ordinary interval is 10-60 s, so that finds the AIS gaps.
section_gaps() {
	echo "== gaps"
	sql <<'SQL'
SET client_min_messages = warning;
CALL bench.add('gaps', 'a', 'floor: ST_NPoints(track) (detoasts each track)',
	$q$SELECT vessel, ST_NPoints(track) FROM tracks_stops$q$);
CALL bench.add('gaps', 'b', 'maritime.gaps over tracks_stops',
	$q$SELECT t.vessel, g.* FROM tracks_stops t, LATERAL maritime.gaps(t.track, '10 minutes') g$q$);
CALL bench.add('gaps', 'c', 'track_agg + gaps from pos_stops (end to end)',
	$q$SELECT s.vessel, g.* FROM (SELECT vessel, maritime.track_agg(geom, ts) AS t FROM pos_stops GROUP BY vessel) s, LATERAL maritime.gaps(s.t, '10 minutes') g$q$);
CALL bench.add('gaps', 'd', 'SQL: lag + ST_Distance(geography)',
	$q$SELECT vessel, gap_start, gap_end, duration, start_point, end_point, distance,
	   distance / extract(epoch FROM duration) * 3600 / 1852 AS implied_speed_kn
FROM (
	SELECT vessel, gap_start, gap_end, gap_end - gap_start AS duration,
		   start_point, end_point,
		   ST_Distance(start_point::geography, end_point::geography) AS distance
	FROM (
		SELECT vessel, lag(ts) OVER w AS gap_start, ts AS gap_end,
			   lag(geom) OVER w AS start_point, geom AS end_point
		FROM pos_stops WINDOW w AS (PARTITION BY vessel ORDER BY ts)
	) AS fix
	WHERE gap_end - gap_start >= interval '10 minutes'
	OFFSET 0
) AS gap$q$);
CALL bench.target('gaps', 'd', 'b', '>=', 10.0);
CALL bench.target('gaps', 'd', 'c', '>=', 2.0);
CALL bench.run('gaps', :repeats);

-- Both ways find the same gaps.  gaps measures on the sphere (haversine,
-- R = 6,371,008.8 m); ST_Distance(geography) by default on the WGS 84
-- spheroid, which differs by up to about 0.5 %; on PostGIS's sphere
-- (use_spheroid => false, R = 6,371,008.77 m) it must agree closely.
CREATE TEMP TABLE g AS
SELECT t.vessel, g.* FROM tracks_stops t, LATERAL maritime.gaps(t.track, '10 minutes') g;
CREATE TEMP TABLE s AS
SELECT vessel, gap_start, gap_end, start_point, end_point,
	   ST_Distance(start_point::geography, end_point::geography) AS spheroid,
	   ST_Distance(start_point::geography, end_point::geography, false) AS sphere
FROM (
	SELECT vessel, lag(ts) OVER w AS gap_start, ts AS gap_end,
		   lag(geom) OVER w AS start_point, geom AS end_point
	FROM pos_stops WINDOW w AS (PARTITION BY vessel ORDER BY ts)
) AS fix
WHERE gap_end - gap_start >= interval '10 minutes';
SELECT format('sanity: gaps %s, SQL way %s, matched (vessel, start, end, points) %s: %s',
			  (SELECT count(*) FROM g), (SELECT count(*) FROM s), count(*),
			  CASE WHEN count(*) = (SELECT count(*) FROM g)
						AND count(*) = (SELECT count(*) FROM s)
				   THEN 'OK' ELSE 'MISMATCH' END) AS line1,
	   format('sanity: distance vs spheroid: max relative difference %s %%, mean %s %%; vs PostGIS sphere: max %s',
			  round(max(abs(g.distance - s.spheroid) / s.spheroid)::numeric * 100, 3),
			  round(avg(abs(g.distance - s.spheroid) / s.spheroid)::numeric * 100, 3),
			  trim(to_char(max(abs(g.distance - s.sphere) / s.sphere), '9.9EEEE'))) AS line2,
	   format('sanity: gap duration %s to %s, distance %s to %s km, implied speed up to %s kn',
			  min(g.duration), max(g.duration),
			  round(min(g.distance)::numeric / 1000, 3), round(max(g.distance)::numeric / 1000, 1),
			  round(max(g.implied_speed_kn)::numeric, 1)) AS line3
FROM g JOIN s ON g.vessel = s.vessel AND g.gap_start = s.gap_start AND g.gap_end = s.gap_end
			 AND ST_Equals(g.start_point, s.start_point) AND ST_Equals(g.end_point, s.end_point)
			 AND ST_SRID(g.start_point) = 4326 \gset
\echo :line1
\echo :line2
\echo :line3
SQL
}

# stops over the stored tracks against the track_agg that built them, and
# on one stationary track of FIXES * 0.8 fixes against one of FIXES * 8
# (near-linear).  max_diameter 200 m, min_duration 30 minutes, max_gap 1
# hour.
section_stops() {
	echo "== stops"
	sql <<'SQL'
SET client_min_messages = warning;
CALL bench.add('stops', 'a', 'maritime.track_agg over pos_stops (builds the tracks)',
	$q$SELECT vessel, maritime.track_agg(geom, ts) FROM pos_stops GROUP BY vessel$q$);
CALL bench.add('stops', 'b', 'maritime.stops over tracks_stops',
	$q$SELECT t.vessel, s.* FROM tracks_stops t, LATERAL maritime.stops(t.track, 200, '30 minutes', '1 hour') s$q$);
CALL bench.add('stops', 'c', format('maritime.stops, one stationary track of %s fixes',
								   greatest(1, :fixes * 8 / 10)),
	$q$SELECT s.* FROM stationary t, LATERAL maritime.stops(t.track, 200, '30 minutes', '1 hour') s WHERE t.fixes = (SELECT min(fixes) FROM stationary)$q$);
CALL bench.add('stops', 'd', format('maritime.stops, one stationary track of %s fixes',
								   :fixes * 8),
	$q$SELECT s.* FROM stationary t, LATERAL maritime.stops(t.track, 200, '30 minutes', '1 hour') s WHERE t.fixes = (SELECT max(fixes) FROM stationary)$q$);
CALL bench.target('stops', 'b', 'a', '<', 3.0);
CALL bench.target('stops', 'd', 'c', '<', 20.0);
CALL bench.run('stops', :repeats);

-- The work is real: stops found and fixes in them, against the stays in
-- the data: runs of stationary fixes with the fix before them (where the
-- vessel arrived: the first stationary fix is at the same spot), split at
-- gaps over max_gap, lasting at least min_duration.  stops may also take
-- in the first fix after a stay (the vessel leaving, if within 200 m), so
-- it finds a few more stops and fixes than that.
\pset footer off
WITH o AS (
	SELECT vessel, ts, stationary OR coalesce(lead(stationary) OVER w, false) AS stay,
		   ts - lag(ts) OVER w AS dt
	FROM pos_stops WINDOW w AS (PARTITION BY vessel ORDER BY ts)
), e AS (
	SELECT vessel, ts, stay,
		   (stay AND (NOT coalesce(lag(stay) OVER w, false) OR dt > interval '1 hour'))::int AS new
	FROM o WINDOW w AS (PARTITION BY vessel ORDER BY ts)
), i AS (
	SELECT vessel, ts, stay, sum(new) OVER (PARTITION BY vessel ORDER BY ts) AS island FROM e
), stay AS (
	SELECT vessel, island, count(*) AS fixes FROM i WHERE stay
	GROUP BY vessel, island HAVING max(ts) - min(ts) >= interval '30 minutes'
), s AS (
	SELECT t.vessel, s.*
	FROM tracks_stops t, LATERAL maritime.stops(t.track, 200, '30 minutes', '1 hour') s
)
SELECT 'tracks_stops' AS tracks,
	   (SELECT count(*) FILTER (WHERE stationary) FROM pos_stops) AS stationary_fixes,
	   (SELECT count(*) FROM stay) AS stays, (SELECT sum(fixes) FROM stay) AS fixes_in_stays,
	   count(*) AS stops, sum(fixes) AS fixes_in_stops, max(fixes) AS max_fixes,
	   justify_hours(date_trunc('second', min(duration))) AS min_duration,
	   justify_hours(date_trunc('second', max(duration))) AS max_duration,
	   round(max(diameter)::numeric, 1) AS max_diameter_m
FROM s
UNION ALL
SELECT 'stationary ' || t.fixes, t.fixes, 1, t.fixes, count(*), sum(s.fixes),
	   max(s.fixes), justify_hours(date_trunc('second', min(s.duration))),
	   justify_hours(date_trunc('second', max(s.duration))),
	   round(max(s.diameter)::numeric, 1)
FROM stationary t, LATERAL maritime.stops(t.track, 200, '30 minutes', '1 hour') s
GROUP BY t.fixes ORDER BY 1 DESC;
SQL
	cat <<'EOF'
stationary_fixes: fixes generated stationary; stays, fixes_in_stays: what
stops should find (runs of stationary fixes with their arrival fix, split at
gaps over 1 hour, lasting 30 minutes or more); stops, fixes_in_stops: what
maritime.stops found.  max_diameter 200 m, min_duration 30 minutes, max_gap
1 hour.
EOF
}

# Synthetic pairs of vessels that meet and cross, in metres on a plane: the
# data of the encounters section and of scripts/bench_mobilitydb.sh.
# bench.encounter_fixes(pairs, fixes, area) returns, for each pair, the
# fixes of vessels 1 and 2 (t in seconds from the start, x and y in metres
# within about area metres, before the caller's offset):
#   - both vessels sail from event to event; the events of a pair are a
#     random walk of 20-60 km steps, reflected into the area;
#   - an event is a meeting (30 %), a crossing (30 %) or apart (40 %).  At a
#     meeting both arrive at the same time, 50-300 m apart, and drift
#     together at 0.4-1.6 kn for 1-5 hours (what Global Fishing Watch calls
#     an encounter); at a crossing they pass the same point within 30 s of
#     each other on different courses; apart, vessel 2 goes to a point 5-30
#     km away;
#   - between events each vessel sails at 5-15 kn (drawn per vessel and
#     leg) by a detour of its own: a turning point on the ellipse whose foci
#     are where it left and where it is due, so that its path is 1.05-1.7
#     times the straight line (for the slower of the two; the event's time
#     is set by it);
#   - each vessel reports every 10-60 s (independently), with Gaussian GPS
#     noise of sigma 5 m.
# The positions are exact at any time (straight legs between turning
# points), so vessel 2's fixes need not coincide with vessel 1's.  After
# setseed the random numbers are drawn in a fixed order, whatever the plan:
# every run, on every PostgreSQL version, has the same data.
make_encounter_generator() {
	sql <<'SQL'
SET client_min_messages = warning;
CREATE OR REPLACE FUNCTION bench.encounter_fixes(p_pairs int, p_fixes int, p_area float8)
RETURNS TABLE (pair int, side int, i int, t float8, x float8, y float8)
LANGUAGE plpgsql AS $f$
#variable_conflict use_column
BEGIN
	-- The random numbers are drawn first, each table in a fixed order, so
	-- that the data do not depend on the order in which a plan evaluates
	-- the rest: the same data on every PostgreSQL version.
	DROP TABLE IF EXISTS pg_temp.enc_draw, pg_temp.enc_start;
	-- every random number of an event, one row per event
	CREATE TEMP TABLE enc_draw AS
	SELECT p AS pair, e, random() AS k, 2 * pi() * random() AS dir,
		   20000 + 40000 * random() AS step,
		   3600 * (1 + 4 * random()) AS hold,			-- a meeting lasts 1-5 h
		   0.2 + 0.6 * random() AS drift_speed,			-- m/s, drifting together
		   2 * pi() * random() AS drift_dir,
		   50 + 250 * random() AS o1_len, 2 * pi() * random() AS o1_dir,	-- 2's offset arriving
		   50 + 250 * random() AS o2_len, 2 * pi() * random() AS o2_dir,	-- and leaving
		   5000 + 25000 * random() AS far_len, 2 * pi() * random() AS far_dir,
		   60 * random() - 30 AS delta,				-- 2 crosses delta s after 1
		   2.572 + 5.144 * random() AS v1, 2.572 + 5.144 * random() AS v2,	-- 5-15 kn
		   0.6 + 0.35 * random() AS r1, 0.6 + 0.35 * random() AS r2,	-- straight / path
		   (CASE WHEN random() < 0.5 THEN 1 ELSE -1 END)
		   * (pi() / 2 + (random() - 0.5) * pi() / 2) AS th1,	-- where on the ellipse
		   (CASE WHEN random() < 0.5 THEN 1 ELSE -1 END)
		   * (pi() / 2 + (random() - 0.5) * pi() / 2) AS th2,
		   p_area * random() AS x0, p_area * random() AS y0
	FROM (SELECT p, e FROM generate_series(1, p_pairs) AS p
		  CROSS JOIN generate_series(0, p_fixes * 60 / 2500 + 10) AS e	-- enough events
		  ORDER BY p, e OFFSET 0) AS pe;
	-- when each vessel's first fix comes
	CREATE TEMP TABLE enc_start AS
	SELECT pair, side, 60 * random() AS t0
	FROM (SELECT pair, side FROM generate_series(1, p_pairs) AS pair
		  CROSS JOIN generate_series(1, 2) AS side ORDER BY pair, side OFFSET 0) AS ps;
	RETURN QUERY
WITH walk AS (
	SELECT draw.*,
		   CASE WHEN e = 0 THEN 'start' WHEN k < 0.3 THEN 'meet'
				WHEN k < 0.6 THEN 'cross' ELSE 'apart' END AS kind,
		   sum(CASE WHEN e = 0 THEN x0 ELSE step * cos(dir) END) OVER w AS ux,
		   sum(CASE WHEN e = 0 THEN y0 ELSE step * sin(dir) END) OVER w AS uy
	FROM enc_draw AS draw WINDOW w AS (PARTITION BY pair ORDER BY e)
), event AS (		-- reflected into [0, area]
	SELECT walk.*,
		   p_area - abs(p_area - (ux - 2 * p_area * floor(ux / (2 * p_area)))) AS px,
		   p_area - abs(p_area - (uy - 2 * p_area * floor(uy / (2 * p_area)))) AS py,
		   CASE WHEN kind = 'meet' THEN hold ELSE 0 END AS stay,
		   CASE WHEN kind = 'meet' THEN hold * drift_speed * cos(drift_dir) ELSE 0 END AS drift_x,
		   CASE WHEN kind = 'meet' THEN hold * drift_speed * sin(drift_dir) ELSE 0 END AS drift_y
	FROM walk
), sided AS (		-- where each vessel arrives (a) and leaves (d)
	SELECT pair, e, s.side, stay, s.late, s.v, s.r, s.th,
		   px + s.ax AS ax, py + s.ay AS ay, px + s.dx AS dx, py + s.dy AS dy
	FROM event CROSS JOIN LATERAL (VALUES
		(1, 0.0::float8, 0.0::float8, 0.0::float8, drift_x, drift_y, v1, r1, th1),
		(2, CASE WHEN kind = 'cross' THEN delta ELSE 0 END,
		 CASE kind WHEN 'meet' THEN o1_len * cos(o1_dir) WHEN 'cross' THEN 0 ELSE far_len * cos(far_dir) END,
		 CASE kind WHEN 'meet' THEN o1_len * sin(o1_dir) WHEN 'cross' THEN 0 ELSE far_len * sin(far_dir) END,
		 CASE kind WHEN 'meet' THEN drift_x + o2_len * cos(o2_dir) WHEN 'cross' THEN 0 ELSE far_len * cos(far_dir) END,
		 CASE kind WHEN 'meet' THEN drift_y + o2_len * sin(o2_dir) WHEN 'cross' THEN 0 ELSE far_len * sin(far_dir) END,
		 v2, r2, th2)) AS s(side, late, ax, ay, dx, dy, v, r, th)
), leg AS (			-- each vessel's leg from the previous event to this one
	SELECT sided.*,
		   lag(dx) OVER w AS fx, lag(dy) OVER w AS fy,
		   lag(late) OVER w AS flate, lag(stay) OVER w AS fstay
	FROM sided WINDOW w AS (PARTITION BY pair, side ORDER BY e)
), need AS (		-- the time the slower vessel needs, its path 1/r of the straight line
	SELECT pair, e, max(sqrt((ax - fx) ^ 2 + (ay - fy) ^ 2) / (v * r)) AS need
	FROM leg WHERE e > 0 GROUP BY pair, e
), timed AS (		-- te: when the event starts, seconds from the start
	SELECT leg.*,
		   sum(coalesce(fstay, 0) + coalesce(need + 60, 0)) OVER w AS te
	FROM leg LEFT JOIN need USING (pair, e)
	WINDOW w AS (PARTITION BY pair, side ORDER BY e)
), turn AS (		-- the turning point: on the ellipse of path length v * tau
	SELECT pair, side, e, t0, ax, ay, dx, dy, t_arr, t_dep, fx, fy, v,
		   cx + a * cos(th) * ux - b * sin(th) * uy AS wx,
		   cy + a * cos(th) * uy + b * sin(th) * ux AS wy
	FROM (
		SELECT timed.*,
			   lag(te) OVER w + coalesce(fstay, 0) + coalesce(flate, 0) AS t0,
			   te + late - lag(te) OVER w - coalesce(fstay, 0) - coalesce(flate, 0) AS tau,
			   te + late AS t_arr, te + late + stay AS t_dep,
			   (ax + fx) / 2 AS cx, (ay + fy) / 2 AS cy,
			   sqrt((ax - fx) ^ 2 + (ay - fy) ^ 2) AS dist
		FROM timed WINDOW w AS (PARTITION BY pair, side ORDER BY e)
	) AS s
	CROSS JOIN LATERAL (
		SELECT v * tau / 2 AS a,
			   sqrt(greatest(0, (v * tau / 2) ^ 2 - (dist / 2) ^ 2)) AS b,
			   CASE WHEN dist > 0 THEN (ax - fx) / dist ELSE 1 END AS ux,
			   CASE WHEN dist > 0 THEN (ay - fy) / dist ELSE 0 END AS uy) AS g
), vertex AS (		-- each vessel's true path: straight lines between these
	SELECT pair, side, 0.0::float8 AS t, dx AS x, dy AS y FROM turn WHERE e = 0
	UNION ALL
	SELECT pair, side, t0 + sqrt((wx - fx) ^ 2 + (wy - fy) ^ 2) / v, wx, wy FROM turn WHERE e > 0
	UNION ALL
	SELECT pair, side, t_arr, ax, ay FROM turn WHERE e > 0
	UNION ALL
	SELECT pair, side, t_dep, dx, dy FROM turn WHERE e > 0 AND t_dep > t_arr
), line AS (		-- each straight line: from a vertex to the next
	SELECT pair, side, t, x, y, lead(t) OVER w AS t1, lead(x) OVER w AS x1, lead(y) OVER w AS y1
	FROM vertex WINDOW w AS (PARTITION BY pair, side ORDER BY t)
), fix AS (			-- a fix every 10-60 s
	SELECT pair, side, i, t0 + sum(10 + 50 * random()) OVER w - 10 AS t,
		   sqrt(-2 * ln(1 - random())) AS noise_r, 2 * pi() * random() AS noise_a
	FROM enc_start CROSS JOIN generate_series(1, p_fixes) AS i
	WINDOW w AS (PARTITION BY pair, side ORDER BY i)
), placed AS (		-- k: the line each fix is on, the one that starts last before it
	SELECT u.*,
		   count(*) FILTER (WHERE i IS NULL)
			   OVER (PARTITION BY pair, side ORDER BY t, i NULLS FIRST) AS k
	FROM (SELECT pair, side, i, t, noise_r, noise_a, NULL::float8 AS lt, NULL::float8 AS lx,
				 NULL::float8 AS ly, NULL::float8 AS lt1, NULL::float8 AS lx1, NULL::float8 AS ly1
		  FROM fix
		  UNION ALL
		  SELECT pair, side, NULL, t, NULL, NULL, t, x, y, t1, x1, y1 FROM line) AS u
), carried AS (		-- the line's ends, from its first row to its fixes
	SELECT pair, side, i, t, noise_r, noise_a,
		   first_value(lt) OVER g AS lt, first_value(lx) OVER g AS lx, first_value(ly) OVER g AS ly,
		   first_value(lt1) OVER g AS lt1, first_value(lx1) OVER g AS lx1, first_value(ly1) OVER g AS ly1
	FROM placed WINDOW g AS (PARTITION BY pair, side, k ORDER BY t, i NULLS FIRST)
)
SELECT pair, side, i, t,
	   lx + (lx1 - lx) * (t - lt) / (lt1 - lt) + 5 * noise_r * cos(noise_a),
	   ly + (ly1 - ly) * (t - lt) / (lt1 - lt) + 5 * noise_r * sin(noise_a)
FROM carried WHERE i IS NOT NULL;
END
$f$;
SQL
}

# The pairs of the encounters section, in EPSG:32631 (UTM zone 31N, metres:
# the central North Sea, 300 x 300 km from 0 E 55 N): ENCOUNTER_PAIRS pairs
# of vessels, ENCOUNTER_FIXES x 10 fixes a vessel (about 40 days).  Tables:
#   enc_pairs (pair, fixes, track_a, track_b): the two tracks of each pair,
#       once with the first ENCOUNTER_FIXES fixes of each vessel and once
#       with all of them (fixes says which), built with track_agg and
#       stored (TOASTed, uncompressed) as users store them;
#   enc_pos (pair, side, geom, ts): the positions of the short tracks, in
#       random order, for the SQL way.
make_encounter_pairs() {
	make_encounter_generator
	sql -v pairs="$ENCOUNTER_PAIRS" -v efixes="$ENCOUNTER_FIXES" <<'SQL'
SET client_min_messages = warning;
DROP TABLE IF EXISTS enc_pairs, enc_pos;
SELECT setseed(0.29) \g /dev/null
CREATE TEMP TABLE enc_fix AS
SELECT pair, side, i, ST_SetSRID(ST_MakePoint(300000 + x, 6100000 + y), 32631) AS geom,
	   timestamptz '2024-03-01 00:00:00+00' + t * interval '1 second' AS ts
FROM bench.encounter_fixes(:pairs, :efixes * 10, 300000);
CREATE TEMP TABLE enc_track AS
SELECT pair, side, n.fixes, maritime.track_agg(geom, ts) AS track
FROM enc_fix CROSS JOIN (VALUES (:efixes), (:efixes * 10)) AS n(fixes)
WHERE i <= n.fixes GROUP BY pair, side, n.fixes;
CREATE TABLE enc_pairs AS
SELECT a.pair, a.fixes, a.track AS track_a, b.track AS track_b
FROM enc_track a JOIN enc_track b ON b.pair = a.pair AND b.fixes = a.fixes AND b.side = 2
WHERE a.side = 1 ORDER BY a.fixes, a.pair;
CREATE TABLE enc_pos AS
SELECT pair, side, geom::geometry(Point, 32631) AS geom, ts
FROM enc_fix WHERE i <= :efixes ORDER BY random();
DROP TABLE enc_fix, enc_track;
VACUUM ANALYZE enc_pairs;
VACUUM ANALYZE enc_pos;
CHECKPOINT;
SELECT bench.prewarm('enc_pairs', 'enc_pos') \g /dev/null
SQL
}

# A fleet of FLEET_VESSELS vessels (FLEET_VESSELS / 2 pairs of the same
# generator, all in one sea area of 400 x 400 km of the central North Sea)
# over FLEET_DAYS days, in lon/lat (SRID 4326, transformed from UTM 31N):
# fleet_pos (vessel, day, geom, ts), shuffled, and fleet (vessel, day,
# track), one track a vessel-day (day 1 is 2024-03-01 UTC) with a GiST
# index on the tracks' n-D boxes (gist_geometry_ops_nd).
make_fleet() {
	make_encounter_generator
	sql -v vessels="$FLEET_VESSELS" -v days="$FLEET_DAYS" <<'SQL'
SET client_min_messages = warning;
DROP TABLE IF EXISTS fleet_pos, fleet;
SELECT setseed(0.31) \g /dev/null
CREATE TABLE fleet_pos AS
SELECT 2 * pair + side - 2 AS vessel, floor(t / 86400)::int + 1 AS day,
	   ST_Transform(ST_SetSRID(ST_MakePoint(300000 + x, 6050000 + y), 32631), 4326)::geometry(Point, 4326) AS geom,
	   timestamptz '2024-03-01 00:00:00+00' + t * interval '1 second' AS ts
FROM bench.encounter_fixes(:vessels / 2, :days * 86400 / 30, 400000)
WHERE t < :days * 86400
ORDER BY random();
CREATE TABLE fleet AS
SELECT vessel, day, maritime.track_agg(geom, ts) AS track FROM fleet_pos GROUP BY vessel, day;
CREATE INDEX fleet_track_nd ON fleet USING gist (track gist_geometry_ops_nd);
VACUUM ANALYZE fleet_pos;
VACUUM ANALYZE fleet;
CHECKPOINT;
SELECT bench.prewarm('fleet_pos', 'fleet', 'fleet_track_nd') \g /dev/null
SQL
}

# The SQL way to find encounters that an analyst would write over the
# positions of enc_pos: resample each vessel every whole minute (linear
# interpolation between the fixes around it, generate_series over each
# pair of consecutive fixes), the distance between the two vessels at each
# minute (planar, as the SRID is), and gaps and islands over the minutes
# within 500 m.  Plain arithmetic on ST_X and ST_Y rather than
# ST_MakePoint and ST_Distance gives it its best.  Its answer is to the
# minute: each encounter from its first to its last minute within 500 m.
encounters_sql_way() {
	cat <<'SQL'
WITH fix AS (
	SELECT pair, side, ts, ST_X(geom) AS x, ST_Y(geom) AS y,
		   lead(ts) OVER w AS ts1, lead(ST_X(geom)) OVER w AS x1, lead(ST_Y(geom)) OVER w AS y1
	FROM enc_pos WINDOW w AS (PARTITION BY pair, side ORDER BY ts)
), minute AS (
	SELECT pair, side, m, x + (x1 - x) * f AS x, y + (y1 - y) * f AS y
	FROM fix
	CROSS JOIN LATERAL generate_series(date_trunc('minute', ts), ts1, interval '1 minute') AS m
	CROSS JOIN LATERAL (SELECT extract(epoch FROM m - ts) / extract(epoch FROM ts1 - ts) AS f) AS s
	WHERE m >= ts AND m < ts1
), near AS (
	SELECT a.pair, a.m, sqrt((a.x - b.x) ^ 2 + (a.y - b.y) ^ 2) AS distance
	FROM minute a JOIN minute b ON b.pair = a.pair AND b.m = a.m AND b.side = 2
	WHERE a.side = 1 AND (a.x - b.x) ^ 2 + (a.y - b.y) ^ 2 <= 500 ^ 2
), island AS (
	SELECT pair, m, distance,
		   m - row_number() OVER (PARTITION BY pair ORDER BY m) * interval '1 minute' AS island
	FROM near
)
SELECT pair, min(m) AS encounter_start, max(m) AS encounter_end,
	   max(m) - min(m) AS duration, min(distance) AS min_distance
FROM island GROUP BY pair, island
HAVING max(m) - min(m) >= interval '30 minutes'
SQL
}

# maritime.encounters (500 m, at least 30 minutes) on pairs of tracks in a
# planar SRID: against the SQL way over the positions, pairs of ten times
# as many fixes against the short ones, and the end-to-end query from the
# positions (track_agg, then encounters).  Then the all-pairs search over
# a fleet of vessel-days in lon/lat, candidate pairs from the GiST index
# (&&& with maritime.encounter_box), against the track_agg that built the
# tracks.  Also at PostgreSQL's default work_mem and parallel workers, per
# query.
section_encounters() {
	echo "== encounters: $ENCOUNTER_PAIRS pairs x $ENCOUNTER_FIXES and $((ENCOUNTER_FIXES * 10)) fixes a track (EPSG:32631); fleet of $FLEET_VESSELS vessels x $FLEET_DAYS days (SRID 4326); each query timed at least 11 times"
	make_encounter_pairs
	make_fleet
	sql -v pairs="$ENCOUNTER_PAIRS" -v efixes="$ENCOUNTER_FIXES" -v sqlway="$(encounters_sql_way)" <<'SQL'
SET client_min_messages = warning;
\pset footer off
-- what the data is like: fixes, intervals, speeds (from consecutive fixes)
WITH f AS (
	SELECT pair, side, ts, ts - lag(ts) OVER w AS dt,
		   ST_Distance(geom, lag(geom) OVER w) / extract(epoch FROM ts - lag(ts) OVER w) * 3600 / 1852 AS kn
	FROM enc_pos WINDOW w AS (PARTITION BY pair, side ORDER BY ts)
)
SELECT 'enc_pos' AS "table", count(*) AS rows, count(DISTINCT pair) AS pairs,
	   min(dt) AS min_interval, max(dt) AS max_interval,
	   (SELECT array_agg(round(q::numeric, 1)) FROM unnest(percentile_cont('{0.05,0.25,0.5,0.75,0.95}'::float8[])
		   WITHIN GROUP (ORDER BY kn)) AS q) AS "speed kn 5/25/50/75/95 %",
	   pg_size_pretty(pg_table_size('enc_pos')) AS size
FROM f;
SELECT 'data: the short tracks'' digest (the same in scripts/bench_mobilitydb.sh means the same pairs): '
	   || md5(string_agg(ST_AsEWKB(track_a) || ST_AsEWKB(track_b), ''::bytea ORDER BY pair)) AS line
FROM enc_pairs WHERE fixes = :efixes \gset
\echo :line
SELECT 'enc_pairs ' || fixes AS "table", count(*) AS pairs,
	   sum(ST_NPoints(track_a) + ST_NPoints(track_b)) AS points,
	   justify_hours(date_trunc('hour', avg(ST_M(ST_EndPoint(track_a)) - ST_M(ST_StartPoint(track_a)))
					 * interval '1 second')) AS "mean span",
	   pg_size_pretty(sum(pg_column_size(track_a) + pg_column_size(track_b))) AS size
FROM enc_pairs GROUP BY fixes ORDER BY fixes;
SELECT count(*) AS vessel_days, count(DISTINCT vessel) AS vessels,
	   sum(ST_NPoints(track)) AS points,
	   round(min(ST_XMin(track))::numeric, 2) AS lon_min, round(max(ST_XMax(track))::numeric, 2) AS lon_max,
	   round(min(ST_YMin(track))::numeric, 2) AS lat_min, round(max(ST_YMax(track))::numeric, 2) AS lat_max,
	   pg_size_pretty(pg_table_size('fleet_pos')) AS fleet_pos_size,
	   pg_size_pretty(pg_total_relation_size('fleet')) AS fleet_size
FROM fleet;

CALL bench.add('encounters', 'a', format('maritime.encounters, %s pairs x %s fixes a track', :pairs, :efixes),
	format($q$SELECT p.pair, e.* FROM enc_pairs p, LATERAL maritime.encounters(p.track_a, p.track_b, 500, '30 minutes') e WHERE p.fixes = %s$q$, :efixes));
CALL bench.add('encounters', 'b', 'SQL: each minute, interpolated + distance + gaps and islands',
	:'sqlway');
CALL bench.add('encounters', 'c', format('maritime.encounters, %s pairs x %s fixes a track', :pairs, :efixes * 10),
	format($q$SELECT p.pair, e.* FROM enc_pairs p, LATERAL maritime.encounters(p.track_a, p.track_b, 500, '30 minutes') e WHERE p.fixes = %s$q$, :efixes * 10));
CALL bench.add('encounters', 'd', 'track_agg + encounters from enc_pos (end to end)',
	$q$SELECT t.pair, e.* FROM (SELECT pair, maritime.track_agg(geom, ts) FILTER (WHERE side = 1) AS a, maritime.track_agg(geom, ts) FILTER (WHERE side = 2) AS b FROM enc_pos GROUP BY pair) t, LATERAL maritime.encounters(t.a, t.b, 500, '30 minutes') e$q$);
CALL bench.add('encounters', 'e', 'maritime.track_agg (builds the fleet''s vessel-days)',
	$q$SELECT vessel, day, maritime.track_agg(geom, ts) FROM fleet_pos GROUP BY vessel, day$q$);
CALL bench.add('encounters', 'f', 'fleet: all pairs, candidates from the GiST index (&&& encounter_box)',
	$q$SELECT a.vessel, a.day, b.vessel, b.day, e.* FROM fleet a JOIN fleet b ON b.track &&& maritime.encounter_box(a.track, 500) AND (a.vessel, a.day) < (b.vessel, b.day) CROSS JOIN LATERAL maritime.encounters(a.track, b.track, 500, '30 minutes') e$q$);
DO $do$
DECLARE
	q record;
BEGIN
	FOR q IN SELECT * FROM bench.query WHERE section = 'encounters' AND name IN ('a', 'b', 'c', 'e', 'f') ORDER BY ord LOOP
		CALL bench.add('encounters', q.name || '_default',
			q.label || ', default work_mem and workers', q.sql,
			'{work_mem,4MB,max_parallel_workers_per_gather,2}');
	END LOOP;
END
$do$;
CALL bench.target('encounters', 'b', 'a', '>=', 50.0);
CALL bench.target('encounters', 'c', 'a', '<=', 12.0);
CALL bench.target('encounters', 'b', 'd', 'report', NULL);
CALL bench.target('encounters', 'f', 'e', 'report', NULL);
CALL bench.target('encounters', 'b_default', 'a_default', '>=', 50.0);
CALL bench.target('encounters', 'c_default', 'a_default', '<=', 12.0);
CALL bench.target('encounters', 'f_default', 'e_default', 'report', NULL);
-- The pair queries take 20-30 ms and vary by a quarter from run to run on
-- a small VM: 11 runs at least keep their medians, and the ratios, steady
CALL bench.run('encounters', greatest(:repeats, 11));

-- The SQL way finds the same encounters, to the minute: each of its
-- islands lies within one of encounters' (its first minute is at most a
-- minute after the start, its last at most a minute before the end), and
-- encounters finds none more but ones whose exact duration is within the
-- two minutes the SQL way can lose of min_duration.
CREATE TEMP TABLE m AS
SELECT p.pair, e.* FROM enc_pairs p, LATERAL maritime.encounters(p.track_a, p.track_b, 500, '30 minutes') e
WHERE p.fixes = :efixes;
CREATE TEMP TABLE s AS :sqlway;
CREATE TEMP TABLE ms AS
SELECT m.pair, m.encounter AS mi, s.encounter_start AS s_start,
	   s.encounter_start - m.encounter_start AS late_start, m.encounter_end - s.encounter_end AS early_end,
	   s.min_distance - m.min_distance AS closer
FROM m JOIN s ON s.pair = m.pair AND s.encounter_start >= m.encounter_start
			 AND s.encounter_end <= m.encounter_end;
SELECT format('sanity: %s pairs x %s fixes, 500 m, 30 minutes: encounters %s, SQL way %s, matched %s (SQL start at most %s after, end at most %s before; SQL min_distance up to %s m more); unmatched: encounters %s (%s within 2 minutes of 30), SQL %s: %s',
			  (SELECT count(*) FROM enc_pairs WHERE fixes = :efixes), :efixes,
			  (SELECT count(*) FROM m), (SELECT count(*) FROM s), (SELECT count(*) FROM ms),
			  (SELECT coalesce(date_trunc('second', max(late_start))::text, '-') FROM ms),
			  (SELECT coalesce(date_trunc('second', max(early_end))::text, '-') FROM ms),
			  (SELECT coalesce(round(max(closer)::numeric, 1)::text, '-') FROM ms),
			  (SELECT count(*) FROM m WHERE NOT EXISTS (SELECT FROM ms WHERE ms.pair = m.pair AND ms.mi = m.encounter)),
			  (SELECT count(*) FROM m WHERE duration < interval '32 minutes'
				AND NOT EXISTS (SELECT FROM ms WHERE ms.pair = m.pair AND ms.mi = m.encounter)),
			  (SELECT count(*) FROM s WHERE NOT EXISTS (SELECT FROM ms WHERE ms.pair = s.pair AND ms.s_start = s.encounter_start)),
			  CASE WHEN (SELECT count(*) FROM s) = (SELECT count(DISTINCT (pair, s_start)) FROM ms)
						AND (SELECT count(DISTINCT (pair, mi)) FROM ms) = (SELECT count(*) FROM ms)
						AND (SELECT coalesce(bool_and(late_start < interval '1 minute'
												  AND early_end < interval '1 minute' AND closer >= 0), true)
							 FROM ms)
						AND NOT EXISTS (SELECT FROM m WHERE duration >= interval '32 minutes'
										AND NOT EXISTS (SELECT FROM ms WHERE ms.pair = m.pair AND ms.mi = m.encounter))
				   THEN 'OK' ELSE 'MISMATCH' END) AS line \gset
\echo :line
SELECT format('sanity: encounters on the long tracks (%s fixes): %s; on the short ones %s, of them %s lasting 2 hours or more at under 2 kn (GFW''s definition); %s closer than 500 m for less than 30 minutes (crossings, left out by min_duration)',
			  :efixes * 10,
			  (SELECT count(*) FROM enc_pairs p, maritime.encounters(p.track_a, p.track_b, 500, '30 minutes') e WHERE p.fixes = :efixes * 10),
			  (SELECT count(*) FROM m),
			  (SELECT count(*) FROM m WHERE duration >= interval '2 hours' AND speed_a_kn < 2 AND speed_b_kn < 2),
			  (SELECT count(*) FROM enc_pairs p, maritime.encounters(p.track_a, p.track_b, 500, '0') e
			   WHERE p.fixes = :efixes AND e.duration < interval '30 minutes')) AS line \gset
\echo :line

-- The fleet: how many pairs the index leaves, what they hold, and that it
-- loses none: the same encounters as all pairs of vessel-days of the same
-- day (tracks of different days do not overlap in time)
CREATE TEMP TABLE fi AS
SELECT a.vessel AS vessel_a, a.day AS day_a, b.vessel AS vessel_b, b.day AS day_b, e.*
FROM fleet a JOIN fleet b ON b.track &&& maritime.encounter_box(a.track, 500) AND (a.vessel, a.day) < (b.vessel, b.day)
CROSS JOIN LATERAL maritime.encounters(a.track, b.track, 500, '30 minutes') e;
CREATE TEMP TABLE fa AS
SELECT a.vessel AS vessel_a, a.day AS day_a, b.vessel AS vessel_b, b.day AS day_b, e.*
FROM fleet a JOIN fleet b ON b.day = a.day AND a.vessel < b.vessel
CROSS JOIN LATERAL maritime.encounters(a.track, b.track, 500, '30 minutes') e;
SELECT format('sanity: fleet: %s vessel-days, %s pairs (%s of the same day), %s candidate pairs from the index (%s %%); encounters %s between %s pairs of vessels (%s of them in a generated pair; %s GFW-like), all same-day pairs without the index %s: %s',
			  (SELECT count(*) FROM fleet),
			  (SELECT count(*) * (count(*) - 1) / 2 FROM fleet),
			  (SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*) AS n FROM fleet GROUP BY day) AS d),
			  c.n, round(100.0 * c.n / (SELECT count(*) * (count(*) - 1) / 2 FROM fleet), 1),
			  (SELECT count(*) FROM fi), (SELECT count(DISTINCT (vessel_a, vessel_b)) FROM fi),
			  (SELECT count(*) FROM fi WHERE (vessel_a + 1) / 2 = (vessel_b + 1) / 2),
			  (SELECT count(*) FROM fi WHERE duration >= interval '2 hours' AND speed_a_kn < 2 AND speed_b_kn < 2),
			  (SELECT count(*) FROM fa),
			  CASE WHEN NOT EXISTS (SELECT * FROM fi EXCEPT SELECT * FROM fa)
						AND NOT EXISTS (SELECT * FROM fa EXCEPT SELECT * FROM fi)
				   THEN 'OK' ELSE 'MISMATCH' END) AS line
FROM (SELECT count(*) AS n FROM fleet a JOIN fleet b
	  ON b.track &&& maritime.encounter_box(a.track, 500) AND (a.vessel, a.day) < (b.vessel, b.day)) AS c \gset
\echo :line
SQL
}

# The whole pipeline (tracks -> port visits -> gaps) at several sizes, in
# parallel and serial plans.  Tables pipe_<N>: SCALE_VESSELS vessels
# shuttling between two ports 350 km apart (a round trip every 2 days,
# dwelling at each end), a fix every 30 s and a 2-hour AIS gap every 400
# fixes; stored in time order, as a feed appends them (and the 5 M rows
# once more in random order, pipe_5_shuffled).  Sizes are
# SCALE_SIZES (in millions of rows, 1 3 5 10); SCALE_MILLION rows count as a
# million (set it lower for a quick trial run).  The parallel runs use
# PostgreSQL's own default, max_parallel_workers_per_gather = 2, which a
# table of this size gets; the serial run sets it to 0 (the server setting
# of this benchmark, so the other sections compare like with like).
section_scale() {
	echo "== scale: pipeline on $SCALE_SIZES x $SCALE_MILLION rows, $SCALE_VESSELS vessels"
	sql -v sizes="$SCALE_SIZES" -v million="$SCALE_MILLION" -v scale_vessels="$SCALE_VESSELS" <<'SQL'
SET client_min_messages = warning;
DROP TABLE IF EXISTS pipe_port;
CREATE TABLE pipe_port AS
SELECT name, ST_Buffer(ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography, 3000)::geometry AS geom
FROM (VALUES ('west', 4.0, 52.0), ('east', 8.0, 54.0)) AS v(name, lon, lat);

SELECT setseed(0.23) \g /dev/null
SELECT format('DROP TABLE IF EXISTS pipe_%s', size),
	   format($f$CREATE TABLE pipe_%1$s AS
WITH fix AS (
	SELECT n %% %2$s + 1 AS vessel, n / %2$s AS i
	FROM generate_series(0, %3$s - 1) AS n
), timed AS (
	SELECT vessel, i,
		   (i * 30 + (i / 400) * 7200 + vessel * 37)::float8 AS secs
	FROM fix
), placed AS (
	SELECT vessel, secs, secs / 172800.0 + vessel * 0.137 AS trips
	FROM timed
), shuttled AS (
	SELECT vessel, secs,
		   greatest(0, least(1, 1.25 * (1 - abs(2 * (trips - floor(trips)) - 1)) - 0.125)) AS s
	FROM placed
)
SELECT vessel,
	   ST_SetSRID(ST_MakePoint(4 + 4 * s + 0.0002 * (random() - 0.5),
							   52 + 2 * s + 0.0002 * (random() - 0.5)), 4326) AS geom,
	   timestamptz '2024-01-01 00:00:00+00' + secs * interval '1 second' AS ts
FROM shuttled$f$, size, :scale_vessels, (size::numeric * :million)::bigint),
	   format('VACUUM ANALYZE pipe_%s', size)
FROM unnest(string_to_array(:'sizes', ' ')) AS size \gexec
-- the 5 M rows again in random order, as a bulk load of mixed sources may
-- store them: the serial plan must then sort every track
SELECT 'DROP TABLE IF EXISTS pipe_5_shuffled',
	   'CREATE TABLE pipe_5_shuffled AS SELECT * FROM pipe_5 ORDER BY random()',
	   'VACUUM ANALYZE pipe_5_shuffled'
WHERE '5' = ANY (string_to_array(:'sizes', ' ')) \gexec
CHECKPOINT;
SELECT pg_prewarm(c.oid) FROM pg_class c
WHERE c.relname IN (SELECT format('pipe_%s', size) FROM unnest(string_to_array(:'sizes', ' ')) AS size)
   OR c.relname = 'pipe_5_shuffled' \g /dev/null
\pset footer off
SELECT c.relname AS "table",
	   (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', c.relname),
											false, true, '')))[1]::text::bigint AS rows,
	   pg_size_pretty(pg_table_size(c.oid)) AS table_size
FROM pg_class c
WHERE c.relname IN (SELECT format('pipe_%s', size) FROM unnest(string_to_array(:'sizes', ' ')) AS size)
   OR c.relname = 'pipe_5_shuffled'
ORDER BY c.reltuples, c.relname;

SELECT format($f$CALL bench.add('scale', %L, %L, %L, %L)$f$,
			  mode || size, format('pipeline on %s M rows, %s', replace(size, '_', ' '), mode_label),
			  format($q$SELECT count(*) AS tracks, sum(v.visits) AS visits, sum(g.gaps) AS gaps
FROM (SELECT vessel, maritime.track_agg(geom, ts) AS track FROM pipe_%s GROUP BY vessel) t
CROSS JOIN LATERAL (SELECT count(*) AS visits FROM pipe_port p, maritime.port_visits(t.track, p.geom)) v
CROSS JOIN LATERAL (SELECT count(*) AS gaps FROM maritime.gaps(t.track, '10 minutes')) g$q$, size),
			  settings)
FROM unnest(string_to_array(:'sizes', ' ') ||
			CASE WHEN '5' = ANY (string_to_array(:'sizes', ' ')) THEN '{5_shuffled}'::text[] END)
	 WITH ORDINALITY AS s(size, ord)
CROSS JOIN (VALUES ('p', 'parallel (default: 2 workers per gather)', '{max_parallel_workers_per_gather,2}'::text[]),
				   ('s', 'serial (0 workers)', '{}'::text[])) AS m(mode, mode_label, settings)
WHERE mode = 'p' OR size LIKE '5%'
ORDER BY ord, mode \gexec
SQL
	local first last
	first=${SCALE_SIZES%% *}
	last=${SCALE_SIZES##* }
	sql -v first="$first" -v last="$last" -v sizes="$SCALE_SIZES" \
		-v million="$SCALE_MILLION" -v scale_vessels="$SCALE_VESSELS" <<'SQL'
SET client_min_messages = warning;
-- 5 M rows: serial over parallel; largest over smallest size, per row
SELECT format('CALL bench.target(''scale'', %L, %L, ''>='', 1.6)', 's' || size, 'p' || size)
FROM unnest(ARRAY['5', '5_shuffled']) AS size
WHERE EXISTS (SELECT FROM bench.query WHERE section = 'scale' AND name = 's' || size) \gexec
SELECT format('CALL bench.target(''scale'', %L, %L, ''<='', %s)',
			  'p' || :'last', 'p' || :'first', 1.3 * :'last'::numeric / :'first'::numeric)
WHERE :'last' <> :'first' \gexec
CALL bench.run('scale', :repeats);

-- The same answers in serial and parallel plans, and exactly the gaps the
-- data has: one per 400 fixes of each vessel
CREATE FUNCTION pg_temp.pipeline(size text, workers int,
								 OUT tracks bigint, OUT visits numeric, OUT gaps numeric)
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('max_parallel_workers_per_gather', workers::text, true);
	EXECUTE (SELECT sql FROM bench.query WHERE section = 'scale' AND name = 'p' || size)
		INTO tracks, visits, gaps;
END
$$;
\pset footer off
SELECT format('sanity: pipe_%s: %s tracks, %s visits, %s gaps (expected %s); serial = parallel: %s',
			  size, p.tracks, p.visits, p.gaps, e.gaps,
			  CASE WHEN p = s AND p.gaps = e.gaps AND p.visits > 0 THEN 'OK' ELSE 'MISMATCH' END) AS sanity
FROM unnest(string_to_array(:'sizes', ' ') ||
			ARRAY(SELECT substr(name, 2) FROM bench.query WHERE section = 'scale' AND name = 'p5_shuffled')) AS size
CROSS JOIN LATERAL pg_temp.pipeline(size, 2) AS p
CROSS JOIN LATERAL pg_temp.pipeline(size, 0) AS s
CROSS JOIN LATERAL (
	SELECT :scale_vessels * (((split_part(size, '_', 1)::numeric * :million)::bigint
							  / :scale_vessels - 1) / 400) AS gaps
) AS e;
SQL
}

# Peak memory of track_agg for one track of MEMORY_SIZES fixes, rows in time
# order and shuffled, straight from generate_series (no table, so the
# backend touches no shared buffers): the backend's peak resident memory
# (VmHWM in /proc/self/status) after the query less before it, per fix.
# The track itself takes 24 bytes a fix; the target is at most 40.
section_memory() {
	echo "== memory: peak of one track_agg, per fix"
	local n order
	for n in $MEMORY_SIZES; do
		for order in time shuffled; do
			sql -A -t -v n="$n" -v order="$order" <<'SQL'
SET client_min_messages = warning;
-- load the libraries first, so that only the aggregate is measured
SELECT maritime.track_agg(ST_SetSRID(ST_MakePoint(0, 0), 4326), now()) \g /dev/null
SELECT substring(pg_read_file('/proc/self/status') FROM 'VmHWM:\s*(\d+) kB')::bigint AS before_kb \gset
-- shuffled: i * 7919 mod n visits every i once (7919 is a prime not dividing n)
SELECT ST_NPoints(maritime.track_agg(
		   ST_SetSRID(ST_MakePoint(i % 360 - 180, i % 170 - 85), 4326),
		   timestamptz '2024-01-01 00:00:00+00' +
		   CASE WHEN :'order' = 'time' THEN i ELSE i * 7919 % :n END * interval '1 second')) AS points
FROM (SELECT generate_series(0, :n - 1)::bigint AS i) AS s \gset
SELECT substring(pg_read_file('/proc/self/status') FROM 'VmHWM:\s*(\d+) kB')::bigint AS after_kb \gset
SELECT format('memory: %s fixes, %s order: peak %s MB over the start, %s bytes a fix (%s x the track''s own 24): %s',
			  :points, :'order', round((:after_kb - :before_kb) / 1024.0),
			  round((:after_kb - :before_kb) * 1024.0 / :points, 1),
			  round((:after_kb - :before_kb) * 1024.0 / :points / 24, 2),
			  CASE WHEN (:after_kb - :before_kb) * 1024.0 / :points <= 40
				   THEN 'PASS (<= 40)' ELSE 'MISS (> 40)' END);
SQL
		done
	done
}

# The machine, the versions and the settings the numbers belong to
section_header() {
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

# Everything that runs inside the cluster (PGHOST, PGPORT, PGUSER are set)
inside() {
	touch "$BENCH_STARTED"		# the cluster is up: failures now are real
	section_header
	run_files helpers
	if has_section track_agg || has_section port_visits || has_section clean; then
		section_data
	fi
	has_section track_agg && section_track_agg
	has_section port_visits && section_port_visits
	has_section clean && section_clean
	if has_section gaps || has_section stops; then
		section_data_stops
	fi
	has_section gaps && section_gaps
	has_section stops && section_stops
	has_section encounters && section_encounters
	has_section scale && section_scale
	report "$((VESSELS * FIXES)) rows"
	has_section memory && section_memory
	echo
}

# Whether SECTIONS names this section
has_section() {
	[[ " $SECTIONS " == *" $1 "* ]]
}

#----------------------------------------------------------------------
# Outside: options, set-up
#----------------------------------------------------------------------

main() {
	while [ $# -gt 0 ]; do
		case $1 in
			--inside) inside; return ;;
			--vessels) [ $# -ge 2 ] || usage; VESSELS=$2; shift 2 ;;
			--fixes) [ $# -ge 2 ] || usage; FIXES=$2; shift 2 ;;
			--repeats) [ $# -ge 2 ] || usage; REPEATS=$2; shift 2 ;;
			*) usage ;;
		esac
	done
	for n in "$VESSELS" "$FIXES" "$REPEATS"; do
		[[ $n =~ ^[1-9][0-9]*$ ]] || usage
	done
	export VESSELS FIXES REPEATS SCALE_SIZES SCALE_MILLION SCALE_VESSELS MEMORY_SIZES \
		ENCOUNTER_PAIRS ENCOUNTER_FIXES FLEET_VESSELS FLEET_DAYS SECTIONS

	./scripts/setup.sh

	run_in_cluster bench 15 "$0"
}

# scripts/bench_mobilitydb.sh sources this file for its helpers and data
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	main "$@"
fi
