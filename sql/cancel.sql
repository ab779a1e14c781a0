-- Cancel: long calls honour statement_timeout (SPEC: "Long loops honour
-- query cancel and statement_timeout").  With a 1 s timeout each call must
-- stop with 57014 and return within 2 s of its start (room for a loaded
-- machine), and each case shows that the call, left alone, would take far
-- longer than the timeout.  track_agg's 54000 limit is in track_agg_limits.
SET timezone = 'UTC';

-- Runs stmt: how it ended ('finished' if nothing stopped it) and whether it
-- returned within 2 s
CREATE FUNCTION pg_temp.cancelled(stmt text, OUT outcome text, OUT within_2_s boolean)
LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz := clock_timestamp();
BEGIN
  EXECUTE stmt;
  outcome := 'finished';
  within_2_s := clock_timestamp() - t0 < interval '2 s';
EXCEPTION WHEN query_canceled THEN
  outcome := SQLSTATE || ': ' || SQLERRM;
  within_2_s := clock_timestamp() - t0 < interval '2 s';
END $$;

-- Seconds stmt takes, to extrapolate a whole call from a part of its work
CREATE FUNCTION pg_temp.seconds(stmt text) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz := clock_timestamp();
BEGIN
  EXECUTE stmt;
  RETURN extract(epoch FROM clock_timestamp() - t0);
END $$;

------------------------------------------------------------------------
-- track_agg over 40 million rows, one at a time (a set-returning function
-- in the select list streams them into the aggregate)
------------------------------------------------------------------------
SET statement_timeout = '1s';
SELECT * FROM pg_temp.cancelled($$
  SELECT maritime.track_agg('POINT(0 0)'::geometry, '2000-01-01'::timestamptz + i * interval '1 second')
  FROM (SELECT generate_series(1, 40000000) AS i) s$$);
RESET statement_timeout;
-- the whole call: 40 times one million rows
SELECT 40 * pg_temp.seconds($$
  SELECT maritime.track_agg('POINT(0 0)'::geometry, '2000-01-01'::timestamptz + i * interval '1 second')
  FROM (SELECT generate_series(1, 1000000) AS i) s$$) > 1 AS whole_call_over_timeout;

------------------------------------------------------------------------
-- port_visits on a 2-million-vertex track zigzagging through a round port
-- of 2,000 edges: every segment enters and leaves it
------------------------------------------------------------------------
CREATE TEMP TABLE zigzag AS
SELECT maritime.track_agg(ST_MakePoint(CASE WHEN i % 2 = 0 THEN -150 ELSE 150 END,
                                       CASE WHEN i % 4 < 2 THEN -90 ELSE 90 END),
                          '2024-01-01'::timestamptz + i * interval '1 second') AS track
FROM (SELECT generate_series(0, 1999999) AS i) s;
CREATE TEMP TABLE round_port AS SELECT ST_Buffer('POINT(0 0)'::geometry, 100, 500) AS area;
SELECT ST_NPoints(track) AS vertices, ST_NPoints(area) - 1 AS port_edges FROM zigzag, round_port;
SET statement_timeout = '1s';
SELECT * FROM pg_temp.cancelled($$SELECT count(*) FROM zigzag, round_port, maritime.port_visits(track, area)$$);
RESET statement_timeout;
-- the whole call: 20 times its first 100,000 vertices (all segments alike)
SELECT 20 * pg_temp.seconds($$
  SELECT count(*) FROM zigzag, round_port, maritime.port_visits(ST_LineSubstring(track, 0, 0.05), area)$$) > 1
  AS whole_call_over_timeout;

------------------------------------------------------------------------
-- port_visits where each segment is costly: 100,000 segments each crossing
-- a row of 150 mooring squares (one MULTIPOLYGON), cut at 300 points that
-- are each tested against the row.  Counting segments between interrupt
-- checks is not enough here.
------------------------------------------------------------------------
CREATE TEMP TABLE moorings AS
SELECT ST_Collect(ST_MakeEnvelope(2 * i, 0, 2 * i + 1, 1) ORDER BY i) AS area FROM generate_series(0, 149) i;
CREATE TEMP TABLE shuttle AS
SELECT maritime.track_agg(ST_MakePoint(CASE WHEN i % 2 = 0 THEN -1 ELSE 301 END, 0.5),
                          '2024-01-01'::timestamptz + i * interval '1 second') AS track
FROM (SELECT generate_series(0, 100000) AS i) s;
SET statement_timeout = '1s';
SELECT * FROM pg_temp.cancelled($$SELECT count(*) FROM shuttle, moorings, maritime.port_visits(track, area, '1 day')$$);
RESET statement_timeout;
-- the whole call: 50 times its first 2,000 segments
SELECT 50 * pg_temp.seconds($$
  SELECT count(*) FROM shuttle, moorings, maritime.port_visits(ST_LineSubstring(track, 0, 0.02), area, '1 day')$$) > 1
  AS whole_call_over_timeout;

------------------------------------------------------------------------
-- port_visits where one segment is the whole work: it crosses a row of
-- 20,000 squares, 40,000 cut points each tested against the row
------------------------------------------------------------------------
CREATE TEMP TABLE square_row AS
SELECT n, ST_Collect(ST_MakeEnvelope(2 * i, 0, 2 * i + 1, 1) ORDER BY i) AS area
FROM (VALUES (5000), (20000)) v(n), generate_series(0, n - 1) i
GROUP BY n;
SET statement_timeout = '1s';
SELECT * FROM pg_temp.cancelled($$
  SELECT count(*) FROM square_row, maritime.port_visits(regress.track('-1 0.5 0, 40001 0.5 100'), area) WHERE n = 20000$$);
RESET statement_timeout;
-- the whole call: a row 4 times as long has 4 times the cut points, each
-- tested against a row 4 times as long, so it takes 16 times a quarter row
SELECT 16 * pg_temp.seconds($$
  SELECT count(*) FROM square_row, maritime.port_visits(regress.track('-1 0.5 0, 10001 0.5 100'), area) WHERE n = 5000$$) > 1
  AS whole_call_over_timeout;
DROP TABLE square_row, moorings, shuttle, round_port;

------------------------------------------------------------------------
-- stops with a huge max_diameter on a lon/lat track: 2 million fixes all
-- within a few hundred metres make one run, whose exact diameter is then
-- measured over every pair (2 * 10^12 haversines)
------------------------------------------------------------------------
CREATE TEMP TABLE anchorage AS
SELECT ST_SetSRID(ST_Translate(ST_Scale(track, 1e-5, 1e-5), 10, 55), 4326) AS track FROM zigzag;
DROP TABLE zigzag;
SELECT ST_NPoints(track) AS vertices, round(ST_XMax(track)::numeric, 4) AS east, round(ST_YMax(track)::numeric, 4) AS north
FROM anchorage;
SET statement_timeout = '1s';
SELECT * FROM pg_temp.cancelled($$SELECT count(*) FROM anchorage, maritime.stops(track, 1e7, '0')$$);
RESET statement_timeout;
-- the whole call: (2,000,000 / 4,000)^2 times its first 4,000 vertices
SELECT (2000000 / 4000) ^ 2 * pg_temp.seconds($$
  SELECT count(*) FROM anchorage, maritime.stops(ST_LineSubstring(track, 0, 0.002), 1e7, '0')$$) > 3600
  AS whole_call_over_an_hour;
DROP TABLE anchorage;

------------------------------------------------------------------------
-- stops on 100,000 fixes exactly on a circle, max_diameter its diameter:
-- every fix is on the convex hull, so each new one is measured against a
-- hull as long as the run so far
------------------------------------------------------------------------
CREATE TEMP TABLE circle AS
SELECT n, ST_MakeLine(ST_MakePointM(1000 * cos(2 * pi() * i / n), 1000 * sin(2 * pi() * i / n),
                                    1704067200 + i) ORDER BY i) AS track
FROM (VALUES (10000), (100000)) v(n), generate_series(0, n - 1) i
GROUP BY n;
SELECT n, ST_NPoints(ST_ConvexHull(track)) - 1 AS hull_vertices FROM circle ORDER BY n;
SET statement_timeout = '1s';
SELECT * FROM pg_temp.cancelled($$SELECT count(*) FROM circle, maritime.stops(track, 2000.000001, '0') WHERE n = 100000$$);
RESET statement_timeout;
-- 10,000 fixes make one stop; the whole call on 100,000 takes over 100 times as long
SELECT s.fixes, round(s.diameter::numeric, 3) AS diameter FROM circle, maritime.stops(track, 2000.000001, '0') s WHERE n = 10000;
SELECT 100 * pg_temp.seconds($$SELECT count(*) FROM circle, maritime.stops(track, 2000.000001, '0') WHERE n = 10000$$) > 1
  AS whole_call_over_timeout;
DROP TABLE circle;

------------------------------------------------------------------------
-- clean_track on 300,000 fixes no two of which are consistent (a thousand
-- kilometres apart each second): every fix is compared with every later
-- one, 4.5 * 10^10 times
------------------------------------------------------------------------
CREATE TEMP TABLE far_apart AS
SELECT n, ST_MakeLine(ST_MakePointM(i * 1e6, 0, 1704067200 + i) ORDER BY i) AS track
FROM (VALUES (10000), (300000)) v(n), generate_series(1, n) i
GROUP BY n;
SET statement_timeout = '1s';
SELECT * FROM pg_temp.cancelled($$SELECT ST_NPoints(maritime.clean_track(track)) FROM far_apart WHERE n = 300000$$);
SELECT * FROM pg_temp.cancelled($$SELECT count(*) FROM far_apart, maritime.outliers(track) WHERE n = 300000$$);
RESET statement_timeout;
-- 10,000 fixes keep the first; the whole call takes 900 times as long
SELECT ST_AsText(maritime.clean_track(track)) FROM far_apart WHERE n = 10000;
SELECT 900 * pg_temp.seconds($$SELECT ST_NPoints(maritime.clean_track(track)) FROM far_apart WHERE n = 10000$$) > 1
  AS whole_call_over_timeout;
DROP TABLE far_apart;

------------------------------------------------------------------------
-- encounters between two lon/lat tracks of 1,000,000 fixes, a fix a
-- second, closing from 150 m to 50 m all along: every piece holds a new
-- closest approach, so each needs the minimum search
------------------------------------------------------------------------
CREATE TEMP TABLE closing AS
SELECT n, ST_SetSRID(ST_MakeLine(ST_MakePointM(5 + i * 0.00005, 60, 1704067200 + i) ORDER BY i), 4326) AS a,
          ST_SetSRID(ST_MakeLine(ST_MakePointM(5 + i * 0.00005, 60.00135 - 0.0009 * i / n, 1704067200 + i) ORDER BY i), 4326) AS b
FROM (VALUES (10000), (1000000)) v(n), generate_series(1, n) i
GROUP BY n;
SET statement_timeout = '1s';
SELECT * FROM pg_temp.cancelled($$SELECT count(*) FROM closing, maritime.encounters(a, b, 200, '0') WHERE n = 1000000$$);
RESET statement_timeout;
-- 10,000 fixes make one encounter; the whole call takes 100 times as long
SELECT count(*), min(duration), round(min(min_distance)) AS closest_metres
FROM closing, maritime.encounters(a, b, 200, '0') WHERE n = 10000;
SELECT 100 * pg_temp.seconds($$SELECT count(*) FROM closing, maritime.encounters(a, b, 200, '0') WHERE n = 10000$$) > 1
  AS whole_call_over_timeout;
DROP TABLE closing;
