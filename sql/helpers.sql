-- Helpers the other tests share, in a schema of their own
CREATE SCHEMA regress;

-- Runs a statement and shows the SQLSTATE and message it fails with
CREATE FUNCTION regress.error_of(statement text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE statement;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- A track (SRID 0) from "x y seconds" triples; seconds count from
-- 2024-01-01 00:00 UTC (epoch 1704067200)
CREATE FUNCTION regress.track(xys text) RETURNS geometry
LANGUAGE sql AS $$
  SELECT ST_MakeLine(ST_MakePointM(p[1]::float8, p[2]::float8, 1704067200 + p[3]::float8) ORDER BY n)
  FROM regexp_split_to_table(xys, ',\s*') WITH ORDINALITY AS v(triple, n),
       regexp_split_to_array(trim(triple), '\s+') AS p
$$;

-- The distance between two fixes: haversine metres on the sphere of
-- radius 6371008.8 m for SRID 4326, planar units otherwise
CREATE FUNCTION regress.distance(x1 float8, y1 float8, x2 float8, y2 float8, geographic boolean)
RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN geographic THEN
           2 * 6371008.8 * asin(sqrt(least(1.0,
             sin(radians(y2 - y1) / 2) ^ 2 +
             cos(radians(y1)) * cos(radians(y2)) * sin(radians(x2 - x1) / 2) ^ 2)))
         ELSE sqrt((x2 - x1) ^ 2 + (y2 - y1) ^ 2) END
$$;

-- Is the speed implied between two fixes at most max_speed_kn (1 kn is
-- 1852 m an hour)?
CREATE FUNCTION regress.consistent(x1 float8, y1 float8, m1 float8, x2 float8, y2 float8, m2 float8,
                                   geographic boolean, max_speed_kn float8)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT regress.distance(x1, y1, x2, y2, geographic) * 3600 <= max_speed_kn * 1852 * (m2 - m1)
$$;

SELECT regress.error_of('SELECT 1/0');
SELECT ST_AsText(regress.track('1 2 0, 3 4 60.5'));
SELECT round(regress.distance(10, 60, 10, 61, true)::numeric, 3) AS one_degree_of_latitude,
       regress.distance(0, 0, 3, 4, false) AS planar,
       regress.consistent(0, 0, 0, 1852, 0, 3600, false, 1) AS at_1_kn;
