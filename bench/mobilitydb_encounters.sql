-- MobilityDB comparison encounters (scripts/bench_mobilitydb.sh): the pairs
-- of the encounters section (data_encounter_pairs.sql: :encounter_pairs
-- pairs, :encounter_fixes and ten times as many fixes a track, planar
-- EPSG:32631), as maritime tracks and as MobilityDB tgeompoint sequences
-- built once from the same tracks and stored.  Timed:
-- maritime.encounters(a, b, 500, '0') (every interval, as whenTrue gives)
-- and whenTrue(tDwithin(a, b, 500)), on the short and the long pairs.
SET client_min_messages = warning;
SELECT format('== encounters: %s pairs x %s and %s fixes a track (EPSG:32631), within 500 m',
			  :encounter_pairs, :encounter_fixes, :encounter_fixes * 10) AS line \gset
\echo :line
DROP TABLE IF EXISTS mdb_pairs, mdb_pairs_external;
-- tgeompoint(geometry) reads a LINESTRING M whose M are seconds since 1970
-- (MobilityDB's Geomeas_to_tpoint) into a linear sequence: the same
-- vertices, checked below.  Stored with MobilityDB's default storage
-- (pglz-compressed when that saves space) and once more uncompressed
-- (mdb_pairs_external), to see what the decompression costs.
CREATE TABLE mdb_pairs AS
SELECT pair, fixes, tgeompoint(track_a) AS tpoint_a, tgeompoint(track_b) AS tpoint_b
FROM enc_pairs ORDER BY fixes, pair;
CREATE TABLE mdb_pairs_external (LIKE mdb_pairs);
ALTER TABLE mdb_pairs_external ALTER tpoint_a SET STORAGE EXTERNAL, ALTER tpoint_b SET STORAGE EXTERNAL;
-- built again: a copy of mdb_pairs would keep the values as compressed
INSERT INTO mdb_pairs_external
SELECT pair, fixes, tgeompoint(track_a), tgeompoint(track_b) FROM enc_pairs ORDER BY fixes, pair;
VACUUM ANALYZE mdb_pairs;
VACUUM ANALYZE mdb_pairs_external;
CHECKPOINT;
SELECT bench.prewarm('mdb_pairs', 'mdb_pairs_external') \g /dev/null
SELECT 'data: the short tracks'' digest (the same in bench.sh means the same pairs): '
	   || md5(string_agg(ST_AsEWKB(track_a) || ST_AsEWKB(track_b), ''::bytea ORDER BY pair)) AS line
FROM enc_pairs WHERE fixes = :encounter_fixes \gset
\echo :line
\pset footer off
-- the tgeompoints have the tracks' vertices: x and y exactly, the time to
-- the microsecond (MobilityDB truncates the seconds to whole microseconds,
-- maritime rounds them)
WITH v AS (
	SELECT m.fixes, m.pair, a.path, a.geom AS g, b.geom AS h
	FROM mdb_pairs m JOIN enc_pairs p USING (pair, fixes)
	CROSS JOIN LATERAL (SELECT * FROM ST_DumpPoints(p.track_a) UNION ALL
						SELECT ARRAY[-path[1]], geom FROM ST_DumpPoints(p.track_b)) AS a
	LEFT JOIN LATERAL (SELECT * FROM ST_DumpPoints(geometry(m.tpoint_a, false)) UNION ALL
					   SELECT ARRAY[-path[1]], geom FROM ST_DumpPoints(geometry(m.tpoint_b, false))) AS b
		ON b.path = a.path
)
SELECT fixes, count(DISTINCT pair) AS pairs, count(*) AS vertices,
	   count(*) FILTER (WHERE ST_X(g) = ST_X(h) AND ST_Y(g) = ST_Y(h)) AS same_xy,
	   round(1e6 * max(abs(ST_M(g) - ST_M(h)))::numeric, 3) AS "max time difference us",
	   (SELECT pg_size_pretty(sum(pg_column_size(tpoint_a) + pg_column_size(tpoint_b)))
		FROM mdb_pairs m WHERE m.fixes = v.fixes) AS tgeompoint_size,
	   (SELECT pg_size_pretty(sum(pg_column_size(tpoint_a) + pg_column_size(tpoint_b)))
		FROM mdb_pairs_external m WHERE m.fixes = v.fixes) AS uncompressed,
	   (SELECT string_agg(DISTINCT coalesce(pg_column_compression(tpoint_a), 'none'), ',')
		FROM mdb_pairs m WHERE m.fixes = v.fixes) AS compression,
	   (SELECT pg_size_pretty(sum(pg_column_size(track_a) + pg_column_size(track_b)))
		FROM enc_pairs p WHERE p.fixes = v.fixes) AS track_size
FROM v GROUP BY fixes ORDER BY fixes;

SELECT format($f$CALL bench.add('encounters', %L, %L, %L)$f$, name, label, query)
FROM (VALUES
	('a', format('maritime.encounters, %s fixes a track', :encounter_fixes), :encounter_fixes),
	('b', format('MobilityDB whenTrue(tDwithin), %s fixes a track', :encounter_fixes), :encounter_fixes),
	('c', format('maritime.encounters, %s fixes a track', :encounter_fixes * 10), :encounter_fixes * 10),
	('d', format('MobilityDB whenTrue(tDwithin), %s fixes a track', :encounter_fixes * 10), :encounter_fixes * 10),
	('e', format('MobilityDB whenTrue(tDwithin), %s fixes a track, uncompressed', :encounter_fixes * 10), :encounter_fixes * 10)
) AS v(name, label, fixes)
CROSS JOIN LATERAL (SELECT CASE
	WHEN name = 'e' THEN format($q$SELECT pair, whenTrue(tDwithin(tpoint_a, tpoint_b, 500)) FROM mdb_pairs_external WHERE fixes = %s$q$, fixes)
	WHEN name IN ('b', 'd') THEN format($q$SELECT pair, whenTrue(tDwithin(tpoint_a, tpoint_b, 500)) FROM mdb_pairs WHERE fixes = %s$q$, fixes)
	ELSE format($q$SELECT p.pair, e.* FROM enc_pairs p, LATERAL maritime.encounters(p.track_a, p.track_b, 500, '0') e WHERE p.fixes = %s$q$, fixes)
	END AS query) AS q
ORDER BY name \gexec
CALL bench.target('encounters', 'b', 'a', '>=', 5.0);
CALL bench.target('encounters', 'd', 'c', '>=', 5.0);
CALL bench.target('encounters', 'e', 'c', 'report', NULL);
CALL bench.run('encounters', :repeats);

-- Both give the same intervals: maritime's (min_duration 0, every
-- interval) against the spans of whenTrue, matched on the pair and both
-- ends within a millisecond (maritime's precision; MobilityDB keeps
-- microseconds)
CREATE TEMP TABLE mi AS
SELECT p.fixes, p.pair, e.encounter_start AS lo, e.encounter_end AS hi
FROM enc_pairs p, LATERAL maritime.encounters(p.track_a, p.track_b, 500, '0') e;
CREATE TEMP TABLE di AS
SELECT fixes, pair, lower(s) AS lo, upper(s) AS hi, lowerInc(s) AS lo_inc, upperInc(s) AS hi_inc
FROM mdb_pairs, LATERAL unnest(spans(whenTrue(tDwithin(tpoint_a, tpoint_b, 500)))) AS s;
CREATE TEMP TABLE md AS
SELECT mi.fixes, mi.pair, mi.lo,
	   abs(extract(epoch FROM di.lo - mi.lo)) AS d_lo, abs(extract(epoch FROM di.hi - mi.hi)) AS d_hi
FROM mi JOIN di ON di.fixes = mi.fixes AND di.pair = mi.pair
			   AND abs(extract(epoch FROM di.lo - mi.lo)) <= 0.001
			   AND abs(extract(epoch FROM di.hi - mi.hi)) <= 0.001;
\pset tuples_only on
SELECT format('sanity: %s fixes a track: maritime %s intervals, MobilityDB %s spans (%s with both bounds inclusive), matched %s (ends within %s ms, mean %s ms): %s',
			  n.fixes,
			  (SELECT count(*) FROM mi WHERE mi.fixes = n.fixes),
			  (SELECT count(*) FROM di WHERE di.fixes = n.fixes),
			  (SELECT count(*) FROM di WHERE di.fixes = n.fixes AND lo_inc AND hi_inc),
			  (SELECT count(*) FROM md WHERE md.fixes = n.fixes),
			  (SELECT round(1000 * max(greatest(d_lo, d_hi)), 3) FROM md WHERE md.fixes = n.fixes),
			  (SELECT round(1000 * avg((d_lo + d_hi) / 2), 3) FROM md WHERE md.fixes = n.fixes),
			  CASE WHEN (SELECT count(*) FROM mi WHERE mi.fixes = n.fixes)
						= (SELECT count(*) FROM di WHERE di.fixes = n.fixes)
						AND (SELECT count(*) FROM mi WHERE mi.fixes = n.fixes)
						= (SELECT count(DISTINCT (pair, lo)) FROM md WHERE md.fixes = n.fixes)
				   THEN 'OK' ELSE 'MISMATCH' END)
FROM (SELECT DISTINCT fixes FROM enc_pairs) AS n ORDER BY n.fixes;
