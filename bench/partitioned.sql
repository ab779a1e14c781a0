-- Section partitioned: the layout the README recommends for big tables,
-- at PostgreSQL's default settings (as in the defaults section) plus the
-- one setting the layout needs, enable_partitionwise_aggregate = on.  The
-- positions of pipe_defaults (data_pipe_defaults.sql) go into
-- pipe_by_vessel, 16 partitions by a hash of the vessel: each vessel's
-- rows are in one partition, so parallel workers build whole tracks
-- partition by partition (Parallel Append of one aggregate a partition)
-- and no partial track travels to the leader.  The pipeline (tracks, port
-- visits, gaps) runs twice: written as the recipe says, with a track's
-- analyses in a function of the track (bench.track_analyses, data_pipe.sql),
-- which the workers call too; and as the defaults section writes it, with
-- correlated subqueries, which PostgreSQL runs in the leader.  Target: the
-- recipe's pipeline with 2 workers at least 0.85 of the speedup of the
-- floor query over the same table.
\echo == partitioned: by vessel, at PostgreSQL defaults, :vessels x :fixes rows
SET client_min_messages = warning;
SELECT '{' || string_agg(name || ',' || boot_val, ',' ORDER BY name) ||
	   ',enable_partitionwise_aggregate,on}' AS defaults,
	   '{' || string_agg(name || ',' || CASE name WHEN 'max_parallel_workers_per_gather' THEN '0'
											  ELSE boot_val END, ',' ORDER BY name) ||
	   ',enable_partitionwise_aggregate,on}' AS serial
FROM pg_settings
WHERE name = ANY (string_to_array(:'tuned', ' ') || '{max_parallel_workers_per_gather}'::text[])
  AND context IN ('user', 'superuser') \gset
SELECT 'settings: ' || :'defaults' || ', serial: ' || :'serial' AS line \gset
\echo :line

DROP TABLE IF EXISTS pipe_by_vessel;
CREATE TABLE pipe_by_vessel (LIKE pipe_defaults) PARTITION BY HASH (vessel);
SELECT format('CREATE TABLE pipe_by_vessel_%s PARTITION OF pipe_by_vessel FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
			  r, r)
FROM generate_series(0, 15) AS r \gexec
INSERT INTO pipe_by_vessel SELECT * FROM pipe_defaults;
VACUUM ANALYZE pipe_by_vessel;
CHECKPOINT;
SELECT sum(pg_prewarm(c.oid)) FROM pg_class c
WHERE c.relname LIKE 'pipe\_by\_vessel\_%' OR c.relname = 'pipe_port' \g /dev/null
\pset footer off
SELECT count(*) AS partitions, min(n) AS fewest_rows, max(n) AS most_rows
FROM (SELECT tableoid, count(*) AS n FROM pipe_by_vessel GROUP BY tableoid) p;

CALL bench.add('partitioned', 'f', 'floor over pipe_by_vessel',
	$q$SELECT vessel, count(geom), max(ts) FROM pipe_by_vessel GROUP BY vessel$q$, :'defaults');
CALL bench.add('partitioned', 'fs', 'floor, serial',
	$q$SELECT vessel, count(geom), max(ts) FROM pipe_by_vessel GROUP BY vessel$q$, :'serial');
CALL bench.add('partitioned', 'b', 'maritime.track_agg',
	$q$SELECT vessel, maritime.track_agg(geom, ts) FROM pipe_by_vessel GROUP BY vessel$q$, :'defaults');
CALL bench.add('partitioned', 'bs', 'maritime.track_agg, serial',
	$q$SELECT vessel, maritime.track_agg(geom, ts) FROM pipe_by_vessel GROUP BY vessel$q$, :'serial');
SELECT format('CALL bench.add(%L, %L, %L, %L, %L)', 'partitioned', name, label, sql, settings)
FROM (VALUES ('p', 'pipeline, analyses in a function of the track',
			  bench.pipeline_in_workers_sql('pipe_by_vessel'), :'defaults'),
			 ('ps', 'the same, serial', bench.pipeline_in_workers_sql('pipe_by_vessel'), :'serial'),
			 ('q', 'pipeline, analyses in correlated subqueries',
			  bench.pipeline_sql('pipe_by_vessel'), :'defaults'),
			 ('qs', 'the same, serial', bench.pipeline_sql('pipe_by_vessel'), :'serial'))
	 AS q(name, label, sql, settings) \gexec
CALL bench.target('partitioned', 'b', 'f', '<=', 1.6);
CALL bench.target('partitioned', 'b', 'bs', '<=', 1.0);
CALL bench.target('partitioned', 'fs', 'f', 'report', 0);
CALL bench.target('partitioned', 'ps', 'p', 'report', 0);
CALL bench.target('partitioned', 'qs', 'q', 'report', 0);
CALL bench.run('partitioned', :repeats);

SELECT q, plan, runs_spilled, runs, most_spilled
FROM bench.spills WHERE section = 'partitioned' ORDER BY ord;

-- Parallel efficiency of both ways of writing the pipeline, against the
-- floor query's speedup over the same table (medians; in brackets, the
-- same ratio of the fastest and of the slowest runs)
SELECT format('efficiency, %s: %s', q.label,
			  bench.efficiency('partitioned', q.name, q.name || 's', 'f', 'fs',
							   CASE WHEN q.name = 'p' THEN 0.85 END)) AS line
FROM bench.query q WHERE q.section = 'partitioned' AND q.name IN ('p', 'q')
ORDER BY q.name;

-- Both ways give the same answers, serial and parallel, as the flat table
CREATE FUNCTION pg_temp.answer(query text, settings text[]) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	answer text;
BEGIN
	FOR i IN 1 .. array_length(settings, 1) BY 2 LOOP
		PERFORM set_config(settings[i], settings[i + 1], true);
	END LOOP;
	EXECUTE 'SELECT row(a.*)::text FROM (' || query || ') a' INTO answer;
	RETURN answer;
END
$$;
SELECT pg_temp.answer(bench.pipeline_sql('pipe_defaults'), :'serial') AS flat \gset
SELECT format('sanity: tracks, visits, gaps %s; the same both ways, serial and parallel: %s', :'flat',
			  CASE WHEN pg_temp.answer(bench.pipeline_in_workers_sql('pipe_by_vessel'), :'defaults') = :'flat'
					AND pg_temp.answer(bench.pipeline_in_workers_sql('pipe_by_vessel'), :'serial') = :'flat'
					AND pg_temp.answer(bench.pipeline_sql('pipe_by_vessel'), :'defaults') = :'flat'
				   THEN 'OK' ELSE 'MISMATCH' END) AS line \gset
\echo :line
