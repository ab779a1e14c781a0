-- maritime.track_agg: positions in any order -> LINESTRING M (M = epoch s)
SET timezone = 'UTC';

CREATE TABLE pos (vessel int, geom geometry, ts timestamptz);
INSERT INTO pos VALUES
  (1, 'SRID=4326;POINT(10 50)', '2024-01-01 00:10:00+00'),
  (1, 'SRID=4326;POINT(9 49)',  '2024-01-01 00:00:00+00'),
  (1, 'SRID=4326;POINT(11 51)', '2024-01-01 00:20:00.25+00'),
  (2, 'SRID=4326;POINT(130 -30)', '2024-01-02 12:00:00+00'),
  (2, 'SRID=4326;POINT(131 -31)', '2024-01-02 13:00:00+00');

-- out-of-order rows are sorted by time; M is extract(epoch from ts)
SELECT vessel, ST_AsEWKT(maritime.track_agg(geom, ts))
FROM pos GROUP BY vessel ORDER BY vessel;

-- identical to what the PostGIS functions build ...
SELECT vessel,
       maritime.track_agg(geom, ts) =
       ST_SetSRID(ST_MakeLine(ST_MakePointM(ST_X(geom), ST_Y(geom),
                                            extract(epoch FROM ts)) ORDER BY ts), 4326)
         AS equals_postgis,
       ST_AsEWKB(maritime.track_agg(geom, ts)) =
       ST_AsEWKB(ST_SetSRID(ST_MakeLine(ST_MakePointM(ST_X(geom), ST_Y(geom),
                                        extract(epoch FROM ts)) ORDER BY ts), 4326))
         AS same_ewkb,
       pg_column_size(maritime.track_agg(geom, ts)) =
       pg_column_size(ST_SetSRID(ST_MakeLine(ST_MakePointM(ST_X(geom), ST_Y(geom),
                                             extract(epoch FROM ts)) ORDER BY ts), 4326))
         AS same_stored_size,
       ST_IsValidTrajectory(maritime.track_agg(geom, ts)) AS valid_trajectory
FROM pos GROUP BY vessel ORDER BY vessel;

-- ... with the same stored bounding box (read by postgis_getbbox)
SELECT postgis_getbbox(maritime.track_agg(geom, ts))::text AS ours,
       postgis_getbbox(ST_SetSRID(ST_MakeLine(ST_MakePointM(ST_X(geom), ST_Y(geom),
                       extract(epoch FROM ts)) ORDER BY ts), 4326))::text AS postgis
FROM pos WHERE vessel = 1;

-- M keeps the microseconds of ts exactly as extract(epoch) does
SELECT ST_M(ST_PointN(t, 3)) = extract(epoch FROM '2024-01-01 00:20:00.25+00'::timestamptz)::float8 AS exact_m,
       to_timestamp(ST_M(ST_PointN(t, 3))) AS third_fix_time
FROM (SELECT maritime.track_agg(geom, ts) t FROM pos WHERE vessel = 1) s;
SELECT ST_AsEWKT(maritime.track_agg(ST_MakePoint(1, 2), '1969-12-31 23:59:59.999999+00'));

-- a single fix is a one-vertex track
SELECT ST_AsEWKT(maritime.track_agg(geom, ts)), ST_NPoints(maritime.track_agg(geom, ts))
FROM pos WHERE vessel = 2 AND ts < '2024-01-02 12:30+00';

-- NULL geom, NULL ts and empty points are skipped; nothing left gives NULL
SELECT ST_AsEWKT(maritime.track_agg(geom, ts))
FROM (VALUES (NULL::geometry, now()),
             ('SRID=4326;POINT(1 1)'::geometry, NULL::timestamptz),
             ('SRID=4326;POINT EMPTY', '2024-01-01'),
             ('SRID=4326;POINT(5 6)', '2024-01-01 01:00+00')) v(geom, ts);
SELECT maritime.track_agg(geom, ts) IS NULL AS all_skipped_is_null
FROM (VALUES (NULL::geometry, now()), ('POINT EMPTY', now())) v(geom, ts);
SELECT maritime.track_agg(geom, ts) IS NULL AS no_rows_is_null FROM pos WHERE false;

-- Z and M of the input are ignored; SRID 0 and projected SRIDs are kept
SELECT ST_AsEWKT(maritime.track_agg(geom, ts))
FROM (VALUES ('POINT Z (1 2 3)'::geometry, '2024-01-01 00:00:01+00'::timestamptz),
             ('POINT M (4 5 6)', '2024-01-01 00:00:02+00'),
             ('POINT ZM (7 8 9 10)', '2024-01-01 00:00:03+00')) v(geom, ts);
SELECT ST_AsEWKT(maritime.track_agg(geom, ts))
FROM (VALUES ('SRID=3857;POINT(1113194.9 6274861.4)'::geometry, '2024-01-01 00:00:00+00'::timestamptz),
             ('SRID=3857;POINT(-20037508 -20037508)', '2024-01-01 00:00:10+00')) v(geom, ts);

-- Same timestamp: one fix is kept, the smallest x then smallest y, whatever
-- the row order
CREATE TABLE dup (geom geometry, ts timestamptz, ord int);
INSERT INTO dup VALUES
  ('POINT(5 5)', '2024-03-01 10:00+00', 1),
  ('POINT(3 9)', '2024-03-01 10:00+00', 2),
  ('POINT(3 1)', '2024-03-01 10:00+00', 3),
  ('POINT(0 0)', '2024-03-01 09:00+00', 4),
  ('POINT(-0 7)', '2024-03-01 11:00+00', 5),
  ('POINT(0 7)', '2024-03-01 11:00+00', 6),
  ('POINT(8 8)', '2024-03-01 12:00+00', 7);
SELECT ST_AsEWKT(maritime.track_agg(geom, ts ORDER BY ord)) AS forwards,
       ST_AsEWKT(maritime.track_agg(geom, ts ORDER BY ord DESC)) AS backwards
FROM dup;
-- ... also when the rows come in time order, which needs no sorting: ties
-- are settled as they arrive
SELECT ST_AsEWKT(maritime.track_agg(geom, ts ORDER BY ts, ST_X(geom), ST_Y(geom))) AS smallest_first,
       ST_AsEWKT(maritime.track_agg(geom, ts ORDER BY ts, ST_X(geom) DESC, ST_Y(geom) DESC)) AS largest_first
FROM dup;
SELECT count(DISTINCT ST_AsEWKB(t)) AS distinct_results, count(*) AS orders_tried
FROM (SELECT maritime.track_agg(geom, ts ORDER BY md5(ord::text || seed::text)) t
      FROM dup, generate_series(1, 20) seed GROUP BY seed) s;

-- A track stores into a typed column and is found through GiST indexes,
-- 2D and n-D (which also checks the stored M range)
CREATE TABLE tracks (vessel int, track geometry(LineStringM, 4326));
INSERT INTO tracks SELECT vessel, maritime.track_agg(geom, ts) FROM pos GROUP BY vessel;
INSERT INTO tracks
SELECT 100 + i, ST_SetSRID(ST_MakeLine(ST_MakePointM(i, j, 1e9 + j) ORDER BY j), 4326)
FROM generate_series(1, 50) i, generate_series(1, 5) j GROUP BY i;
CREATE INDEX tracks_2d ON tracks USING gist (track);
CREATE INDEX tracks_nd ON tracks USING gist (track gist_geometry_ops_nd);
ANALYZE tracks;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT vessel FROM tracks WHERE track && ST_MakeEnvelope(9.5, 49.5, 10.5, 50.5, 4326);
SELECT vessel FROM tracks WHERE track && ST_MakeEnvelope(9.5, 49.5, 10.5, 50.5, 4326);
SELECT vessel FROM tracks WHERE track && ST_MakeEnvelope(130.5, -30.5, 130.6, -30.4, 4326);
-- the n-D box includes M: vessel 1 spans epoch 1704067200 .. 1704068400.25
EXPLAIN (COSTS OFF)
SELECT vessel FROM tracks
WHERE track &&& ST_SetSRID(ST_MakeLine(ST_MakePointM(10, 50, 1704068400.25), ST_MakePointM(10, 50, 1704068401)), 4326);
SELECT vessel FROM tracks
WHERE track &&& ST_SetSRID(ST_MakeLine(ST_MakePointM(10, 50, 1704068400.25), ST_MakePointM(10, 50, 1704068401)), 4326);
-- (boxes are floats, 128 s apart at this magnitude: test well outside)
SELECT count(*) AS later FROM tracks
WHERE track &&& ST_SetSRID(ST_MakeLine(ST_MakePointM(10, 50, 1704069000), ST_MakePointM(10, 50, 1704069001)), 4326);
SELECT count(*) AS earlier FROM tracks
WHERE track &&& ST_SetSRID(ST_MakeLine(ST_MakePointM(10, 50, 1704066000), ST_MakePointM(10, 50, 1704066001)), 4326);
RESET enable_seqscan;

-- As a window aggregate: a growing track per row
SELECT ord, ST_NPoints(maritime.track_agg(geom, ts) OVER (ORDER BY ord)) AS vertices
FROM dup ORDER BY ord;

-- Finalized more than once.  A hashed aggregation rescanned without new
-- input finalizes the groups of its kept hash table again: here once per
-- outer row (3 vessels of 2, 4 and 6 fixes)
CREATE TABLE rescan (vessel int, geom geometry, ts timestamptz);
INSERT INTO rescan
SELECT v, ST_MakePoint(i, v), '2024-01-01'::timestamptz + i * interval '1 minute'
FROM generate_series(1, 3) v, generate_series(1, 2 * v) i;
ANALYZE rescan;
SET enable_sort = off;
EXPLAIN (COSTS OFF)
SELECT o.x, (SELECT count(*) FROM (SELECT vessel, maritime.track_agg(geom, ts) AS t FROM rescan GROUP BY vessel) s
             WHERE ST_NPoints(s.t) > o.x) AS longer
FROM generate_series(1, 5) o(x);
SELECT o.x, (SELECT count(*) FROM (SELECT vessel, maritime.track_agg(geom, ts) AS t FROM rescan GROUP BY vessel) s
             WHERE ST_NPoints(s.t) > o.x) AS longer
FROM generate_series(1, 5) o(x);
RESET enable_sort;
-- ... and a sorted one, which aggregates again on each rescan
SET enable_hashagg = off;
SELECT o.x, (SELECT count(*) FROM (SELECT vessel, maritime.track_agg(geom, ts) AS t FROM rescan GROUP BY vessel) s
             WHERE ST_NPoints(s.t) > o.x) AS longer
FROM generate_series(1, 5) o(x);
RESET enable_hashagg;
-- Two aggregates with the same transition share one state, finalized by
-- each in turn: both see it whole
CREATE AGGREGATE pg_temp.same_track(geometry, timestamptz) (
	SFUNC = maritime.track_agg_transfn, STYPE = internal,
	FINALFUNC = maritime.track_agg_finalfn, COMBINEFUNC = maritime.track_agg_combinefn,
	SERIALFUNC = maritime.track_agg_serialfn, DESERIALFUNC = maritime.track_agg_deserialfn);
SELECT vessel, ST_NPoints(maritime.track_agg(geom, ts)) AS a,
       ST_NPoints(pg_temp.same_track(geom, ts)) AS b,
       maritime.track_agg(geom, ts) = pg_temp.same_track(geom, ts) AS same
FROM rescan GROUP BY vessel ORDER BY vessel;
SELECT ST_NPoints(maritime.track_agg(geom, ts)) AS a, ST_NPoints(pg_temp.same_track(geom, ts)) AS b
FROM rescan;
DROP TABLE rescan;

DROP TABLE tracks, dup;
