-- On each shard: the analyses as views over the shard's own positions.  The
-- coordinator reads them through foreign tables, so each shard builds the
-- tracks of its vessels and runs the analyses, and only result rows leave it.
CREATE SCHEMA analyses;

CREATE VIEW analyses.tracks AS
SELECT mmsi, maritime.track_agg(geom, ts) AS track
FROM positions
GROUP BY mmsi;

-- One track per vessel and UTC day: AT TIME ZONE INTERVAL '0' is immutable
-- (date_trunc('day', ts) follows the session's time zone), and PostgreSQL
-- 15's postgres_fdw sends it, which it does not for AT TIME ZONE 'UTC'
CREATE VIEW analyses.daily_tracks AS
SELECT mmsi, (ts AT TIME ZONE INTERVAL '0')::date AS day,
       maritime.track_agg(geom, ts) AS track
FROM positions
GROUP BY 1, 2;

-- A view takes no arguments: its settings are rows, and the coordinator
-- picks one with WHERE max_gap = ..., which the shard applies before the call
CREATE VIEW analyses.port_visits AS
SELECT t.mmsi, p.name AS port, s.max_gap, v.*
FROM analyses.tracks t
JOIN ports p ON p.area && t.track
CROSS JOIN (VALUES (NULL::interval), ('2 hours')) s(max_gap)
CROSS JOIN LATERAL maritime.port_visits(t.track, p.area, max_gap => s.max_gap) v;

CREATE VIEW analyses.gaps AS
SELECT t.mmsi, g.*
FROM analyses.tracks t
CROSS JOIN LATERAL maritime.gaps(t.track, '1 hour') g;

CREATE VIEW analyses.stops AS
SELECT t.mmsi, s.*
FROM analyses.tracks t
CROSS JOIN LATERAL maritime.stops(t.track, 300, '30 minutes', max_gap => '1 hour') s;

-- Round trips between every two ports a track comes near, each way round
-- (home and away must not overlap)
CREATE VIEW analyses.round_trips AS
SELECT t.mmsi, h.name AS home, a.name AS away, r.*
FROM analyses.tracks t
JOIN ports h ON h.area && t.track
JOIN ports a ON a.area && t.track AND a.name <> h.name
             AND NOT ST_Intersects(a.area, h.area)
CROSS JOIN LATERAL maritime.round_trips(t.track, h.area, a.area) r;

CREATE VIEW analyses.clean_tracks AS
SELECT mmsi, maritime.clean_track(track) AS track
FROM analyses.tracks;

CREATE VIEW analyses.outliers AS
SELECT t.mmsi, o.*
FROM analyses.tracks t
CROSS JOIN LATERAL maritime.outliers(t.track) o;

CREATE VIEW analyses.segments AS
SELECT t.mmsi, s.*
FROM analyses.tracks t
CROSS JOIN LATERAL maritime.segments(t.track, '1 hour') s;
