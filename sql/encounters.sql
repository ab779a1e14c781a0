-- maritime.encounters: the times two vessels were within max_distance of
-- each other.  Planar cases (SRID 0, metres) whose answers follow from a
-- quadratic solved by hand; times are seconds after 2024-01-01 00:00 UTC.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

CREATE FUNCTION pg_temp.enc(a text, b text, max_distance float8, min_duration interval DEFAULT '0',
                            max_gap interval DEFAULT NULL)
RETURNS TABLE(encounter int, encounter_start time, encounter_end time, duration interval,
              min_distance float8, closest_time time, location text, speed_a_kn numeric, speed_b_kn numeric)
LANGUAGE sql AS $$
  SELECT e.encounter, e.encounter_start::time, e.encounter_end::time, e.duration,
         round(e.min_distance::numeric, 9)::float8, e.closest_time::time, ST_AsText(e.location),
         round(e.speed_a_kn::numeric, 4), round(e.speed_b_kn::numeric, 4)
  FROM maritime.encounters(regress.track(a), regress.track(b), max_distance, min_duration, max_gap) e
$$;

-- crossing courses: a sails east at 1 m/s through (0 0) at 100 s, b north
-- at 0.75 m/s through it at the same time; the distance is 1.25 |s - 100|,
-- within 10 m from 92 s to 108 s; they meet at (0 0)
SELECT * FROM pg_temp.enc('-100 0 0, 100 0 200', '0 -75 0, 0 75 200', 10);
-- parallel courses 10 m apart: within 10 m all along (the boundary counts
-- as within), not within 9.99 m
SELECT * FROM pg_temp.enc('0 0 0, 100 0 100', '0 10 0, 100 10 100', 10);
SELECT count(*) FROM pg_temp.enc('0 0 0, 100 0 100', '0 10 0, 100 10 100', 9.99);
-- head-on at 1 m/s each: the distance is |2 s - 100|, within 10 m from
-- 45 s to 55 s
SELECT * FROM pg_temp.enc('0 0 0, 100 0 100', '100 0 0, 0 0 100', 10);
-- a stationary vessel: b passes 5 m off at 1 m/s; (s - 50)^2 + 25 <= 13^2
-- from 38 s to 62 s
SELECT * FROM pg_temp.enc('0 0 0, 0 0 100', '-50 5 0, 50 5 100', 13);
-- time spans that do not overlap: nothing
SELECT count(*) FROM pg_temp.enc('0 0 0, 0 0 100', '3 4 200, 3 4 300', 10);
-- overlapping only from 50 s to 100 s, 5 m apart all along: the encounter
-- runs over the observed overlap
SELECT * FROM pg_temp.enc('0 0 0, 0 0 100', '3 4 50, 3 4 150', 10);
-- a vertex inside the encounter: a turns north at (50 0) at 50 s, b waits
-- at (45 5); the distance is sqrt((s - 45)^2 + 25) before the turn and
-- sqrt(25 + (s - 55)^2) after, within 13 m from 33 s to 67 s, least
-- (5 m) at 45 s and at 55 s: the first is reported
SELECT * FROM pg_temp.enc('0 0 0, 50 0 50, 50 50 100', '45 5 0, 45 5 100', 13);
-- a dark segment (max_gap 1 hour) cuts an encounter in two: a is silent
-- from 10 s to 4000 s
SELECT * FROM pg_temp.enc('0 0 0, 1 0 10, 2 0 4000, 3 0 4010', '1.5 0 0, 1.5 0 2000, 1.5 0 4010', 5);
SELECT * FROM pg_temp.enc('0 0 0, 1 0 10, 2 0 4000, 3 0 4010', '1.5 0 0, 1.5 0 2000, 1.5 0 4010', 5, '0', '1 hour');
-- ... as does one of b
SELECT encounter, encounter_start, encounter_end
FROM pg_temp.enc('1.5 0 0, 1.5 0 2000, 1.5 0 4010', '0 0 0, 1 0 10, 2 0 4000, 3 0 4010', 5, '0', '1 hour');
-- min_duration: the two pieces last 10 s each
SELECT count(*) FROM pg_temp.enc('0 0 0, 1 0 10, 2 0 4000, 3 0 4010', '1.5 0 0, 1.5 0 2000, 1.5 0 4010', 5, '10 seconds', '1 hour');
SELECT count(*) FROM pg_temp.enc('0 0 0, 1 0 10, 2 0 4000, 3 0 4010', '1.5 0 0, 1.5 0 2000, 1.5 0 4010', 5, '10.000001 seconds', '1 hour');
-- several encounters in time order: b sails past a (at 2 m/s, 5 m off)
-- and back, within 13 m from 44 s to 56 s and from 244 s to 256 s
SELECT encounter, encounter_start, encounter_end, min_distance, closest_time
FROM pg_temp.enc('0 0 0, 0 0 400', '-100 5 0, 100 5 100, 100 -5 200, -100 -5 300', 13);
-- a one-vertex track: an instant, which lasts no time and has no speed
SELECT * FROM pg_temp.enc('0 0 50', '-50 5 0, 50 5 100', 13);
-- fixes between dark segments (max_gap 1 hour): a is seen at 0 s,
-- 5000 s and 10000 s only, b all along: three instants
SELECT encounter, encounter_start, encounter_end, duration
FROM pg_temp.enc('0 0 0, 0 0 5000, 0 0 10000', '3 4 0, 3 4 2500, 3 4 5000, 3 4 7500, 3 4 10000', 10, '0', '1 hour');
-- the order of the tracks only swaps the speeds
SELECT (SELECT array_agg(ARRAY[speed_a_kn, speed_b_kn]) FROM pg_temp.enc('-100 0 0, 100 0 200', '0 -75 0, 0 75 200', 10)) AS ab,
       (SELECT array_agg(ARRAY[speed_a_kn, speed_b_kn]) FROM pg_temp.enc('0 -75 0, 0 75 200', '-100 0 0, 100 0 200', 10)) AS ba;
-- XYZM is read as XYM, Z ignored; the SRID is kept
SELECT ST_AsEWKT(location), min_distance
FROM maritime.encounters('SRID=3857;LINESTRING ZM(0 0 9 1704067200, 100 0 9 1704067300)',
                         'SRID=3857;LINESTRING ZM(0 3 1 1704067200, 100 3 1 1704067300)', 5, '0');

-- Agreement with PostGIS: on 40 pairs of random planar tracks over the
-- same hour, where the closest approach of the whole overlap
-- (ST_ClosestPointOfApproach) falls inside an encounter, the encounter's
-- min_distance is ST_DistanceCPA
SELECT setseed(0.31);
CREATE TEMP TABLE cpa_pairs AS
SELECT k, (SELECT ST_MakeLine(ST_MakePointM(500 * random(), 500 * random(), 1704067200 + 600 * i) ORDER BY i)
           FROM generate_series(0, 6) i WHERE k > 0) AS a,
          (SELECT ST_MakeLine(ST_MakePointM(500 * random(), 500 * random(), 1704067200 + 300 + 600 * i) ORDER BY i)
           FROM generate_series(0, 5) i WHERE k > 0) AS b
FROM generate_series(1, 40) k;
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE e.encounter IS NOT NULL) AS cpa_inside_an_encounter,
       count(*) FILTER (WHERE abs(e.min_distance - ST_DistanceCPA(p.a, p.b)) < 1e-6) AS same_distance,
       count(*) FILTER (WHERE abs(extract(epoch FROM e.closest_time) - ST_ClosestPointOfApproach(p.a, p.b)) < 1e-3) AS same_time
FROM cpa_pairs p
LEFT JOIN LATERAL (SELECT * FROM maritime.encounters(p.a, p.b, 150, '0') e
                   WHERE extract(epoch FROM e.encounter_start) <= ST_ClosestPointOfApproach(p.a, p.b)
                     AND ST_ClosestPointOfApproach(p.a, p.b) <= extract(epoch FROM e.encounter_end)) e ON true;

-- Geographic SRIDs: metres on the sphere.  Two ships near 60 N cross, at
-- 5.4 kn and 12 kn, 103 m apart at the closest; the distances at each returned start and end (from the
-- positions PostGIS interpolates, by haversine) are max_distance within
-- 1 cm, and min_distance is within 1 cm of a search at 1 s steps refined
-- at 1 ms steps around its best second
CREATE TEMP TABLE geo_pairs AS
SELECT d, ST_SetSRID(ST_MakeLine(ST_MakePointM(5.00, 60.00, 1704067200), ST_MakePointM(5.18, 60.00, 1704070800)), 4326) AS a,
       ST_SetSRID(ST_MakeLine(ARRAY[ST_MakePointM(5.09, 59.90, 1704067200), ST_MakePointM(5.092, 60.00, 1704069000),
                                   ST_MakePointM(5.10, 60.10, 1704070800)]), 4326) AS b
FROM (VALUES (200::float8), (500), (1500)) v(d);
CREATE FUNCTION pg_temp.gap_m(a geometry, b geometry, t float8) RETURNS float8
LANGUAGE sql AS $$
  SELECT regress.distance(ST_X(pa), ST_Y(pa), ST_X(pb), ST_Y(pb), true)
  FROM (SELECT ST_GeometryN(ST_LocateAlong(a, t), 1) AS pa, ST_GeometryN(ST_LocateAlong(b, t), 1) AS pb) s
$$;
CREATE TEMP TABLE geo_enc AS
SELECT g.d, g.a, g.b, e.* FROM geo_pairs g, maritime.encounters(g.a, g.b, g.d, '0') e;
SELECT d, encounter, encounter_start, encounter_end, round(min_distance::numeric, 3) AS min_distance, closest_time,
       round(speed_a_kn::numeric, 2) AS speed_a_kn, round(speed_b_kn::numeric, 2) AS speed_b_kn,
       abs(pg_temp.gap_m(a, b, extract(epoch FROM encounter_start)::float8) - d) < 0.01 AS start_at_d,
       abs(pg_temp.gap_m(a, b, extract(epoch FROM encounter_end)::float8) - d) < 0.01 AS end_at_d
FROM geo_enc ORDER BY d, encounter;
SELECT e.d, abs(e.min_distance - r.brute) < 0.01 AS min_within_1_cm
FROM geo_enc e, LATERAL (
  SELECT min(pg_temp.gap_m(e.a, e.b, s.best + ms / 1000.0)) AS brute
  FROM (SELECT t::float8 AS best FROM generate_series(1704067200, 1704070800) t
        ORDER BY pg_temp.gap_m(e.a, e.b, t) LIMIT 1) s,
       generate_series(-2000, 2000) ms) r
ORDER BY e.d;

-- Bad input: 22023 naming the argument
SELECT regress.error_of($$SELECT * FROM maritime.encounters('SRID=4326;LINESTRING M(0 0 0, 1 1 60)', 'SRID=3857;LINESTRING M(0 0 0, 1 1 60)', 10, '0')$$);
SELECT regress.error_of($$SELECT * FROM maritime.encounters('LINESTRING M(0 0 0, 1 1 60)', 'SRID=4326;LINESTRING M(0 0 0, 1 1 60)', 10, '0')$$);
SELECT v AS max_distance, regress.error_of(format('SELECT * FROM maritime.encounters(regress.track(''0 0 0''), regress.track(''0 0 0''), %L, ''0'')', v))
FROM (VALUES ('0'), ('-0'), ('-1'), ('NaN'), ('Infinity'), ('-Infinity')) v(v);
SELECT regress.error_of($$SELECT * FROM maritime.encounters(regress.track('0 0 0'), regress.track('0 0 0'), 10, '-1 second')$$);
SELECT g AS max_gap, regress.error_of(format('SELECT * FROM maritime.encounters(regress.track(''0 0 0''), regress.track(''0 0 0''), 10, ''0'', %L)', g))
FROM (VALUES ('0'), ('-1 hour'), ('1 mon -30 days')) v(g);
-- the arguments are checked even with a NULL track
SELECT regress.error_of($$SELECT * FROM maritime.encounters(NULL, NULL, 'NaN', '0')$$);
SELECT t AS track, regress.error_of(format('SELECT * FROM maritime.encounters(%L, regress.track(''0 0 0''), 10, ''0'')', t))
FROM (VALUES ('POINT M(1 1 1)'), ('LINESTRING(0 0,1 1)'), ('LINESTRING M(0 0 10,1 1 10)')) v(t);
SELECT regress.error_of($$SELECT * FROM maritime.encounters(regress.track('0 0 0'), 'LINESTRING M(0 0 10,1 1 5)', 10, '0')$$);
-- NULL tracks, max_distance or min_duration: no rows; NULL max_gap:
-- nothing is dark; empty tracks: no rows
SELECT count(*) FROM maritime.encounters(NULL, regress.track('0 0 0'), 10, '0');
SELECT count(*) FROM maritime.encounters(regress.track('0 0 0'), NULL, 10, '0');
SELECT count(*) FROM maritime.encounters(regress.track('0 0 0'), regress.track('0 0 0'), NULL, '0');
SELECT count(*) FROM maritime.encounters(regress.track('0 0 0'), regress.track('0 0 0'), 10, NULL);
SELECT count(*) FROM maritime.encounters(regress.track('0 0 0, 0 0 10000'), regress.track('0 0 0, 0 0 10000'), 10, '0', NULL);
SELECT count(*) FROM maritime.encounters('LINESTRING M EMPTY', regress.track('0 0 0'), 10, '0');
