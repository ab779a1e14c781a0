-- maritime.port_visits on real data: the AMSA tracks (data/ais) against the
-- AMSA port-visit polygons of Brisbane, Sydney and Gladstone (data/ports),
-- checked against an independent computation with PostGIS's ST_Intersects.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

CREATE TABLE au_raw (mmsi bigint, ts timestamptz, lon float8, lat float8, sog float8, cog float8);
\copy au_raw FROM 'data/ais/au_amsa_2vessels_2014.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE au_fixes AS
SELECT mmsi, ts, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom FROM au_raw;
CREATE TABLE au_ports (name text, abbrev text, threshold_km float8, wkt text);
\copy au_ports FROM 'data/ports/amsa_port_visit_polygons.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE au_ports ADD COLUMN area geometry(MultiPolygon, 4326);
UPDATE au_ports SET area = ST_GeomFromText(wkt, 4326);
CREATE INDEX ON au_ports USING gist (area);

CREATE TABLE au_tracks AS
SELECT mmsi, maritime.track_agg(geom, ts) AS track FROM au_fixes GROUP BY mmsi;

-- The visits, with and without dark segments (max_gap 2 hours); the GiST
-- index picks the ports each track comes near
CREATE TABLE au_visits AS
SELECT p.name AS port, t.mmsi, g.max_gap, v.*
FROM au_tracks t
JOIN au_ports p ON p.area && t.track
CROSS JOIN (VALUES (NULL::interval), ('2 hours')) g(max_gap)
CROSS JOIN LATERAL maritime.port_visits(t.track, p.area, '0', g.max_gap) v;

SELECT port, mmsi, max_gap, count(*) AS visits, sum(fixes) AS fixes,
       justify_hours(sum(dwell)) AS total_dwell, max(dwell) AS longest,
       justify_hours(sum(dark)) AS dark,
       count(*) FILTER (WHERE open_start) AS open_starts,
       count(*) FILTER (WHERE open_end) AS open_ends
FROM au_visits GROUP BY port, mmsi, max_gap ORDER BY port, mmsi, max_gap;

-- Independent check 1: every fix that PostGIS puts inside a port lies in
-- exactly one visit, and the visits hold no other fix
SELECT v.port, v.mmsi, v.max_gap,
       (SELECT count(*) FROM au_fixes f JOIN au_ports p ON p.name = v.port
        WHERE f.mmsi = v.mmsi AND ST_Intersects(p.area, f.geom)) AS fixes_inside_by_postgis,
       sum(v.fixes) AS fixes_in_visits,
       sum((SELECT count(*) FROM au_fixes f JOIN au_ports p ON p.name = v.port
            WHERE f.mmsi = v.mmsi AND f.ts BETWEEN v.arrival AND v.departure
              AND NOT ST_Intersects(p.area, f.geom))) AS outside_fixes_within_visits
FROM au_visits v GROUP BY v.port, v.mmsi, v.max_gap ORDER BY 1, 2, 3;

-- Independent check 2: without max_gap, each interpolated arrival and
-- departure lies on the port's boundary, between an outside and an inside fix
SELECT v.port, count(*) AS crossings,
       count(*) FILTER (WHERE ST_DWithin(ST_Boundary(p.area),
                          ST_LocateAlong(t.track, extract(epoch FROM x.at)), 1e-9)) AS on_boundary
FROM au_visits v
JOIN au_ports p ON p.name = v.port
JOIN au_tracks t USING (mmsi)
CROSS JOIN LATERAL (VALUES (v.arrival, v.open_start), (v.departure, v.open_end)) x(at, open)
WHERE v.max_gap IS NULL AND NOT x.open
GROUP BY v.port ORDER BY 1;

-- The first Sydney visits, as an analyst sees them
SELECT visit, arrival, departure, dwell, fixes, dark, open_start, open_end
FROM au_visits WHERE port = 'Sydney' AND max_gap = '2 hours' ORDER BY visit LIMIT 5;

-- min_dwell leaves out the short visits (the vessel crossing the port
-- area on its way): the same as filtering the full list on dwell
SELECT count(*) AS all_visits,
       count(*) FILTER (WHERE dwell >= '1 hour') AS at_least_an_hour
FROM au_visits WHERE port = 'Brisbane' AND max_gap IS NULL;
SELECT count(*) AS with_min_dwell FROM au_tracks t, au_ports p,
       maritime.port_visits(t.track, p.area, '1 hour') v
WHERE p.name = 'Brisbane';

-- Short absences.  The Brisbane polygon follows the river banks, so the
-- straight line between two fixes inside often clips the outside: with
-- max_gap 2 hours, 503000720's fixes inside form 59 runs, but its visits
-- are 73.  min_absence '15 minutes' joins the visits split by short trips
-- outside.
CREATE TABLE bne_visits AS
SELECT m.min_absence, v.*
FROM au_tracks t, au_ports p, (VALUES (interval '0'), ('15 minutes')) m(min_absence),
     maritime.port_visits(t.track, p.area, '0', '2 hours', m.min_absence) v
WHERE t.mmsi = 503000720 AND p.name = 'Brisbane';
-- runs of consecutive fixes inside, by PostGIS (gaps and islands)
CREATE TABLE bne_runs AS
SELECT min(ts) AS first_fix, max(ts) AS last_fix, count(*) AS fixes
FROM (SELECT ts, inside, count(*) FILTER (WHERE NOT inside) OVER (ORDER BY ts) AS run
      FROM (SELECT f.ts, ST_Intersects(p.area, f.geom) AS inside
            FROM au_fixes f, au_ports p WHERE f.mmsi = 503000720 AND p.name = 'Brisbane') s) r
WHERE inside GROUP BY run;
SELECT count(*) AS runs, sum(fixes) AS fixes FROM bne_runs;
SELECT min_absence, count(*) AS visits, sum(fixes) AS fixes,
       justify_hours(sum(dwell)) AS dwell, justify_hours(sum(absent)) AS absent,
       justify_hours(sum(dwell - absent)) AS time_inside,
       max(absent) AS longest_absent, count(*) FILTER (WHERE absent > '0') AS merged
FROM bne_visits GROUP BY min_absence ORDER BY min_absence;
-- every run of inside fixes falls in exactly one visit, and each visit
-- holds at least one run; the time inside is the same either way
SELECT m.min_absence,
       count(*) FILTER (WHERE (SELECT count(*) FROM bne_visits v
                               WHERE v.min_absence = m.min_absence
                                 AND v.arrival <= r.first_fix AND r.last_fix <= v.departure) = 1) AS runs_in_one_visit,
       (SELECT count(*) FROM bne_visits v WHERE v.min_absence = m.min_absence
          AND NOT EXISTS (SELECT FROM bne_runs q WHERE v.arrival <= q.first_fix AND q.last_fix <= v.departure)) AS visits_without_a_run
FROM (VALUES (interval '0'), ('15 minutes')) m(min_absence), bne_runs r
GROUP BY m.min_absence ORDER BY m.min_absence;
SELECT (SELECT sum(dwell - absent) FROM bne_visits WHERE min_absence = '15 minutes') =
       (SELECT sum(dwell) FROM bne_visits WHERE min_absence = '0') AS time_inside_preserved;
-- the absences that were merged: 17, from 4.5 s to 14 min 48 s; and the
-- merged visits with the most time outside
SELECT count(*) AS absences, min(next_arrival - departure), max(next_arrival - departure)
FROM (SELECT departure, lead(arrival) OVER (ORDER BY arrival) AS next_arrival
      FROM bne_visits WHERE min_absence = '0') s
WHERE next_arrival - departure < '15 minutes';
SELECT visit, arrival, departure, dwell, fixes, dark, absent
FROM bne_visits WHERE min_absence = '15 minutes' AND absent > '0' ORDER BY absent DESC, visit LIMIT 3;

-- Round trips Brisbane - Gladstone: the vessel leaves Brisbane for
-- Gladstone in December and the data ends there, so one unfinished trip.
-- 15 minutes changes nothing in it; without max_gap Gladstone has two
-- visits hours apart, which only a min_absence of a day joins into one
-- call (its away_dwell then counts the time between them)
SELECT g.max_gap, m.min_absence, r.trip, r.home_departure, r.away_arrival, r.away_departure,
       r.away_dwell, r.away_calls, r.complete
FROM au_tracks t, (VALUES (interval '0'), ('15 minutes'), ('1 day')) m(min_absence),
     (VALUES (NULL::interval), ('2 hours')) g(max_gap),
     maritime.round_trips(t.track, (SELECT area FROM au_ports WHERE name = 'Brisbane'),
                          (SELECT area FROM au_ports WHERE name = 'Gladstone'),
                          '0', g.max_gap, m.min_absence) r
WHERE t.mmsi = 503000720 ORDER BY g.max_gap NULLS FIRST, m.min_absence, r.trip;

DROP TABLE au_raw, au_fixes, au_ports, au_tracks, au_visits, bne_visits, bne_runs;
