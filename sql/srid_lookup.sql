-- Geographic or planar?  maritime asks PostGIS's spatial_ref_sys, once per
-- SRID it finds there; an SRID it does not find is planar and asked about
-- again next time, so one added later is seen at once, in the same session.
SET timezone = 'UTC';

-- SRID 990001 is unknown: planar, one degree is 1 unit
SELECT distance FROM maritime.gaps('SRID=990001;LINESTRING M(10 55 0, 11 55 3600)', '1 second');
SELECT ST_NPoints(maritime.clean_track('SRID=990001;LINESTRING M(10 55 0, 11 55 3600)', 1)) AS fixes_at_1_kn;
-- a longitude/latitude system under that number
INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text)
SELECT 990001, 'regress', 990001, srtext, proj4text FROM spatial_ref_sys WHERE srid = 4326;
-- now metres on the sphere, in the same session: 63,778 m for a degree of
-- longitude at 55 N, 34.4 kn
SELECT round(distance) AS metres, round(implied_speed_kn::numeric, 1) AS knots
FROM maritime.gaps('SRID=990001;LINESTRING M(10 55 0, 11 55 3600)', '1 second');
SELECT ST_NPoints(maritime.clean_track('SRID=990001;LINESTRING M(10 55 0, 11 55 3600)', 1)) AS fixes_at_1_kn;
SELECT ST_AsEWKT(maritime.track_agg(geom, ts))
FROM (VALUES ('SRID=990001;POINT(181 91)'::geometry, '2024-01-01'::timestamptz),
             ('SRID=990001;POINT(10 55)', '2024-01-01 00:01')) v(geom, ts);
SELECT regress.error_of($$SELECT maritime.track_agg('SRID=990001;POINT(200 55)', now())$$);
DELETE FROM spatial_ref_sys WHERE srid = 990001;
