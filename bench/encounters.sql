-- Section encounters: maritime.encounters (500 m, at least 30 minutes) on
-- pairs of tracks in a planar SRID (data_encounter_pairs.sql): against the
-- SQL way over the positions, pairs of ten times as many fixes against the
-- short ones, and the end-to-end query from the positions (track_agg, then
-- encounters).  Then the all-pairs search over a fleet of vessel-days in
-- lon/lat (data_fleet.sql), candidate pairs from the GiST index (&&& with
-- maritime.encounter_box), against the track_agg that built the tracks.
-- Also at PostgreSQL's default work_mem and parallel workers, per query.
SET client_min_messages = warning;
SELECT format('== encounters: %s pairs x %s and %s fixes a track (EPSG:32631); fleet of %s vessels x %s days (SRID 4326); each query timed at least 11 times',
			  :encounter_pairs, :encounter_fixes, :encounter_fixes * 10,
			  :fleet_vessels, :fleet_days) AS line \gset
\echo :line
\pset footer off
-- what the data is like: fixes, intervals, speeds (from consecutive fixes)
WITH f AS (
	SELECT pair, side, ts, ts - lag(ts) OVER w AS dt,
		   ST_Distance(geom, lag(geom) OVER w) / extract(epoch FROM ts - lag(ts) OVER w) * 3600 / 1852 AS kn
	FROM enc_pos WINDOW w AS (PARTITION BY pair, side ORDER BY ts)
)
SELECT 'enc_pos' AS "table", count(*) AS rows, count(DISTINCT pair) AS pairs,
	   min(dt) AS min_interval, max(dt) AS max_interval,
	   (SELECT array_agg(round(q::numeric, 1)) FROM unnest(percentile_cont('{0.05,0.25,0.5,0.75,0.95}'::float8[])
		   WITHIN GROUP (ORDER BY kn)) AS q) AS "speed kn 5/25/50/75/95 %",
	   pg_size_pretty(pg_table_size('enc_pos')) AS size
FROM f;
SELECT 'data: the short tracks'' digest (the same in scripts/bench_mobilitydb.sh means the same pairs): '
	   || md5(string_agg(ST_AsEWKB(track_a) || ST_AsEWKB(track_b), ''::bytea ORDER BY pair)) AS line
FROM enc_pairs WHERE fixes = :encounter_fixes \gset
\echo :line
SELECT 'enc_pairs ' || fixes AS "table", count(*) AS pairs,
	   sum(ST_NPoints(track_a) + ST_NPoints(track_b)) AS points,
	   justify_hours(date_trunc('hour', avg(ST_M(ST_EndPoint(track_a)) - ST_M(ST_StartPoint(track_a)))
					 * interval '1 second')) AS "mean span",
	   pg_size_pretty(sum(pg_column_size(track_a) + pg_column_size(track_b))) AS size
FROM enc_pairs GROUP BY fixes ORDER BY fixes;
SELECT count(*) AS vessel_days, count(DISTINCT vessel) AS vessels,
	   sum(ST_NPoints(track)) AS points,
	   round(min(ST_XMin(track))::numeric, 2) AS lon_min, round(max(ST_XMax(track))::numeric, 2) AS lon_max,
	   round(min(ST_YMin(track))::numeric, 2) AS lat_min, round(max(ST_YMax(track))::numeric, 2) AS lat_max,
	   pg_size_pretty(pg_table_size('fleet_pos')) AS fleet_pos_size,
	   pg_size_pretty(pg_total_relation_size('fleet')) AS fleet_size
FROM fleet;

CALL bench.add('encounters', 'a', format('maritime.encounters, %s pairs x %s fixes a track', :encounter_pairs, :encounter_fixes),
	format($q$SELECT p.pair, e.* FROM enc_pairs p, LATERAL maritime.encounters(p.track_a, p.track_b, 500, '30 minutes') e WHERE p.fixes = %s$q$, :encounter_fixes));
-- Query b, the SQL way to find encounters that an analyst would write over
-- the positions of enc_pos: resample each vessel every whole minute (linear
-- interpolation between the fixes around it, generate_series over each
-- pair of consecutive fixes), the distance between the two vessels at each
-- minute (planar, as the SRID is), and gaps and islands over the minutes
-- within 500 m.  Plain arithmetic on ST_X and ST_Y rather than
-- ST_MakePoint and ST_Distance gives it its best.  Its answer is to the
-- minute: each encounter from its first to its last minute within 500 m.
CALL bench.add('encounters', 'b', 'SQL: each minute, interpolated + distance + gaps and islands',
	$q$WITH fix AS (
	SELECT pair, side, ts, ST_X(geom) AS x, ST_Y(geom) AS y,
		   lead(ts) OVER w AS ts1, lead(ST_X(geom)) OVER w AS x1, lead(ST_Y(geom)) OVER w AS y1
	FROM enc_pos WINDOW w AS (PARTITION BY pair, side ORDER BY ts)
), minute AS (
	SELECT pair, side, m, x + (x1 - x) * f AS x, y + (y1 - y) * f AS y
	FROM fix
	CROSS JOIN LATERAL generate_series(date_trunc('minute', ts), ts1, interval '1 minute') AS m
	CROSS JOIN LATERAL (SELECT extract(epoch FROM m - ts) / extract(epoch FROM ts1 - ts) AS f) AS s
	WHERE m >= ts AND m < ts1
), near AS (
	SELECT a.pair, a.m, sqrt((a.x - b.x) ^ 2 + (a.y - b.y) ^ 2) AS distance
	FROM minute a JOIN minute b ON b.pair = a.pair AND b.m = a.m AND b.side = 2
	WHERE a.side = 1 AND (a.x - b.x) ^ 2 + (a.y - b.y) ^ 2 <= 500 ^ 2
), island AS (
	SELECT pair, m, distance,
		   m - row_number() OVER (PARTITION BY pair ORDER BY m) * interval '1 minute' AS island
	FROM near
)
SELECT pair, min(m) AS encounter_start, max(m) AS encounter_end,
	   max(m) - min(m) AS duration, min(distance) AS min_distance
FROM island GROUP BY pair, island
HAVING max(m) - min(m) >= interval '30 minutes'$q$);
CALL bench.add('encounters', 'c', format('maritime.encounters, %s pairs x %s fixes a track', :encounter_pairs, :encounter_fixes * 10),
	format($q$SELECT p.pair, e.* FROM enc_pairs p, LATERAL maritime.encounters(p.track_a, p.track_b, 500, '30 minutes') e WHERE p.fixes = %s$q$, :encounter_fixes * 10));
CALL bench.add('encounters', 'd', 'track_agg + encounters from enc_pos (end to end)',
	$q$SELECT t.pair, e.* FROM (SELECT pair, maritime.track_agg(geom, ts) FILTER (WHERE side = 1) AS a, maritime.track_agg(geom, ts) FILTER (WHERE side = 2) AS b FROM enc_pos GROUP BY pair) t, LATERAL maritime.encounters(t.a, t.b, 500, '30 minutes') e$q$);
CALL bench.add('encounters', 'e', 'maritime.track_agg (builds the fleet''s vessel-days)',
	$q$SELECT vessel, day, maritime.track_agg(geom, ts) FROM fleet_pos GROUP BY vessel, day$q$);
CALL bench.add('encounters', 'f', 'fleet: all pairs, candidates from the GiST index (&&& encounter_box)',
	$q$SELECT a.vessel, a.day, b.vessel, b.day, e.* FROM fleet a JOIN fleet b ON b.track &&& maritime.encounter_box(a.track, 500) AND (a.vessel, a.day) < (b.vessel, b.day) CROSS JOIN LATERAL maritime.encounters(a.track, b.track, 500, '30 minutes') e$q$);
DO $do$
DECLARE
	q record;
BEGIN
	FOR q IN SELECT * FROM bench.query WHERE section = 'encounters' AND name IN ('a', 'b', 'c', 'e', 'f') ORDER BY ord LOOP
		CALL bench.add('encounters', q.name || '_default',
			q.label || ', default work_mem and workers', q.sql,
			'{work_mem,4MB,max_parallel_workers_per_gather,2}');
	END LOOP;
END
$do$;
CALL bench.target('encounters', 'b', 'a', '>=', 50.0);
CALL bench.target('encounters', 'c', 'a', '<=', 12.0);
CALL bench.target('encounters', 'b', 'd', 'report', NULL);
CALL bench.target('encounters', 'f', 'e', 'report', NULL);
CALL bench.target('encounters', 'b_default', 'a_default', '>=', 50.0);
CALL bench.target('encounters', 'c_default', 'a_default', '<=', 12.0);
CALL bench.target('encounters', 'f_default', 'e_default', 'report', NULL);
-- The pair queries take 20-30 ms and vary by a quarter from run to run on
-- a small VM: 11 runs at least keep their medians, and the ratios, steady
CALL bench.run('encounters', greatest(:repeats, 11));

-- The SQL way finds the same encounters, to the minute: each of its
-- islands lies within one of encounters' (its first minute is at most a
-- minute after the start, its last at most a minute before the end), and
-- encounters finds none more but ones whose exact duration is within the
-- two minutes the SQL way can lose of min_duration.
CREATE TEMP TABLE m AS
SELECT p.pair, e.* FROM enc_pairs p, LATERAL maritime.encounters(p.track_a, p.track_b, 500, '30 minutes') e
WHERE p.fixes = :encounter_fixes;
-- s: the answer of query b, the SQL way
SELECT 'CREATE TEMP TABLE s AS ' || sql FROM bench.query
WHERE section = 'encounters' AND name = 'b' \gexec
CREATE TEMP TABLE ms AS
SELECT m.pair, m.encounter AS mi, s.encounter_start AS s_start,
	   s.encounter_start - m.encounter_start AS late_start, m.encounter_end - s.encounter_end AS early_end,
	   s.min_distance - m.min_distance AS closer
FROM m JOIN s ON s.pair = m.pair AND s.encounter_start >= m.encounter_start
			 AND s.encounter_end <= m.encounter_end;
SELECT format('sanity: %s pairs x %s fixes, 500 m, 30 minutes: encounters %s, SQL way %s, matched %s (SQL start at most %s after, end at most %s before; SQL min_distance up to %s m more); unmatched: encounters %s (%s within 2 minutes of 30), SQL %s: %s',
			  (SELECT count(*) FROM enc_pairs WHERE fixes = :encounter_fixes), :encounter_fixes,
			  (SELECT count(*) FROM m), (SELECT count(*) FROM s), (SELECT count(*) FROM ms),
			  (SELECT coalesce(date_trunc('second', max(late_start))::text, '-') FROM ms),
			  (SELECT coalesce(date_trunc('second', max(early_end))::text, '-') FROM ms),
			  (SELECT coalesce(round(max(closer)::numeric, 1)::text, '-') FROM ms),
			  (SELECT count(*) FROM m WHERE NOT EXISTS (SELECT FROM ms WHERE ms.pair = m.pair AND ms.mi = m.encounter)),
			  (SELECT count(*) FROM m WHERE duration < interval '32 minutes'
				AND NOT EXISTS (SELECT FROM ms WHERE ms.pair = m.pair AND ms.mi = m.encounter)),
			  (SELECT count(*) FROM s WHERE NOT EXISTS (SELECT FROM ms WHERE ms.pair = s.pair AND ms.s_start = s.encounter_start)),
			  CASE WHEN (SELECT count(*) FROM s) = (SELECT count(DISTINCT (pair, s_start)) FROM ms)
						AND (SELECT count(DISTINCT (pair, mi)) FROM ms) = (SELECT count(*) FROM ms)
						AND (SELECT coalesce(bool_and(late_start < interval '1 minute'
												  AND early_end < interval '1 minute' AND closer >= 0), true)
							 FROM ms)
						AND NOT EXISTS (SELECT FROM m WHERE duration >= interval '32 minutes'
										AND NOT EXISTS (SELECT FROM ms WHERE ms.pair = m.pair AND ms.mi = m.encounter))
				   THEN 'OK' ELSE 'MISMATCH' END) AS line \gset
\echo :line
SELECT format('sanity: encounters on the long tracks (%s fixes): %s; on the short ones %s, of them %s lasting 2 hours or more at under 2 kn (GFW''s definition); %s closer than 500 m for less than 30 minutes (crossings, left out by min_duration)',
			  :encounter_fixes * 10,
			  (SELECT count(*) FROM enc_pairs p, maritime.encounters(p.track_a, p.track_b, 500, '30 minutes') e WHERE p.fixes = :encounter_fixes * 10),
			  (SELECT count(*) FROM m),
			  (SELECT count(*) FROM m WHERE duration >= interval '2 hours' AND speed_a_kn < 2 AND speed_b_kn < 2),
			  (SELECT count(*) FROM enc_pairs p, maritime.encounters(p.track_a, p.track_b, 500, '0') e
			   WHERE p.fixes = :encounter_fixes AND e.duration < interval '30 minutes')) AS line \gset
\echo :line

-- The fleet: how many pairs the index leaves, what they hold, and that it
-- loses none: the same encounters as all pairs of vessel-days of the same
-- day (tracks of different days do not overlap in time)
CREATE TEMP TABLE fi AS
SELECT a.vessel AS vessel_a, a.day AS day_a, b.vessel AS vessel_b, b.day AS day_b, e.*
FROM fleet a JOIN fleet b ON b.track &&& maritime.encounter_box(a.track, 500) AND (a.vessel, a.day) < (b.vessel, b.day)
CROSS JOIN LATERAL maritime.encounters(a.track, b.track, 500, '30 minutes') e;
CREATE TEMP TABLE fa AS
SELECT a.vessel AS vessel_a, a.day AS day_a, b.vessel AS vessel_b, b.day AS day_b, e.*
FROM fleet a JOIN fleet b ON b.day = a.day AND a.vessel < b.vessel
CROSS JOIN LATERAL maritime.encounters(a.track, b.track, 500, '30 minutes') e;
SELECT format('sanity: fleet: %s vessel-days, %s pairs (%s of the same day), %s candidate pairs from the index (%s %%); encounters %s between %s pairs of vessels (%s of them in a generated pair; %s GFW-like), all same-day pairs without the index %s: %s',
			  (SELECT count(*) FROM fleet),
			  (SELECT count(*) * (count(*) - 1) / 2 FROM fleet),
			  (SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*) AS n FROM fleet GROUP BY day) AS d),
			  c.n, round(100.0 * c.n / (SELECT count(*) * (count(*) - 1) / 2 FROM fleet), 1),
			  (SELECT count(*) FROM fi), (SELECT count(DISTINCT (vessel_a, vessel_b)) FROM fi),
			  (SELECT count(*) FROM fi WHERE (vessel_a + 1) / 2 = (vessel_b + 1) / 2),
			  (SELECT count(*) FROM fi WHERE duration >= interval '2 hours' AND speed_a_kn < 2 AND speed_b_kn < 2),
			  (SELECT count(*) FROM fa),
			  CASE WHEN NOT EXISTS (SELECT * FROM fi EXCEPT SELECT * FROM fa)
						AND NOT EXISTS (SELECT * FROM fa EXCEPT SELECT * FROM fi)
				   THEN 'OK' ELSE 'MISMATCH' END) AS line
FROM (SELECT count(*) AS n FROM fleet a JOIN fleet b
	  ON b.track &&& maritime.encounter_box(a.track, 500) AND (a.vessel, a.day) < (b.vessel, b.day)) AS c \gset
\echo :line
