-- Privileges and search_path.  maritime is trusted: once a superuser has
-- installed PostGIS, a plain user with CREATE on the database installs it
-- and uses every function, none of which runs with its owner's rights.
-- Then, in fresh sessions (the backend caches PostGIS's schema and each
-- SRID's kind, so the first lookups must happen under the hostile path),
-- a search_path naming a schema of look-alike functions, operators, types
-- and tables before pg_catalog changes no answer.  Runs in a database of
-- its own, dropped at the end with its roles.
SELECT current_database() AS regress_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_maritime_privileges;
DROP ROLE IF EXISTS regress_maritime_analyst;
DROP ROLE IF EXISTS regress_maritime_outsider;
RESET client_min_messages;
CREATE ROLE regress_maritime_analyst NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
CREATE ROLE regress_maritime_outsider NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
CREATE DATABASE regress_maritime_privileges;
GRANT CREATE ON DATABASE regress_maritime_privileges TO regress_maritime_analyst;
\c regress_maritime_privileges
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
-- as the superuser: PostGIS (not trusted), and a way to show errors
CREATE EXTENSION postgis;
CREATE FUNCTION pg_temp.error_of(statement text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE statement;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

------------------------------------------------------------------------
-- A plain user installs maritime
------------------------------------------------------------------------
-- without CREATE on the database: refused (42501)
SET ROLE regress_maritime_outsider;
SELECT pg_temp.error_of('CREATE EXTENSION maritime');
RESET ROLE;
-- with it: installed, owned by the user; the functions belong to the
-- bootstrap superuser, none is SECURITY DEFINER or sets its own
-- configuration, and everyone may execute them
SET ROLE regress_maritime_analyst;
SELECT rolsuper FROM pg_roles WHERE rolname = current_user;
CREATE EXTENSION maritime;
SELECT e.extname, e.extversion, n.nspname AS schema, pg_get_userbyid(e.extowner) AS owner
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'maritime';
SELECT count(*) AS functions,
       count(*) FILTER (WHERE p.prosecdef) AS security_definer,
       count(*) FILTER (WHERE p.proconfig IS NOT NULL) AS with_config,
       bool_and(p.proowner = 10) AS owned_by_bootstrap_superuser,
       bool_and(has_function_privilege('regress_maritime_outsider', p.oid, 'EXECUTE')) AS outsider_may_execute,
       string_agg(DISTINCT l.lanname, ', ') AS languages
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
WHERE n.nspname = 'maritime';

-- Every function once, as the user; the results are kept to compare with
-- the hostile sessions below (the first calls in this session look up
-- PostGIS's schema and SRIDs 4326 and 3857 as the user)
CREATE SCHEMA results;
CREATE TABLE results.positions (geom geometry, ts timestamptz);
INSERT INTO results.positions VALUES
  ('SRID=4326;POINT(10 55)', '2024-01-01 00:00+00'),
  ('SRID=4326;POINT(10.001 55)', '2024-01-01 00:10+00'),
  ('SRID=4326;POINT(10 55.001)', '2024-01-01 00:20+00'),
  ('SRID=4326;POINT(10.5 55.2)', '2024-01-01 03:00+00');
CREATE TABLE results.calls (call text, result text);
INSERT INTO results.calls
SELECT 'track_agg', ST_AsEWKT(maritime.track_agg(geom, ts)) FROM results.positions;
INSERT INTO results.calls
SELECT 'port_visits', v::text
FROM maritime.port_visits('LINESTRING M(-10 5 1704067200, 20 5 1704067500)',
                          'POLYGON((0 0,10 0,10 10,0 10,0 0))') v;
-- home is an L and away fills its notch: the boxes overlap, so the
-- interiors are compared with PostGIS's ST_Relate (through SPI)
INSERT INTO results.calls
SELECT 'round_trips', r::text
FROM maritime.round_trips('LINESTRING M(2 2 1704067200, 7 7 1704067300, 2 2 1704067400)',
                          'POLYGON((0 0,10 0,10 4,4 4,4 10,0 10,0 0))',
                          'POLYGON((5 5,10 5,10 10,5 10,5 5))') r;
INSERT INTO results.calls
SELECT 'idle_periods', i::text
FROM maritime.idle_periods('{[2024-01-02,2024-01-03]}', '[2024-01-01,2024-01-05)', '1 hour') i;
INSERT INTO results.calls
SELECT 'gaps 4326', g::text FROM maritime.gaps((SELECT maritime.track_agg(geom, ts) FROM results.positions), '1 hour') g;
INSERT INTO results.calls
SELECT 'gaps 3857', g::text FROM maritime.gaps('SRID=3857;LINESTRING M(0 0 1704067200, 3000 4000 1704070800)', '1 hour') g;
INSERT INTO results.calls
SELECT 'stops', s::text FROM maritime.stops((SELECT maritime.track_agg(geom, ts) FROM results.positions), 150, '15 minutes') s;
-- at 5 kn the last fix (7.8 kn from the one before, on the sphere; in
-- degrees it would be slow) is an outlier
INSERT INTO results.calls
SELECT 'clean_track', ST_AsEWKT(maritime.clean_track((SELECT maritime.track_agg(geom, ts) FROM results.positions), 5));
INSERT INTO results.calls
SELECT 'outliers', o::text FROM maritime.outliers((SELECT maritime.track_agg(geom, ts) FROM results.positions), 5) o;
INSERT INTO results.calls
SELECT 'segments', s::text FROM maritime.segments((SELECT maritime.track_agg(geom, ts) FROM results.positions), '1 hour') s;
-- the track against itself 100 m north: metres on the sphere (in degrees
-- the two would never be within 200)
INSERT INTO results.calls
SELECT 'encounters', e::text
FROM (SELECT maritime.track_agg(geom, ts) AS t FROM results.positions) s,
     maritime.encounters(t, ST_Translate(t, 0, 0.0009), 200, '0') e;
INSERT INTO results.calls
SELECT 'encounter_box', ST_AsEWKT(maritime.encounter_box(maritime.track_agg(geom, ts), 1000)) FROM results.positions;
SELECT call, result FROM results.calls ORDER BY call, result;
-- the distances: metres on the sphere for 4326, CRS units for 3857
SELECT round(distance::numeric, 3) AS metres, round(implied_speed_kn::numeric, 3) AS knots
FROM maritime.gaps((SELECT maritime.track_agg(geom, ts) FROM results.positions), '1 hour');
SELECT distance FROM maritime.gaps('SRID=3857;LINESTRING M(0 0 1704067200, 3000 4000 1704070800)', '1 hour');

------------------------------------------------------------------------
-- Look-alikes, created by the user in a schema of its own: functions named
-- like PostGIS's (st_relate, st_makeline, ...), "=" and other operators on
-- the types maritime's SPI queries compare, a spatial_ref_sys that calls
-- 4326 planar, catalog look-alikes, and domains named geometry and text.
-- The loud ones raise 'hijacked'; the quiet ones return wrong answers.
------------------------------------------------------------------------
CREATE SCHEMA evil;
CREATE FUNCTION evil.boom() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'hijacked'; END $$;
CREATE FUNCTION evil.loud_int4(integer, integer) RETURNS boolean LANGUAGE sql AS 'SELECT evil.boom()';
CREATE FUNCTION evil.loud_name(name, name) RETURNS boolean LANGUAGE sql AS 'SELECT evil.boom()';
CREATE FUNCTION evil.loud_name_text(name, text) RETURNS boolean LANGUAGE sql AS 'SELECT evil.boom()';
CREATE FUNCTION evil.loud_oid(oid, oid) RETURNS boolean LANGUAGE sql AS 'SELECT evil.boom()';
CREATE FUNCTION evil.loud_text(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT evil.boom()';
CREATE FUNCTION evil.loud_geometry(geometry, geometry) RETURNS boolean LANGUAGE sql AS 'SELECT evil.boom()';
CREATE OPERATOR evil.= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.loud_int4);
CREATE OPERATOR evil.= (LEFTARG = name, RIGHTARG = name, FUNCTION = evil.loud_name);
CREATE OPERATOR evil.= (LEFTARG = name, RIGHTARG = text, FUNCTION = evil.loud_name_text);
CREATE OPERATOR evil.= (LEFTARG = oid, RIGHTARG = oid, FUNCTION = evil.loud_oid);
CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.loud_text);
CREATE OPERATOR evil.= (LEFTARG = geometry, RIGHTARG = geometry, FUNCTION = evil.loud_geometry);
CREATE OPERATOR evil.&& (LEFTARG = geometry, RIGHTARG = geometry, FUNCTION = evil.loud_geometry);
CREATE OPERATOR evil.< (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.loud_int4);
CREATE OPERATOR evil.> (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.loud_int4);
CREATE FUNCTION evil.st_relate(geometry, geometry, text) RETURNS boolean LANGUAGE sql AS 'SELECT evil.boom()';
CREATE FUNCTION evil.st_relate(geometry, geometry) RETURNS text LANGUAGE sql AS 'SELECT evil.boom()::text';
CREATE FUNCTION evil.st_intersects(geometry, geometry) RETURNS boolean LANGUAGE sql AS 'SELECT evil.boom()';
CREATE FUNCTION evil.st_makeline(geometry[]) RETURNS geometry LANGUAGE sql AS 'SELECT NULL::geometry WHERE evil.boom()';
CREATE FUNCTION evil.st_makeline(geometry, geometry) RETURNS geometry LANGUAGE sql AS 'SELECT NULL::geometry WHERE evil.boom()';
CREATE FUNCTION evil.st_transform(geometry, integer) RETURNS geometry LANGUAGE sql AS 'SELECT NULL::geometry WHERE evil.boom()';
CREATE FUNCTION evil.st_srid(geometry) RETURNS integer LANGUAGE sql AS 'SELECT 0 WHERE evil.boom()';
CREATE FUNCTION evil.st_distance(geometry, geometry) RETURNS float8 LANGUAGE sql AS 'SELECT 0::float8 WHERE evil.boom()';
CREATE FUNCTION evil.postgis_lib_version() RETURNS text LANGUAGE sql AS 'SELECT evil.boom()::text';
CREATE FUNCTION evil.quote_ident(text) RETURNS text LANGUAGE sql AS 'SELECT evil.boom()::text';
-- 4326 as a planar system, in tables and views named like those consulted
CREATE TABLE evil.spatial_ref_sys (srid integer, auth_name text, auth_srid integer, srtext text, proj4text text);
INSERT INTO evil.spatial_ref_sys VALUES (4326, 'EPSG', 4326, 'PROJCS["hijacked"]', '+proj=merc');
CREATE VIEW evil.pg_extension AS SELECT * FROM pg_catalog.pg_extension WHERE evil.boom();
CREATE VIEW evil.pg_namespace AS SELECT * FROM pg_catalog.pg_namespace WHERE evil.boom();
CREATE DOMAIN evil.geometry AS public.geometry CHECK (evil.boom());
CREATE DOMAIN evil.text AS pg_catalog.text CHECK (evil.boom());
-- the quiet kind: "=" on integers that is never true (an SRID would not
-- be found, and 4326 measured in degrees), an ST_Relate saying "overlap"
CREATE SCHEMA quiet;
CREATE FUNCTION quiet.never_int4(integer, integer) RETURNS boolean LANGUAGE sql AS 'SELECT false';
CREATE OPERATOR quiet.= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = quiet.never_int4);
CREATE FUNCTION quiet.st_relate(geometry, geometry, text) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE TABLE quiet.spatial_ref_sys (LIKE evil.spatial_ref_sys);
INSERT INTO quiet.spatial_ref_sys SELECT * FROM evil.spatial_ref_sys;
-- the calls to make under each hostile path, results into a table
CREATE TABLE results.hostile_calls (path text, call text, result text);
RESET ROLE;

------------------------------------------------------------------------
-- A fresh session with search_path = evil, pg_catalog, public (pg_catalog
-- named after evil, so evil's operators and types come first), and a temp
-- spatial_ref_sys too (temp tables come before every schema)
------------------------------------------------------------------------
\c regress_maritime_privileges
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
SET ROLE regress_maritime_analyst;
CREATE FUNCTION pg_temp.error_of(statement text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE statement;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
CREATE TEMP TABLE spatial_ref_sys AS SELECT * FROM evil.spatial_ref_sys;
SET search_path = evil, pg_catalog, public;
INSERT INTO results.hostile_calls
SELECT 'evil', 'track_agg', ST_AsEWKT(maritime.track_agg(geom, ts)) FROM results.positions;
INSERT INTO results.hostile_calls
SELECT 'evil', 'port_visits', v::pg_catalog.text
FROM maritime.port_visits('LINESTRING M(-10 5 1704067200, 20 5 1704067500)',
                          'POLYGON((0 0,10 0,10 10,0 10,0 0))') v;
INSERT INTO results.hostile_calls
SELECT 'evil', 'round_trips', r::pg_catalog.text
FROM maritime.round_trips('LINESTRING M(2 2 1704067200, 7 7 1704067300, 2 2 1704067400)',
                          'POLYGON((0 0,10 0,10 4,4 4,4 10,0 10,0 0))',
                          'POLYGON((5 5,10 5,10 10,5 10,5 5))') r;
INSERT INTO results.hostile_calls
SELECT 'evil', 'idle_periods', i::pg_catalog.text
FROM maritime.idle_periods('{[2024-01-02,2024-01-03]}', '[2024-01-01,2024-01-05)', '1 hour') i;
INSERT INTO results.hostile_calls
SELECT 'evil', 'gaps 4326', g::pg_catalog.text FROM maritime.gaps((SELECT maritime.track_agg(geom, ts) FROM results.positions), '1 hour') g;
INSERT INTO results.hostile_calls
SELECT 'evil', 'gaps 3857', g::pg_catalog.text FROM maritime.gaps('SRID=3857;LINESTRING M(0 0 1704067200, 3000 4000 1704070800)', '1 hour') g;
INSERT INTO results.hostile_calls
SELECT 'evil', 'stops', s::pg_catalog.text FROM maritime.stops((SELECT maritime.track_agg(geom, ts) FROM results.positions), 150, '15 minutes') s;
INSERT INTO results.hostile_calls
SELECT 'evil', 'clean_track', ST_AsEWKT(maritime.clean_track((SELECT maritime.track_agg(geom, ts) FROM results.positions), 5));
INSERT INTO results.hostile_calls
SELECT 'evil', 'outliers', o::pg_catalog.text FROM maritime.outliers((SELECT maritime.track_agg(geom, ts) FROM results.positions), 5) o;
INSERT INTO results.hostile_calls
SELECT 'evil', 'segments', s::pg_catalog.text FROM maritime.segments((SELECT maritime.track_agg(geom, ts) FROM results.positions), '1 hour') s;
INSERT INTO results.hostile_calls
SELECT 'evil', 'encounters', e::pg_catalog.text
FROM (SELECT maritime.track_agg(geom, ts) AS t FROM results.positions) s,
     maritime.encounters(t, ST_Translate(t, 0, 0.0009), 200, '0') e;
INSERT INTO results.hostile_calls
SELECT 'evil', 'encounter_box', ST_AsEWKT(maritime.encounter_box(maritime.track_agg(geom, ts), 1000)) FROM results.positions;
-- overlapping areas are still found (through ST_Relate), and said so
SELECT pg_temp.error_of($$SELECT * FROM maritime.round_trips('LINESTRING M(2 2 1704067200, 7 7 1704067300)',
                                                             'POLYGON((0 0,10 0,10 10,0 10,0 0))',
                                                             'POLYGON((5 5,15 5,15 15,5 15,5 5))')$$);
RESET search_path;

------------------------------------------------------------------------
-- A fresh session with search_path = quiet, pg_catalog, public: operators
-- and functions that would not fail, only give wrong answers
------------------------------------------------------------------------
\c regress_maritime_privileges
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
SET ROLE regress_maritime_analyst;
SET search_path = quiet, pg_catalog, public;
INSERT INTO results.hostile_calls
SELECT 'quiet', 'track_agg', ST_AsEWKT(maritime.track_agg(geom, ts)) FROM results.positions;
INSERT INTO results.hostile_calls
SELECT 'quiet', 'port_visits', v::text
FROM maritime.port_visits('LINESTRING M(-10 5 1704067200, 20 5 1704067500)',
                          'POLYGON((0 0,10 0,10 10,0 10,0 0))') v;
INSERT INTO results.hostile_calls
SELECT 'quiet', 'round_trips', r::text
FROM maritime.round_trips('LINESTRING M(2 2 1704067200, 7 7 1704067300, 2 2 1704067400)',
                          'POLYGON((0 0,10 0,10 4,4 4,4 10,0 10,0 0))',
                          'POLYGON((5 5,10 5,10 10,5 10,5 5))') r;
INSERT INTO results.hostile_calls
SELECT 'quiet', 'idle_periods', i::text
FROM maritime.idle_periods('{[2024-01-02,2024-01-03]}', '[2024-01-01,2024-01-05)', '1 hour') i;
INSERT INTO results.hostile_calls
SELECT 'quiet', 'gaps 4326', g::text FROM maritime.gaps((SELECT maritime.track_agg(geom, ts) FROM results.positions), '1 hour') g;
INSERT INTO results.hostile_calls
SELECT 'quiet', 'gaps 3857', g::text FROM maritime.gaps('SRID=3857;LINESTRING M(0 0 1704067200, 3000 4000 1704070800)', '1 hour') g;
INSERT INTO results.hostile_calls
SELECT 'quiet', 'stops', s::text FROM maritime.stops((SELECT maritime.track_agg(geom, ts) FROM results.positions), 150, '15 minutes') s;
INSERT INTO results.hostile_calls
SELECT 'quiet', 'clean_track', ST_AsEWKT(maritime.clean_track((SELECT maritime.track_agg(geom, ts) FROM results.positions), 5));
INSERT INTO results.hostile_calls
SELECT 'quiet', 'outliers', o::text FROM maritime.outliers((SELECT maritime.track_agg(geom, ts) FROM results.positions), 5) o;
INSERT INTO results.hostile_calls
SELECT 'quiet', 'segments', s::text FROM maritime.segments((SELECT maritime.track_agg(geom, ts) FROM results.positions), '1 hour') s;
INSERT INTO results.hostile_calls
SELECT 'quiet', 'encounters', e::text
FROM (SELECT maritime.track_agg(geom, ts) AS t FROM results.positions) s,
     maritime.encounters(t, ST_Translate(t, 0, 0.0009), 200, '0') e;
INSERT INTO results.hostile_calls
SELECT 'quiet', 'encounter_box', ST_AsEWKT(maritime.encounter_box(maritime.track_agg(geom, ts), 1000)) FROM results.positions;
RESET search_path;

-- the same answers as the user's own under the ordinary search_path: each
-- path has every call's rows, and no row differs
SELECT h.path, count(*) AS rows,
       count(*) FILTER (WHERE (h.call, h.result) NOT IN (SELECT call, result FROM results.calls)) AS differing,
       (SELECT count(*) FROM results.calls) AS expected_rows
FROM results.hostile_calls h GROUP BY h.path ORDER BY h.path;
RESET ROLE;

------------------------------------------------------------------------
-- Clean up: back to the regression database, drop what this test made
------------------------------------------------------------------------
\c :regress_db
DROP DATABASE regress_maritime_privileges WITH (FORCE);
DROP ROLE regress_maritime_analyst;
DROP ROLE regress_maritime_outsider;
