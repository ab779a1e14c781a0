-- The loader for any CSV with a header that names its columns
-- (examples/load_csv.sql): columns found by name in any order, times with or
-- without a zone, and the errors that stop a load before anything is loaded.
SET datestyle = 'ISO, YMD';
SET timezone = 'Europe/Oslo';	-- never used for the file's times

-- Real AIS (Kystverket, Norway): mmsi,ts,lon,lat,sog,cog with Z times
\set file 'data/ais/no_vestland_20220901_kystverket.csv'
\set ECHO none
\i examples/load_csv.sql
\set ECHO all
SET timezone = 'UTC';
SELECT mmsi, count(*) AS positions, min(ts) AS first_fix, max(ts) AS last_fix,
       count(sog) AS with_sog, count(cog) AS with_cog
FROM positions GROUP BY mmsi ORDER BY mmsi;
-- the first row of the file, exactly: 257706000,2022-09-01T20:27:05Z,5.3068,60.3937,3.0,104.9
SELECT ts, ST_AsEWKT(geom) AS geom, sog, cog
FROM positions WHERE mmsi = 257706000 ORDER BY ts LIMIT 1;
TRUNCATE positions;

-- Other names, another order, a quoted field with a comma, and times
-- without a zone: refused, and nothing is loaded, unless the zone is given
SET timezone = 'Europe/Oslo';
\set file 'data/samples/plain_sample.csv'
\set ECHO none
\i examples/load_csv.sql
\set ECHO all
SELECT count(*) AS positions FROM positions;
\set zone UTC
\set ECHO none
\i examples/load_csv.sql
\set ECHO all
SET timezone = 'UTC';
SELECT mmsi, ts, ST_AsText(geom) AS geom, sog, cog FROM positions ORDER BY mmsi, ts;
TRUNCATE positions;
-- the same times read as Norwegian local time (summer: UTC+2)
\set zone Europe/Oslo
\set ECHO none
\i examples/load_csv.sql
\set ECHO all
SELECT mmsi, min(ts) AS first_fix FROM positions GROUP BY mmsi ORDER BY mmsi;
TRUNCATE positions;
-- an unknown zone is an error
\set zone Mars/Olympus
\set ECHO none
\i examples/load_csv.sql
\set ECHO all
\unset zone

-- Times with their own zone: every one is 08:00 + 10 minutes a row in UTC,
-- but for the +16:00 offset, which no place has (unparsable)
\set file 'data/samples/offsets_sample.csv'
\set ECHO none
\i examples/load_csv.sql
\set ECHO all
SELECT ts, ST_X(geom) AS lon FROM positions ORDER BY ts;
TRUNCATE positions;

-- Header errors, each before anything is read: a missing column, a column
-- named twice, and a column named by the user that the header lacks
\copy (VALUES ('mmsi,time,lon'), ('1,2022-09-01T00:00:00Z,5')) TO 'results/load_csv_no_lat.csv'
\copy (VALUES ('mmsi,time,timestamp,lon,lat'), ('1,2022-09-01T00:00:00Z,2022-09-01T00:00:00Z,5,60')) TO 'results/load_csv_two_times.csv'
\set file 'results/load_csv_no_lat.csv'
\set ECHO none
\i examples/load_csv.sql
\set ECHO all
\set file 'results/load_csv_two_times.csv'
\set ECHO none
\i examples/load_csv.sql
\set ECHO all
-- naming the column settles it
\set time_column timestamp
\set ECHO none
\i examples/load_csv.sql
\set ECHO all
\set time_column 'Time'
\set ECHO none
\i examples/load_csv.sql
\set ECHO all
\unset time_column
SELECT mmsi, ts, ST_AsText(geom) AS geom FROM positions;

DROP TABLE positions;
