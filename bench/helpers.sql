-- The timing harness, kept in the database (schema bench): bench.add
-- registers a query, bench.run times the queries of a section,
-- bench.target declares a ratio, and the view bench.result is what
-- report.sql prints.  Runs first in every benchmark cluster.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS maritime CASCADE;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

CREATE TABLE bench.query (
	section text, name text, label text, sql text, plan text,
	settings text[] NOT NULL DEFAULT '{}',		-- {name, value, ...} for this query
	ord serial, PRIMARY KEY (section, name));
-- spill_kb: what the run wrote to disk for sorts and hash aggregation
CREATE TABLE bench.timing (section text, name text, rep int, seconds float8,
						   spill_kb bigint);
-- op is <=, <, >= or report (a ratio reported without a target)
CREATE TABLE bench.target (
	section text, num text, den text, op text, target float8, ord serial);

CREATE PROCEDURE bench.add(p_section text, p_name text, p_label text, p_sql text,
						   p_settings text[] DEFAULT '{}')
LANGUAGE sql AS $$
	INSERT INTO bench.query (section, name, label, sql, settings)
	VALUES (p_section, p_name, p_label, p_sql, p_settings)
$$;

-- Runs a query under its own settings (then back to the server's) and
-- returns EXPLAIN ANALYZE's JSON
CREATE FUNCTION bench.explain(q bench.query) RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
	explained json;
	i int;
BEGIN
	FOR i IN 1 .. coalesce(array_length(q.settings, 1), 0) BY 2 LOOP
		PERFORM set_config(q.settings[i], q.settings[i + 1], false);
	END LOOP;
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) ' || q.sql
		INTO explained;
	FOR i IN 1 .. coalesce(array_length(q.settings, 1), 0) BY 2 LOOP
		EXECUTE format('RESET %I', q.settings[i]);
	END LOOP;
	RETURN explained;
END
$$;

-- What a run spilled to disk, in kB, from EXPLAIN ANALYZE's JSON: sorts on
-- disk (external sort or merge) and hash aggregation's disk usage, in the
-- leader and the workers alike
CREATE FUNCTION bench.spill_kb(explained json) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
	SELECT coalesce(sum(coalesce(m[1], m[2])::bigint), 0)
	FROM regexp_matches(explained::text,
						'"Sort Space Used": ([0-9]+),\s*"Sort Space Type": "Disk"|"Disk Usage": ([0-9]+)',
						'g') AS m
$$;

CREATE PROCEDURE bench.target(p_section text, p_num text, p_den text,
							  p_op text, p_target float8)
LANGUAGE sql AS $$
	INSERT INTO bench.target (section, num, den, op, target)
	VALUES (p_section, p_num, p_den, p_op, p_target)
$$;

-- Why EXPLAIN ANALYZE: it runs the whole query, final functions included,
-- but discards the result rows, so no result is sent to the client or
-- written anywhere.  TIMING OFF avoids per-node clock calls (only row
-- counts remain); SUMMARY ON gives "Execution Time", measured inside the
-- server, so psql, the network and planning are not in it.  Runs are
-- interleaved (a b c, c a b, ...), so a burst of load from other processes
-- hits all queries alike rather than one of them; the order is shuffled
-- each round (the same way every time), so no query always follows the
-- same other one: with a fixed order, a query right after a very
-- different one ran up to 20 % slower.  One untimed run of each query
-- first loads the libraries and fills the caches.
CREATE PROCEDURE bench.run(p_section text, p_repeats int)
LANGUAGE plpgsql AS $$
DECLARE
	q bench.query;
	explained json;
	rep int;
BEGIN
	FOR q IN SELECT * FROM bench.query WHERE section = p_section ORDER BY ord LOOP
		explained := bench.explain(q);
		UPDATE bench.query
		SET plan = concat_ws(' ', explained->0->'Plan'->>'Node Type',
							 '(' || (explained->0->'Plan'->>'Strategy') || ')',
							 (SELECT 'workers ' || string_agg(m[1], '+')
							  FROM regexp_matches(explained::text, '"Workers Launched": ([0-9]+)', 'g') AS m))
		WHERE section = q.section AND name = q.name;
	END LOOP;
	FOR rep IN 1..p_repeats LOOP
		FOR q IN SELECT * FROM bench.query WHERE section = p_section
				 ORDER BY md5(name || ':' || rep) LOOP
			explained := bench.explain(q);
			INSERT INTO bench.timing
			VALUES (q.section, q.name, rep,
					(explained->0->>'Execution Time')::float8 / 1000,
					bench.spill_kb(explained));
		END LOOP;
	END LOOP;
END
$$;

-- Reads tables into shared buffers, each with its TOAST table and TOAST
-- index (a plain seq scan of a large table would use a small ring buffer)
CREATE FUNCTION bench.prewarm(VARIADIC tables regclass[]) RETURNS bigint
LANGUAGE sql AS $$
	SELECT sum(pg_prewarm(c.oid)) FROM pg_class c
	WHERE c.oid = ANY (tables)
	   OR c.oid IN (SELECT reltoastrelid FROM pg_class WHERE oid = ANY (tables))
	   OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN
					(SELECT reltoastrelid FROM pg_class WHERE oid = ANY (tables)))
$$;

CREATE VIEW bench.result AS
SELECT q.ord, q.section, q.name, q.label, q.plan,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY t.seconds) AS median,
	   min(t.seconds) AS min, max(t.seconds) AS max, count(*) AS runs
FROM bench.query q JOIN bench.timing t USING (section, name)
GROUP BY q.ord, q.section, q.name, q.label, q.plan;

-- In how many runs each query wrote sorts or hash tables to disk, and the
-- most it wrote in one run
CREATE VIEW bench.spills AS
SELECT q.ord, q.section, q.name AS q, q.plan,
	   count(*) FILTER (WHERE t.spill_kb > 0) AS runs_spilled,
	   count(*) AS runs, pg_size_pretty(max(t.spill_kb) * 1024) AS most_spilled
FROM bench.query q JOIN bench.timing t USING (section, name)
GROUP BY q.ord, q.section, q.name, q.plan;

-- A parallel query's efficiency: its speedup with workers (query par
-- against its serial twin ser) over the floor query's (floor against
-- floor_serial) in the same section and run.  Medians, and in brackets the
-- same ratio of the fastest and of the slowest runs; with a target, the
-- verdict on the medians' ratio.
CREATE FUNCTION bench.efficiency(p_section text, p_par text, p_ser text,
								 p_floor text, p_floor_serial text,
								 p_target float8 DEFAULT NULL) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT format('pipeline %s x faster with 2 workers, floor %s x: %s (%s to %s)%s',
				  to_char(ps.median / p.median, 'FM90.00'),
				  to_char(fs.median / f.median, 'FM90.00'), to_char(e, 'FM90.000'),
				  to_char(least(lo, hi), 'FM90.000'), to_char(greatest(lo, hi), 'FM90.000'),
				  CASE WHEN p_target IS NOT NULL
					   THEN format(' (target >= %s): %s', p_target,
								   CASE WHEN e >= p_target THEN 'PASS' ELSE 'MISS' END)
					   ELSE '' END)
	FROM bench.result p, bench.result ps, bench.result f, bench.result fs,
		 LATERAL (SELECT (ps.median / p.median) / (fs.median / f.median) AS e,
						 (ps.min / p.min) / (fs.min / f.min) AS lo,
						 (ps.max / p.max) / (fs.max / f.max) AS hi) r
	WHERE (p.section, p.name) = (p_section, p_par)
	  AND (ps.section, ps.name) = (p_section, p_ser)
	  AND (f.section, f.name) = (p_section, p_floor)
	  AND (fs.section, fs.name) = (p_section, p_floor_serial)
$$;
