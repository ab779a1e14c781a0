-- The BI views recipe (examples/bi_views.sql) on the Rajin sample: plain
-- column types only, and the values the generator knows.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
SET client_min_messages = warning;
\set ECHO none
\i examples/load_rajin_sample.sql
\i examples/bi_views.sql
\set ECHO all
RESET client_min_messages;

-- no arrays, composites or other types a client would have to unpack
SELECT c.table_name, c.column_name, c.data_type, c.udt_name
FROM information_schema.columns c
WHERE c.table_name IN ('port_calls', 'round_trips', 'dark_periods', 'port_idle_periods')
ORDER BY c.table_name, c.ordinal_position;
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a WHERE a.attrelid = 'tracks'::regclass AND a.attnum > 0 ORDER BY a.attnum;
-- GIS clients find the typed geometry columns
SELECT f_table_name, f_geometry_column, type, srid
FROM geometry_columns
WHERE f_table_name IN ('positions', 'ports', 'tracks', 'port_calls', 'dark_periods')
ORDER BY 1, 2;

SELECT count(*) AS ships, sum(positions) AS positions FROM tracks;
SELECT port, count(*) AS calls, justify_hours(sum(dwell)) AS total_dwell,
       round(avg(dwell_hours)::numeric, 1) AS mean_hours
FROM port_calls GROUP BY port ORDER BY port;
SELECT count(*) AS round_trips, count(*) FILTER (WHERE complete) AS complete,
       count(DISTINCT ship) AS ships
FROM round_trips;
SELECT ship, count(*) AS dark_periods, round(max(duration_hours)::numeric, 1) AS longest_hours
FROM dark_periods GROUP BY ship ORDER BY ship;
SELECT port, idle_start, idle_end, duration, round(duration_days::numeric, 1) AS days, open_end
FROM port_idle_periods WHERE open_end ORDER BY port;

SET client_min_messages = warning;
DROP MATERIALIZED VIEW tracks CASCADE;
DROP TABLE positions, ports;
