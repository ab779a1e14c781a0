-- The BI views recipe (examples/bi_views.sql) on the Rajin sample: what a
-- GIS client needs (a unique key first, one typed geometry, plain column
-- types) and the values the generator knows.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
SET client_min_messages = warning;
\set ECHO none
\i examples/load_rajin_sample.sql
\i examples/bi_views.sql
\set ECHO all
RESET client_min_messages;

-- Every column of every view: an id first, no intervals, arrays or
-- composites, and one typed geometry column
SELECT c.relname, c.relkind, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
WHERE c.relname IN ('tracks', 'daily_tracks', 'port_calls', 'round_trips', 'dark_periods',
                    'port_idle_periods')
  AND c.relnamespace = 'public'::regnamespace AND a.attnum > 0
ORDER BY c.relname, a.attnum;
SELECT c.relname, count(*) FILTER (WHERE t.typname = 'geometry') AS geometries,
       count(*) FILTER (WHERE t.typname IN ('interval', 'record') OR t.typcategory IN ('A', 'C')) AS awkward
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid JOIN pg_type t ON t.oid = a.atttypid
WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0
  AND c.relname IN ('tracks', 'daily_tracks', 'port_calls', 'round_trips', 'dark_periods',
                    'port_idle_periods', 'port_calls_mv', 'round_trips_mv', 'dark_periods_mv',
                    'port_idle_periods_mv')
GROUP BY c.relname ORDER BY c.relname;
-- the materialized copies have the views' columns
SELECT v.relname, count(*) AS columns,
       count(*) FILTER (WHERE a.attname = m.attname AND a.atttypid = m.atttypid
                              AND a.atttypmod = m.atttypmod) AS same
FROM pg_class v
JOIN pg_attribute a ON a.attrelid = v.oid AND a.attnum > 0
JOIN pg_attribute m ON m.attrelid = (v.relname || '_mv')::regclass AND m.attnum = a.attnum
WHERE v.relname IN ('port_calls', 'round_trips', 'dark_periods', 'port_idle_periods')
GROUP BY v.relname ORDER BY v.relname;
-- GIS clients find the typed geometry columns
SELECT f_table_name, f_geometry_column, type, coord_dimension, srid
FROM geometry_columns
WHERE f_table_schema = 'public'
  AND f_table_name IN ('positions', 'ports', 'tracks', 'daily_tracks', 'port_calls', 'round_trips',
                       'dark_periods', 'port_idle_periods', 'port_calls_mv', 'round_trips_mv',
                       'dark_periods_mv', 'port_idle_periods_mv')
ORDER BY 1, 2;
-- the unique indexes QGIS takes as keys of the materialized views
SELECT indrelid::regclass AS relation, pg_get_indexdef(indexrelid) AS index
FROM pg_index
WHERE indisunique AND indrelid::regclass::text IN
      ('tracks', 'daily_tracks', 'port_calls_mv', 'round_trips_mv', 'dark_periods_mv', 'port_idle_periods_mv')
ORDER BY 1::text;

-- The keys: unique and never NULL, in every view and copy
SELECT 'tracks' AS relation, count(*) AS rows, count(DISTINCT ship) AS keys FROM tracks
UNION ALL SELECT 'daily_tracks', count(*), count(DISTINCT id) FROM daily_tracks
UNION ALL SELECT 'port_calls', count(*), count(DISTINCT id) FROM port_calls
UNION ALL SELECT 'port_calls_mv', count(*), count(DISTINCT id) FROM port_calls_mv
UNION ALL SELECT 'round_trips', count(*), count(DISTINCT id) FROM round_trips
UNION ALL SELECT 'round_trips_mv', count(*), count(DISTINCT id) FROM round_trips_mv
UNION ALL SELECT 'dark_periods', count(*), count(DISTINCT id) FROM dark_periods
UNION ALL SELECT 'dark_periods_mv', count(*), count(DISTINCT id) FROM dark_periods_mv
UNION ALL SELECT 'port_idle_periods', count(*), count(DISTINCT id) FROM port_idle_periods
UNION ALL SELECT 'port_idle_periods_mv', count(*), count(DISTINCT id) FROM port_idle_periods_mv;
-- and the copies hold the views' rows
SELECT (SELECT count(*) FROM (TABLE port_calls EXCEPT TABLE port_calls_mv) d) AS calls_differ,
       (SELECT count(*) FROM (TABLE round_trips EXCEPT TABLE round_trips_mv) d) AS trips_differ,
       (SELECT count(*) FROM (TABLE dark_periods EXCEPT TABLE dark_periods_mv) d) AS dark_differ,
       (SELECT count(*) FROM (TABLE port_idle_periods EXCEPT TABLE port_idle_periods_mv) d) AS idle_differ;

SELECT count(*) AS ships, sum(positions) AS positions FROM tracks;

-- Port calls: 19 at Dunay, 32 at Rajin, 17 at Vostochny; each on the
-- ship's position at arrival, at the port (its boundary, or the first fix
-- inside after a dark leg)
SELECT port, count(*) AS calls, round(sum(dwell_hours)::numeric, 3) AS total_hours,
       round(avg(dwell_hours)::numeric, 1) AS mean_hours,
       count(*) FILTER (WHERE ST_DWithin(c.arrived_at, p.area, 1e-9)) AS arrived_at_port,
       count(DISTINCT c.arrived_at) AS arrival_points
FROM port_calls c JOIN ports p ON p.name = c.port
GROUP BY port ORDER BY port;
SELECT id, ship, call, port, arrival, departure, round(dwell_hours::numeric, 4) AS dwell_hours,
       fixes, open_start, open_end, ST_AsText(arrived_at, 6) AS arrived_at
FROM port_calls WHERE ship = 273100001 AND call <= 4 ORDER BY id;
-- the calls are numbered per ship in time order, whatever the port
SELECT count(*) AS out_of_order
FROM (SELECT call, row_number() OVER (PARTITION BY ship ORDER BY arrival) AS n FROM port_calls) c
WHERE call <> n;

-- Round trips: 32, all complete, by the 4 shuttles; the route runs from
-- home departure to home arrival, without the dark legs near Rajin
SELECT count(*) AS round_trips, count(*) FILTER (WHERE complete) AS complete,
       count(DISTINCT ship) AS ships,
       round(sum(duration_hours)::numeric, 3) AS total_hours, round(sum(away_hours)::numeric, 3) AS away_hours,
       count(*) FILTER (WHERE to_timestamp(ST_M(ST_StartPoint(ST_GeometryN(route, 1)))) = home_departure
                          AND to_timestamp(ST_M(ST_EndPoint(ST_GeometryN(route, ST_NumGeometries(route))))) = home_arrival)
         AS route_home_to_home,
       sum(ST_NumGeometries(route)) AS route_lines
FROM round_trips;

-- Dark periods: the line from where the ship went dark to where it
-- reappeared, its M the two times
SELECT ship, count(*) AS dark_periods, round(max(duration_hours)::numeric, 1) AS longest_hours,
       round(sum(distance_nm)::numeric, 3) AS total_nm
FROM dark_periods GROUP BY ship ORDER BY ship;
SELECT count(*) AS dark_periods,
       count(*) FILTER (WHERE ST_NPoints(d.dark_leg) = 2
                          AND ST_Equals(ST_StartPoint(ST_Force2D(d.dark_leg)), g.start_point)
                          AND ST_Equals(ST_EndPoint(ST_Force2D(d.dark_leg)), g.end_point)
                          AND to_timestamp(ST_M(ST_StartPoint(d.dark_leg))) = d.gap_start
                          AND to_timestamp(ST_M(ST_EndPoint(d.dark_leg))) = d.gap_end) AS leg_as_gap
FROM dark_periods d
JOIN tracks t ON t.ship = d.ship
JOIN maritime.gaps(t.track, '6 hours') g ON g.gap_start = d.gap_start;

-- Quiet ports, drawn on the port's area
SELECT i.id, i.port, i.period, i.idle_start, i.idle_end, round(i.duration_hours::numeric, 3) AS hours,
       round(i.duration_days::numeric, 1) AS days, i.open_end, ST_Equals(i.area, p.area) AS port_area
FROM port_idle_periods i JOIN ports p ON p.name = i.port WHERE i.open_end ORDER BY i.port;

-- Tracks per UTC day: 890 ship-days; within a day every line is lit (no
-- two consecutive points over 6 hours apart) and lies inside the day;
-- together they are the lit segments of the tracks, nothing lost
SELECT ship, count(*) AS days, sum(lines) AS lines, min(day) AS first_day, max(day) AS last_day,
       round(sum(sailed_nm)::numeric, 3) AS sailed_nm
FROM daily_tracks GROUP BY ship ORDER BY ship;
SELECT count(*) FILTER (WHERE first_time < day::timestamp AT TIME ZONE 'UTC'
                           OR last_time > (day + 1)::timestamp AT TIME ZONE 'UTC') AS outside_day,
       count(*) FILTER (WHERE lines <> ST_NumGeometries(track)) AS lines_miscounted
FROM daily_tracks;
SELECT count(*) AS dark_steps
FROM (SELECT ST_M(p.geom) - lag(ST_M(p.geom)) OVER (PARTITION BY d.id, p.path[1] ORDER BY p.path[2]) AS step
      FROM daily_tracks d, ST_DumpPoints(d.track) p) s
WHERE step > 6 * 3600;
SELECT round((SELECT sum(sailed_nm) FROM daily_tracks)::numeric, 6) =
       round((SELECT sum(ST_Length(s.track::geography, false)) / 1852
              FROM tracks t, maritime.segments(t.track, '6 hours') s WHERE s.fixes > 1)::numeric, 6)
       AS same_length_as_segments;
-- UTC days whatever the session's time zone
CREATE TEMP TABLE daily_utc AS SELECT * FROM daily_tracks;
SET timezone = 'Pacific/Auckland';
REFRESH MATERIALIZED VIEW daily_tracks;
SELECT count(*) AS differ FROM (TABLE daily_tracks EXCEPT TABLE daily_utc) d;
SET timezone = 'UTC';
DROP TABLE daily_utc;

-- REFRESH ... CONCURRENTLY works (it needs the unique indexes)
REFRESH MATERIALIZED VIEW CONCURRENTLY tracks;
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_tracks;
REFRESH MATERIALIZED VIEW CONCURRENTLY port_calls_mv;
REFRESH MATERIALIZED VIEW CONCURRENTLY round_trips_mv;
REFRESH MATERIALIZED VIEW CONCURRENTLY dark_periods_mv;
REFRESH MATERIALIZED VIEW CONCURRENTLY port_idle_periods_mv;

SET client_min_messages = warning;
DROP MATERIALIZED VIEW tracks CASCADE;
DROP TABLE positions, ports;
