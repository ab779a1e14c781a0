-- MobilityDB comparison build (scripts/bench_mobilitydb.sh): building one
-- track per vessel from the shuffled fixes of mdb_pos (data_mobilitydb.sql),
-- maritime.track_agg(geom, ts) against MobilityDB's documented way,
-- tgeompointSeq(array_agg(tgeompoint(geom, ts) ORDER BY ts)) (linear
-- interpolation, both bounds inclusive: its defaults).  Both read the same
-- rows and sort them by time.
\echo == build: maritime.track_agg against tgeompointSeq(array_agg(tgeompoint(geom, ts) ORDER BY ts))
SET client_min_messages = warning;
CALL bench.add('build', 'a', 'maritime.track_agg(geom, ts)',
	$q$SELECT vessel, maritime.track_agg(geom, ts) FROM mdb_pos GROUP BY vessel$q$);
CALL bench.add('build', 'b', 'MobilityDB tgeompointSeq(array_agg(tgeompoint(geom, ts) ORDER BY ts))',
	$q$SELECT vessel, tgeompointSeq(array_agg(tgeompoint(geom, ts) ORDER BY ts)) FROM mdb_pos GROUP BY vessel$q$);
CALL bench.target('build', 'b', 'a', '>=', 5.0);
CALL bench.run('build', :repeats);

-- Both hold the same vertices: x and y identical, times within a
-- microsecond (maritime keeps seconds since 1970 as M, a double;
-- geometry(tgeompoint, false) gives MobilityDB's as the same M), and
-- MobilityDB's sequence as long as the track (no instant merged away).
CREATE TEMP TABLE bt AS
SELECT vessel, maritime.track_agg(geom, ts) AS track,
	   geometry(tgeompointSeq(array_agg(tgeompoint(geom, ts) ORDER BY ts)), false) AS seq
FROM mdb_pos GROUP BY vessel;
WITH v AS (
	SELECT vessel, a.geom AS g, b.geom AS h
	FROM bt CROSS JOIN LATERAL ST_DumpPoints(bt.track) AS a
	LEFT JOIN LATERAL ST_DumpPoints(bt.seq) AS b ON b.path = a.path
), cmp AS (
	SELECT count(DISTINCT vessel) AS vessels, count(*) AS vertices,
		   count(*) FILTER (WHERE ST_X(g) = ST_X(h) AND ST_Y(g) = ST_Y(h)) AS same_xy,
		   max(abs(ST_M(g) - ST_M(h))) AS max_dt,
		   (SELECT sum(ST_NPoints(seq)) FROM bt) AS seq_vertices,
		   (SELECT count(*) FROM mdb_pos) AS fixes
	FROM v
)
SELECT format('sanity: build: %s tracks of %s vertices (%s fixes), MobilityDB %s instants; same x and y: %s, times within %s us: %s',
			  vessels, vertices, fixes, seq_vertices, same_xy, round(1e6 * max_dt::numeric, 3),
			  CASE WHEN vertices = fixes AND seq_vertices = fixes AND same_xy = fixes
						AND max_dt <= 1e-6 THEN 'OK' ELSE 'MISMATCH' END) AS line
FROM cmp \gset
\echo :line
