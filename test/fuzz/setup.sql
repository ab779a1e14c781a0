-- The fuzzing database (scripts/fuzz.sh runs this as a superuser, from the
-- repository root, in a database of its own).  It holds:
--   * the Rajin sample (public.positions, public.ports), as the README loads it;
--   * schema fuzz: small tables of the shapes the functions take (real tracks
--     and areas, plus hostile geometries, intervals, numbers, ranges),
--     scalar wrappers around the table functions, which sqlsmith cannot call
--     itself (it leaves set-returning functions out), and views that call
--     them, which sqlsmith queries like tables;
--   * schema fuzz_catalog: a view named pg_proc that lists only maritime, the
--     wrappers and a few dozen PostgreSQL/PostGIS functions.  The fuzzing role's
--     search_path puts it before pg_catalog, so sqlsmith, which reads
--     "pg_proc" unqualified, draws its function calls from that short list
--     and calls maritime often instead of one time in thousands;
--   * the role maritime_fuzz: no superuser, may use maritime, may only read
--     the tables of schema fuzz (so sqlsmith's INSERT, UPDATE, DELETE and
--     MERGE fail with 42501 and the data stay as they are).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET timezone = 'UTC';
CREATE EXTENSION maritime CASCADE;
\i examples/load_rajin_sample.sql
ANALYZE positions;

CREATE SCHEMA fuzz;

-- Positions: a thinned copy (every 10th fix), so that random joins stay small
CREATE TABLE fuzz.positions AS
SELECT mmsi, ts, geom, source
FROM (SELECT *, row_number() OVER (PARTITION BY mmsi ORDER BY ts) AS n FROM positions) p
WHERE n % 10 = 1;

-- Points that track_agg must reject or skip: every geometry type, empty,
-- NaN, infinite, out of range, other SRIDs, infinite timestamps, NULLs
CREATE TABLE fuzz.odd_positions (mmsi bigint, ts timestamptz, geom geometry, source text);
INSERT INTO fuzz.odd_positions (mmsi, ts, geom) VALUES
	(1, '2023-08-01 00:00+00', 'SRID=4326;POINT(130 42)'),
	(1, '2023-08-01 00:00+00', 'SRID=4326;POINT(129 42)'),
	(1, '2023-08-01 00:05+00', 'SRID=4326;POINT EMPTY'),
	(1, NULL, 'SRID=4326;POINT(130 42)'),
	(1, '2023-08-01 00:06+00', NULL),
	(2, 'infinity', 'SRID=4326;POINT(130 42)'),
	(2, '-infinity', 'SRID=4326;POINT(130 42)'),
	(3, '2023-08-01 00:00+00', ST_SetSRID(ST_MakePoint('NaN', 42), 4326)),
	(3, '2023-08-01 00:01+00', ST_SetSRID(ST_MakePoint(130, 'Infinity'), 4326)),
	(4, '2023-08-01 00:00+00', 'SRID=4326;POINT(200 42)'),
	(4, '2023-08-01 00:01+00', 'SRID=4326;POINT(130 -91)'),
	(5, '2023-08-01 00:00+00', 'SRID=3857;POINT(1e7 5e6)'),
	(5, '2023-08-01 00:01+00', 'SRID=4326;POINT(130 42)'),
	(6, '2023-08-01 00:00+00', 'SRID=4326;LINESTRING(130 42,131 43)'),
	(6, '2023-08-01 00:01+00', 'SRID=4326;MULTIPOINT((130 42))'),
	(6, '2023-08-01 00:02+00', 'SRID=4326;GEOMETRYCOLLECTION(POINT(130 42))'),
	(7, '2023-08-01 00:00+00', 'POINT ZM (1e300 -1e300 5 6)'),
	(7, '4713-01-01 00:00+00 BC', 'POINT(0 0)'),
	(7, '294276-12-31 00:00+00', 'POINT(1 1)'),
	(8, '2023-08-01 00:00+00', 'SRID=999999;POINT(1 1)'),
	(8, '2023-08-01 00:00:00.000001+00', 'SRID=999999;POINT(1 1)'),
	(9, '2023-08-01 00:00+00', 'SRID=4326;POLYGON EMPTY'),
	(9, '2023-08-01 00:00+00', 'SRID=4326;CIRCULARSTRING(0 0,1 1,2 0)');

-- Tracks: the five real ones (and in a planar SRID, XYZM, as a
-- MULTILINESTRING, reversed, one vertex, empty, NaN, ...)
CREATE TABLE fuzz.tracks (vessel bigint, kind text, track geometry);
INSERT INTO fuzz.tracks
SELECT mmsi, 'rajin', maritime.track_agg(geom, ts) FROM positions GROUP BY mmsi;
INSERT INTO fuzz.tracks
SELECT vessel, 'mercator', ST_Transform(track, 3857) FROM fuzz.tracks WHERE vessel = 273100001
UNION ALL SELECT vessel, 'xyzm', ST_Force4D(track) FROM fuzz.tracks WHERE vessel = 273100002
UNION ALL SELECT vessel, 'xyz', ST_Force3DZ(track) FROM fuzz.tracks WHERE vessel = 273100003
UNION ALL SELECT vessel, 'reversed', ST_Reverse(track) FROM fuzz.tracks WHERE vessel = 273100004
UNION ALL SELECT vessel, 'multi', ST_Multi(track) FROM fuzz.tracks WHERE vessel = 273100099
UNION ALL SELECT vessel, 'srid0', ST_SetSRID(track, 0) FROM fuzz.tracks WHERE vessel = 273100099
UNION ALL SELECT vessel, 'short', ST_LineSubstring(track, 0.2, 0.2001) FROM fuzz.tracks WHERE vessel = 273100001;
INSERT INTO fuzz.tracks VALUES
	(1, 'one vertex', ST_SetSRID(ST_MakeLine(ARRAY[ST_MakePointM(130, 42, 1690848000)]), 4326)),
	(2, 'empty', 'SRID=4326;LINESTRING M EMPTY'),
	(3, 'equal M', 'SRID=4326;LINESTRING M(130 42 1690848000,131 42 1690848000)'),
	(4, 'no M', 'SRID=4326;LINESTRING(130 42,131 42)'),
	(5, 'NaN', ST_SetSRID(ST_MakeLine(ST_MakePointM(130, 42, 1690848000), ST_MakePointM('NaN', 42, 1690848060)), 4326)),
	(6, 'NaN M', ST_SetSRID(ST_MakeLine(ST_MakePointM(130, 42, 1690848000), ST_MakePointM(130, 42, 'NaN')), 4326)),
	(7, 'huge M', 'LINESTRING M(0 0 -1e300,1 1 0,2 2 1e300)'),
	(8, 'point', 'SRID=4326;POINT M(130 42 1690848000)'),
	(9, 'polygon', 'SRID=4326;POLYGON M((0 0 1,1 0 2,1 1 3,0 0 4))'),
	(10, 'ancient', 'LINESTRING M(0 0 -210866803200,1 1 -210866803199)'),
	(11, NULL, NULL);

-- Areas: the real ports, the home group, and awkward shapes
CREATE TABLE fuzz.ports (name text, role text, area geometry);
INSERT INTO fuzz.ports SELECT name, role, area FROM ports;
INSERT INTO fuzz.ports
SELECT 'home group', 'home', ST_Multi(ST_Union(area)) FROM ports WHERE role = 'home'
UNION ALL SELECT 'all ports', 'away', ST_Collect(area) FROM ports
UNION ALL SELECT 'Rajin 3857', 'away', ST_Transform(area, 3857) FROM ports WHERE name = 'Rajin'
UNION ALL SELECT 'Rajin holed', 'away', ST_Difference(area, ST_Buffer(ST_Centroid(area), 0.005)) FROM ports WHERE name = 'Rajin'
UNION ALL SELECT 'Vostochny curved', 'home', ST_Buffer(area, 0.01) FROM ports WHERE name = 'Vostochny';
INSERT INTO fuzz.ports VALUES
	('empty', 'away', 'SRID=4326;POLYGON EMPTY'),
	('world', 'away', 'SRID=4326;POLYGON((-180 -90,180 -90,180 90,-180 90,-180 -90))'),
	('bowtie', 'away', 'SRID=4326;POLYGON((130 42,133 43,133 42,130 43,130 42))'),
	('flat', 'away', 'SRID=4326;POLYGON((130 42,133 42,130 42,130 42))'),
	('point', 'away', 'SRID=4326;POINT(130.3 42.24)'),
	('line', 'away', 'SRID=4326;LINESTRING(130 42,133 43)'),
	('curve', 'away', 'SRID=4326;CURVEPOLYGON(CIRCULARSTRING(130 42,131 43,130 42))'),
	('3d', 'away', 'SRID=4326;POLYGON Z((130 42 1,133 42 1,133 43 1,130 43 1,130 42 1))'),
	('srid0', 'away', 'POLYGON((130 42,133 42,133 43,130 43,130 42))'),
	('nan', 'away', ST_SetSRID(ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(130, 42), ST_MakePoint('NaN', 42), ST_MakePoint(131, 43), ST_MakePoint(130, 42)])), 4326)),
	('empty multi', 'away', 'SRID=4326;MULTIPOLYGON(EMPTY,((130 42,133 42,133 43,130 43,130 42)))'),
	('null', 'away', NULL);

-- Arguments: intervals, numbers, times, ranges, including the edges
CREATE TABLE fuzz.params (i interval, f float8, t timestamptz, r tstzrange, m tstzmultirange);
INSERT INTO fuzz.params VALUES
	('0', 0, '2023-08-01 00:00+00', '[2023-08-01, 2024-03-01)', '{[2023-08-02, 2023-08-05), [2023-09-01, 2023-09-03]}'),
	('1 microsecond', 1e-300, '2023-08-10 12:00+00', 'empty', '{}'),
	('-1 second', -1, 'infinity', '(,)', '{(,)}'),
	('30 minutes', 100, '-infinity', '[-infinity, infinity]', '{[-infinity, 2023-08-05)}'),
	('1 day', 2000, '4713-01-01 00:00+00 BC', '[4713-01-01 BC, 294276-12-31)', '{[4713-01-01 BC, 2000-01-01), [2100-01-01, 294276-12-31)}'),
	('1 mon', 'NaN', '294276-12-31 00:00+00', '(2023-08-01, 2023-08-01 00:00:00.000001]', '{(2023-08-01, 2023-08-01 00:00:00.000001]}'),
	('1 mon -31 days', 'Infinity', '2000-01-01 00:00+00', '[2023-08-01, infinity)', '{[2023-08-01, infinity)}'),
	('-1 mon 31 days', '-Infinity', '1970-01-01 00:00+00', '(, 2023-08-01)', '{(, 2023-08-01), [2024-01-01,)}'),
	('178000000 years', 1e308, '2023-08-01 00:00+00', '[2023-08-01, 2023-08-02)', NULL),
	('-178000000 years', -0.0, NULL, NULL, '{[2023-08-01, 2023-08-01 00:00:00.000001)}'),
	('2147483647 days 2562047788:00:54.775807', 5e-324, '2023-08-01 00:00+00', '[2023-08-01, 2023-08-01]', '{[2023-08-01, 2023-08-01]}'),
	(NULL, NULL, '2023-08-15 00:00+00', '[2023-08-01, 2024-03-01)', '{[2023-08-01, 2024-03-01)}');

-- When the real ports were busy, for idle_periods
CREATE TABLE fuzz.busy AS
SELECT p.name, range_agg(tstzrange(v.arrival, v.departure, '[]')) AS busy
FROM fuzz.tracks t, ports p, maritime.port_visits(t.track, p.area) v
WHERE t.kind = 'rajin'
GROUP BY p.name;

-- Scalar wrappers of the table functions, for sqlsmith: the text forms of
-- the rows (so every output column is built and printed), or geometry
-- results that flow on into PostGIS functions
CREATE FUNCTION fuzz.port_visits(track geometry, area geometry, min_dwell interval, max_gap interval, min_absence interval)
RETURNS text LANGUAGE sql PARALLEL SAFE
RETURN (SELECT string_agg(v::text, ';') FROM maritime.port_visits(track, area, min_dwell, max_gap, min_absence) v);
CREATE FUNCTION fuzz.port_visit_count(track geometry, area geometry)
RETURNS bigint LANGUAGE sql PARALLEL SAFE
RETURN (SELECT count(*) FROM maritime.port_visits(track, area));
CREATE FUNCTION fuzz.round_trips(track geometry, home geometry, away geometry, min_dwell interval, max_gap interval, min_absence interval)
RETURNS text LANGUAGE sql PARALLEL SAFE
RETURN (SELECT string_agg(r::text, ';') FROM maritime.round_trips(track, home, away, min_dwell, max_gap, min_absence) r);
CREATE FUNCTION fuzz.round_trip_count(track geometry, home geometry, away geometry)
RETURNS bigint LANGUAGE sql PARALLEL SAFE
RETURN (SELECT count(*) FROM maritime.round_trips(track, home, away));
CREATE FUNCTION fuzz.idle_periods(busy tstzmultirange, during tstzrange, min_idle interval)
RETURNS text LANGUAGE sql PARALLEL SAFE
RETURN (SELECT string_agg(i::text, ';') FROM maritime.idle_periods(busy, during, min_idle) i);
CREATE FUNCTION fuzz.gaps(track geometry, min_gap interval)
RETURNS text LANGUAGE sql PARALLEL SAFE
RETURN (SELECT string_agg(g::text, ';') FROM maritime.gaps(track, min_gap) g);
CREATE FUNCTION fuzz.gap_points(track geometry, min_gap interval)
RETURNS geometry LANGUAGE sql PARALLEL SAFE
RETURN (SELECT ST_Collect(ST_MakeLine(g.start_point, g.end_point)) FROM maritime.gaps(track, min_gap) g);
CREATE FUNCTION fuzz.stops(track geometry, max_diameter float8, min_duration interval, max_gap interval)
RETURNS text LANGUAGE sql PARALLEL SAFE
RETURN (SELECT string_agg(s::text, ';') FROM maritime.stops(track, max_diameter, min_duration, max_gap) s);
CREATE FUNCTION fuzz.stop_locations(track geometry, max_diameter float8, min_duration interval)
RETURNS geometry LANGUAGE sql PARALLEL SAFE
RETURN (SELECT ST_Collect(s.location) FROM maritime.stops(track, max_diameter, min_duration) s);
CREATE FUNCTION fuzz.outliers(track geometry, max_speed_kn float8)
RETURNS text LANGUAGE sql PARALLEL SAFE
RETURN (SELECT string_agg(o::text, ';') FROM maritime.outliers(track, max_speed_kn) o);
CREATE FUNCTION fuzz.segments(track geometry, max_gap interval)
RETURNS text LANGUAGE sql PARALLEL SAFE
RETURN (SELECT string_agg(s::text, ';') FROM maritime.segments(track, max_gap) s);
CREATE FUNCTION fuzz.segment_collection(track geometry, max_gap interval)
RETURNS geometry LANGUAGE sql PARALLEL SAFE
RETURN (SELECT ST_Collect(s.track) FROM maritime.segments(track, max_gap) s);
CREATE FUNCTION fuzz.encounters(track_a geometry, track_b geometry, max_distance float8, min_duration interval, max_gap interval)
RETURNS text LANGUAGE sql PARALLEL SAFE
RETURN (SELECT string_agg(e::text, ';') FROM maritime.encounters(track_a, track_b, max_distance, min_duration, max_gap) e);
CREATE FUNCTION fuzz.encounter_locations(track_a geometry, track_b geometry, max_distance float8)
RETURNS geometry LANGUAGE sql PARALLEL SAFE
RETURN (SELECT ST_Collect(e.location) FROM maritime.encounters(track_a, track_b, max_distance, '0') e);

-- Views over the table functions and the aggregate (on inputs they accept),
-- so that sqlsmith's random joins, filters and limits run maritime too
CREATE VIEW fuzz.good_tracks AS
SELECT vessel, kind, track FROM fuzz.tracks
WHERE kind IN ('rajin', 'mercator', 'xyzm', 'short', 'one vertex', 'empty', 'srid0');
CREATE VIEW fuzz.good_areas AS
SELECT name, role, area FROM fuzz.ports
WHERE GeometryType(area) IN ('POLYGON', 'MULTIPOLYGON') AND name NOT IN ('nan', 'bowtie');
CREATE VIEW fuzz.visits AS
SELECT t.vessel, t.kind, a.name, v.*
FROM fuzz.good_tracks t
JOIN fuzz.good_areas a ON ST_SRID(a.area) = ST_SRID(t.track)
CROSS JOIN LATERAL maritime.port_visits(t.track, a.area, '0', '6 hours') v;
CREATE VIEW fuzz.trips AS
SELECT t.vessel, r.*
FROM fuzz.good_tracks t,
	LATERAL maritime.round_trips(t.track,
		(SELECT area FROM fuzz.ports WHERE name = 'home group'),
		(SELECT area FROM fuzz.ports WHERE name = 'Rajin'), '1 hour') r
WHERE ST_SRID(t.track) = 4326;
CREATE VIEW fuzz.dark AS
SELECT t.vessel, t.kind, g.*
FROM fuzz.good_tracks t, LATERAL maritime.gaps(t.track, '2 hours') g;
CREATE VIEW fuzz.halts AS
SELECT t.vessel, t.kind, s.*
FROM fuzz.good_tracks t, LATERAL maritime.stops(t.track, 300, '3 hours', '6 hours') s;
CREATE VIEW fuzz.cleaned AS
SELECT t.vessel, t.kind, maritime.clean_track(t.track, 30) AS track
FROM fuzz.good_tracks t;
CREATE VIEW fuzz.voyages AS
SELECT t.vessel, t.kind, s.*
FROM fuzz.good_tracks t, LATERAL maritime.segments(t.track, '6 hours') s;
CREATE VIEW fuzz.meetings AS
SELECT a.vessel AS vessel_a, b.vessel AS vessel_b, e.*
FROM fuzz.good_tracks a JOIN fuzz.good_tracks b ON a.vessel < b.vessel AND ST_SRID(a.track) = ST_SRID(b.track)
  AND b.track &&& maritime.encounter_box(a.track, 5000),
  LATERAL maritime.encounters(a.track, b.track, 5000, '0', '6 hours') e;
CREATE VIEW fuzz.idle AS
SELECT b.name, i.*
FROM fuzz.busy b, fuzz.params p, LATERAL maritime.idle_periods(b.busy, p.r, '1 day') i;
CREATE VIEW fuzz.built_tracks AS
SELECT mmsi, source, maritime.track_agg(geom, ts) AS track, count(*) AS fixes
FROM fuzz.positions GROUP BY ROLLUP (mmsi, source);

-- The functions sqlsmith may call: maritime's, the wrappers, and a few
-- dozen that make or change the arguments maritime takes.  Left out: GEOS
-- overlays and predicates (ST_Union, ST_Buffer, ST_Within, ...), ST_Distance
-- and ST_Segmentize: on whole tracks they can run far past statement_timeout
-- (ST_Union of the tracks did, for 30 s), which would stall the run in
-- PostGIS instead of fuzzing maritime.
CREATE SCHEMA fuzz_catalog;
CREATE VIEW fuzz_catalog.pg_proc AS
SELECT * FROM pg_catalog.pg_proc
WHERE pronamespace IN ('maritime'::regnamespace, 'fuzz'::regnamespace)
   OR ((pronamespace = 'public'::regnamespace AND lower(proname) IN (
	'st_makepoint', 'st_makepointm', 'st_setsrid', 'st_srid', 'st_force2d',
	'st_force3dm', 'st_force4d', 'st_reverse', 'st_addmeasure', 'st_makeline',
	'st_collect', 'st_multi', 'st_geomfromtext', 'st_geomfromewkt',
	'st_envelope', 'st_expand', 'st_makeenvelope', 'st_startpoint', 'st_endpoint',
	'st_pointn', 'st_linesubstring', 'st_scale', 'st_translate',
	'st_snaptogrid', 'st_simplify', 'st_makepolygon',
	'st_exteriorring', 'st_geometryn', 'st_m', 'st_x', 'st_npoints', 'st_astext',
	'st_isvalidtrajectory', 'st_length', 'st_area', 'st_centroid',
	'st_curvetoline', 'st_locatealong',
	'st_closestpointofapproach', 'st_transform', 'postgis_dropbbox',
	'postgis_addbbox'))
   OR (pronamespace = 'pg_catalog'::regnamespace AND proname IN (
	'count', 'min', 'max', 'range_agg', 'range_intersect_agg', 'tstzrange',
	'tstzmultirange', 'make_interval', 'justify_interval', 'justify_hours',
	'age', 'to_timestamp', 'date_trunc', 'date_part', 'extract', 'now',
	'isfinite', 'upper', 'lower', 'isempty', 'range_merge', 'float8', 'length',
	'md5', 'row_number', 'lag', 'first_value', 'abs', 'interval_mul',
	'timestamptz_pl_interval', 'timestamptz_mi', 'bool_and')))
	-- and of those, only the forms over the argument types maritime deals in
	AND proargtypes::oid[]::regtype[] <@ ARRAY['geometry', 'float8', 'int4', 'text',
		'bool', 'interval', 'timestamptz', 'tstzrange', 'tstzmultirange',
		'"any"']::regtype[];

-- (the role may be left from an earlier database of the same cluster)
DO $$ BEGIN
	CREATE ROLE maritime_fuzz LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
GRANT USAGE ON SCHEMA maritime, fuzz, fuzz_catalog TO maritime_fuzz;
GRANT SELECT ON ALL TABLES IN SCHEMA fuzz, fuzz_catalog TO maritime_fuzz;
ANALYZE;
