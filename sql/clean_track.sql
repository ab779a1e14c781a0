-- maritime.clean_track and maritime.outliers: the longest chain of
-- consistent fixes (implied speed at most max_speed_kn) and the fixes it
-- leaves out.  Hand-made planar cases (SRID 0, metres), a property test
-- against a brute-force search on random tracks, the SPEC's named cases at
-- full size, and bad input.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- Brute force, O(n^2): the vertex numbers of the longest chain, and of the
-- longest chains the one with the earliest first fix, then second, ...
-- (r[i] is the longest chain starting at vertex i)
CREATE FUNCTION regress.longest_chain(track geometry, max_speed_kn float8)
RETURNS int[] LANGUAGE plpgsql AS $$
DECLARE
  xs float8[]; ys float8[]; ms float8[]; r int[]; chain int[] := '{}';
  n int; i int; j int; cur int; need int;
  geo boolean := ST_SRID(track) = 4326;
BEGIN
  SELECT array_agg(ST_X(d.geom) ORDER BY d.path), array_agg(ST_Y(d.geom) ORDER BY d.path),
         array_agg(ST_M(d.geom) ORDER BY d.path)
  INTO xs, ys, ms FROM ST_DumpPoints(track) d;
  n := coalesce(cardinality(xs), 0);
  IF n = 0 THEN RETURN chain; END IF;
  r := array_fill(1, ARRAY[n]);
  FOR i IN REVERSE n..1 LOOP
    FOR j IN i + 1..n LOOP
      IF r[j] >= r[i] AND regress.consistent(xs[i], ys[i], ms[i], xs[j], ys[j], ms[j], geo, max_speed_kn) THEN
        r[i] := r[j] + 1;
      END IF;
    END LOOP;
  END LOOP;
  SELECT max(v) INTO need FROM unnest(r) v;
  FOR i IN 1..n LOOP
    IF r[i] = need AND (cur IS NULL OR
        regress.consistent(xs[cur], ys[cur], ms[cur], xs[i], ys[i], ms[i], geo, max_speed_kn)) THEN
      chain := chain || i; cur := i; need := need - 1;
    END IF;
  END LOOP;
  RETURN chain;
END $$;

-- The vertex numbers of the fixes that clean_track keeps
CREATE FUNCTION regress.kept_vertices(track geometry, max_speed_kn float8)
RETURNS int[] LANGUAGE sql AS $$
  SELECT coalesce(array_agg(d.path[1] ORDER BY d.path[1]), '{}')
  FROM ST_DumpPoints(track) d
  WHERE ST_M(d.geom) IN (SELECT ST_M(k.geom) FROM ST_DumpPoints(maritime.clean_track(track, max_speed_kn)) k)
$$;

-- A random track of n fixes: a ship at 5 m/s (9.7 kn) turning at random,
-- 1 to 120 s between fixes, with the kind of bad fixes asked for: spikes
-- (6 %, up to 50 km off), stuck runs (1 to 25 fixes at one point up to
-- 10 km off), a second transmitter (40 % of the fixes, another ship up to
-- 20 km away), or all of them.  Planar metres, or SRID 4326 near 60 N.
-- Call setseed() first.
CREATE FUNCTION regress.random_track(n int, kind text, geo boolean)
RETURNS geometry LANGUAGE plpgsql AS $$
DECLARE
  pts geometry[] := '{}';
  x float8 := 0; y float8 := 0; heading float8 := random() * 6.28;
  ox float8 := (random() - 0.5) * 40000; oy float8 := (random() - 0.5) * 40000;
  t float8 := 0; dt float8; px float8; py float8; sx float8; sy float8;
  stuck_left int := 0;
BEGIN
  FOR i IN 1..n LOOP
    dt := 1 + floor(random() * 120);
    t := t + dt;
    heading := heading + (random() - 0.5) * 0.6;
    x := x + 5 * cos(heading) * dt;
    y := y + 5 * sin(heading) * dt;
    px := x; py := y;
    IF kind IN ('spikes', 'mixed') AND random() < 0.06 THEN
      px := x + (random() - 0.5) * 100000; py := y + (random() - 0.5) * 100000;
    END IF;
    IF kind IN ('stuck', 'mixed') THEN
      IF stuck_left = 0 AND random() < 0.03 THEN
        stuck_left := 1 + floor(random() * 25);
        sx := x + (random() - 0.5) * 20000; sy := y + (random() - 0.5) * 20000;
      END IF;
      IF stuck_left > 0 THEN px := sx; py := sy; stuck_left := stuck_left - 1; END IF;
    END IF;
    IF kind IN ('two', 'mixed') AND random() < 0.4 THEN
      ox := ox + (random() - 0.5) * 400; oy := oy + (random() - 0.5) * 400;
      px := ox; py := oy;
    END IF;
    pts := pts || CASE WHEN geo THEN ST_MakePointM(10 + px / 55800.0, 60 + py / 111200.0, 1704067200 + t)
                       ELSE ST_MakePointM(px, py, 1704067200 + t) END;
  END LOOP;
  RETURN ST_SetSRID(ST_MakeLine(pts), CASE WHEN geo THEN 4326 ELSE 0 END);
END $$;

------------------------------------------------------------------------
-- By hand, at 10 kn (5.144 m/s); the good fixes move 300 m a minute
-- (9.7 kn)
------------------------------------------------------------------------

-- a single spike: left out; from the fix before it, 6,862 m in 60 s
SELECT ST_AsText(maritime.clean_track(regress.track('0 0 0, 300 0 60, 5000 5000 120, 900 0 180, 1200 0 240'), 10));
SELECT fix_time, ST_AsText(location), round(implied_speed_kn::numeric, 3) AS implied_speed_kn
FROM maritime.outliers(regress.track('0 0 0, 300 0 60, 5000 5000 120, 900 0 180, 1200 0 240'), 10);
-- a bad first fix: no kept fix before it, so no implied speed
SELECT ST_AsText(maritime.clean_track(regress.track('9000 9000 0, 0 0 60, 300 0 120, 600 0 180'), 10));
SELECT fix_time, ST_AsText(location), implied_speed_kn
FROM maritime.outliers(regress.track('9000 9000 0, 0 0 60, 300 0 120, 600 0 180'), 10);
-- a bad last fix
SELECT ST_AsText(maritime.clean_track(regress.track('0 0 0, 300 0 60, 600 0 120, 9000 9000 180'), 10));
-- a stuck run of 3 fixes at one point 20 km away: consistent among
-- themselves, but the ship's 5 fixes are more
SELECT ST_AsText(maritime.clean_track(regress.track('0 0 0, 300 0 60, 20000 0 120, 20000 0 180, 20000 0 240, 1500 0 300, 1800 0 360'), 10));
-- two transmitters interleaved, 3 km apart: the one with more fixes stays
SELECT ST_AsText(maritime.clean_track(regress.track('0 0 0, 0 3000 30, 300 0 60, 300 3000 90, 600 0 120, 900 0 180'), 10));
-- ties: of the longest chains, the one whose fixes come first.  Two fixes
-- that cannot both be right: the first stays ...
SELECT ST_AsText(maritime.clean_track(regress.track('0 0 0, 9000 0 60'), 10));
-- ... equal transmitters: the one heard first stays
SELECT ST_AsText(maritime.clean_track(regress.track('0 0 0, 0 3000 30, 300 0 60, 300 3000 90'), 10));
-- ... the spike at 60 s or the fix at 120 s: each fits between the others
-- (0 0 0 and 500 0 180), but not with each other
SELECT ST_AsText(maritime.clean_track(regress.track('0 0 0, 100 250 60, 400 -250 120, 500 0 180'), 10));
-- exactly max_speed_kn is consistent: 1852 m in an hour at 1 kn
SELECT ST_NPoints(maritime.clean_track(regress.track('0 0 0, 1852 0 3600'), 1)) AS at_1_kn,
       ST_NPoints(maritime.clean_track(regress.track('0 0 0, 1852.001 0 3600'), 1)) AS above_1_kn;
-- the default is 50 kn: 25.72 m/s
SELECT ST_NPoints(maritime.clean_track(regress.track('0 0 0, 25.7 0 1'))) AS at_49_9_kn,
       ST_NPoints(maritime.clean_track(regress.track('0 0 0, 25.8 0 1'))) AS at_50_2_kn;
-- geographic SRIDs: metres on the sphere; 0.1 degree of latitude in an
-- hour is 6.0 kn
SELECT ST_AsText(maritime.clean_track('SRID=4326;LINESTRING M(10 60 1704067200, 10 60.1 1704070800)', 6.1)) AS at_6_1_kn,
       ST_AsText(maritime.clean_track('SRID=4326;LINESTRING M(10 60 1704067200, 10 60.1 1704070800)', 5.9)) AS at_5_9_kn;
SELECT round(implied_speed_kn::numeric, 6) AS knots
FROM maritime.outliers('SRID=4326;LINESTRING M(10 60 1704067200, 10 60.1 1704070800)', 5.9);
-- one fix, and an empty track: nothing to remove
SELECT ST_AsText(maritime.clean_track(regress.track('5 5 0'), 10)),
       ST_AsText(maritime.clean_track('LINESTRING M EMPTY', 10));
SELECT count(*) FROM maritime.outliers('LINESTRING M EMPTY', 10);
-- a track with nothing to remove comes back as it was, XYZM included; a
-- track with an outlier comes back as LINESTRING M in its SRID, Z dropped
SELECT ST_AsText(maritime.clean_track('SRID=3857;LINESTRING ZM(0 0 7 1704067200, 300 0 8 1704067260)', 10));
SELECT ST_AsEWKT(maritime.clean_track('SRID=3857;LINESTRING ZM(0 0 7 1704067200, 300 0 8 1704067260, 9000 0 9 1704067320)', 10));

------------------------------------------------------------------------
-- Property test: 300 random tracks of 2 to 250 fixes (a fifth in SRID
-- 4326) and speed limits of 10 to 59 kn, against the brute force: the
-- same number of fixes, and the very same fixes (the tie rule)
------------------------------------------------------------------------
SELECT setseed(0.25);
CREATE TEMP TABLE random_tracks AS
SELECT k, kind, geo, max_speed_kn, regress.random_track(n, kind, geo) AS track
FROM (SELECT k, (ARRAY['spikes', 'stuck', 'two', 'mixed'])[1 + k % 4] AS kind, k % 5 = 0 AS geo,
             10 + floor(random() * 50) AS max_speed_kn, 2 + floor(random() * 249)::int AS n
      FROM generate_series(1, 300) k) s;
SELECT kind, geo, count(*) AS tracks, sum(ST_NPoints(track)) AS fixes,
       sum(ST_NPoints(track) - ST_NPoints(maritime.clean_track(track, max_speed_kn))) AS removed,
       count(*) FILTER (WHERE cardinality(regress.longest_chain(track, max_speed_kn)) =
                              ST_NPoints(maritime.clean_track(track, max_speed_kn))) AS longest,
       count(*) FILTER (WHERE regress.longest_chain(track, max_speed_kn) =
                              regress.kept_vertices(track, max_speed_kn)) AS same_fixes
FROM random_tracks GROUP BY kind, geo ORDER BY kind, geo;
-- many ties: fixes an hour apart on a 6 x 6 grid of nautical miles, at 1
-- to 4 kn, so that many pairs are exactly at the limit
SELECT setseed(0.7);
CREATE TEMP TABLE grid_tracks AS
SELECT k, 1 + k % 4 AS max_speed_kn,
       (SELECT ST_MakeLine(ST_MakePointM(1852 * floor(random() * 6), 1852 * floor(random() * 6), 1704067200 + 3600 * i) ORDER BY i)
        FROM generate_series(1, 2 + k % 60) i WHERE k > 0) AS track
FROM generate_series(1, 200) k;
SELECT count(*) AS tracks, sum(ST_NPoints(track) - ST_NPoints(maritime.clean_track(track, max_speed_kn))) AS removed,
       count(*) FILTER (WHERE regress.longest_chain(track, max_speed_kn) =
                              regress.kept_vertices(track, max_speed_kn)) AS same_fixes
FROM grid_tracks;
-- every clean track is consistent from fix to fix, and outliers lists
-- exactly the fixes it left out
SELECT count(*) AS tracks,
       count(*) FILTER (WHERE NOT EXISTS (
         SELECT FROM (SELECT ST_X(geom) x, ST_Y(geom) y, ST_M(geom) m,
                             lag(ST_X(geom)) OVER w px, lag(ST_Y(geom)) OVER w py, lag(ST_M(geom)) OVER w pm
                      FROM ST_DumpPoints(maritime.clean_track(track, max_speed_kn)) WINDOW w AS (ORDER BY path)) c
         WHERE NOT regress.consistent(px, py, pm, x, y, m, geo, max_speed_kn))) AS consistent,
       count(*) FILTER (WHERE (SELECT array_agg(ST_M(d.geom) ORDER BY ST_M(d.geom)) FROM ST_DumpPoints(track) d
                               WHERE ST_M(d.geom) NOT IN (SELECT ST_M(k.geom) FROM ST_DumpPoints(maritime.clean_track(track, max_speed_kn)) k))
                              IS NOT DISTINCT FROM
                              (SELECT array_agg(extract(epoch FROM o.fix_time)::float8 ORDER BY o.fix_time)
                               FROM maritime.outliers(track, max_speed_kn) o)) AS outliers_listed
FROM random_tracks;

------------------------------------------------------------------------
-- The SPEC's cases at full size, in SRID 4326: a ship sailing east along
-- 60 N from 5 E at 5 m/s (9.7 kn), a fix every 10 s for 4.6 days
------------------------------------------------------------------------
CREATE TEMP TABLE ship AS
SELECT i, 1704067200 + i * 10 AS m, 5 + i * 50 / 55800.0 AS lon, 60.0 AS lat
FROM generate_series(1, 40000) i;
CREATE FUNCTION pg_temp.track_with(bad int[], bad_lon float8[], bad_lat float8[]) RETURNS geometry
LANGUAGE sql AS $$
  SELECT ST_SetSRID(ST_MakeLine(ST_MakePointM(coalesce(b.lon, s.lon), coalesce(b.lat, s.lat), s.m) ORDER BY s.i), 4326)
  FROM ship s LEFT JOIN unnest(bad, bad_lon, bad_lat) b(i, lon, lat) USING (i)
$$;
CREATE TEMP TABLE named (name text, bad int[], track geometry);
-- a single spike, 20 km north
INSERT INTO named SELECT 'single spike', ARRAY[20000], pg_temp.track_with(ARRAY[20000], ARRAY[5 + 20000 * 50 / 55800.0], ARRAY[60.18]);
-- 10,000 bad fixes in a row at (0, 0), the commonest junk position, 6,700 km away
INSERT INTO named SELECT 'run of 10,000 at (0, 0)', array_agg(i), pg_temp.track_with(array_agg(i), array_agg(0::float8), array_agg(0::float8))
FROM generate_series(15001, 25000) i;
-- 10,000 bad fixes in a row, each somewhere else in the southern
-- hemisphere (7,700 km or more from the ship: 83 hours at 50 kn, while the
-- run lasts 28)
SELECT setseed(0.5);
INSERT INTO named SELECT 'run of 10,000 scattered', array_agg(i), pg_temp.track_with(array_agg(i), array_agg(lon), array_agg(lat))
FROM (SELECT i, random() * 360 - 180 AS lon, -10 - random() * 70 AS lat FROM generate_series(15001, 25000) i) s;
-- a second transmitter on every third fix: another ship 30 km south
INSERT INTO named SELECT 'second transmitter', array_agg(i), pg_temp.track_with(array_agg(i), array_agg(4 + i * 40 / 55800.0), array_agg(59.73::float8))
FROM generate_series(3, 40000, 3) i;
-- a bad first fix at (0, 0), and a bad last fix back near the start
INSERT INTO named SELECT 'bad first fix', ARRAY[1], pg_temp.track_with(ARRAY[1], ARRAY[0::float8], ARRAY[0::float8]);
INSERT INTO named SELECT 'bad last fix', ARRAY[40000], pg_temp.track_with(ARRAY[40000], ARRAY[5.2::float8], ARRAY[60.5::float8]);
SELECT n.name, cardinality(n.bad) AS bad_fixes, ST_NPoints(c.track) AS kept,
       ST_NPoints(c.track) = 40000 - cardinality(n.bad) AS all_good_kept,
       (SELECT array_agg((extract(epoch FROM o.fix_time)::int - 1704067200) / 10 ORDER BY o.fix_time)
        FROM maritime.outliers(n.track) o) = n.bad AS outliers_are_the_bad_fixes
FROM named n, LATERAL (SELECT maritime.clean_track(n.track) AS track) c
ORDER BY n.name;
-- the speeds outliers reports: from the last good fix before each
SELECT n.name, fix_time, round(implied_speed_kn::numeric, 1) AS implied_speed_kn
FROM named n, maritime.outliers(n.track) o
WHERE n.name IN ('single spike', 'bad first fix', 'bad last fix') ORDER BY n.name;
-- a clean track comes back as it was, byte for byte
SELECT ST_AsEWKB(maritime.clean_track(t)) = ST_AsEWKB(t) AS same_ewkb,
       pg_column_size(maritime.clean_track(t)) = pg_column_size(t) AS same_size,
       ST_AsEWKB(maritime.clean_track(t, 9)) = ST_AsEWKB(t) AS same_at_9_kn
FROM (SELECT pg_temp.track_with('{}', '{}', '{}') AS t) s;

------------------------------------------------------------------------
-- Bad input
------------------------------------------------------------------------

-- max_speed_kn must be finite and positive (22023)
SELECT v AS max_speed_kn, regress.error_of(format('SELECT maritime.clean_track(regress.track(''0 0 0''), %L)', v)) AS clean_track,
       regress.error_of(format('SELECT * FROM maritime.outliers(regress.track(''0 0 0''), %L)', v)) AS outliers
FROM (VALUES ('0'), ('-0'), ('-1'), ('NaN'), ('Infinity'), ('-Infinity')) v(v);
-- the smallest positive and the largest finite speed are fine
SELECT ST_NPoints(maritime.clean_track(regress.track('0 0 0, 0 0 60, 1 0 120'), 5e-324)) AS tiny,
       ST_NPoints(maritime.clean_track(regress.track('0 0 0, 1e300 0 1'), 1.7976931348623157e308)) AS huge;
-- STRICT: NULL track or speed gives NULL, or no rows
SELECT maritime.clean_track(NULL) IS NULL AS null_track,
       maritime.clean_track(regress.track('0 0 0'), NULL) IS NULL AS null_speed;
SELECT count(*) FROM maritime.outliers(NULL);
SELECT count(*) FROM maritime.outliers(regress.track('0 0 0'), NULL);
-- the track must be a LINESTRING M with strictly increasing M (22023)
SELECT t AS track, regress.error_of(format('SELECT maritime.clean_track(%L)', t)) AS clean_track,
       regress.error_of(format('SELECT * FROM maritime.outliers(%L)', t)) AS outliers
FROM (VALUES ('POINT M(1 1 1)'), ('LINESTRING(0 0,1 1)'), ('LINESTRING M(0 0 10,1 1 10)')) v(t);
