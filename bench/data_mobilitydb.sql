-- Data of the MobilityDB comparisons build, port and stops
-- (scripts/bench_mobilitydb.sh): data_stops.sql's model in planar metres,
-- EPSG:25832 (ETRS89 / UTM 32N), so that both systems measure distances
-- the same way (MobilityDB's stops and atGeometry work in the plane of
-- the SRID; maritime takes a projected SRID's units as metres).
--
-- Table mdb_pos: :vessels x :fixes rows (1 million at the defaults), the
-- same generator (bench.make_stops, data_stops_generator.sql), seed and
-- draws as pos_stops: 4-10 m/s, a fix every 10-60 s, a moving/stationary
-- switch with probability 1/250 at every fix (about half of the fixes
-- stationary), Gaussian noise of sigma 2-10 m per vessel, 2 % of the
-- fixes after an AIS gap of 10 minutes to 6 hours,
-- shuffled.  The vessels start in x 300..700 km, y 5900..6300 km (the
-- zone's North Sea and Baltic); positions are plain sums of metres, with
-- no clamping.  Then:
--   mdb_tracks  the stored tracks (maritime.track_agg, TOASTed);
--   mdb_trips   MobilityDB's tgeompoint sequences of the same tracks,
--               tgeompoint(track) (a LINESTRING M whose M are seconds
--               since 1970), stored with MobilityDB's default storage
--               (pglz-compressed: the sequences repeat their headers);
--   mdb_trips_external  the same stored uncompressed;
--   mdb_port    two port polygons in metres: AMSA's Brisbane area (368
--               vertices, about 25 x 24 km, data_port.sql's polygon)
--               converted to metres around its centroid, centred on the
--               25 km cell crossed by the most vessels ("port"), and
--               scaled 16 times, centred on the 400 km cell crossed by
--               the most vessels ("large").
\echo == Data for build, port and stops: :vessels vessels x :fixes fixes, half stationary, with AIS gaps, EPSG:25832, shuffled
SET client_min_messages = warning;
-- (header.sql made it already in the script.)  A new session after it:
-- MobilityDB fills its operator cache when its library loads, and in the
-- session that created the extension ANALYZE of a tgeompoint column fails
-- ("Unknown MEOS operator").
CREATE EXTENSION IF NOT EXISTS mobilitydb;
\connect -
SET client_min_messages = warning;
DROP TABLE IF EXISTS mdb_pos, mdb_tracks, mdb_trips, mdb_trips_external, mdb_port;
SELECT setseed(0.17) \g /dev/null
CALL bench.make_stops('mdb_pos', :vessels, :fixes, true);

-- stored as users store them (TOASTed)
CREATE TABLE mdb_tracks AS
SELECT vessel, maritime.track_agg(geom, ts) AS track FROM mdb_pos GROUP BY vessel;

CREATE TABLE mdb_trips AS
SELECT vessel, tgeompoint(track) AS trip FROM mdb_tracks ORDER BY vessel;
-- the same, stored uncompressed (built again: a copy would keep the
-- values compressed), to see what decompressing costs MobilityDB
CREATE TABLE mdb_trips_external (LIKE mdb_trips);
ALTER TABLE mdb_trips_external ALTER trip SET STORAGE EXTERNAL;
INSERT INTO mdb_trips_external
SELECT vessel, tgeompoint(track) FROM mdb_tracks ORDER BY vessel;

CREATE TEMP TABLE amsa (name text, abbrev text, threshold_km text, wkt text);
\copy amsa FROM 'data/ports/amsa_port_visit_polygons.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE mdb_port AS
WITH brisbane AS (
	SELECT g, ST_X(ST_Centroid(g)) AS lon, ST_Y(ST_Centroid(g)) AS lat
	FROM (SELECT ST_GeometryN(ST_GeomFromText(wkt, 4326), 1) AS g
		  FROM amsa WHERE abbrev = 'BNE') AS s
), metres AS (
	-- degrees to metres around the centroid, as the generators convert
	SELECT ST_SetSRID(ST_Scale(ST_Translate(g, -lon, -lat),
							   111320 * cos(radians(lat)), 110540), 25832) AS g
	FROM brisbane
), spot AS (
	SELECT DISTINCT ON (name) name, scale, (cx + 0.5) * cell AS x, (cy + 0.5) * cell AS y
	FROM (VALUES ('port', 1, 25000.0), ('large', 16, 400000.0)) AS s(name, scale, cell)
	CROSS JOIN LATERAL (
		SELECT floor(ST_X(geom) / cell) AS cx, floor(ST_Y(geom) / cell) AS cy,
			   count(DISTINCT vessel) AS vessels, count(*) AS fixes
		FROM mdb_pos GROUP BY 1, 2) AS c
	ORDER BY name, vessels DESC, fixes DESC, cx, cy
)
SELECT name, ST_Translate(ST_Scale(g, scale, scale), x, y) AS geom
FROM metres CROSS JOIN spot;

VACUUM ANALYZE mdb_pos;
VACUUM ANALYZE mdb_tracks;
VACUUM ANALYZE mdb_trips;
VACUUM ANALYZE mdb_trips_external;
VACUUM ANALYZE mdb_port;
CHECKPOINT;
SELECT bench.prewarm('mdb_pos', 'mdb_tracks', 'mdb_trips', 'mdb_trips_external', 'mdb_port') \g /dev/null
\pset footer off
WITH w AS (
	SELECT vessel, ts - lag(ts) OVER (PARTITION BY vessel ORDER BY ts) AS dt, stationary
	FROM mdb_pos
)
SELECT count(*) AS rows, count(DISTINCT vessel) AS vessels,
	   round(100.0 * count(*) FILTER (WHERE stationary) / count(*), 1) AS "stationary %",
	   count(*) FILTER (WHERE dt >= interval '10 minutes') AS "gaps >= 10 min",
	   justify_hours(date_trunc('second', avg(dt))) AS "mean interval",
	   pg_size_pretty(pg_table_size('mdb_pos')) AS table_size
FROM w;
SELECT 'mdb_tracks' AS "table", count(*) AS rows, sum(ST_NPoints(track)) AS points,
	   pg_size_pretty(pg_table_size('mdb_tracks')) AS table_size,
	   string_agg(DISTINCT coalesce(pg_column_compression(track), 'none'), ',') AS compression,
	   round((min(ST_XMin(track)) / 1000)::numeric) AS xmin_km,
	   round((max(ST_XMax(track)) / 1000)::numeric) AS xmax_km,
	   round((min(ST_YMin(track)) / 1000)::numeric) AS ymin_km,
	   round((max(ST_YMax(track)) / 1000)::numeric) AS ymax_km
FROM mdb_tracks
UNION ALL
SELECT 'mdb_trips', count(*), sum(numInstants(trip)),
	   pg_size_pretty(pg_table_size('mdb_trips')),
	   string_agg(DISTINCT coalesce(pg_column_compression(trip), 'none'), ','), NULL, NULL, NULL, NULL
FROM mdb_trips
UNION ALL
SELECT 'mdb_trips_external', count(*), sum(numInstants(trip)),
	   pg_size_pretty(pg_table_size('mdb_trips_external')),
	   string_agg(DISTINCT coalesce(pg_column_compression(trip), 'none'), ','), NULL, NULL, NULL, NULL
FROM mdb_trips_external;
SELECT name, ST_NPoints(geom) AS vertices,
	   round((ST_X(ST_Centroid(geom)) / 1000)::numeric) AS x_km,
	   round((ST_Y(ST_Centroid(geom)) / 1000)::numeric) AS y_km,
	   round(((ST_XMax(geom) - ST_XMin(geom)) / 1000)::numeric) AS width_km,
	   round(((ST_YMax(geom) - ST_YMin(geom)) / 1000)::numeric) AS height_km,
	   round((ST_Area(geom) / 1e6)::numeric) AS area_km2,
	   (SELECT count(*) FROM mdb_tracks t WHERE ST_Intersects(t.track, p.geom)) AS tracks_entering
FROM mdb_port p ORDER BY name DESC;
