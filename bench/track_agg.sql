-- Section track_agg: track_agg against the floor (a plain aggregate over
-- the same rows) and against the usual PostGIS way of building the same
-- track, on pos (data_pos.sql).
\echo == track_agg
SET client_min_messages = warning;
CALL bench.add('track_agg', 'a', 'floor: count(geom), max(ts)',
	$q$SELECT vessel, count(geom), max(ts) FROM pos GROUP BY vessel$q$);
CALL bench.add('track_agg', 'b', 'maritime.track_agg',
	$q$SELECT vessel, maritime.track_agg(geom, ts) FROM pos GROUP BY vessel$q$);
CALL bench.add('track_agg', 'c', 'ST_MakeLine(ST_MakePointM ORDER BY ts)',
	$q$SELECT vessel, ST_MakeLine(ST_MakePointM(ST_X(geom), ST_Y(geom), extract(epoch from ts)) ORDER BY ts) FROM pos GROUP BY vessel$q$);
CALL bench.target('track_agg', 'b', 'a', '<=', 2.0);
CALL bench.target('track_agg', 'c', 'b', '>=', 4.0);
CALL bench.run('track_agg', :repeats);

-- The two ways must give the same tracks.  ST_MakePointM has SRID 0, so
-- the PostGIS line gets the points' SRID before comparing.  "bytes" is the
-- stricter check that the stored values are identical.
WITH b AS (
	SELECT vessel, maritime.track_agg(geom, ts) AS t FROM pos GROUP BY vessel
), c AS (
	SELECT vessel, ST_SetSRID(ST_MakeLine(ST_MakePointM(ST_X(geom), ST_Y(geom),
		   extract(epoch from ts)) ORDER BY ts), 4326) AS t
	FROM pos GROUP BY vessel
), cmp AS (
	SELECT count(*) AS vessels,
		   count(*) FILTER (WHERE b.t = c.t) AS equal,
		   count(*) FILTER (WHERE b.t::bytea = c.t::bytea) AS bytes,
		   sum(ST_NPoints(b.t)) AS points
	FROM b FULL JOIN c USING (vessel)
)
SELECT format('sanity: track_agg = ST_MakeLine for %s of %s vessels (byte-identical: %s, %s points): %s',
			  equal, vessels, bytes, points,
			  CASE WHEN equal = vessels THEN 'OK' ELSE 'MISMATCH' END) AS line
FROM cmp \gset
\echo :line
