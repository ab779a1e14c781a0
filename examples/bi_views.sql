-- Views for BI tools and GIS clients, on top of positions(mmsi, ts, geom)
-- and ports(name, role, area).  QGIS, ogr2ogr and BI tools open each of
-- them as it is (test/clients/ checks that with QGIS 3.22 and GDAL 3.6):
--
-- * The first column is a unique, non-null bigint key.  QGIS uses a view's
--   first column as its feature id and refuses the layer when that column
--   is not unique.  The keys are ship * 1000000 + the row's number for that
--   ship (its call, trip or dark period number, or the day since 1970), so
--   they stay the same from one refresh to the next, and stay below 2^53
--   for 9-digit MMSIs, so tools that read numbers as doubles keep them apart.
-- * One typed geometry column (geometry(Point, 4326) and so on) a view, so
--   that each view is one layer of one geometry type; QGIS lists only the
--   views with one.
-- * Plain column types only: numbers, text, booleans, timestamps.  Durations
--   are hours (double precision), never intervals: QGIS's PostGIS provider
--   leaves interval columns out, and GDAL 3.6 reads them as an integer that
--   is hours under a day and days from one day on.
--
-- Plain views compute their rows at every query: right for small data, and
-- always as fresh as tracks.  For large data, query the materialized copies
-- at the end (*_mv), which have unique and spatial indexes.  Refresh them,
-- in this order, when positions arrive:
--   REFRESH MATERIALIZED VIEW CONCURRENTLY tracks;
--   REFRESH MATERIALIZED VIEW CONCURRENTLY daily_tracks;
--   REFRESH MATERIALIZED VIEW CONCURRENTLY port_calls_mv;  -- and the other *_mv
-- (CONCURRENTLY, which the unique indexes allow, lets clients read meanwhile.)

-- One track per vessel, without the fixes that imply more than 50 knots
-- (maritime.outliers lists them).  Materialized: building tracks reads
-- every position.  positions counts the rows read, junk included.  Its
-- line crosses the dark legs as if sailed: draw daily_tracks instead.
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
COMMENT ON MATERIALIZED VIEW tracks IS
  'One track per vessel (LINESTRING M, M = seconds since 1970), outliers over 50 kn removed';
COMMENT ON COLUMN tracks.ship IS 'MMSI; the key';
COMMENT ON COLUMN tracks.positions IS 'Position rows read, the removed outliers included';

-- The tracks to draw: per vessel and UTC day, the parts in which the ship
-- was heard at least every 6 hours (maritime.segments), cut at midnight
-- with the position interpolated there, so that consecutive days join.  A
-- lone fix between two dark legs is no line and is left out.  The day is
-- computed in UTC whatever the session's time zone.
CREATE MATERIALIZED VIEW daily_tracks AS
SELECT t.ship * 1000000 + (d.day - date '1970-01-01') AS id,
       t.ship,
       d.day,
       to_timestamp(min(ST_M(ST_StartPoint(p.line)))) AS first_time,
       to_timestamp(max(ST_M(ST_EndPoint(p.line)))) AS last_time,
       count(*)::integer AS lines,
       sum(ST_Length(p.line::geography, false)) / 1852 AS sailed_nm,
       ST_Collect(p.line ORDER BY ST_M(ST_StartPoint(p.line)))::geometry(MultiLineStringM, 4326) AS track
FROM tracks t
CROSS JOIN LATERAL maritime.segments(t.track, '6 hours') s
CROSS JOIN LATERAL (
  SELECT day::date AS day
  FROM generate_series(date_trunc('day', s.segment_start AT TIME ZONE 'UTC'),
                       s.segment_end AT TIME ZONE 'UTC', '1 day') day
) d
CROSS JOIN LATERAL ST_Dump(ST_LocateBetween(s.track,
                                            extract(epoch FROM d.day),
                                            extract(epoch FROM d.day + 1))) p(path, line)
WHERE s.fixes > 1 AND ST_GeometryType(p.line) = 'ST_LineString'
GROUP BY t.ship, d.day;
CREATE UNIQUE INDEX ON daily_tracks (id);
CREATE INDEX ON daily_tracks USING gist (track);
COMMENT ON MATERIALIZED VIEW daily_tracks IS
  'The tracks to draw: per vessel and UTC day, without lines across silences over 6 hours';
COMMENT ON COLUMN daily_tracks.id IS 'ship * 1000000 + days since 1970-01-01';
COMMENT ON COLUMN daily_tracks.first_time IS 'Time of the first point drawn that day (for the time slider)';
COMMENT ON COLUMN daily_tracks.last_time IS 'Time of the last point drawn that day';
COMMENT ON COLUMN daily_tracks.lines IS 'Lines drawn that day: one more for each silence over 6 hours';
COMMENT ON COLUMN daily_tracks.sailed_nm IS 'Length of the lines, nautical miles';
COMMENT ON COLUMN daily_tracks.track IS 'MULTILINESTRING M, M = seconds since 1970';

-- Port calls: at least 1 hour inside a port; silences over 6 hours are
-- dark.  call numbers a ship's calls at all ports in time order.
CREATE VIEW port_calls AS
SELECT c.ship * 1000000 + c.call AS id, c.ship, c.call, c.port,
       c.arrival, c.departure, extract(epoch FROM c.dwell)::float8 / 3600 AS dwell_hours,
       c.fixes, c.open_start, c.open_end,
       ST_Force2D(ST_GeometryN(ST_LocateAlong(c.track, extract(epoch FROM c.arrival)), 1))
         ::geometry(Point, 4326) AS arrived_at
FROM (SELECT t.ship, t.track, p.name AS port, v.*,
             row_number() OVER (PARTITION BY t.ship ORDER BY v.arrival, p.name)::integer AS call
      FROM tracks t
      JOIN ports p ON p.area && t.track
      CROSS JOIN LATERAL maritime.port_visits(t.track, p.area, '1 hour', '6 hours') v) c;
COMMENT ON VIEW port_calls IS 'Calls of at least 1 hour at the ports; silences over 6 hours are dark';
COMMENT ON COLUMN port_calls.id IS 'ship * 1000000 + call';
COMMENT ON COLUMN port_calls.call IS 'The ship''s call number, at all ports, in time order';
COMMENT ON COLUMN port_calls.dwell_hours IS 'departure - arrival, hours';
COMMENT ON COLUMN port_calls.fixes IS 'Positions inside the port during the call';
COMMENT ON COLUMN port_calls.open_start IS 'The track starts inside the port: the ship may have arrived earlier';
COMMENT ON COLUMN port_calls.open_end IS 'The track ends inside the port: the call may go on';
COMMENT ON COLUMN port_calls.arrived_at IS 'Where the ship was at arrival (on the port''s boundary, or its first fix inside)';

-- Round trips between the home ports (one port group) and Rajin, with the
-- route sailed from home to home, dark legs left out
CREATE VIEW round_trips AS
SELECT t.ship * 1000000 + r.trip AS id, t.ship, r.trip,
       r.home_departure, r.away_arrival, r.away_departure, r.home_arrival,
       extract(epoch FROM r.duration)::float8 / 3600 AS duration_hours,
       extract(epoch FROM r.away_dwell)::float8 / 3600 AS away_hours,
       r.away_calls, r.complete,
       (SELECT ST_Collect(s.track ORDER BY s.segment)
        FROM maritime.segments(
               ST_GeometryN(ST_LocateBetween(t.track, extract(epoch FROM r.home_departure),
                                             coalesce(extract(epoch FROM r.home_arrival), ST_M(ST_EndPoint(t.track)))), 1),
               '6 hours') s
        WHERE s.fixes > 1)::geometry(MultiLineStringM, 4326) AS route
FROM tracks t,
     LATERAL maritime.round_trips(t.track,
       (SELECT ST_Multi(ST_Collect(area)) FROM ports WHERE role = 'home'),
       (SELECT area FROM ports WHERE name = 'Rajin'),
       '1 hour', '6 hours') r;
COMMENT ON VIEW round_trips IS 'Round trips from the home ports to Rajin and back';
COMMENT ON COLUMN round_trips.id IS 'ship * 1000000 + trip';
COMMENT ON COLUMN round_trips.duration_hours IS 'home_arrival - home_departure, hours; NULL when not complete';
COMMENT ON COLUMN round_trips.away_hours IS 'Time in Rajin, hours (its calls summed)';
COMMENT ON COLUMN round_trips.complete IS 'The ship came home (false: the track ends before)';
COMMENT ON COLUMN round_trips.route IS 'The route sailed from home departure to home arrival (or the track''s end), without the silences over 6 hours';

-- Dark periods: no position for 6 hours or more, as the straight line from
-- where the ship went dark to where it reappeared (M: the two times); where
-- it was meanwhile is unknown
CREATE VIEW dark_periods AS
SELECT t.ship * 1000000 + g.period AS id, t.ship, g.period::integer,
       g.gap_start, g.gap_end, extract(epoch FROM g.duration)::float8 / 3600 AS duration_hours,
       g.distance / 1852 AS distance_nm, g.implied_speed_kn,
       ST_MakeLine(ST_MakePointM(ST_X(g.start_point), ST_Y(g.start_point), extract(epoch FROM g.gap_start)),
                   ST_MakePointM(ST_X(g.end_point), ST_Y(g.end_point), extract(epoch FROM g.gap_end)))
         ::geometry(LineStringM, 4326) AS dark_leg
FROM tracks t, maritime.gaps(t.track, '6 hours') WITH ORDINALITY g(gap_start, gap_end, duration,
       start_point, end_point, distance, implied_speed_kn, period);
COMMENT ON VIEW dark_periods IS 'Silences of 6 hours or more';
COMMENT ON COLUMN dark_periods.id IS 'ship * 1000000 + period';
COMMENT ON COLUMN dark_periods.period IS 'The ship''s dark period number, in time order';
COMMENT ON COLUMN dark_periods.distance_nm IS 'From the last position before to the first after, nautical miles';
COMMENT ON COLUMN dark_periods.implied_speed_kn IS 'distance_nm / duration_hours';
COMMENT ON COLUMN dark_periods.dark_leg IS 'From where the ship went dark to where it reappeared; M = the two times';

-- Quiet periods of each port (a week or more) from August 2023 to
-- mid-March 2024, on the port's area.  Ports are numbered by name for the
-- key: if yours have an integer id, use it instead.
CREATE VIEW port_idle_periods AS
WITH busy AS (
  SELECT port, range_agg(tstzrange(arrival, departure, '[]')) AS calls
  FROM port_calls GROUP BY port
)
SELECT p.port_no * 1000000 + i.period AS id, p.name AS port, i.period::integer,
       i.idle_start, i.idle_end,
       extract(epoch FROM i.duration)::float8 / 3600 AS duration_hours,
       extract(epoch FROM i.duration)::float8 / 86400 AS duration_days,
       i.open_end,
       ST_Multi(p.area)::geometry(MultiPolygon, 4326) AS area
FROM (SELECT *, row_number() OVER (ORDER BY name) AS port_no FROM ports) p
LEFT JOIN busy b ON b.port = p.name
CROSS JOIN LATERAL maritime.idle_periods(coalesce(b.calls, '{}'), '[2023-08-01, 2024-03-15)', '7 days')
  WITH ORDINALITY i(idle_start, idle_end, duration, open_end, period);
COMMENT ON VIEW port_idle_periods IS 'Weeks or more without a call, per port, from 2023-08-01 to 2024-03-15';
COMMENT ON COLUMN port_idle_periods.id IS 'The port''s number (ports by name) * 1000000 + period';
COMMENT ON COLUMN port_idle_periods.open_end IS 'Still quiet on 2024-03-15';
COMMENT ON COLUMN port_idle_periods.area IS 'The port''s area';

-- Materialized copies, for data too large to compute at every query (QGIS
-- queries a layer at each pan and zoom, and again for each feature it
-- identifies).  Same columns; the unique index on id is what QGIS takes as
-- the key, and what REFRESH ... CONCURRENTLY needs.
CREATE MATERIALIZED VIEW port_calls_mv AS SELECT * FROM port_calls;
CREATE UNIQUE INDEX ON port_calls_mv (id);
CREATE INDEX ON port_calls_mv USING gist (arrived_at);
CREATE MATERIALIZED VIEW round_trips_mv AS SELECT * FROM round_trips;
CREATE UNIQUE INDEX ON round_trips_mv (id);
CREATE INDEX ON round_trips_mv USING gist (route);
CREATE MATERIALIZED VIEW dark_periods_mv AS SELECT * FROM dark_periods;
CREATE UNIQUE INDEX ON dark_periods_mv (id);
CREATE INDEX ON dark_periods_mv USING gist (dark_leg);
CREATE MATERIALIZED VIEW port_idle_periods_mv AS SELECT * FROM port_idle_periods;
CREATE UNIQUE INDEX ON port_idle_periods_mv (id);
CREATE INDEX ON port_idle_periods_mv USING gist (area);
COMMENT ON MATERIALIZED VIEW port_calls_mv IS 'port_calls, stored: refresh after tracks';
COMMENT ON MATERIALIZED VIEW round_trips_mv IS 'round_trips, stored: refresh after tracks';
COMMENT ON MATERIALIZED VIEW dark_periods_mv IS 'dark_periods, stored: refresh after tracks';
COMMENT ON MATERIALIZED VIEW port_idle_periods_mv IS 'port_idle_periods, stored: refresh after tracks';
