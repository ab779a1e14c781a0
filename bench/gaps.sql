-- Section gaps: gaps over the stored tracks of pos_stops (data_stops.sql)
-- against the floor (detoasting the tracks), end to end from the positions
-- (track_agg, then gaps), and the window-function SQL an analyst would
-- write over the positions.  min_gap 10 minutes: the ordinary interval is
-- 10-60 s, so that finds the AIS gaps.
\echo == gaps
SET client_min_messages = warning;
CALL bench.add('gaps', 'a', 'floor: ST_NPoints(track) (detoasts each track)',
	$q$SELECT vessel, ST_NPoints(track) FROM tracks_stops$q$);
CALL bench.add('gaps', 'b', 'maritime.gaps over tracks_stops',
	$q$SELECT t.vessel, g.* FROM tracks_stops t, LATERAL maritime.gaps(t.track, '10 minutes') g$q$);
CALL bench.add('gaps', 'c', 'track_agg + gaps from pos_stops (end to end)',
	$q$SELECT s.vessel, g.* FROM (SELECT vessel, maritime.track_agg(geom, ts) AS t FROM pos_stops GROUP BY vessel) s, LATERAL maritime.gaps(s.t, '10 minutes') g$q$);
CALL bench.add('gaps', 'd', 'SQL: lag + ST_Distance(geography)',
	$q$SELECT vessel, gap_start, gap_end, duration, start_point, end_point, distance,
	   distance / extract(epoch FROM duration) * 3600 / 1852 AS implied_speed_kn
FROM (
	SELECT vessel, gap_start, gap_end, gap_end - gap_start AS duration,
		   start_point, end_point,
		   ST_Distance(start_point::geography, end_point::geography) AS distance
	FROM (
		SELECT vessel, lag(ts) OVER w AS gap_start, ts AS gap_end,
			   lag(geom) OVER w AS start_point, geom AS end_point
		FROM pos_stops WINDOW w AS (PARTITION BY vessel ORDER BY ts)
	) AS fix
	WHERE gap_end - gap_start >= interval '10 minutes'
	OFFSET 0
) AS gap$q$);
CALL bench.target('gaps', 'd', 'b', '>=', 10.0);
CALL bench.target('gaps', 'd', 'c', '>=', 2.0);
CALL bench.run('gaps', :repeats);

-- Both ways find the same gaps.  gaps measures on the sphere (haversine,
-- R = 6,371,008.8 m); ST_Distance(geography) by default on the WGS 84
-- spheroid, which differs by up to about 0.5 %; on PostGIS's sphere
-- (use_spheroid => false, R = 6,371,008.77 m) it must agree closely.
CREATE TEMP TABLE g AS
SELECT t.vessel, g.* FROM tracks_stops t, LATERAL maritime.gaps(t.track, '10 minutes') g;
CREATE TEMP TABLE s AS
SELECT vessel, gap_start, gap_end, start_point, end_point,
	   ST_Distance(start_point::geography, end_point::geography) AS spheroid,
	   ST_Distance(start_point::geography, end_point::geography, false) AS sphere
FROM (
	SELECT vessel, lag(ts) OVER w AS gap_start, ts AS gap_end,
		   lag(geom) OVER w AS start_point, geom AS end_point
	FROM pos_stops WINDOW w AS (PARTITION BY vessel ORDER BY ts)
) AS fix
WHERE gap_end - gap_start >= interval '10 minutes';
SELECT format('sanity: gaps %s, SQL way %s, matched (vessel, start, end, points) %s: %s',
			  (SELECT count(*) FROM g), (SELECT count(*) FROM s), count(*),
			  CASE WHEN count(*) = (SELECT count(*) FROM g)
						AND count(*) = (SELECT count(*) FROM s)
				   THEN 'OK' ELSE 'MISMATCH' END) AS line1,
	   format('sanity: distance vs spheroid: max relative difference %s %%, mean %s %%; vs PostGIS sphere: max %s',
			  round(max(abs(g.distance - s.spheroid) / s.spheroid)::numeric * 100, 3),
			  round(avg(abs(g.distance - s.spheroid) / s.spheroid)::numeric * 100, 3),
			  trim(to_char(max(abs(g.distance - s.sphere) / s.sphere), '9.9EEEE'))) AS line2,
	   format('sanity: gap duration %s to %s, distance %s to %s km, implied speed up to %s kn',
			  min(g.duration), max(g.duration),
			  round(min(g.distance)::numeric / 1000, 3), round(max(g.distance)::numeric / 1000, 1),
			  round(max(g.implied_speed_kn)::numeric, 1)) AS line3
FROM g JOIN s ON g.vessel = s.vessel AND g.gap_start = s.gap_start AND g.gap_end = s.gap_end
			 AND ST_Equals(g.start_point, s.start_point) AND ST_Equals(g.end_point, s.end_point)
			 AND ST_SRID(g.start_point) = 4326 \gset
\echo :line1
\echo :line2
\echo :line3
