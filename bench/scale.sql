-- Section scale: the whole pipeline (tracks -> port visits -> gaps) at
-- several sizes, in parallel and serial plans.  Tables pipe_<N> of
-- :scale_vessels vessels (data_pipe.sql: shuttling between two ports 350 km
-- apart, a fix every 30 s, in time order), and the 5 M rows once more in
-- random order, pipe_5_shuffled.  Sizes are :scale_sizes (in millions of
-- rows, 1 3 5 10); :scale_million rows count as a million (set it lower for
-- a quick trial run).  The parallel runs use PostgreSQL's own default,
-- max_parallel_workers_per_gather = 2, which a table of this size gets; the
-- serial run sets it to 0 (the server setting of this benchmark, so the
-- other sections compare like with like).  The tuned settings stay
-- (work_mem = 256MB); the defaults section runs the pipeline without them.
\echo == scale: pipeline on :scale_sizes x :scale_million rows, :scale_vessels vessels
SET client_min_messages = warning;
SELECT setseed(0.23) \g /dev/null
SELECT format('CALL bench.make_pipe(%L, %s, %s)', 'pipe_' || size,
			  (size::numeric * :scale_million)::bigint, :scale_vessels),
	   format('VACUUM ANALYZE pipe_%s', size)
FROM unnest(string_to_array(:'scale_sizes', ' ')) AS size \gexec
-- the 5 M rows again in random order, as a bulk load of mixed sources may
-- store them: the serial plan must then sort every track
SELECT 'DROP TABLE IF EXISTS pipe_5_shuffled',
	   'CREATE TABLE pipe_5_shuffled AS SELECT * FROM pipe_5 ORDER BY random()',
	   'VACUUM ANALYZE pipe_5_shuffled'
WHERE '5' = ANY (string_to_array(:'scale_sizes', ' ')) \gexec
CHECKPOINT;
SELECT pg_prewarm(c.oid) FROM pg_class c
WHERE c.relname IN (SELECT format('pipe_%s', size) FROM unnest(string_to_array(:'scale_sizes', ' ')) AS size)
   OR c.relname = 'pipe_5_shuffled' \g /dev/null
\pset footer off
SELECT c.relname AS "table",
	   (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', c.relname),
											false, true, '')))[1]::text::bigint AS rows,
	   pg_size_pretty(pg_table_size(c.oid)) AS table_size
FROM pg_class c
WHERE c.relname IN (SELECT format('pipe_%s', size) FROM unnest(string_to_array(:'scale_sizes', ' ')) AS size)
   OR c.relname = 'pipe_5_shuffled'
ORDER BY c.reltuples, c.relname;

SELECT format($f$CALL bench.add('scale', %L, %L, %L, %L)$f$,
			  mode || size, format('pipeline on %s M rows, %s', replace(size, '_', ' '), mode_label),
			  bench.pipeline_sql('pipe_' || size),
			  settings)
FROM unnest(string_to_array(:'scale_sizes', ' ') ||
			CASE WHEN '5' = ANY (string_to_array(:'scale_sizes', ' ')) THEN '{5_shuffled}'::text[] END)
	 WITH ORDINALITY AS s(size, ord)
CROSS JOIN (VALUES ('p', 'parallel (default: 2 workers per gather)', '{max_parallel_workers_per_gather,2}'::text[]),
				   ('s', 'serial (0 workers)', '{}'::text[])) AS m(mode, mode_label, settings)
WHERE mode = 'p' OR size LIKE '5%'
ORDER BY ord, mode \gexec

-- 5 M rows: serial over parallel; largest over smallest size, per row
SELECT format('CALL bench.target(''scale'', %L, %L, ''>='', 1.6)', 's' || size, 'p' || size)
FROM unnest(ARRAY['5', '5_shuffled']) AS size
WHERE EXISTS (SELECT FROM bench.query WHERE section = 'scale' AND name = 's' || size) \gexec
SELECT format('CALL bench.target(''scale'', %L, %L, ''<='', %s)',
			  'p' || last, 'p' || first, 1.3 * last::numeric / first::numeric)
FROM (SELECT s[1] AS first, s[cardinality(s)] AS last
	  FROM string_to_array(:'scale_sizes', ' ') AS s) AS sizes
WHERE last <> first \gexec
CALL bench.run('scale', :repeats);

-- The same answers in serial and parallel plans, and exactly the gaps the
-- data has: one per 400 fixes of each vessel
CREATE FUNCTION pg_temp.pipeline(size text, workers int,
								 OUT tracks bigint, OUT visits numeric, OUT gaps numeric)
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('max_parallel_workers_per_gather', workers::text, true);
	EXECUTE (SELECT sql FROM bench.query WHERE section = 'scale' AND name = 'p' || size)
		INTO tracks, visits, gaps;
END
$$;
\pset footer off
SELECT format('sanity: pipe_%s: %s tracks, %s visits, %s gaps (expected %s); serial = parallel: %s',
			  size, p.tracks, p.visits, p.gaps, e.gaps,
			  CASE WHEN p = s AND p.gaps = e.gaps AND p.visits > 0 THEN 'OK' ELSE 'MISMATCH' END) AS sanity
FROM unnest(string_to_array(:'scale_sizes', ' ') ||
			ARRAY(SELECT substr(name, 2) FROM bench.query WHERE section = 'scale' AND name = 'p5_shuffled')) AS size
CROSS JOIN LATERAL pg_temp.pipeline(size, 2) AS p
CROSS JOIN LATERAL pg_temp.pipeline(size, 0) AS s
CROSS JOIN LATERAL (
	SELECT :scale_vessels * (((split_part(size, '_', 1)::numeric * :scale_million)::bigint
							  / :scale_vessels - 1) / 400) AS gaps
) AS e;
