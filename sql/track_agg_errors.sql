-- maritime.track_agg: every class of bad input raises its own SQLSTATE
SET timezone = 'UTC';

-- not a POINT (22023); the reader finds the type behind any header:
-- bounding boxes, Z/M, curves, collections, surfaces
SELECT g AS input,
       regress.error_of(format('SELECT maritime.track_agg(%L::geometry, now())', g))
FROM (VALUES ('LINESTRING(0 0,1 1)'),
             ('LINESTRING M (0 0 1,1 1 2,2 2 3)'),
             ('POLYGON((0 0,1 0,1 1,0 0))'),
             ('MULTIPOINT((0 0),(1 1))'),
             ('GEOMETRYCOLLECTION(POINT(0 0))'),
             ('CIRCULARSTRING(0 0,1 1,2 0)'),
             ('CURVEPOLYGON(CIRCULARSTRING(0 0,1 1,2 0,1 -1,0 0))'),
             ('POLYHEDRALSURFACE Z (((0 0 0,0 1 0,1 1 0,0 0 0)))'),
             ('TIN Z (((0 0 0,0 1 0,1 1 0,0 0 0)))'),
             ('TRIANGLE((0 0,0 1,1 1,0 0))'),
             ('LINESTRING EMPTY')) v(g);

-- mixed SRIDs (22023), in either order, and across groups only per group
SELECT regress.error_of($$
  SELECT maritime.track_agg(geom, ts)
  FROM (VALUES ('SRID=4326;POINT(1 1)'::geometry, '2024-01-01'::timestamptz),
               ('SRID=3857;POINT(1 1)', '2024-01-02')) v(geom, ts)$$);
SELECT regress.error_of($$
  SELECT maritime.track_agg(geom, ts)
  FROM (VALUES ('POINT(1 1)'::geometry, '2024-01-01'::timestamptz),
               ('SRID=4326;POINT(1 1)', '2024-01-02')) v(geom, ts)$$);
SELECT g, ST_AsEWKT(maritime.track_agg(geom, ts))
FROM (VALUES (1, 'SRID=4326;POINT(1 1)'::geometry, '2024-01-01'::timestamptz),
             (2, 'SRID=3857;POINT(1 1)', '2024-01-02')) v(g, geom, ts)
GROUP BY g ORDER BY g;

-- NaN and infinite coordinates (22023)
SELECT regress.error_of($$SELECT maritime.track_agg(ST_MakePoint('NaN', 1), now())$$);
SELECT regress.error_of($$SELECT maritime.track_agg(ST_MakePoint(1, 'Infinity'), now())$$);
SELECT regress.error_of($$SELECT maritime.track_agg(ST_MakePoint('-Infinity', 1), now())$$);

-- infinite timestamps (22008)
SELECT regress.error_of($$SELECT maritime.track_agg('POINT(1 1)', 'infinity')$$);
SELECT regress.error_of($$SELECT maritime.track_agg('POINT(1 1)', '-infinity')$$);

-- longitude / latitude out of range in a geographic SRID (22023) ...
SELECT regress.error_of($$SELECT maritime.track_agg('SRID=4326;POINT(180.000001 0)', now())$$);
SELECT regress.error_of($$SELECT maritime.track_agg('SRID=4326;POINT(0 -90.5)', now())$$);
SELECT regress.error_of($$SELECT maritime.track_agg('SRID=4269;POINT(-200 10)', now())$$);
-- ... but the edges are valid, and so are the same numbers in planar SRIDs
SELECT ST_AsEWKT(maritime.track_agg(geom, ts))
FROM (VALUES ('SRID=4326;POINT(-180 -90)'::geometry, '2024-01-01'::timestamptz),
             ('SRID=4326;POINT(180 90)', '2024-01-02')) v(geom, ts);
SELECT ST_AsEWKT(maritime.track_agg('SRID=3857;POINT(200 100)', '2024-01-01'));
SELECT ST_AsEWKT(maritime.track_agg('POINT(200 100)', '2024-01-01'));
-- an SRID that spatial_ref_sys does not know is planar
SELECT ST_AsEWKT(maritime.track_agg('SRID=900913;POINT(500 500)', '2024-01-01'));

-- AIS's "not available" position (ITU-R M.1371: longitude 181, latitude
-- 91), alone or with the other coordinate valid, is skipped in geographic
-- SRIDs, in any row order; any other value out of range is still an error
SELECT ST_AsEWKT(maritime.track_agg(geom, ts))
FROM (VALUES ('SRID=4326;POINT(181 91)'::geometry, '2024-01-01 00:00'::timestamptz),
             ('SRID=4326;POINT(10 55)', '2024-01-01 00:01'),
             ('SRID=4326;POINT(181 55.1)', '2024-01-01 00:02'),
             ('SRID=4326;POINT(10.1 91)', '2024-01-01 00:03'),
             ('SRID=4326;POINT(10.2 55.2)', '2024-01-01 00:04'),
             ('SRID=4326;POINT(181 91)', '2024-01-01 00:05')) v(geom, ts);
SELECT maritime.track_agg('SRID=4326;POINT(181 91)', '2024-01-01') IS NULL AS only_not_available;
SELECT g AS geom, regress.error_of(format('SELECT maritime.track_agg(%L::geometry, now())', g))
FROM (VALUES ('SRID=4326;POINT(181.0001 0)'), ('SRID=4326;POINT(0 91.0001)'), ('SRID=4326;POINT(-181 0)'), ('SRID=4326;POINT(0 -91)'),
             ('SRID=4326;POINT(182 55)'), ('SRID=4326;POINT(10 92)')) v(g);
-- a "not available" row still has to share the track's SRID
SELECT regress.error_of($$SELECT maritime.track_agg(geom, ts)
  FROM (VALUES ('SRID=4326;POINT(10 55)'::geometry, '2024-01-01'::timestamptz),
               ('SRID=4269;POINT(181 91)', '2024-01-02')) v(geom, ts)$$);
-- in planar SRIDs 181 and 91 are ordinary coordinates
SELECT ST_AsEWKT(maritime.track_agg('SRID=3857;POINT(181 91)', '2024-01-01'));

-- the error names the argument and helps
SELECT maritime.track_agg('SRID=4326;POINT(10 200)', '2024-01-01');
SELECT maritime.track_agg('LINESTRING(0 0,1 1)', '2024-01-01');
SELECT maritime.track_agg(geom, '2024-01-01')
FROM (VALUES ('SRID=4326;POINT(1 1)'::geometry), ('SRID=3857;POINT(1 1)')) v(geom);
