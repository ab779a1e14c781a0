-- The maritime demo: the Rajin shuttle (synthetic sample, data/rajin) and two
-- real Australian vessels (AMSA AIS 2014, data/ais and data/ports).
-- Run by scripts/demo.sh from the repository root with -v outdir=FOLDER: it
-- prints the report, then writes the chart data (CSV) and the maps (GeoJSON)
-- into FOLDER with \copy and \o, i.e. as the user running psql.
\set QUIET on
\pset footer off
SET client_min_messages = warning;
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
CREATE EXTENSION IF NOT EXISTS maritime CASCADE;
\if :{?outdir}
\else
\set outdir demo-output
\endif

-- A duration as "3 d 00:09" (days, hours and minutes; seconds dropped)
CREATE FUNCTION pg_temp.dhm(d interval) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN extract(day FROM j) > 0 THEN extract(day FROM j) || ' d ' ELSE '' END
	       || to_char(j, 'HH24:MI')
	FROM justify_hours(date_trunc('minute', d)) j
$$;

------------------------------------------------------------------ loading
-- The Rajin sample: positions(mmsi, ts, geom, source), ports(name, role, area)
\i examples/load_rajin_sample.sql

-- The AMSA vessels and port polygons
CREATE TEMP TABLE au_csv (mmsi bigint, ts timestamptz, lon float8, lat float8, sog float8, cog float8);
\copy au_csv FROM 'data/ais/au_amsa_2vessels_2014.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE au_ports_csv (name text, abbrev text, threshold_km float8, wkt text);
\copy au_ports_csv FROM 'data/ports/amsa_port_visit_polygons.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE au_positions AS
SELECT mmsi, ts, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geometry(Point, 4326) AS geom FROM au_csv;
CREATE TABLE au_ports AS
SELECT name, ST_GeomFromText(wkt, 4326)::geometry(MultiPolygon, 4326) AS area FROM au_ports_csv;

-- One track per vessel (LINESTRING M, M = seconds since 1970), as the feed
-- gives it; the fixes no ship could have made (over 50 kn from the rest of
-- the track), for the record; and the clean tracks everything below uses
CREATE TABLE raw_tracks AS
SELECT 'Rajin sample' AS dataset, mmsi, maritime.track_agg(geom, ts)::geometry(LineStringM, 4326) AS track,
       count(*) AS positions, min(ts) AS first_fix, max(ts) AS last_fix
FROM positions GROUP BY mmsi
UNION ALL
SELECT 'Australia (AMSA)', mmsi, maritime.track_agg(geom, ts)::geometry(LineStringM, 4326),
       count(*), min(ts), max(ts)
FROM au_positions GROUP BY mmsi;
CREATE TABLE junk AS
SELECT t.dataset, t.mmsi, o.*
FROM raw_tracks t, maritime.outliers(t.track) o;
CREATE TABLE tracks AS
SELECT mmsi, maritime.clean_track(track)::geometry(LineStringM, 4326) AS track,
       positions, first_fix, last_fix
FROM raw_tracks WHERE dataset = 'Rajin sample';
CREATE TABLE au_tracks AS
SELECT mmsi, maritime.clean_track(track)::geometry(LineStringM, 4326) AS track,
       positions, first_fix, last_fix
FROM raw_tracks WHERE dataset = 'Australia (AMSA)';

-- Port calls of at least 1 hour; silences over 6 hours are dark, never
-- interpolated; calls less than 15 minutes apart are one
CREATE TABLE calls AS
SELECT t.mmsi, p.name AS port, v.*
FROM tracks t
JOIN ports p ON p.area && t.track
CROSS JOIN LATERAL maritime.port_visits(t.track, p.area, '1 hour', '6 hours', '15 minutes') v;

-- Round trips from Dunay/Vostochny (one port group) to Rajin and back
CREATE TABLE trips AS
SELECT t.mmsi, r.*
FROM tracks t,
     maritime.round_trips(t.track,
       (SELECT ST_Multi(ST_Collect(area)) FROM ports WHERE role = 'home'),
       (SELECT area FROM ports WHERE name = 'Rajin'),
       '1 hour', '6 hours', '15 minutes') r
WHERE r.home_departure >= '2023-08-01';

-- Silences of 6 hours or more; back-to-back ones (dark, a satellite sighting,
-- dark again) form one blackout, from the last AIS fix to the next
CREATE TABLE silences AS
SELECT t.mmsi, g.*
FROM tracks t, maritime.gaps(t.track, '6 hours') g;
CREATE TABLE blackouts AS
SELECT mmsi, min(gap_start) AS went_dark, max(gap_end) AS back_on,
       max(gap_end) - min(gap_start) AS duration,
       count(*) - 1 AS sightings_while_dark,
       (array_agg(start_point ORDER BY gap_start))[1] AS went_dark_at
FROM (SELECT s.*, count(*) FILTER (WHERE NOT chained) OVER (PARTITION BY mmsi ORDER BY gap_start) AS blackout
      FROM (SELECT *, coalesce(gap_start = lag(gap_end) OVER (PARTITION BY mmsi ORDER BY gap_start), false) AS chained
            FROM silences) s) b
GROUP BY mmsi, blackout;

-- Ship-to-ship encounters: every pair of ships within 500 m, silences over
-- 6 hours dark as above.  The pairs as for a fleet: the other track's box
-- in space and time must meet this one's widened by 500 m, which a GiST
-- index answers.  At sea: more than 10 km from every port area (ships at
-- one berth meet all the time).  An encounter as Global Fishing Watch
-- defines it: 2 hours or more, both under 2 kn.
CREATE INDEX ON tracks USING gist (track gist_geometry_ops_nd);
CREATE TABLE encounters AS
SELECT a.mmsi AS mmsi_a, b.mmsi AS mmsi_b, e.*, n.name AS nearest_port, n.km AS port_km,
       e.duration >= '2 hours' AND e.speed_a_kn < 2 AND e.speed_b_kn < 2 AS gfw_encounter
FROM tracks a
JOIN tracks b ON b.track &&& maritime.encounter_box(a.track, 500) AND a.mmsi < b.mmsi
CROSS JOIN LATERAL maritime.encounters(a.track, b.track, 500, '0', '6 hours') e
CROSS JOIN LATERAL (SELECT p.name, ST_Distance(e.location::geography, p.area::geography) / 1000 AS km
                    FROM ports p ORDER BY 2 LIMIT 1) n;
CREATE TABLE at_sea AS SELECT * FROM encounters WHERE port_km > 10;

-- The Australian port calls: AIS is denser there, so 2 hours of silence is
-- dark; the port polygons follow river banks and quays, so the line between
-- two fixes inside often clips the outside: absences under 15 minutes are
-- merged (au_calls_split: what the calls would be without)
CREATE TABLE au_calls AS
SELECT t.mmsi, p.name AS port, v.*
FROM au_tracks t
JOIN au_ports p ON p.area && t.track
CROSS JOIN LATERAL maritime.port_visits(t.track, p.area, '1 hour', '2 hours', '15 minutes') v;
CREATE TABLE au_calls_split AS
SELECT t.mmsi, p.name AS port, v.*
FROM au_tracks t
JOIN au_ports p ON p.area && t.track
CROSS JOIN LATERAL maritime.port_visits(t.track, p.area, '1 hour', '2 hours') v;

------------------------------------------------------------------ the report
-- Each ship's part in the story
CREATE TABLE ships AS
SELECT t.mmsi,
       CASE WHEN count(*) FILTER (WHERE c.port = 'Rajin') > 0
                 AND count(*) FILTER (WHERE c.port <> 'Rajin') > 0 THEN 'shuttle'
            WHEN count(*) FILTER (WHERE c.port = 'Rajin') > 0 THEN 'Rajin only'
            WHEN EXISTS (SELECT FROM at_sea e WHERE e.gfw_encounter AND t.mmsi IN (e.mmsi_a, e.mmsi_b))
            THEN 'met at sea'
            ELSE 'passer-by' END AS role,
       count(*) FILTER (WHERE c.port = 'Rajin') AS rajin_calls,
       count(*) FILTER (WHERE c.port = 'Dunay') AS dunay_calls,
       count(*) FILTER (WHERE c.port = 'Vostochny') AS vostochny_calls,
       (SELECT round((ST_Distance(t.track::geography, p.area::geography) / 1000)::numeric, 1)
        FROM ports p WHERE p.name = 'Rajin') AS closest_km
FROM tracks t LEFT JOIN calls c USING (mmsi)
GROUP BY t.mmsi, t.track;
CREATE TABLE rajin_quiet AS
SELECT * FROM maritime.idle_periods(
  (SELECT range_agg(tstzrange(arrival, departure, '[]')) FROM calls WHERE port = 'Rajin'),
  '[2023-08-01, 2024-03-15)', '20 days');

\echo 'maritime demo: the Rajin shuttle, and port calls in Australia'
\echo '=============================================================='
\echo 'The Rajin sample is synthetic (data/rajin): ships shuttle between the Russian'
\echo 'ports of Dunay and Vostochny and North Korea''s Rajin, AIS off near North Korea,'
\echo 'one satellite sighting a day at the Rajin pier; far out at sea, two more ships'
\echo 'meet. The Australian AIS and port areas are real (AMSA, 2014). In the Rajin'
\echo 'sample, over 6 hours without a position is dark: the track is never'
\echo 'interpolated across it.'
\echo
SELECT 'Rajin sample' AS dataset, source, count(*) AS positions, count(DISTINCT mmsi) AS ships,
       min(ts)::date AS first_fix, max(ts)::date AS last_fix
FROM positions GROUP BY source
UNION ALL
SELECT 'Australia (AMSA)', 'ais', count(*), count(DISTINCT mmsi), min(ts)::date, max(ts)::date
FROM au_positions
ORDER BY 1 DESC, 2;

-- In short, from the tables below
SELECT format('In short: %s ships shuttled to Rajin (%s);',
              count(*) FILTER (WHERE role = 'shuttle'),
              string_agg(mmsi::text, ', ' ORDER BY mmsi) FILTER (WHERE role = 'shuttle')) AS line1,
       format('          %s.',
              coalesce(string_agg(format('%s passed %s km off Rajin and never called', mmsi, closest_km),
                                  '; ' ORDER BY mmsi) FILTER (WHERE role = 'passer-by'),
                       'no other ship came by')) AS line2
FROM ships \gset
SELECT format('          %s round trips since August 2023, the last one back home on %s;',
              count(*), max(home_arrival)::date) AS line3
FROM trips WHERE complete \gset
SELECT coalesce((SELECT format('          Rajin has had no call since %s UTC (%s days when the data ends).',
                               to_char(idle_start, 'YYYY-MM-DD HH24:MI'),
                               round((extract(epoch FROM duration) / 86400)::numeric, 1))
                 FROM rajin_quiet WHERE open_end),
                '          Rajin still busy when the data ends.') AS line4 \gset
SELECT format('          %s;',
              coalesce(string_agg(format('%s and %s met at sea on %s for %s, as close as %s m',
                                         mmsi_a, mmsi_b, encounter_start::date,
                                         to_char(duration, 'FMHH24 "h" MI "min"'), round(min_distance)),
                                  '; ' ORDER BY encounter_start) FILTER (WHERE gfw_encounter),
                       'no two ships met at sea for 2 hours or more')) AS line5,
       format('          %s other times two ships came within 500 m at sea, in passing (%s at most).',
              count(*) FILTER (WHERE NOT gfw_encounter),
              to_char(max(duration) FILTER (WHERE NOT gfw_encounter), 'FMMI "min" SS "s"')) AS line6
FROM at_sea \gset
\echo :line1
\echo :line2
\echo :line3
\echo :line4
\echo :line5
\echo :line6
\echo

\echo '0. Fixes no ship could have made (maritime.outliers: over 50 kn from the rest of the track)'
\echo '   Spikes, a second transmitter on one MMSI, a garbled fix at the Rajin pier. Every figure'
\echo '   below comes from the tracks without them (maritime.clean_track); "not available"'
\echo '   positions (181, 91) never reach a track (maritime.track_agg skips them).'
SELECT t.dataset, t.mmsi, t.positions, ST_NPoints(c.track) AS kept, count(j.fix_time) AS outliers,
       round(max(j.implied_speed_kn)) AS fastest_kn
FROM raw_tracks t
JOIN (SELECT mmsi, track FROM tracks UNION ALL SELECT mmsi, track FROM au_tracks) c USING (mmsi)
LEFT JOIN junk j ON j.mmsi = t.mmsi
GROUP BY t.dataset, t.mmsi, t.positions, c.track ORDER BY t.dataset DESC, t.mmsi;

\echo '1. Which ships shuttled between Rajin and Dunay/Vostochny? (maritime.port_visits)'
\echo '   Port calls of at least 1 hour; closest_km: nearest approach to the Rajin port area.'
SELECT mmsi, role, rajin_calls, dunay_calls, vostochny_calls, closest_km
FROM ships ORDER BY mmsi;

\echo '2. Round trips Dunay/Vostochny -> Rajin -> home since August 2023 (maritime.round_trips)'
SELECT mmsi, count(*) AS round_trips,
       min(home_departure)::date AS first_departure, max(home_arrival)::date AS last_return,
       round((extract(epoch FROM avg(duration)) / 86400)::numeric, 1) AS mean_days,
       round((extract(epoch FROM avg(away_dwell)) / 86400)::numeric, 1) AS days_at_rajin
FROM trips WHERE complete
GROUP BY ROLLUP (mmsi) ORDER BY mmsi NULLS LAST;
SELECT count(*) > 0 AS some_not_completed, count(*) AS not_completed FROM trips WHERE NOT complete \gset
\if :some_not_completed
\echo '   Trips not completed (no return home within the data):' :not_completed
\echo
\endif

\echo '3. How long did each ship stay at the Rajin pier? (maritime.port_visits)'
\echo '   Seen there only by satellite, once a day: a stay runs from the first to the last sighting.'
SELECT mmsi, count(*) AS calls, pg_temp.dhm(min(dwell)) AS shortest, pg_temp.dhm(max(dwell)) AS longest,
       pg_temp.dhm(avg(dwell)) AS mean, sum(fixes) AS sightings,
       to_char(max(departure), 'YYYY-MM-DD HH24:MI') AS last_seen_there
FROM calls WHERE port = 'Rajin'
GROUP BY mmsi ORDER BY mmsi;

\echo '4. When did they go dark? (maritime.gaps: 6 hours or more without a position)'
\echo '   A blackout runs from the last AIS fix to the next one, satellite sightings and all;'
\echo '   km_off_rajin: where the AIS went silent.'
SELECT b.mmsi, count(*) AS blackouts,
       CASE WHEN min(b.km) = max(b.km) THEN min(b.km)::text ELSE min(b.km) || '-' || max(b.km) END
       AS km_off_rajin,
       pg_temp.dhm(avg(b.duration)) AS mean, pg_temp.dhm(max(b.duration)) AS longest,
       sum(b.sightings_while_dark) AS sightings,
       to_char(max(b.went_dark), 'YYYY-MM-DD HH24:MI') AS last_went_dark
FROM (SELECT b.*, round(ST_Distance(b.went_dark_at::geography, p.area::geography) / 1000) AS km
      FROM blackouts b, ports p WHERE p.name = 'Rajin') b
GROUP BY b.mmsi ORDER BY b.mmsi;

\echo '5. Since when has nobody called at Rajin? (maritime.idle_periods: 20 days or more)'
SELECT to_char(idle_start, 'YYYY-MM-DD HH24:MI') AS quiet_since,
       to_char(idle_end, 'YYYY-MM-DD HH24:MI') AS until,
       round((extract(epoch FROM duration) / 86400)::numeric, 1) AS days,
       CASE WHEN open_end THEN 'yes, when the data ends' ELSE 'no' END AS still_quiet
FROM rajin_quiet;

\echo '6. Who met whom at sea? (maritime.encounters: within 500 m, over 10 km from any port)'
\echo '   An encounter as Global Fishing Watch defines it (a ship-to-ship transfer?): 2 hours or'
\echo '   more within 500 m, both under 2 kn; passings that last minutes are not. knots: each'
\echo '   ship''s path meanwhile over the time. The shuttles keep to one route, so they pass at 0 m.'
SELECT mmsi_a, mmsi_b, to_char(encounter_start, 'YYYY-MM-DD HH24:MI') AS start,
       to_char(date_trunc('second', duration), 'HH24:MI:SS') AS lasted, round(min_distance) AS closest_m,
       round(speed_a_kn::numeric, 1) AS knots_a, round(speed_b_kn::numeric, 1) AS knots_b,
       format('%s, %s km', nearest_port, round(port_km)) AS nearest_port,
       CASE WHEN gfw_encounter THEN 'yes'
            ELSE 'no: ' || concat_ws(', ', CASE WHEN duration < '2 hours' THEN 'under 2 hours' END,
                                     CASE WHEN greatest(speed_a_kn, speed_b_kn) >= 2 THEN 'at speed' END)
       END AS encounter
FROM at_sea ORDER BY duration DESC, encounter_start;

\echo '7. Australia, real AIS 2014: port calls per port (maritime.port_visits)'
\echo '   Calls of at least 1 hour; AIS is denser here, so over 2 hours without a position is dark;'
\echo '   absences under 15 minutes (the line between two fixes clipping a river bank) are merged:'
\echo '   calls_unmerged is what the count would be without.'
SELECT p.name AS port, count(c.mmsi) AS calls,
       (SELECT count(*) FROM au_calls_split s WHERE s.port = p.name) AS calls_unmerged,
       count(DISTINCT c.mmsi) AS ships,
       round((extract(epoch FROM sum(c.dwell)) / 86400)::numeric, 1) AS days_in_port,
       pg_temp.dhm(min(c.dwell)) AS shortest, pg_temp.dhm(max(c.dwell)) AS longest,
       min(c.arrival)::date AS first_arrival, max(c.departure)::date AS last_departure
FROM au_ports p LEFT JOIN au_calls c ON c.port = p.name
GROUP BY p.name ORDER BY p.name;

------------------------------------------------------------------ files
-- The GIS views of examples/bi_views.sql over the Rajin sample, for the map
-- that scripts/demo.sh draws with scripts/render_map.py after this script;
-- in a schema of their own, as this demo has a tracks table of its own
CREATE SCHEMA gis;
SET search_path = gis, public;
\i examples/bi_views.sql
RESET search_path;

\cd :outdir

-- Chart data.  Completed round trips per week of the return home (weeks
-- start on Monday) and in all so far; weeks without a return are 0, so the
-- halt shows
CREATE TEMP VIEW round_trips_per_week AS
SELECT w::date AS week_start, count(t.mmsi) AS round_trips,
       sum(count(t.mmsi)) OVER (ORDER BY w) AS round_trips_so_far
FROM generate_series(date_trunc('week', timestamptz '2023-08-01'),
                     date_trunc('week', timestamptz '2024-03-14'), '1 week') w
LEFT JOIN trips t ON t.complete AND t.home_arrival >= w AND t.home_arrival < w + interval '1 week'
GROUP BY w ORDER BY w;
\copy (SELECT * FROM round_trips_per_week) TO 'round_trips_per_week.csv' WITH (FORMAT csv, HEADER)

-- One row per port call, per blackout and per encounter at sea of 2 hours
-- or more (on both ships' rows), and one per ship (kind 'ship', no times)
-- so that a ship without calls gets its row in the chart too; row 1 is the
-- bottom row of the chart
CREATE TEMP VIEW port_calls_timeline AS
SELECT s.row_no, s.label, x.kind,
       to_char(x.t0, 'YYYY-MM-DD HH24:MI:SS') AS start_time,
       to_char(x.t1, 'YYYY-MM-DD HH24:MI:SS') AS end_time
FROM (SELECT mmsi, row_number() OVER (ORDER BY mmsi DESC) AS row_no,
             mmsi || CASE WHEN role = 'shuttle' THEN '' ELSE ' (' || role || ')' END AS label
      FROM ships) s
CROSS JOIN LATERAL (SELECT 'ship' AS kind, NULL::timestamptz AS t0, NULL::timestamptz AS t1
                    UNION ALL
                    SELECT c.port, c.arrival, c.departure FROM calls c WHERE c.mmsi = s.mmsi
                    UNION ALL
                    SELECT 'dark', b.went_dark, b.back_on FROM blackouts b WHERE b.mmsi = s.mmsi
                    UNION ALL
                    SELECT 'met at sea', e.encounter_start, e.encounter_end FROM at_sea e
                    WHERE e.gfw_encounter AND s.mmsi IN (e.mmsi_a, e.mmsi_b)) x
ORDER BY s.row_no DESC, x.t0 NULLS FIRST;
\copy (SELECT * FROM port_calls_timeline) TO 'port_calls_timeline.csv' WITH (FORMAT csv, HEADER)

-- Maps: GeoJSON FeatureCollections (RFC 7946: WGS 84 longitude/latitude).
-- GeoJSON has no M, so the tracks are 2D and their times are properties.
\pset format unaligned
\pset tuples_only on
\o tracks.geojson
SELECT json_build_object(
         'type', 'FeatureCollection',
         'name', 'tracks',
         'description', 'One track per vessel, 2D: GeoJSON has no M, so the times of the first '
                        'and last positions are properties (maritime.track_agg keeps them as M).',
         'features', json_agg(json_build_object(
           'type', 'Feature',
           'geometry', ST_AsGeoJSON(ST_Force2D(track), 6)::json,
           'properties', json_build_object(
             'mmsi', mmsi, 'dataset', dataset,
             'first_time', first_fix, 'last_time', last_fix,
             'positions', positions))
           ORDER BY dataset DESC, mmsi))
FROM (SELECT 'Rajin sample (synthetic)' AS dataset, * FROM tracks
      UNION ALL
      SELECT 'Australia (AMSA 2014)', * FROM au_tracks) t;
\o ports.geojson
SELECT json_build_object(
         'type', 'FeatureCollection',
         'name', 'ports',
         'features', json_agg(json_build_object(
           'type', 'Feature',
           'geometry', ST_AsGeoJSON(ST_Multi(area), 6)::json,
           'properties', json_build_object('name', name, 'role', role, 'dataset', dataset,
                                           'calls', calls))
           ORDER BY dataset DESC, name))
FROM (SELECT 'Rajin sample (synthetic)' AS dataset, p.name, p.role, p.area::geometry,
             (SELECT count(*) FROM calls c WHERE c.port = p.name) AS calls
      FROM ports p
      UNION ALL
      SELECT 'Australia (AMSA 2014)', p.name, NULL, p.area,
             (SELECT count(*) FROM au_calls c WHERE c.port = p.name)
      FROM au_ports p) p;
\o dark_periods.geojson
SELECT json_build_object(
         'type', 'FeatureCollection',
         'name', 'dark_periods',
         'description', 'Silences of 6 hours or more (maritime.gaps): a straight line from the last '
                        'position before to the first one after; the ship''s path meanwhile is unknown.',
         'features', json_agg(json_build_object(
           'type', 'Feature',
           'geometry', ST_AsGeoJSON(ST_MakeLine(start_point, end_point), 6)::json,
           'properties', json_build_object(
             'mmsi', mmsi, 'dataset', dataset, 'gap_start', gap_start, 'gap_end', gap_end,
             'hours', round((extract(epoch FROM duration) / 3600)::numeric, 2),
             'nautical_miles', round((distance / 1852)::numeric, 2),
             'implied_speed_kn', round(implied_speed_kn::numeric, 2)))
           ORDER BY dataset DESC, mmsi, gap_start))
FROM (SELECT 'Rajin sample (synthetic)' AS dataset, * FROM silences
      UNION ALL
      SELECT 'Australia (AMSA 2014)', t.mmsi, g.* FROM au_tracks t, maritime.gaps(t.track, '6 hours') g) g;
\o encounters.geojson
SELECT json_build_object(
         'type', 'FeatureCollection',
         'name', 'encounters',
         'description', 'Two ships within 500 m of each other at sea (maritime.encounters, over 10 km '
                        'from any port): where they came closest (kind "closest", a point between the '
                        'two) and each ship''s path meanwhile (kind "path"). gfw_encounter: 2 hours or '
                        'more, both under 2 kn, as Global Fishing Watch defines an encounter.',
         'features', coalesce(json_agg(f ORDER BY e.encounter_start, f->'properties'->>'kind',
                                       f->'properties'->>'mmsi'), '[]'))
FROM at_sea e
CROSS JOIN LATERAL (
  SELECT json_build_object(
           'type', 'Feature',
           'geometry', ST_AsGeoJSON(g.geom, 6)::json,
           'properties', json_build_object(
             'kind', g.kind, 'mmsi', g.mmsi, 'mmsi_a', e.mmsi_a, 'mmsi_b', e.mmsi_b,
             'start', e.encounter_start, 'end', e.encounter_end,
             'hours', round((extract(epoch FROM e.duration) / 3600)::numeric, 3),
             'min_distance_m', round(e.min_distance::numeric, 1), 'closest_time', e.closest_time,
             'speed_a_kn', round(e.speed_a_kn::numeric, 2), 'speed_b_kn', round(e.speed_b_kn::numeric, 2),
             'nearest_port', e.nearest_port, 'port_km', round(e.port_km::numeric, 1),
             'gfw_encounter', e.gfw_encounter)) AS f
  FROM (SELECT 'closest' AS kind, NULL::bigint AS mmsi, e.location AS geom
        UNION ALL
        -- the ship's path from start to end, M dropped (GeoJSON has none)
        SELECT 'path', t.mmsi,
               ST_Multi(ST_Force2D(ST_CollectionExtract(
                 ST_LocateBetween(t.track, extract(epoch FROM e.encounter_start),
                                  extract(epoch FROM e.encounter_end)), 2)))
        FROM tracks t WHERE t.mmsi IN (e.mmsi_a, e.mmsi_b)) g) f;
\o
