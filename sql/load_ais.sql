-- The AIS CSV loaders (examples/load_dma_csv.sql, examples/load_noaa_csv.sql)
-- on the invented samples in data/samples/: what each drops and why, exact
-- timestamps and positions, and tracks built from what they load.
SET datestyle = 'ISO, YMD';
-- The loaders' own text is not echoed, only what they print.

-- DMA first: no positions table yet, so the loader creates it.  The session
-- is in Danish time on purpose: the file's timestamps are UTC all the same.
SET timezone = 'Europe/Copenhagen';
\set file 'data/samples/dma_sample.csv'
\set ECHO none
\i examples/load_dma_csv.sql
\set ECHO all
SET timezone = 'UTC';

-- NOAA next, appended to the same table
\set file 'data/samples/noaa_sample.csv'
\set ECHO none
\i examples/load_noaa_csv.sql
\set ECHO all

SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
FROM pg_attribute a
WHERE a.attrelid = 'positions'::regclass AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum;

-- rows loaded per vessel
SELECT mmsi, count(*) AS positions, min(ts) AS first_fix, max(ts) AS last_fix,
       count(sog) AS with_sog, count(cog) AS with_cog, min(source) AS source
FROM positions GROUP BY mmsi ORDER BY mmsi;

-- every row, as loaded: longitude first, UTC, SRID 4326
SELECT mmsi, ts, ST_AsEWKT(geom) AS geom, sog, cog
FROM positions ORDER BY mmsi, ts;

-- the not-available (181/91) and out-of-range positions are gone: none at
-- the times of those lines, none outside the range, all points in 4326
SELECT count(*) AS at_dropped_lines
FROM positions
WHERE (mmsi, ts) IN ((219999001, '2022-09-01 00:05:00+00'), (211999003, '2022-09-01 00:11:00+00'),
                     (220999002, '2022-09-01 00:08:00+00'), (367999101, '2022-01-03 00:04:31+00'),
                     (338999103, '2022-01-03 00:09:00+00'), (538999102, '2022-01-03 00:03:10+00'));
SELECT count(*) AS positions,
       count(*) FILTER (WHERE ST_X(geom) BETWEEN -180 AND 180
                          AND ST_Y(geom) BETWEEN -90 AND 90) AS in_range,
       count(*) FILTER (WHERE ST_X(geom) = 181 OR ST_Y(geom) = 91) AS not_available,
       count(*) FILTER (WHERE ST_SRID(geom) = 4326 AND GeometryType(geom) = 'POINT') AS points_4326
FROM positions;
-- exact parse: the first DMA fix and the first NOAA fix
SELECT mmsi, ts = '2022-09-01 00:00:00+00' AS utc_midnight, ST_X(geom) = 12.64 AS lon, ST_Y(geom) = 55.7 AS lat
FROM positions WHERE mmsi = 219999001 AND ts = (SELECT min(ts) FROM positions WHERE mmsi = 219999001);
SELECT mmsi, extract(epoch FROM ts) = 1641168001 AS utc_epoch, ST_X(geom) = -74.05 AS lon, ST_Y(geom) = 40.65 AS lat
FROM positions WHERE mmsi = 367999101 AND ts = '2022-01-03 00:00:01+00';

-- tracks: valid trajectories with one vertex per loaded fix; the speed along
-- each track matches the vessel's reported SOG (it would not with latitude
-- and longitude swapped)
SELECT mmsi, ST_NPoints(track) AS vertices, ST_IsValidTrajectory(track) AS valid,
       GeometryType(track) AS type, ST_SRID(track) AS srid,
       to_timestamp(ST_M(ST_StartPoint(track))) AS starts,
       to_timestamp(ST_M(ST_EndPoint(track))) AS ends,
       round(ST_Length(track::geography)) AS metres,
       round((ST_Length(track::geography) / 1852
              / ((ST_M(ST_EndPoint(track)) - ST_M(ST_StartPoint(track))) / 3600))::numeric, 1) AS knots,
       round(avg_sog::numeric, 1) AS mean_sog
FROM (SELECT mmsi, maritime.track_agg(geom, ts) AS track, avg(sog) AS avg_sog
      FROM positions GROUP BY mmsi) t
ORDER BY mmsi;

-- A positions table made by examples/load_rajin_sample.sql (no sog, cog)
-- gets the two columns and the rows appended; its own rows keep NULLs.
DROP TABLE positions;
\set file 'data/samples/dma_sample.csv'
\set ECHO none
\i examples/load_rajin_sample.sql
\i examples/load_dma_csv.sql
\set ECHO all
SELECT source, count(*) AS positions, count(DISTINCT mmsi) AS ships, count(sog) AS with_sog
FROM positions GROUP BY source ORDER BY source;

-- A file in the other layout is refused by the header check, and nothing
-- is loaded: the load is one transaction.
\set file 'data/samples/noaa_sample.csv'
\set ECHO none
\i examples/load_dma_csv.sql
\set ECHO all
\set file 'data/samples/dma_sample.csv'
\set ECHO none
\i examples/load_noaa_csv.sql
\set ECHO all
SELECT count(*) AS positions FROM positions;

DROP TABLE positions, ports;
