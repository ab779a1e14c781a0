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

SELECT regress.error_of('SELECT 1/0');
SELECT ST_AsText(regress.track('1 2 0, 3 4 60.5'));
