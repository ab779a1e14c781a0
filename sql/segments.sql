-- maritime.segments: a track cut at every dark segment (longer than
-- max_gap), each piece a track of its own.  Times are seconds after
-- 2024-01-01 00:00 UTC.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- dark after 60 s (2 hours) and after 7320 s (3.5 hours): three pieces,
-- the last a single fix
SELECT segment, ST_AsText(track) AS track, fixes, segment_start::time, segment_end::time
FROM maritime.segments(regress.track('0 0 0, 1 0 60, 2 0 7260, 3 0 7320, 4 0 20000'), '1 hour');
-- a segment exactly max_gap long is not dark (dark means longer)
SELECT segment, fixes FROM maritime.segments(regress.track('0 0 0, 1 0 3600, 2 0 7200.000001'), '1 hour');
-- max_gap NULL: nothing is dark, the whole track is one piece
SELECT segment, ST_AsText(track) AS track, fixes FROM maritime.segments(regress.track('0 0 0, 1 0 60, 2 0 7260'), NULL);
-- every fix its own piece
SELECT count(*) AS segments, sum(fixes) AS fixes
FROM maritime.segments(regress.track('0 0 0, 1 0 60, 2 0 120, 3 0 180'), '59 seconds');
-- the SRID is kept; Z is dropped (pieces are LINESTRING M); the pieces
-- are valid trajectories
SELECT segment, ST_AsEWKT(track) AS track, ST_IsValidTrajectory(track) AS valid
FROM maritime.segments('SRID=3857;LINESTRING ZM(0 0 5 1704067200, 1 1 6 1704067260, 2 2 7 1704077260)', '1 hour');
-- one fix, an empty track, NULL: one piece, no rows, no rows
SELECT segment, ST_AsText(track), fixes FROM maritime.segments(regress.track('5 5 0'), '1 hour');
SELECT count(*) FROM maritime.segments('LINESTRING M EMPTY', '1 hour');
SELECT count(*) FROM maritime.segments(NULL, '1 hour');
SELECT count(*) FROM maritime.segments(NULL, NULL);

-- max_gap must be positive (22023), also with a NULL track
SELECT g AS max_gap, regress.error_of(format('SELECT * FROM maritime.segments(regress.track(''0 0 0''), %L)', g))
FROM (VALUES ('0'), ('-1 hour'), ('1 mon -30 days'), ('-178000000 years')) v(g);
SELECT regress.error_of($$SELECT * FROM maritime.segments(NULL, '0')$$);
-- the track must be a LINESTRING M with strictly increasing M (22023)
SELECT t AS track, regress.error_of(format('SELECT * FROM maritime.segments(%L, ''1 hour'')', t))
FROM (VALUES ('POINT M(1 1 1)'), ('LINESTRING(0 0,1 1)'), ('LINESTRING M(0 0 10,1 1 10)')) v(t);
-- huge max_gap: nothing is dark
SELECT count(*) FROM maritime.segments(regress.track('0 0 0, 0 1 1e9'), '178000000 years 2147483647 days');

-- Real data: the AMSA tracks (data/ais) cut at silences of more than two
-- hours.  As many pieces as such silences plus one, every fix in one
-- piece, the pieces in time order and joined again the very track
CREATE TABLE seg_raw (mmsi bigint, ts timestamptz, lon float8, lat float8, sog float8, cog float8);
\copy seg_raw FROM 'data/ais/au_amsa_2vessels_2014.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE seg_tracks AS
SELECT mmsi, maritime.track_agg(ST_SetSRID(ST_MakePoint(lon, lat), 4326), ts) AS track
FROM seg_raw GROUP BY mmsi;
SELECT t.mmsi, count(*) AS segments,
       (SELECT count(*) FROM maritime.gaps(t.track, '2 hours') g WHERE g.duration > '2 hours') + 1 AS silences_plus_one,
       sum(s.fixes) AS fixes, ST_NPoints(t.track) AS vertices,
       count(*) FILTER (WHERE s.fixes = 1) AS single_fixes,
       bool_and(ST_NPoints(s.track) = s.fixes AND ST_IsValidTrajectory(s.track)) AS valid,
       ST_AsEWKB(ST_MakeLine(s.track ORDER BY s.segment)) = ST_AsEWKB(t.track) AS rejoined,
       max(s.segment_end - s.segment_start) AS longest
FROM seg_tracks t, maritime.segments(t.track, '2 hours') s
GROUP BY t.mmsi, t.track ORDER BY t.mmsi;
-- between consecutive pieces, always more than two hours
SELECT t.mmsi, min(s.segment_start - p.segment_end) AS shortest_silence
FROM seg_tracks t, maritime.segments(t.track, '2 hours') s
JOIN maritime.segments(t.track, '2 hours') p ON p.segment = s.segment - 1
GROUP BY t.mmsi ORDER BY t.mmsi;
DROP TABLE seg_raw, seg_tracks;
