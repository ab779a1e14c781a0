-- Table pos: :vessels x :fixes synthetic AIS-like positions, the data of
-- the track_agg, port_visits and clean sections.  Each vessel starts in the
-- open North Atlantic (lon -50..-30, lat 30..45), sails at 8-20 knots on a
-- course that drifts up to 2 degrees per fix, and reports every 10-60 s
-- (fractional seconds, so M values are not all round numbers), with ~5 m
-- GPS noise.  Positions come from running sums (window functions), then
-- the rows are stored in random order: track_agg must sort, as with real
-- feeds.  setseed and a serial plan make the data the same on every run.
\echo == Data: :vessels vessels x :fixes fixes, shuffled
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
