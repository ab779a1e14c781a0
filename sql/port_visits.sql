-- maritime.port_visits on planar cases (SRID 0) whose answers follow by
-- hand.  Times are seconds after 2024-01-01 00:00 UTC = epoch 1704067200;
-- the area is the square (0 0)-(10 10).
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
CREATE TABLE areas (name text PRIMARY KEY, area geometry);
INSERT INTO areas VALUES
  ('square', 'POLYGON((0 0,10 0,10 10,0 10,0 0))'),
  ('holed',  'POLYGON((0 0,10 0,10 10,0 10,0 0),(3 3,7 3,7 7,3 7,3 3))'),
  ('two',    'MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0)),((20 0,30 0,30 10,20 10,20 0)))');

CREATE FUNCTION pg_temp.visits(xys text, area_name text, min_dwell interval DEFAULT '0',
                               max_gap interval DEFAULT NULL, min_absence interval DEFAULT '0')
RETURNS TABLE(visit int, arrival time, departure time, dwell interval, fixes int,
              dark interval, open_start boolean, open_end boolean, absent interval)
LANGUAGE sql AS $$
  SELECT v.visit, v.arrival::time, v.departure::time, v.dwell, v.fixes, v.dark,
         v.open_start, v.open_end, v.absent
  FROM areas a, maritime.port_visits(regress.track(xys), a.area, min_dwell, max_gap, min_absence) v
  WHERE a.name = area_name
$$;

-- straight through: in at x = 0 (100 s), out at x = 10 (200 s), no vertex inside
SELECT * FROM pg_temp.visits('-10 5 0, 20 5 300', 'square');
-- the same crossing with the defaults spelled out, and as one row per call
SELECT * FROM maritime.port_visits(regress.track('-10 5 0, 20 5 300'),
                                   'POLYGON((0 0,10 0,10 10,0 10,0 0))', '0', NULL);
-- starting and ending inside: one visit, open at both ends
SELECT * FROM pg_temp.visits('5 5 0, 6 6 60, 7 7 120', 'square');
-- out at x = 10 (50 s) and back in at x = 10 (250 s)
SELECT * FROM pg_temp.visits('5 5 0, 15 5 100, 5 5 400', 'square');
-- touching the boundary at a vertex: a visit of no duration with one fix
SELECT * FROM pg_temp.visits('-5 5 0, 0 5 50, -5 8 100', 'square');
-- running along the top edge (boundary counts as inside) from x = 0 to 10
SELECT * FROM pg_temp.visits('-5 10 0, 5 10 100, 15 10 200', 'square');
-- diagonally through two corners: in at (0 0), out at (10 10)
SELECT * FROM pg_temp.visits('-5 -5 0, 15 15 200', 'square');
-- the hole (3..7) is outside: in 100, out at its edge 130, in 170, out 200
SELECT * FROM pg_temp.visits('-10 5 0, 20 5 300', 'holed');
-- a fix in the hole is not inside; on the hole's boundary it is
SELECT * FROM pg_temp.visits('5 5 0', 'holed');
SELECT * FROM pg_temp.visits('3 5 0', 'holed');
-- a MULTIPOLYGON: both parts, in time order
SELECT * FROM pg_temp.visits('-10 5 0, 40 5 500', 'two');

-- Dark segments (max_gap 1 hour)
-- inside -> inside: the visit goes on; 2 hours of it were dark
SELECT * FROM pg_temp.visits('5 5 0, 6 6 7200, 7 7 7260', 'square', '0', '1 hour');
-- inside -> outside: the visit ends at the last inside fix (60 s) ...
SELECT * FROM pg_temp.visits('5 5 0, 5 6 60, 50 50 7260', 'square', '0', '1 hour');
-- ... where without max_gap it ends at the interpolated crossing of y = 10
SELECT * FROM pg_temp.visits('5 5 0, 5 6 60, 50 50 7260', 'square');
-- outside -> inside: the visit starts at the first inside fix (7200 s)
SELECT * FROM pg_temp.visits('50 50 0, 5 5 7200, 5 6 7260', 'square', '0', '1 hour');
-- outside -> outside across the area: never interpolated, so no visit ...
SELECT * FROM pg_temp.visits('-10 5 0, 20 5 7200', 'square', '0', '1 hour');
-- ... unless the segment is not dark (2400 s to 4800 s)
SELECT * FROM pg_temp.visits('-10 5 0, 20 5 7200', 'square', '0', '3 hours');
-- a segment exactly max_gap long is not dark (dark means longer)
SELECT * FROM pg_temp.visits('-10 5 0, 20 5 3600', 'square', '0', '1 hour');

-- min_dwell leaves out the short visit (50 s) and numbers what is left
SELECT * FROM pg_temp.visits('5 5 0, 15 5 100, 5 5 400', 'square', '1 minute');
SELECT * FROM pg_temp.visits('5 5 0, 15 5 100, 5 5 400', 'square', '150 seconds');
SELECT * FROM pg_temp.visits('5 5 0, 15 5 100, 5 5 400', 'square', '151 seconds');

-- Short absences (min_absence).  At 0.1 unit/s the vessel leaves at x = 10
-- (50 s), turns at x = 11.5 (65 s) and is back at x = 10 (80 s): two
-- visits 30 s apart ...
SELECT * FROM pg_temp.visits('5 5 0, 11.5 5 65, 5 5 130', 'square');
-- ... one visit with min_absence 1 minute: 0 to 130 s, 2 fixes, 30 s absent
SELECT * FROM pg_temp.visits('5 5 0, 11.5 5 65, 5 5 130', 'square', '0', NULL, '1 minute');
-- ... still two with 10 s, and with exactly 30 s (merged means shorter)
SELECT * FROM pg_temp.visits('5 5 0, 11.5 5 65, 5 5 130', 'square', '0', NULL, '10 seconds');
SELECT * FROM pg_temp.visits('5 5 0, 11.5 5 65, 5 5 130', 'square', '0', NULL, '30 seconds');
SELECT count(*) FROM maritime.port_visits(regress.track('5 5 0, 11.5 5 65, 5 5 130'),
  'POLYGON((0 0,10 0,10 10,0 10,0 0))', min_absence => '30.000001 seconds');
-- min_dwell applies to the merged visit: each piece lasts 50 s, so
-- min_dwell 100 s leaves nothing unless they are merged (130 s)
SELECT * FROM pg_temp.visits('5 5 0, 11.5 5 65, 5 5 130', 'square', '100 seconds');
SELECT * FROM pg_temp.visits('5 5 0, 11.5 5 65, 5 5 130', 'square', '100 seconds', NULL, '1 minute');
-- three pieces (absences 30 s and 40 s): open_start from the first,
-- open_end from the last; pieces 0-50 s, 80-180 s (x = 10 on the way to
-- x = 12 at 200 s) and 220-320 s, leaving at 320 s towards x = 20
SELECT * FROM pg_temp.visits('5 5 0, 11.5 5 65, 5 5 130, 12 5 200, 5 5 270, 20 5 420', 'square');
SELECT * FROM pg_temp.visits('5 5 0, 11.5 5 65, 5 5 130, 12 5 200, 5 5 270, 20 5 420', 'square', '0', NULL, '35 seconds');
SELECT * FROM pg_temp.visits('5 5 0, 11.5 5 65, 5 5 130, 12 5 200, 5 5 270, 20 5 420', 'square', '0', NULL, '1 minute');
-- a dark segment between two visits (max_gap 1 hour): the first ends at
-- its last inside fix (60 s), the second starts at x = 10 (7310 s); the
-- absence of 7250 s, dark time included, is merged by 3 hours only
SELECT * FROM pg_temp.visits('5 5 0, 5 6 60, 15 5 7260, 5 5 7360', 'square', '0', '1 hour', '1 hour');
SELECT * FROM pg_temp.visits('5 5 0, 5 6 60, 15 5 7260, 5 5 7360', 'square', '0', '1 hour', '3 hours');
-- dark time inside both visits is summed; absent counts only the time out
SELECT * FROM pg_temp.visits('5 5 0, 6 6 7200, 5 5 7260, 11.5 5 7325, 5 5 7390, 5 6 14590', 'square', '0', '1 hour', '1 minute');

-- one-vertex tracks, a track far away, an empty track
SELECT * FROM pg_temp.visits('5 5 0', 'square');
SELECT * FROM pg_temp.visits('50 5 0', 'square');
SELECT * FROM pg_temp.visits('1000 1000 0, 1001 1001 10, 1002 1002 20, 1003 1003 30', 'square');
SELECT * FROM maritime.port_visits('LINESTRING M EMPTY', 'POLYGON((0 0,10 0,10 10,0 10,0 0))');
-- XYZM tracks are read with Z ignored; the area's Z is ignored too
SELECT visit, dwell, fixes FROM maritime.port_visits(
  'LINESTRING ZM(-10 5 99 1704067200, 20 5 99 1704067500)',
  'POLYGON Z((0 0 1,10 0 1,10 10 1,0 10 1,0 0 1))');
-- exact sub-second crossings: in at 1/3 of a 1 s segment
SELECT arrival, departure, dwell FROM maritime.port_visits(
  'LINESTRING M(-1 5 1704067200, 2 5 1704067201)', 'POLYGON((0 0,10 0,10 10,0 10,0 0))');

-- NULL track, area or min_dwell: no rows
SELECT count(*) FROM maritime.port_visits(NULL, 'POLYGON((0 0,10 0,10 10,0 10,0 0))');
SELECT count(*) FROM maritime.port_visits(regress.track('5 5 0'), NULL);
SELECT count(*) FROM maritime.port_visits(regress.track('5 5 0'), 'POLYGON((0 0,10 0,10 10,0 10,0 0))', NULL);
SELECT count(*) FROM maritime.port_visits(regress.track('5 5 0'), 'POLYGON((0 0,10 0,10 10,0 10,0 0))', min_absence => NULL);

-- the same answers for a geographic SRID: the test is in coordinate space
SELECT visit, arrival, departure, fixes FROM maritime.port_visits(
  ST_SetSRID(regress.track('-10 5 0, 20 5 300'), 4326),
  ST_SetSRID('POLYGON((0 0,10 0,10 10,0 10,0 0))'::geometry, 4326));

-- many ports at once: a lateral join over a port table
SELECT a.name, v.visit, v.arrival::time, v.departure::time
FROM areas a, maritime.port_visits(regress.track('-10 5 0, 40 5 500'), a.area) v
ORDER BY a.name, v.visit;

DROP TABLE areas;

-- Point in area against PostGIS, 20,000 random fixes of one track against
-- a MULTIPOLYGON with a hole: grid cells that no edge crosses answer from
-- what the first fix in them found, and must agree with every later one
SELECT setseed(0.5);
CREATE TEMP TABLE cell_fixes AS
SELECT i, ST_MakePoint(-15 + 50 * random(), -15 + 35 * random()) AS p
FROM generate_series(1, 20000) i;
CREATE TEMP TABLE cell_area AS
SELECT ST_Union(ARRAY[
  ST_Difference(ST_Buffer('POINT(0 0)'::geometry, 10, 32), ST_Buffer('POINT(2 1)'::geometry, 3, 16)),
  ST_Buffer('POINT(25 0)'::geometry, 6, 8),
  ST_MakeEnvelope(-5, 15, 30, 18)]) AS g;
SELECT (SELECT count(*) FROM cell_fixes, cell_area WHERE ST_Intersects(g, p)) AS inside_postgis,
       (SELECT sum(fixes) FROM cell_area, maritime.port_visits(
          (SELECT ST_MakeLine(ST_MakePointM(ST_X(p), ST_Y(p), i) ORDER BY i) FROM cell_fixes), g)) AS inside_fixes;
