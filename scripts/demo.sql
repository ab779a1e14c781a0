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

\echo
\echo '== The Rajin sample (data/rajin, synthetic): four shuttles, AIS off near North Korea, daily satellite sightings'
CREATE TEMP TABLE rajin_csv (mmsi bigint, ts timestamptz, lon float8, lat float8, source text);
\copy rajin_csv FROM 'data/rajin/positions.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE rajin_ports_csv (name text, role text, wkt text);
\copy rajin_ports_csv FROM 'data/rajin/ports.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE ports AS
SELECT name, role, ST_GeomFromText(wkt, 4326) AS area FROM rajin_ports_csv;
CREATE TABLE rajin_tracks AS
SELECT mmsi, maritime.track_agg(ST_SetSRID(ST_MakePoint(lon, lat), 4326), ts) AS track
FROM rajin_csv GROUP BY mmsi;
SELECT source, count(*) AS positions, count(DISTINCT mmsi) AS ships FROM rajin_csv GROUP BY 1 ORDER BY 1;

\echo
\echo '== How many round trips between Dunay/Vostochny and Rajin since August 2023? (maritime.round_trips)'
\echo '   Segments over 6 hours are dark: never interpolated.'
CREATE TABLE trips AS
SELECT t.mmsi, r.*
FROM rajin_tracks t,
     maritime.round_trips(t.track,
       (SELECT ST_Multi(ST_Collect(area)) FROM ports WHERE role = 'home'),
       (SELECT area FROM ports WHERE name = 'Rajin'),
       max_gap => '6 hours') r
WHERE r.home_departure >= '2023-08-01';
SELECT mmsi, count(*) AS round_trips, min(home_departure)::date AS first_departure,
       max(home_arrival)::date AS last_return,
       justify_hours(avg(duration))::interval(0) AS mean_duration
FROM trips GROUP BY ROLLUP (mmsi) ORDER BY mmsi NULLS LAST;

\echo
\echo '== How long did each ship stay at the Rajin pier? (maritime.port_visits)'
CREATE TABLE rajin_calls AS
SELECT t.mmsi, v.*
FROM rajin_tracks t, ports p, maritime.port_visits(t.track, p.area, max_gap => '6 hours') v
WHERE p.name = 'Rajin';
SELECT mmsi, count(*) AS calls, min(dwell) AS shortest, max(dwell) AS longest,
       sum(fixes) AS satellite_sightings, max(departure) AS last_seen_at_pier
FROM rajin_calls GROUP BY mmsi ORDER BY mmsi;

\echo
\echo '== When did the shuttles go dark (no position for over 6 hours), and how far did they move? (maritime.gaps)'
SELECT t.mmsi, count(*) AS dark_periods, max(g.duration) AS longest,
       round((avg(g.distance) / 1852)::numeric, 1) AS mean_nautical_miles,
       round(max(g.implied_speed_kn)::numeric, 1) AS fastest_implied_kn
FROM rajin_tracks t, maritime.gaps(t.track, '6 hours') g
WHERE g.gap_start < '2024-02-13' AND t.mmsi <> 273100099   -- the four shuttles
GROUP BY t.mmsi ORDER BY t.mmsi;

\echo
\echo '== Since when has nobody called at Rajin? (maritime.idle_periods, at least 20 days)'
SELECT * FROM maritime.idle_periods(
  (SELECT range_agg(tstzrange(arrival, departure, '[]')) FROM rajin_calls),
  '[2023-08-01, 2024-03-15)', '20 days');
