-- Section clean: clean_track, segments and min_absence on dirty tracks:
-- pos (data_pos.sql) with 1 % of its fixes moved 50 to 300 km away
-- (spikes), built into stored tracks (tracks_dirty).  Each is timed against
-- the track_agg that built the tracks; port_visits with min_absence against
-- the same call without, on the large port (data_port.sql), where visits
-- are many and spikes split them.  Also at PostgreSQL's default work_mem
-- and parallel workers, per query.
\echo == clean
SET client_min_messages = warning;
DROP TABLE IF EXISTS pos_dirty, tracks_dirty;
SELECT setseed(0.17) \g /dev/null
CREATE TABLE pos_dirty AS
SELECT vessel, CASE WHEN random() < 0.01
				   THEN ST_SetSRID(ST_MakePoint(ST_X(geom) + (1.5 + random() * 1.5) * cos(a),
												ST_Y(geom) + (0.5 + random() * 2) * sin(a)), 4326)
				   ELSE geom END AS geom,
	   ts
FROM pos, LATERAL (SELECT 2 * pi() * random() AS a) r;
CREATE TABLE tracks_dirty AS
SELECT vessel, maritime.track_agg(geom, ts) AS track FROM pos_dirty GROUP BY vessel;
VACUUM ANALYZE pos_dirty;
VACUUM ANALYZE tracks_dirty;
CHECKPOINT;
SELECT bench.prewarm('pos_dirty', 'tracks_dirty') \g /dev/null

CALL bench.add('clean', 'a', 'maritime.track_agg (builds the tracks)',
	$q$SELECT vessel, maritime.track_agg(geom, ts) FROM pos_dirty GROUP BY vessel$q$);
CALL bench.add('clean', 'b', 'maritime.clean_track over the tracks',
	$q$SELECT vessel, maritime.clean_track(track) FROM tracks_dirty$q$);
CALL bench.add('clean', 'c', 'maritime.outliers over the tracks',
	$q$SELECT t.vessel, o.* FROM tracks_dirty t, LATERAL maritime.outliers(t.track) o$q$);
CALL bench.add('clean', 'd', 'maritime.segments, max_gap 55 s (a piece every 10 fixes)',
	$q$SELECT t.vessel, s.* FROM tracks_dirty t, LATERAL maritime.segments(t.track, '55 seconds') s$q$);
CALL bench.add('clean', 'e', 'maritime.segments, max_gap 1 hour (one piece a track)',
	$q$SELECT t.vessel, s.* FROM tracks_dirty t, LATERAL maritime.segments(t.track, '1 hour') s$q$);
CALL bench.add('clean', 'f', 'maritime.port_visits, large port',
	$q$SELECT t.vessel, v.* FROM tracks_dirty t, port p, LATERAL maritime.port_visits(t.track, p.geom) v WHERE p.name = 'large'$q$);
CALL bench.add('clean', 'g', 'maritime.port_visits, large port, min_absence 15 minutes',
	$q$SELECT t.vessel, v.* FROM tracks_dirty t, port p, LATERAL maritime.port_visits(t.track, p.geom, min_absence => '15 minutes') v WHERE p.name = 'large'$q$);
CALL bench.add('clean', 'a_default', 'maritime.track_agg, default work_mem and workers',
	$q$SELECT vessel, maritime.track_agg(geom, ts) FROM pos_dirty GROUP BY vessel$q$,
	'{work_mem,4MB,max_parallel_workers_per_gather,2}');
CALL bench.add('clean', 'b_default', 'maritime.clean_track, default work_mem and workers',
	$q$SELECT vessel, maritime.clean_track(track) FROM tracks_dirty$q$,
	'{work_mem,4MB,max_parallel_workers_per_gather,2}');
CALL bench.target('clean', 'b', 'a', '<=', 1.0);
CALL bench.target('clean', 'b', 'a', '<=', 0.5);
CALL bench.target('clean', 'd', 'a', '<=', 0.3);
CALL bench.target('clean', 'e', 'a', '<=', 0.3);
CALL bench.target('clean', 'g', 'f', '<=', 1.1);
CALL bench.target('clean', 'b_default', 'a_default', '<=', 1.0);
CALL bench.run('clean', :repeats);

-- The work is real: what was removed, the pieces, and the visits merged
SELECT format('sanity: %s spikes in %s rows; outliers %s (of them spikes %s); clean tracks keep %s of %s fixes: %s',
			  (SELECT count(*) FROM pos_dirty d JOIN pos p USING (vessel, ts) WHERE NOT ST_Equals(d.geom, p.geom)),
			  (SELECT count(*) FROM pos_dirty),
			  (SELECT count(*) FROM tracks_dirty t, maritime.outliers(t.track) o),
			  (SELECT count(*) FROM tracks_dirty t CROSS JOIN LATERAL maritime.outliers(t.track) o
			   JOIN pos_dirty d ON d.vessel = t.vessel AND d.ts = o.fix_time
			   JOIN pos p ON p.vessel = d.vessel AND p.ts = d.ts WHERE NOT ST_Equals(d.geom, p.geom)),
			  (SELECT sum(ST_NPoints(maritime.clean_track(track))) FROM tracks_dirty),
			  (SELECT sum(ST_NPoints(track)) FROM tracks_dirty),
			  CASE WHEN (SELECT count(*) FROM tracks_dirty t WHERE EXISTS (
						 SELECT FROM ST_DumpPoints(maritime.clean_track(t.track)) d
						 JOIN pos p ON p.vessel = t.vessel AND extract(epoch FROM p.ts) = ST_M(d.geom)
						 WHERE NOT ST_Equals(ST_Force2D(d.geom), p.geom))) = 0
				   THEN 'OK (no spike kept)' ELSE 'MISMATCH (a spike kept)' END) AS line1,
	   format('sanity: segments: %s pieces at 55 s, %s at 1 hour; port_visits, large port: %s visits, %s with min_absence 15 minutes',
			  (SELECT count(*) FROM tracks_dirty t, maritime.segments(t.track, '55 seconds') s),
			  (SELECT count(*) FROM tracks_dirty t, maritime.segments(t.track, '1 hour') s),
			  (SELECT count(*) FROM tracks_dirty t, port p, maritime.port_visits(t.track, p.geom) v WHERE p.name = 'large'),
			  (SELECT count(*) FROM tracks_dirty t, port p, maritime.port_visits(t.track, p.geom, min_absence => '15 minutes') v
			   WHERE p.name = 'large')) AS line2 \gset
\echo :line1
\echo :line2
