-- Section port_visits: port_visits over stored tracks of pos (data_pos.sql)
-- against one port polygon (data_port.sql), against the track_agg that
-- built the tracks and against the plain-SQL way over the positions; the
-- targets are checked for both polygons, port and large.
\echo == port_visits
SET client_min_messages = warning;
DROP TABLE IF EXISTS tracks;
-- stored as users store them: each track (240 kB) is TOASTed
CREATE TABLE tracks AS
SELECT vessel, maritime.track_agg(geom, ts) AS track FROM pos GROUP BY vessel;

VACUUM ANALYZE tracks;
CHECKPOINT;
SELECT bench.prewarm('tracks', 'port') \g /dev/null
\pset footer off
SELECT name, ST_NPoints(geom) AS vertices,
	   round(ST_X(ST_Centroid(geom))::numeric, 3) AS lon,
	   round(ST_Y(ST_Centroid(geom))::numeric, 3) AS lat,
	   round((ST_Distance(ST_MakePoint(ST_XMin(geom), ST_Y(ST_Centroid(geom)))::geography,
						  ST_MakePoint(ST_XMax(geom), ST_Y(ST_Centroid(geom)))::geography)
			  / 1000)::numeric) AS width_km,
	   round(((ST_YMax(geom) - ST_YMin(geom)) * 110.54)::numeric) AS height_km,
	   round((ST_Area(geom::geography) / 1e6)::numeric) AS area_km2
FROM port ORDER BY name DESC;
SELECT count(*) AS tracks, sum(ST_NPoints(track)) AS points,
	   pg_size_pretty(pg_table_size('tracks')) AS table_size
FROM tracks;

CALL bench.add('port_visits', 'a', 'maritime.track_agg (builds the tracks)',
	$q$SELECT vessel, maritime.track_agg(geom, ts) FROM pos GROUP BY vessel$q$);
CALL bench.add('port_visits', 'b', 'floor: ST_NPoints(track) (detoasts each track)',
	$q$SELECT vessel, ST_NPoints(track) FROM tracks$q$);
DO $do$
DECLARE
	p record;
BEGIN
	FOR p IN SELECT * FROM (VALUES ('c', 'd', 'port'), ('e', 'f', 'large'))
				 AS v(visits, plain, name) LOOP
		CALL bench.add('port_visits', p.visits,
			format('maritime.port_visits, %s', p.name),
			format($q$SELECT t.vessel, v.* FROM tracks t, port p, LATERAL maritime.port_visits(t.track, p.geom) v WHERE p.name = %L$q$,
				   p.name));
		-- inside is computed once per fix (MATERIALIZED; an inlined CTE
		-- would repeat ST_Intersects for every reference to it)
		CALL bench.add('port_visits', p.plain,
			format('SQL: ST_Intersects + lag + islands, %s', p.name),
			format($q$WITH fix AS MATERIALIZED (
	SELECT vessel, ts, ST_Intersects((SELECT geom FROM port WHERE name = %L), geom) AS inside
	FROM pos
), edge AS (
	SELECT vessel, ts, inside,
		   inside AND NOT coalesce(lag(inside) OVER w, false) AS arrives
	FROM fix WINDOW w AS (PARTITION BY vessel ORDER BY ts)
), island AS (
	SELECT vessel, ts, inside, count(*) FILTER (WHERE arrives) OVER w AS visit
	FROM edge WINDOW w AS (PARTITION BY vessel ORDER BY ts ROWS UNBOUNDED PRECEDING)
)
SELECT vessel, visit, min(ts) AS arrival, max(ts) AS departure, count(*) AS fixes
FROM island WHERE inside GROUP BY vessel, visit$q$, p.name));
		CALL bench.target('port_visits', p.visits, 'a', '<', 0.10);
		CALL bench.target('port_visits', p.plain, p.visits, '>=', 20.0);
	END LOOP;
END
$do$;
CALL bench.run('port_visits', :repeats);

-- The work is real, and both ways agree.  The SQL way only sees fixes;
-- port_visits also finds a visit between two fixes (a corner cut), and
-- splits a run of inside fixes where the track leaves between two of
-- them, so visit counts may differ slightly.  The inside fixes must be
-- the same, and every SQL visit must lie within a port_visits visit.
CREATE TEMP TABLE pv AS
SELECT p.name, t.vessel, v.*
FROM port p, tracks t, LATERAL maritime.port_visits(t.track, p.geom) v;
-- the SQL way's answers: the very queries timed (d and f), run again
SELECT format(CASE WHEN q.name = 'd'
				   THEN 'CREATE TEMP TABLE plain AS SELECT %L::text AS name, s.* FROM (%s) AS s'
				   ELSE 'INSERT INTO plain SELECT %L, s.* FROM (%s) AS s' END,
			  v.port, q.sql)
FROM bench.query q JOIN (VALUES ('d', 'port'), ('f', 'large')) AS v(name, port) USING (name)
WHERE q.section = 'port_visits'
ORDER BY q.name \gexec
SELECT p.name,
	   a.tracks, a.visits, a.with_fixes, a.fixes, a.max_fixes, a.dwell,
	   b.tracks AS sql_tracks, b.visits AS sql_visits, b.fixes AS sql_fixes,
	   b.covered AS sql_covered,
	   CASE WHEN a.fixes = b.fixes AND b.covered = b.visits
			THEN 'OK' ELSE 'MISMATCH' END AS sanity
FROM port p
CROSS JOIN LATERAL (
	SELECT count(DISTINCT vessel) AS tracks, count(*) AS visits,
		   count(*) FILTER (WHERE fixes > 0) AS with_fixes,
		   coalesce(sum(fixes), 0) AS fixes, max(fixes) AS max_fixes,
		   justify_hours(date_trunc('second', sum(dwell))) AS dwell
	FROM pv WHERE pv.name = p.name) AS a
CROSS JOIN LATERAL (
	SELECT count(DISTINCT vessel) AS tracks, count(*) AS visits,
		   coalesce(sum(fixes), 0) AS fixes,
		   count(*) FILTER (WHERE EXISTS (
			   SELECT FROM pv
			   WHERE pv.name = s.name AND pv.vessel = s.vessel
				 AND pv.arrival <= s.arrival AND s.departure <= pv.departure)) AS covered
	FROM plain s WHERE s.name = p.name) AS b
ORDER BY p.name DESC;
\echo 'tracks/visits/fixes: tracks entering, visits, visits with at least one fix'
\echo 'inside, fixes inside, most fixes in one visit, total dwell (port_visits);'
\echo 'sql_*: the same from the SQL way; sql_covered: SQL visits that lie within a'
\echo 'port_visits visit.'
