-- Views for BI tools and GIS clients, on top of positions(mmsi, ts, geom)
-- and ports(name, role, area).  Every column is a plain type (numbers,
-- text, timestamps, intervals, typed geometries): no arrays or composites.
-- Hours are also given as numbers for tools that do not read intervals
-- (GDAL 3.6's PostgreSQL driver, used by ogr2ogr and QGIS, takes interval
-- columns for integers and truncates them: read the *_hours columns).

-- One track per vessel, without the fixes that imply more than 50 knots
-- (maritime.outliers lists them).  Materialized: building tracks reads
-- every position, so refresh it when positions arrive (REFRESH MATERIALIZED
-- VIEW tracks).  positions counts the rows read, junk included.
CREATE MATERIALIZED VIEW tracks AS
SELECT mmsi AS ship,
       maritime.clean_track(maritime.track_agg(geom, ts))::geometry(LineStringM, 4326) AS track,
       count(*) AS positions,
       min(ts) AS first_seen,
       max(ts) AS last_seen
FROM positions
GROUP BY mmsi;
CREATE UNIQUE INDEX ON tracks (ship);
CREATE INDEX ON tracks USING gist (track);

-- Port calls: at least 1 hour inside a port; silences over 6 hours are dark
CREATE VIEW port_calls AS
SELECT t.ship, p.name AS port, v.visit AS call,
       v.arrival, v.departure, v.dwell,
       extract(epoch FROM v.dwell) / 3600 AS dwell_hours,
       v.fixes, v.open_start, v.open_end,
       ST_PointOnSurface(p.area)::geometry(Point, 4326) AS port_location
FROM tracks t
JOIN ports p ON p.area && t.track
CROSS JOIN LATERAL maritime.port_visits(t.track, p.area, '1 hour', '6 hours') v;

-- Round trips between the home ports (one port group) and Rajin
CREATE VIEW round_trips AS
SELECT t.ship, r.trip, r.home_departure, r.away_arrival, r.away_departure,
       r.home_arrival, r.duration, extract(epoch FROM r.duration) / 3600 AS duration_hours,
       r.away_dwell, r.away_calls, r.complete
FROM tracks t,
     LATERAL maritime.round_trips(t.track,
       (SELECT ST_Multi(ST_Collect(area)) FROM ports WHERE role = 'home'),
       (SELECT area FROM ports WHERE name = 'Rajin'),
       '1 hour', '6 hours') r;

-- Dark periods: no position for 6 hours or more
CREATE VIEW dark_periods AS
SELECT t.ship, g.gap_start, g.gap_end, g.duration,
       extract(epoch FROM g.duration) / 3600 AS duration_hours,
       g.distance / 1852 AS distance_nm, g.implied_speed_kn,
       g.start_point::geometry(Point, 4326) AS went_dark_at,
       g.end_point::geometry(Point, 4326) AS reappeared_at
FROM tracks t, maritime.gaps(t.track, '6 hours') g;

-- Quiet periods of each port (a week or more) from August 2023 to mid-March 2024
CREATE VIEW port_idle_periods AS
SELECT p.name AS port, i.idle_start, i.idle_end, i.duration,
       extract(epoch FROM i.duration) / 86400 AS duration_days, i.open_end
FROM ports p,
     LATERAL maritime.idle_periods(
       coalesce((SELECT range_agg(tstzrange(c.arrival, c.departure, '[]'))
                 FROM port_calls c WHERE c.port = p.name), '{}'),
       '[2023-08-01, 2024-03-15)', '7 days') i;
