-- Installing: CREATE EXTENSION maritime CASCADE brings PostGIS along.
SET client_min_messages = warning;
CREATE EXTENSION maritime CASCADE;
RESET client_min_messages;

SELECT e.extname, n.nspname, e.extrelocatable
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname IN ('postgis', 'maritime')
ORDER BY 1;

-- Every function: its volatility, strictness, parallel safety and a comment;
-- none is SECURITY DEFINER.
SELECT p.oid::regprocedure AS function, p.prokind, p.provolatile, p.proisstrict,
       p.proparallel, p.prosecdef,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS has_comment
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'maritime'
ORDER BY p.oid::regprocedure::text;

-- The aggregate is parallel-capable: combine, serialize and deserialize.
SELECT aggfnoid::regprocedure, aggtransfn, aggfinalfn, aggcombinefn,
       aggserialfn, aggdeserialfn, aggtranstype::regtype, aggtransspace,
       aggfinalmodify
FROM pg_aggregate WHERE aggfnoid::regproc::text LIKE 'maritime.%';
