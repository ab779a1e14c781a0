-- A second data set for the gaps and stops sections (pos has no stationary
-- fixes and no AIS gaps).  Table pos_stops: :vessels x :fixes rows like pos
-- (8-20 knots, a fix every 10-60 s, shuffled), but half of the fixes are
-- stationary and 2 % come after an AIS gap: bench.make_stops
-- (data_stops_generator.sql) in lon/lat, from the tropical Atlantic.
-- Then the stored tracks (tracks_stops, built with track_agg) and, in table
-- stationary, two single tracks of a vessel at anchor, :fixes * 0.8 and
-- :fixes * 8 fixes (8,000 and 80,000 at the defaults; sigma 10 m, a fix
-- every 10-60 s, no gaps).
\echo == Data for gaps and stops: :vessels vessels x :fixes fixes, half stationary, with AIS gaps, shuffled
SET client_min_messages = warning;
DROP TABLE IF EXISTS pos_stops, tracks_stops, stationary;
SELECT setseed(0.17) \g /dev/null
CALL bench.make_stops('pos_stops', :vessels, :fixes, false);

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
