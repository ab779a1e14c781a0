-- Section stops: stops over the stored tracks of pos_stops (data_stops.sql)
-- against the track_agg that built them, and on one stationary track of
-- :fixes * 0.8 fixes against one of :fixes * 8 (near-linear).  max_diameter
-- 200 m, min_duration 30 minutes, max_gap 1 hour.
\echo == stops
SET client_min_messages = warning;
CALL bench.add('stops', 'a', 'maritime.track_agg over pos_stops (builds the tracks)',
	$q$SELECT vessel, maritime.track_agg(geom, ts) FROM pos_stops GROUP BY vessel$q$);
CALL bench.add('stops', 'b', 'maritime.stops over tracks_stops',
	$q$SELECT t.vessel, s.* FROM tracks_stops t, LATERAL maritime.stops(t.track, 200, '30 minutes', '1 hour') s$q$);
CALL bench.add('stops', 'c', format('maritime.stops, one stationary track of %s fixes',
								   greatest(1, :fixes * 8 / 10)),
	$q$SELECT s.* FROM stationary t, LATERAL maritime.stops(t.track, 200, '30 minutes', '1 hour') s WHERE t.fixes = (SELECT min(fixes) FROM stationary)$q$);
CALL bench.add('stops', 'd', format('maritime.stops, one stationary track of %s fixes',
								   :fixes * 8),
	$q$SELECT s.* FROM stationary t, LATERAL maritime.stops(t.track, 200, '30 minutes', '1 hour') s WHERE t.fixes = (SELECT max(fixes) FROM stationary)$q$);
CALL bench.target('stops', 'b', 'a', '<', 3.0);
CALL bench.target('stops', 'd', 'c', '<', 20.0);
CALL bench.run('stops', :repeats);

-- The work is real: stops found and fixes in them, against the stays in
-- the data: runs of stationary fixes with the fix before them (where the
-- vessel arrived: the first stationary fix is at the same spot), split at
-- gaps over max_gap, lasting at least min_duration.  stops may also take
-- in the first fix after a stay (the vessel leaving, if within 200 m), so
-- it finds a few more stops and fixes than that.
\pset footer off
WITH o AS (
	SELECT vessel, ts, stationary OR coalesce(lead(stationary) OVER w, false) AS stay,
		   ts - lag(ts) OVER w AS dt
	FROM pos_stops WINDOW w AS (PARTITION BY vessel ORDER BY ts)
), e AS (
	SELECT vessel, ts, stay,
		   (stay AND (NOT coalesce(lag(stay) OVER w, false) OR dt > interval '1 hour'))::int AS new
	FROM o WINDOW w AS (PARTITION BY vessel ORDER BY ts)
), i AS (
	SELECT vessel, ts, stay, sum(new) OVER (PARTITION BY vessel ORDER BY ts) AS island FROM e
), stay AS (
	SELECT vessel, island, count(*) AS fixes FROM i WHERE stay
	GROUP BY vessel, island HAVING max(ts) - min(ts) >= interval '30 minutes'
), s AS (
	SELECT t.vessel, s.*
	FROM tracks_stops t, LATERAL maritime.stops(t.track, 200, '30 minutes', '1 hour') s
)
SELECT 'tracks_stops' AS tracks,
	   (SELECT count(*) FILTER (WHERE stationary) FROM pos_stops) AS stationary_fixes,
	   (SELECT count(*) FROM stay) AS stays, (SELECT sum(fixes) FROM stay) AS fixes_in_stays,
	   count(*) AS stops, sum(fixes) AS fixes_in_stops, max(fixes) AS max_fixes,
	   justify_hours(date_trunc('second', min(duration))) AS min_duration,
	   justify_hours(date_trunc('second', max(duration))) AS max_duration,
	   round(max(diameter)::numeric, 1) AS max_diameter_m
FROM s
UNION ALL
SELECT 'stationary ' || t.fixes, t.fixes, 1, t.fixes, count(*), sum(s.fixes),
	   max(s.fixes), justify_hours(date_trunc('second', min(s.duration))),
	   justify_hours(date_trunc('second', max(s.duration))),
	   round(max(s.diameter)::numeric, 1)
FROM stationary t, LATERAL maritime.stops(t.track, 200, '30 minutes', '1 hour') s
GROUP BY t.fixes ORDER BY 1 DESC;
\echo 'stationary_fixes: fixes generated stationary; stays, fixes_in_stays: what'
\echo 'stops should find (runs of stationary fixes with their arrival fix, split at'
\echo 'gaps over 1 hour, lasting 30 minutes or more); stops, fixes_in_stops: what'
\echo 'maritime.stops found.  max_diameter 200 m, min_duration 30 minutes, max_gap'
\echo '1 hour.'
