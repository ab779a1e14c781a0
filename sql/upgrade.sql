-- Upgrading: 1.0, then ALTER EXTENSION maritime UPDATE, must give the very
-- catalogue of a fresh install of the default version: every function and
-- aggregate with its signature, result, volatility, strictness, parallel
-- safety, cost, support functions, final-function modify flag and comment.
SET client_min_messages = warning;
SET timezone = 'UTC';

-- Everything the extension owns, one row per object and property
CREATE FUNCTION pg_temp.catalogue()
RETURNS TABLE(object text, property text, value text)
LANGUAGE sql AS $$
  WITH member AS (
    SELECT d.classid, d.objid, d.objsubid
    FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
    WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e'
      AND e.extname = 'maritime'
  )
  SELECT pg_catalog.pg_describe_object(classid, objid, objsubid), 'member', ''
  FROM member
  UNION ALL
  SELECT p.oid::regprocedure::text, x.property, x.value
  FROM member m JOIN pg_catalog.pg_proc p ON m.classid = 'pg_catalog.pg_proc'::regclass AND p.oid = m.objid,
  LATERAL (VALUES
    ('kind', p.prokind::text),
    ('arguments', pg_catalog.pg_get_function_arguments(p.oid)),
    ('result', pg_catalog.pg_get_function_result(p.oid)),
    ('volatility', p.provolatile::text),
    ('strict', p.proisstrict::text),
    ('parallel', p.proparallel::text),
    ('security definer', p.prosecdef::text),
    ('leakproof', p.proleakproof::text),
    ('cost', p.procost::text),
    ('rows', p.prorows::text),
    ('support', p.prosupport::text),
    ('language', (SELECT lanname FROM pg_catalog.pg_language WHERE oid = p.prolang)),
    ('symbol', p.prosrc),
    ('library', p.probin),
    ('settings', p.proconfig::text),
    ('comment', pg_catalog.obj_description(p.oid, 'pg_proc'))) x(property, value)
  UNION ALL
  SELECT a.aggfnoid::regprocedure::text, x.property, x.value
  FROM member m JOIN pg_catalog.pg_aggregate a ON m.classid = 'pg_catalog.pg_proc'::regclass AND a.aggfnoid = m.objid,
  LATERAL (VALUES
    ('aggregate kind', a.aggkind::text),
    ('transition', a.aggtransfn::regprocedure::text),
    ('final', a.aggfinalfn::text),
    ('final extra', a.aggfinalextra::text),
    ('final modify', a.aggfinalmodify::text),
    ('combine', a.aggcombinefn::text),
    ('serialize', a.aggserialfn::text),
    ('deserialize', a.aggdeserialfn::text),
    ('moving transition', a.aggmtransfn::text),
    ('sort operator', a.aggsortop::text),
    ('state type', a.aggtranstype::regtype::text),
    ('state space', a.aggtransspace::text),
    ('initial value', a.agginitval)) x(property, value)
$$;

DROP EXTENSION maritime;
CREATE EXTENSION maritime VERSION '1.0';
SELECT extversion FROM pg_extension WHERE extname = 'maritime';
-- what changes from 1.0 to the default version
CREATE TEMP TABLE v1_0 AS SELECT * FROM pg_temp.catalogue();
ALTER EXTENSION maritime UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'maritime';
CREATE TEMP TABLE updated AS SELECT * FROM pg_temp.catalogue();
WITH before AS (SELECT DISTINCT object FROM v1_0 WHERE property <> 'member'),
     after AS (SELECT DISTINCT object FROM updated WHERE property <> 'member')
SELECT object, 'added' AS change FROM (SELECT * FROM after EXCEPT SELECT * FROM before) s
UNION ALL
SELECT object, 'removed' FROM (SELECT * FROM before EXCEPT SELECT * FROM after) s
UNION ALL
SELECT object, 'changed: ' || string_agg(property, ', ' ORDER BY property)
FROM (SELECT * FROM updated EXCEPT SELECT * FROM v1_0) d
WHERE object IN (SELECT object FROM before) AND object IN (SELECT object FROM after)
GROUP BY object
ORDER BY 1, 2;
-- the update's answers come from the new library
SELECT ST_AsText(maritime.track_agg(geom, ts))
FROM (VALUES ('POINT(1 2)'::geometry, '2024-01-01'::timestamptz), ('POINT(3 4)', '2024-01-01 00:01')) v(geom, ts);

-- a fresh install of the default version: the same catalogue, to the row
DROP EXTENSION maritime;
CREATE EXTENSION maritime;
CREATE TEMP TABLE fresh AS SELECT * FROM pg_temp.catalogue();
SELECT count(*) FILTER (WHERE property = 'member') AS objects, count(*) AS properties FROM fresh;
SELECT 'updated only' AS side, * FROM (SELECT * FROM updated EXCEPT SELECT * FROM fresh) s
UNION ALL
SELECT 'fresh only', * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM updated) s
ORDER BY 1, 2, 3;
-- every released version can be reached: the update paths to the default
SELECT source, target, path FROM pg_extension_update_paths('maritime')
WHERE path IS NOT NULL ORDER BY source, target;
