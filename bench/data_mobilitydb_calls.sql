-- Data of the MobilityDB comparison port, ports that every vessel calls at
-- (scripts/bench_mobilitydb.sh): bench.make_pipe's shuttle (data_pipe.sql:
-- :vessels x :fixes fixes of vessels shuttling between two ports, a round
-- trip every 2 days dwelling at each end, a fix every 30 s with about 10 m
-- of noise, a 2-hour AIS gap every 400 fixes) in the metres of EPSG:25832,
-- as data_mobilitydb.sql's fixes.  The west port lies outside UTM zone 32
-- (4 degrees E); ST_Transform still maps it, a little stretched, and both
-- systems measure the same plane.
--   mdb_call_tracks  the stored tracks (maritime.track_agg);
--   mdb_call_trips   MobilityDB's sequences of the same tracks, stored as
--                    MobilityDB stores them by default (pglz-compressed);
--   mdb_call_port    the west port's 3 km circle (data_pipe.sql's
--                    pipe_port, "call") and AMSA's Brisbane area of
--                    data_mobilitydb.sql's mdb_port centred on the same
--                    point ("call_amsa").
\echo == Data for port: :vessels vessels x :fixes fixes calling at two ports, EPSG:25832
SET client_min_messages = warning;
DROP TABLE IF EXISTS mdb_call_tracks, mdb_call_trips, mdb_call_port;
SELECT setseed(0.53) \g /dev/null
CALL bench.make_pipe('mdb_call_pos', :vessels::bigint * :fixes, :vessels);

CREATE TABLE mdb_call_tracks AS
SELECT vessel, maritime.track_agg(ST_Transform(geom, 25832), ts) AS track
FROM mdb_call_pos GROUP BY vessel;
DROP TABLE mdb_call_pos;

CREATE TABLE mdb_call_trips AS
SELECT vessel, tgeompoint(track) AS trip FROM mdb_call_tracks ORDER BY vessel;

CREATE TABLE mdb_call_port AS
SELECT 'call' AS name, ST_Transform(geom, 25832) AS geom
FROM pipe_port WHERE name = 'west'
UNION ALL
SELECT 'call_amsa', ST_Translate(a.geom, ST_X(c.centre) - ST_X(ST_Centroid(a.geom)),
								 ST_Y(c.centre) - ST_Y(ST_Centroid(a.geom)))
FROM mdb_port a,
	 (SELECT ST_Centroid(ST_Transform(geom, 25832)) AS centre
	  FROM pipe_port WHERE name = 'west') AS c
WHERE a.name = 'port';

VACUUM ANALYZE mdb_call_tracks;
VACUUM ANALYZE mdb_call_trips;
VACUUM ANALYZE mdb_call_port;
CHECKPOINT;
SELECT bench.prewarm('mdb_call_tracks', 'mdb_call_trips', 'mdb_call_port') \g /dev/null
\pset footer off
SELECT 'mdb_call_tracks' AS "table", count(*) AS rows, sum(ST_NPoints(track)) AS points,
	   pg_size_pretty(pg_table_size('mdb_call_tracks')) AS table_size,
	   string_agg(DISTINCT coalesce(pg_column_compression(track), 'none'), ',') AS compression
FROM mdb_call_tracks
UNION ALL
SELECT 'mdb_call_trips', count(*), sum(numInstants(trip)),
	   pg_size_pretty(pg_table_size('mdb_call_trips')),
	   string_agg(DISTINCT coalesce(pg_column_compression(trip), 'none'), ',')
FROM mdb_call_trips;
SELECT name, ST_NPoints(geom) AS vertices,
	   round((ST_X(ST_Centroid(geom)) / 1000)::numeric) AS x_km,
	   round((ST_Y(ST_Centroid(geom)) / 1000)::numeric) AS y_km,
	   round(((ST_XMax(geom) - ST_XMin(geom)) / 1000)::numeric, 1) AS width_km,
	   round(((ST_YMax(geom) - ST_YMin(geom)) / 1000)::numeric, 1) AS height_km,
	   (SELECT count(*) FROM mdb_call_tracks t WHERE ST_Intersects(t.track, p.geom)) AS tracks_entering
FROM mdb_call_port p ORDER BY name;
