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

DROP TABLE au_raw, au_fixes, au_ports, au_tracks, au_visits;
