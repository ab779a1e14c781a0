-- The Rajin story on the generated sample (data/rajin, see its README):
-- four ships shuttle between the Russian ports Dunay and Vostochny (home,
-- one MULTIPOLYGON) and Rajin (away), AIS off near North Korea, one
-- satellite sighting a day at the Rajin pier; a fifth ship passes by; far
-- out at sea a tanker and a second ship lie side by side for three hours,
-- and the tanker crosses the passer-by's course on its way.  The AIS
-- carries junk: spikes, a second transmitter on one MMSI, "not available"
-- positions, a garbled fix at the Rajin pier.  Everything checked here is
-- known from the generator (data/rajin/truth.csv).
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

CREATE TABLE rajin_raw (mmsi bigint, ts timestamptz, lon float8, lat float8, source text);
\copy rajin_raw FROM 'data/rajin/positions.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE rajin_ports (name text, role text, wkt text);
\copy rajin_ports FROM 'data/rajin/ports.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE rajin_truth (event text, mmsi bigint, trip int, port_or_first text, time_or_last timestamptz);
\copy rajin_truth FROM 'data/rajin/truth.csv' WITH (FORMAT csv, HEADER)

SELECT source, count(*) AS fixes, count(DISTINCT mmsi) AS ships FROM rajin_raw GROUP BY 1 ORDER BY 1;

CREATE TABLE raw_tracks AS
SELECT mmsi, maritime.track_agg(ST_SetSRID(ST_MakePoint(lon, lat), 4326), ts) AS track
FROM rajin_raw GROUP BY mmsi;

-- The junk: track_agg skips the "not available" rows; outliers finds
-- every other junk fix, and nothing else
SELECT port_or_first AS junk, count(*) AS fixes,
       count(*) FILTER (WHERE EXISTS (SELECT FROM raw_tracks t, maritime.outliers(t.track) o
                                      WHERE t.mmsi = j.mmsi AND o.fix_time = j.time_or_last)) AS outliers,
       count(*) FILTER (WHERE EXISTS (SELECT FROM raw_tracks t, ST_DumpPoints(t.track) d
                                      WHERE t.mmsi = j.mmsi AND ST_M(d.geom) = extract(epoch FROM j.time_or_last))) AS in_raw_tracks
FROM rajin_truth j WHERE event = 'junk' GROUP BY 1 ORDER BY 1;
SELECT count(*) AS outliers_not_junk
FROM raw_tracks t, maritime.outliers(t.track) o
WHERE NOT EXISTS (SELECT FROM rajin_truth j
                  WHERE j.event = 'junk' AND j.mmsi = t.mmsi AND j.time_or_last = o.fix_time);
-- uncleaned, the garbled fix is a call of the passer-by at Rajin
SELECT t.mmsi, v.arrival, v.dwell, v.fixes
FROM raw_tracks t, maritime.port_visits(t.track,
  (SELECT ST_GeomFromText(wkt, 4326) FROM rajin_ports WHERE name = 'Rajin'), '0', '6 hours') v
WHERE t.mmsi = 273100099;

CREATE TABLE tracks AS
SELECT mmsi, maritime.clean_track(track) AS track FROM raw_tracks;
SELECT count(*) AS vessels, sum(ST_NPoints(track)) AS fixes FROM tracks;
CREATE TABLE rajin_areas AS
SELECT (SELECT ST_GeomFromText(wkt, 4326) FROM rajin_ports WHERE name = 'Rajin') AS rajin,
       (SELECT ST_Multi(ST_Collect(ST_GeomFromText(wkt, 4326))) FROM rajin_ports WHERE role = 'home') AS russia;

-- How many round trips since August?  Dark segments (over 6 hours) are
-- never interpolated, so a Rajin call runs from first to last sighting.
CREATE TABLE trips AS
SELECT t.mmsi, r.*
FROM tracks t, rajin_areas a, maritime.round_trips(t.track, a.russia, a.rajin, '0', '6 hours') r;
SELECT count(*) AS round_trips, count(*) FILTER (WHERE complete) AS complete,
       count(*) FILTER (WHERE home_departure >= '2023-08-01') AS since_august
FROM trips;
SELECT mmsi, count(*) AS trips, min(home_departure)::date AS first_departure,
       max(home_arrival)::date AS last_return, sum(away_calls) AS rajin_calls,
       justify_hours(avg(duration)) AS mean_duration
FROM trips GROUP BY mmsi ORDER BY mmsi;
SELECT count(*) AS trips_of_passer_by FROM trips WHERE mmsi = 273100099;

-- Each trip's Rajin call is the generator's: first to last sighting
SELECT count(*) AS calls,
       count(*) FILTER (WHERE r.away_arrival = g.port_or_first::timestamptz
                         AND r.away_departure = g.time_or_last) AS as_generated
FROM trips r JOIN rajin_truth g ON g.event = 'rajin_call' AND g.mmsi = r.mmsi AND g.trip = r.trip;

-- How long did each ship stay at the pier?
CREATE TABLE rajin_calls AS
SELECT t.mmsi, v.*
FROM tracks t, rajin_areas a, maritime.port_visits(t.track, a.rajin, '0', '6 hours') v;
SELECT mmsi, count(*) AS calls, min(dwell) AS shortest, max(dwell) AS longest,
       justify_hours(sum(dwell)) AS at_pier, sum(fixes) AS sightings, bool_and(dark = dwell) AS all_dark
FROM rajin_calls GROUP BY mmsi ORDER BY mmsi;
SELECT count(*) AS calls,
       count(*) FILTER (WHERE c.arrival = g.port_or_first::timestamptz
                         AND c.departure = g.time_or_last
                         AND c.dwell = g.time_or_last - g.port_or_first::timestamptz) AS as_generated
FROM rajin_calls c
JOIN rajin_truth g ON g.event = 'rajin_call' AND g.mmsi = c.mmsi AND g.trip = c.visit;
SELECT mmsi, visit, arrival, departure, dwell, fixes FROM rajin_calls
WHERE mmsi = 273100001 ORDER BY visit;

-- Since when has nobody called at Rajin?
SELECT * FROM maritime.idle_periods(
  (SELECT range_agg(tstzrange(arrival, departure, '[]')) FROM rajin_calls),
  '[2023-08-01, 2024-03-15)', '20 days');
SELECT max(time_or_last) AS last_sighting_at_rajin FROM rajin_truth WHERE event = 'rajin_call';

-- Who met whom?  Every pair of ships within 500 m, for any time and for
-- 2 hours or more; the pairs as in the fleet recipe (the other track's box
-- must meet this one's widened by 500 m, which an n-D GiST index answers on
-- a large table).  "In port": within 10 km of a port area.
CREATE TABLE met AS
SELECT a.mmsi AS mmsi_a, b.mmsi AS mmsi_b, d.min_duration, e.*,
       (SELECT p.name FROM rajin_ports p
        WHERE ST_DWithin(e.location::geography, ST_GeomFromText(p.wkt, 4326)::geography, 10000)) AS port
FROM tracks a
JOIN tracks b ON b.track &&& maritime.encounter_box(a.track, 500) AND a.mmsi < b.mmsi
CROSS JOIN (VALUES (interval '0'), ('2 hours')) d(min_duration)
CROSS JOIN LATERAL maritime.encounters(a.track, b.track, 500, d.min_duration) e;
-- The meeting, as Global Fishing Watch defines an encounter (500 m, 2 hours
-- or more, both under 2 kn): it starts and ends within 10 minutes of the
-- ships' being side by side (coming alongside from 500 m and leaving take
-- minutes), about 200 m apart, at under 1 kn, far from any port
SELECT e.mmsi_a, e.mmsi_b, date_trunc('second', e.encounter_start) AS encounter_start,
       date_trunc('second', e.encounter_end) AS encounter_end,
       date_trunc('second', g.port_or_first::timestamptz - e.encounter_start) AS before_alongside,
       date_trunc('second', e.encounter_end - g.time_or_last) AS after_alongside,
       round(e.min_distance) AS metres, round(e.speed_a_kn::numeric, 2) AS knots_a,
       round(e.speed_b_kn::numeric, 2) AS knots_b, e.port
FROM met e
JOIN rajin_truth g ON g.event = 'meeting' AND g.mmsi = e.mmsi_a
JOIN rajin_truth h ON h.event = 'meeting' AND h.mmsi = e.mmsi_b
WHERE e.min_duration = '2 hours';
SELECT count(*) AS meetings,
       count(*) FILTER (WHERE g.port_or_first::timestamptz - e.encounter_start BETWEEN '0' AND '10 minutes'
                         AND e.encounter_end - g.time_or_last BETWEEN '0' AND '10 minutes'
                         AND abs(e.min_distance - 200) < 10
                         AND e.speed_a_kn < 1 AND e.speed_b_kn < 1 AND e.port IS NULL) AS as_generated
FROM rajin_truth g
JOIN rajin_truth h ON h.event = 'meeting' AND h.mmsi > g.mmsi
JOIN met e ON e.mmsi_a = g.mmsi AND e.mmsi_b = h.mmsi AND e.min_duration = '2 hours'
WHERE g.event = 'meeting';
-- The crossing: within 500 m when the generator says (to the second), 300 m
-- apart halfway, at 8 and 10 kn; under 2 minutes, so no encounter of 2 hours
SELECT d.min_duration, e.mmsi_a, e.mmsi_b, date_trunc('second', e.encounter_start) AS encounter_start,
       date_trunc('second', e.encounter_end) AS encounter_end, date_trunc('second', e.duration) AS duration,
       round(e.min_distance) AS metres, round(e.speed_a_kn::numeric, 1) AS knots_a,
       round(e.speed_b_kn::numeric, 1) AS knots_b,
       abs(extract(epoch FROM e.encounter_start - g.port_or_first::timestamptz)) < 1
         AND abs(extract(epoch FROM e.encounter_end - g.time_or_last)) < 1 AS as_generated
FROM rajin_truth g
JOIN rajin_truth h ON h.event = 'crossing' AND h.mmsi > g.mmsi
CROSS JOIN (VALUES (interval '0'), ('2 hours')) d(min_duration)
LEFT JOIN met e ON e.mmsi_a = g.mmsi AND e.mmsi_b = h.mmsi AND e.min_duration = d.min_duration
WHERE g.event = 'crossing'
ORDER BY d.min_duration;
-- Nothing else meets at sea for 2 hours: the other encounters of 2 hours
-- or more are ships at the same berth, or at the Rajin pier between
-- satellite sightings (max_gap is not given here, so nothing is dark)
SELECT coalesce(port, 'at sea') AS place, count(*) AS encounters,
       count(DISTINCT (mmsi_a, mmsi_b)) AS pairs, round(max(min_distance)) AS max_min_distance
FROM met WHERE min_duration = '2 hours'
GROUP BY port ORDER BY port NULLS LAST;
-- ... and the other encounters at sea last minutes: shuttles passing on
-- their common route, or positions interpolated across the dark near Rajin
SELECT count(*) AS other_encounters_at_sea, max(date_trunc('second', duration)) AS longest
FROM met e
WHERE min_duration = '0' AND port IS NULL
  AND NOT EXISTS (SELECT FROM rajin_truth g
                  WHERE g.event IN ('meeting', 'crossing') AND g.mmsi = e.mmsi_a
                    AND EXISTS (SELECT FROM rajin_truth h WHERE h.event = g.event AND h.mmsi = e.mmsi_b));

DROP TABLE rajin_raw, rajin_ports, rajin_truth, raw_tracks, tracks, rajin_areas, trips, rajin_calls, met;
