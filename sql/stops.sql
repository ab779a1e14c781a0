-- maritime.stops: the SPEC's greedy scan with the exact diameter
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

CREATE FUNCTION pg_temp.stops(xys text, max_diameter float8, min_duration interval,
                              max_gap interval DEFAULT NULL)
RETURNS TABLE(stop_start time, stop_end time, duration interval, location text,
              fixes int, diameter float8)
LANGUAGE sql AS $$
  SELECT s.stop_start::time, s.stop_end::time, s.duration, ST_AsText(s.location),
         s.fixes, s.diameter
  FROM maritime.stops(regress.track(xys), max_diameter, min_duration, max_gap) s
$$;

-- a stop at the start (3 fixes within 1 unit for 10 minutes), then sailing,
-- then a stop at the end; the middle fixes are too far apart
SELECT * FROM pg_temp.stops('0 0 0, 0.5 0 300, 0 0.5 600, 10 0 700, 20 0 800, 20 0.2 900, 20.1 0 1500', 1, '5 minutes');
-- a stop in the middle
SELECT * FROM pg_temp.stops('-10 0 0, 0 0 100, 0.3 0.4 400, 0 0.4 700, 10 0 800', 1, '10 minutes');
-- two stops back to back: the first ends when the next fix is too far
-- from one of its fixes, the second starts right after it
SELECT * FROM pg_temp.stops('0 0 0, 0 0.5 600, 0 1 1200, 0 1.5 1800, 0 2 2400', 1, '10 minutes');
-- 30 minutes around a square of side 0.8: long enough in time, but its
-- diagonal is wider than max_diameter 1, and no 3 fixes fit: no stop ...
SELECT * FROM pg_temp.stops('0 0 0, 0.8 0 600, 0.8 0.8 1200, 0 0.8 1800', 1, '15 minutes');
-- ... while with max_diameter 1.2 it is one stop whose diameter is the diagonal
SELECT * FROM pg_temp.stops('0 0 0, 0.8 0 600, 0.8 0.8 1200, 0 0.8 1800', 1.2, '15 minutes');
-- exactly max_diameter apart is within it; max_diameter 0 means the very same place
SELECT * FROM pg_temp.stops('0 0 0, 1 0 600', 1, '10 minutes');
SELECT * FROM pg_temp.stops('5 5 0, 5 5 600, 5 5 1200, 6 5 1300', 0, '10 minutes');
-- a dark segment inside a would-be stop splits it (max_gap 30 minutes):
-- 0..20 min and 2 h..2 h 20 min are stops, the 100 minutes between are not
SELECT * FROM pg_temp.stops('0 0 0, 0 0.1 600, 0 0.2 1200, 0 0.1 7200, 0 0 7800, 0 0.1 8400', 1, '15 minutes', '30 minutes');
SELECT * FROM pg_temp.stops('0 0 0, 0 0.1 600, 0 0.2 1200, 0 0.1 7200, 0 0 7800, 0 0.1 8400', 1, '15 minutes');
-- the scan restarts from the next fix when a run is too short: here the
-- run from the first fix is short, the one from the second is long enough
SELECT * FROM pg_temp.stops('-0.8 0 0, 0 0 60, 0.1 0 600, 0.2 0 1200', 0.5, '15 minutes');
-- one fix: a stop only when min_duration is zero
SELECT * FROM pg_temp.stops('5 5 0', 1, '1 minute');
SELECT * FROM pg_temp.stops('5 5 0', 1, '0');

-- lon/lat: metres on the sphere, never a box in degrees.  At 80 N, fixes
-- 25 degrees of longitude apart are 483 km apart ...
SELECT count(*) AS stops FROM maritime.stops('SRID=4326;LINESTRING M(0 80 0, 25 80 600, 50 80 1200)', 1000, '5 minutes');
SELECT fixes, round(diameter) AS metres FROM maritime.stops('SRID=4326;LINESTRING M(0 80 0, 25 80 600, 50 80 1200)', 1000000, '5 minutes');
-- ... while around the pole at 89.999 N a full turn of longitude is 222 m
SELECT fixes, round(diameter::numeric, 1) AS metres, round(ST_Y(location)::numeric, 6) AS lat
FROM maritime.stops('SRID=4326;LINESTRING M(0 89.999 0, 90 89.999 600, 180 89.999 1200, -90 89.999 1800)', 250, '5 minutes');
-- across the antimeridian the stop is where the ship is, not at longitude 0
SELECT fixes, round(diameter::numeric, 1) AS metres, round(ST_X(location)::numeric, 6) AS lon,
       round(ST_Y(location)::numeric, 6) AS lat
FROM maritime.stops('SRID=4326;LINESTRING M(179.9995 10 0, -179.9995 10 600, 179.9995 10.0005 1200)', 500, '5 minutes');
-- the diameter is the exact greatest haversine distance between two fixes
SELECT round(s.diameter::numeric, 6) = round(max(ST_Distance(a.geom::geography, b.geom::geography, false))::numeric, 2) OR
       abs(s.diameter - max(ST_Distance(a.geom::geography, b.geom::geography, false))) < 1e-3 AS exact
FROM maritime.stops('SRID=4326;LINESTRING M(5 60 0, 5.001 60.0005 600, 5.0004 60.001 1200, 4.9995 60.0004 1800, 5.0002 59.9996 2400)', 500, '10 minutes') s,
     ST_DumpPoints('SRID=4326;LINESTRING M(5 60 0, 5.001 60.0005 600, 5.0004 60.001 1200, 4.9995 60.0004 1800, 5.0002 59.9996 2400)'::geometry) a,
     ST_DumpPoints('SRID=4326;LINESTRING M(5 60 0, 5.001 60.0005 600, 5.0004 60.001 1200, 4.9995 60.0004 1800, 5.0002 59.9996 2400)'::geometry) b
GROUP BY s.diameter;

-- A long noisy stop: 20,000 fixes a second apart around one berth, then
-- sailing away (the scan stays linear: see BENCHMARKS.md)
CREATE TABLE long_stop AS
SELECT ST_SetSRID(ST_MakeLine(ST_MakePointM(
         CASE WHEN i <= 20000 THEN 5.3 + 0.0003 * sin(i * 0.7) * cos(i * 0.013)
              ELSE 5.3 + (i - 20000) * 0.0002 END,
         60.39 + 0.0002 * cos(i * 1.3),
         1704067200 + i) ORDER BY i), 4326) AS track
FROM generate_series(1, 20100) i;
SELECT stop_start, stop_end, fixes, round(diameter::numeric, 3) AS diameter
FROM long_stop, maritime.stops(track, 60, '1 hour');

-- The diameter equals a brute-force haversine over every pair of fixes
-- (1,500 fixes drifting with noise: 1.1 million pairs)
CREATE TABLE noisy AS
SELECT i, 5.3 + 0.002 * sin(i * 0.004) + 0.00005 * sin(i * 0.77) AS lon,
       60.39 + 0.0003 * cos(i * 0.0035) + 0.00003 * cos(i * 1.31) AS lat
FROM generate_series(1, 1500) i;
SELECT fixes, round(diameter::numeric, 6) AS diameter
FROM maritime.stops((SELECT ST_SetSRID(ST_MakeLine(ST_MakePointM(lon, lat, 1704067200 + i) ORDER BY i), 4326)
                     FROM noisy), 1000, '10 minutes');
SELECT round(max(2 * 6371008.8 * asin(sqrt(
         sin(radians(b.lat - a.lat) / 2) ^ 2 +
         cos(radians(a.lat)) * cos(radians(b.lat)) * sin(radians(b.lon - a.lon) / 2) ^ 2)))::numeric, 6)
         AS brute_force_diameter
FROM noisy a JOIN noisy b ON a.i < b.i;
-- with max_diameter 50 the runs are cut: each stop's diameter is still the
-- brute-force one, within 50 m, and the fix after it is over 50 m from one
-- of its fixes (the run could not grow)
CREATE TABLE noisy_stops AS
SELECT * FROM maritime.stops((SELECT ST_SetSRID(ST_MakeLine(ST_MakePointM(lon, lat, 1704067200 + i) ORDER BY i), 4326)
                              FROM noisy), 50, '3 minutes');
CREATE FUNCTION pg_temp.haversine(a noisy, b noisy) RETURNS float8 LANGUAGE sql AS $$
  SELECT 2 * 6371008.8 * asin(sqrt(sin(radians(b.lat - a.lat) / 2) ^ 2 +
         cos(radians(a.lat)) * cos(radians(b.lat)) * sin(radians(b.lon - a.lon) / 2) ^ 2))
$$;
SELECT count(*) AS stops, sum(fixes) AS fixes, max(diameter) <= 50 AS within_50_m,
       bool_and(abs(diameter - brute) < 1e-6) AS exact_diameters,
       bool_and(cannot_grow) AS maximal
FROM (SELECT s.diameter, s.fixes,
             (SELECT max(pg_temp.haversine(a, b)) FROM noisy a JOIN noisy b ON a.i < b.i
              WHERE a.i BETWEEN s.first AND s.last AND b.i BETWEEN s.first AND s.last) AS brute,
             s.last = 1500 OR (SELECT max(pg_temp.haversine(a, n)) > 50 FROM noisy a, noisy n
                               WHERE a.i BETWEEN s.first AND s.last AND n.i = s.last + 1) AS cannot_grow
      FROM (SELECT *, extract(epoch FROM stop_start)::int - 1704067200 AS first,
                      extract(epoch FROM stop_end)::int - 1704067200 AS last FROM noisy_stops) s) c;

-- The Norwegian ships (data/ais): stops of 200 m for 20 minutes, AIS
-- silences over 30 minutes are dark
CREATE TABLE no_raw (mmsi bigint, ts timestamptz, lon float8, lat float8, sog float8, cog float8);
\copy no_raw FROM 'data/ais/no_vestland_20220901_kystverket.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE no_tracks AS
SELECT mmsi, maritime.track_agg(ST_SetSRID(ST_MakePoint(lon, lat), 4326), ts) AS track
FROM no_raw GROUP BY mmsi;
CREATE TABLE no_stops AS
SELECT mmsi, s.* FROM no_tracks, maritime.stops(track, 200, '20 minutes', '30 minutes') s;
SELECT mmsi, stop_start, stop_end, duration, fixes, round(diameter::numeric, 1) AS diameter,
       round(ST_X(location)::numeric, 4) AS lon, round(ST_Y(location)::numeric, 4) AS lat
FROM no_stops ORDER BY mmsi, stop_start;
-- what the data shows: during each stop the vessel reports under 1 knot
-- nearly all the time, and no two of its fixes are over 200 m apart
SELECT s.mmsi, s.stop_start, count(*) AS fixes,
       round(avg(r.sog)::numeric, 2) AS mean_sog,
       count(*) FILTER (WHERE r.sog >= 1) AS fixes_at_1_kn_or_more,
       max(ST_Distance(ST_MakePoint(r.lon, r.lat)::geography, s.location::geography, false)) <= 200 AS near_location
FROM no_stops s JOIN no_raw r ON r.mmsi = s.mmsi AND r.ts BETWEEN s.stop_start AND s.stop_end
GROUP BY s.mmsi, s.stop_start ORDER BY 1, 2;
DROP FUNCTION pg_temp.haversine(noisy, noisy);
DROP TABLE no_raw, no_tracks, no_stops, long_stop, noisy, noisy_stops;

-- NULLs give no rows
SELECT count(*) FROM maritime.stops(NULL, 1, '1 minute');
SELECT count(*) FROM maritime.stops(regress.track('0 0 0'), NULL, '1 minute');
SELECT count(*) FROM maritime.stops(regress.track('0 0 0'), 1, NULL);

-- bad input
SELECT d AS max_diameter, regress.error_of(format('SELECT * FROM maritime.stops(%L, %s, ''1 minute'')',
                                                  'LINESTRING M(0 0 0, 1 1 60)', d))
FROM (VALUES ('-1'), ('''NaN'''), ('''Infinity'''), ('''-Infinity''')) v(d);
SELECT regress.error_of($$SELECT * FROM maritime.stops('LINESTRING M(0 0 0, 1 1 60)', 1, '-1 minute')$$);
SELECT regress.error_of($$SELECT * FROM maritime.stops('LINESTRING M(0 0 0, 1 1 60)', 1, '1 minute', '0')$$);
SELECT regress.error_of($$SELECT * FROM maritime.stops('LINESTRING M(0 0 0, 1 1 60)', 1, '1 minute', '-1 s')$$);
SELECT regress.error_of($$SELECT * FROM maritime.stops('MULTIPOINT M(0 0 0, 1 1 60)', 1, '1 minute')$$);
SELECT regress.error_of($$SELECT * FROM maritime.stops('POLYGON((0 0,1 0,1 1,0 0))', 1, '1 minute')$$);
SELECT regress.error_of($$SELECT * FROM maritime.stops('LINESTRING(0 0, 1 1)', 1, '1 minute')$$);
SELECT regress.error_of($$SELECT * FROM maritime.stops('LINESTRING M(0 0 60, 1 1 60)', 1, '1 minute')$$);
