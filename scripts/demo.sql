-- The maritime demo: real AIS positions in, vessel tracks out.
-- Run by scripts/demo.sh from the repository root (paths are relative to it).
\pset footer off
SET client_min_messages = warning;
SET timezone = 'UTC';
CREATE EXTENSION IF NOT EXISTS maritime CASCADE;

\echo
\echo '== Loading real AIS positions (data/ais: AMSA Australia 2014, Kystverket Norway 2022)'
CREATE TEMP TABLE ais_csv (mmsi bigint, ts timestamptz, lon float8, lat float8, sog float8, cog float8);
\copy ais_csv FROM 'data/ais/au_amsa_2vessels_2014.csv' WITH (FORMAT csv, HEADER)
\copy ais_csv FROM 'data/ais/no_vestland_20220901_kystverket.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE positions AS
SELECT mmsi, ts, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geometry(Point, 4326) AS geom
FROM ais_csv;
SELECT count(*) AS positions, count(DISTINCT mmsi) AS vessels FROM positions;

\echo
\echo '== One track per vessel: maritime.track_agg(geom, ts)'
CREATE TABLE tracks AS
SELECT mmsi, maritime.track_agg(geom, ts)::geometry(LineStringM, 4326) AS track
FROM positions GROUP BY mmsi;
SELECT mmsi,
       ST_NPoints(track) AS fixes,
       to_timestamp(ST_M(ST_StartPoint(track))) AS first_fix,
       to_timestamp(ST_M(ST_EndPoint(track))) AS last_fix,
       round((ST_Length(track::geography) / 1852)::numeric, 1) AS nautical_miles,
       ST_IsValidTrajectory(track) AS valid_trajectory
FROM tracks ORDER BY mmsi;
