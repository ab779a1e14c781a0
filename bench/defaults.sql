-- Section defaults: track_agg and the pipeline at the settings a new user
-- has.  This benchmark's cluster is tuned (bench/lib.sh: work_mem = 256MB,
-- no parallel workers, no JIT); here every setting of that list that a
-- session can change is set back to PostgreSQL's own default (its boot
-- value: work_mem = 4MB, max_parallel_workers_per_gather = 2, jit = on),
-- and each query runs in the plan the planner picks.  The serial runs
-- differ in one setting only, max_parallel_workers_per_gather = 0.
-- shared_buffers stays the cluster's (no session can change it); the tables
-- are read into it first.
--
-- Data: pos (data_pos.sql: :vessels x :fixes positions, shuffled) and
-- pipe_defaults (data_pipe_defaults.sql: as many positions of as many
-- vessels shuttling between two ports, in time order).
--
-- Targets (issue 15): track_agg at most 1.6 x the floor query and the
-- PostGIS way at least 4 x track_agg, in the planner's plans; the parallel
-- plan of track_agg no slower than the serial one; the pipeline (tracks,
-- then port visits and gaps) with 2 workers at least 0.85 of the speedup
-- the floor query gets on the same table.  Spills to disk (sorts on disk,
-- hash aggregation in batches) are counted in every run.
\echo == defaults: at PostgreSQL defaults, :vessels x :fixes rows
SET client_min_messages = warning;
SELECT '{' || string_agg(name || ',' || boot_val, ',' ORDER BY name) || '}' AS defaults,
	   '{' || string_agg(name || ',' || CASE name WHEN 'max_parallel_workers_per_gather' THEN '0'
											  ELSE boot_val END, ',' ORDER BY name) || '}' AS serial
FROM pg_settings
WHERE name = ANY (string_to_array(:'tuned', ' ') || '{max_parallel_workers_per_gather}'::text[])
  AND context IN ('user', 'superuser') \gset
SELECT 'settings: ' || :'defaults' || ', serial: ' || :'serial' AS line \gset
\echo :line

SELECT bench.prewarm('pos', 'pipe_defaults', 'pipe_port') \g /dev/null

CALL bench.add('defaults', 'a', 'floor: count(geom), max(ts)',
	$q$SELECT vessel, count(geom), max(ts) FROM pos GROUP BY vessel$q$, :'defaults');
CALL bench.add('defaults', 'as', 'floor, serial',
	$q$SELECT vessel, count(geom), max(ts) FROM pos GROUP BY vessel$q$, :'serial');
CALL bench.add('defaults', 'b', 'maritime.track_agg',
	$q$SELECT vessel, maritime.track_agg(geom, ts) FROM pos GROUP BY vessel$q$, :'defaults');
CALL bench.add('defaults', 'bs', 'maritime.track_agg, serial',
	$q$SELECT vessel, maritime.track_agg(geom, ts) FROM pos GROUP BY vessel$q$, :'serial');
CALL bench.add('defaults', 'c', 'ST_MakeLine(ST_MakePointM ORDER BY ts)',
	$q$SELECT vessel, ST_MakeLine(ST_MakePointM(ST_X(geom), ST_Y(geom), extract(epoch from ts)) ORDER BY ts) FROM pos GROUP BY vessel$q$,
	:'defaults');
CALL bench.add('defaults', 'f', 'floor over pipe_defaults',
	$q$SELECT vessel, count(geom), max(ts) FROM pipe_defaults GROUP BY vessel$q$, :'defaults');
CALL bench.add('defaults', 'fs', 'floor over pipe_defaults, serial',
	$q$SELECT vessel, count(geom), max(ts) FROM pipe_defaults GROUP BY vessel$q$, :'serial');
SELECT format('CALL bench.add(%L, %L, %L, %L, %L)', 'defaults', name, label,
			  bench.pipeline_sql('pipe_defaults'), settings)
FROM (VALUES ('p', 'pipeline: tracks, port visits, gaps', :'defaults'),
			 ('ps', 'pipeline, serial', :'serial')) AS q(name, label, settings) \gexec
CALL bench.target('defaults', 'b', 'a', '<=', 1.6);
CALL bench.target('defaults', 'c', 'b', '>=', 4.0);
CALL bench.target('defaults', 'b', 'bs', '<=', 1.0);
CALL bench.target('defaults', 'bs', 'as', 'report', 0);
CALL bench.target('defaults', 'as', 'a', 'report', 0);
CALL bench.target('defaults', 'fs', 'f', 'report', 0);
CALL bench.target('defaults', 'ps', 'p', 'report', 0);
CALL bench.run('defaults', :repeats);

\pset footer off
-- Spills: in how many runs each query wrote sorts or hash tables to disk
SELECT q, plan, runs_spilled, runs, most_spilled
FROM bench.spills WHERE section = 'defaults' ORDER BY ord;

-- The pipeline's parallel efficiency: its speedup with 2 workers over the
-- floor query's, on the same table in the same run (medians; the spread is
-- the same ratio from the fastest and from the slowest runs)
SELECT 'efficiency: ' || bench.efficiency('defaults', 'p', 'ps', 'f', 'fs', 0.85) AS line \gset
\echo :line

-- The same answers in parallel and serial plans: tracks byte for byte, and
-- the pipeline's counts
CREATE FUNCTION pg_temp.answer(query text, settings text[]) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	answer text;
BEGIN
	FOR i IN 1 .. array_length(settings, 1) BY 2 LOOP
		PERFORM set_config(settings[i], settings[i + 1], true);
	END LOOP;
	EXECUTE 'SELECT md5(string_agg(r::text, '','' ORDER BY r::text)) FROM (' || query || ') r'
		INTO answer;
	RETURN answer;
END
$$;
SELECT format('sanity: parallel = serial for track_agg: %s, for the pipeline: %s',
			  CASE WHEN pg_temp.answer(b.sql, b.settings) = pg_temp.answer(b.sql, bs.settings)
				   THEN 'OK' ELSE 'MISMATCH' END,
			  CASE WHEN pg_temp.answer(p.sql, p.settings) = pg_temp.answer(p.sql, ps.settings)
				   THEN 'OK' ELSE 'MISMATCH' END) AS line
FROM bench.query b, bench.query bs, bench.query p, bench.query ps
WHERE (b.section, b.name) = ('defaults', 'b') AND (bs.section, bs.name) = ('defaults', 'bs')
  AND (p.section, p.name) = ('defaults', 'p') AND (ps.section, ps.name) = ('defaults', 'ps') \gset
\echo :line
