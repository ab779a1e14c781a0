-- maritime.track_agg in parallel plans: Partial Aggregate in the workers,
-- combine in the leader, and the very same tracks as a serial plan.
SET timezone = 'UTC';

-- 40 vessels x 5000 fixes, with repeated timestamps whose winner (smallest
-- x, then y) must not depend on which worker saw which row
CREATE TABLE par_pos AS
SELECT v AS vessel,
       ST_SetSRID(ST_MakePoint(-70 + v + ((i * 7919) % 1000) / 1000.0,
                               40 + ((i * 104729) % 1000) / 1000.0), 4326) AS geom,
       '2024-01-01'::timestamptz + ((i / 2) * interval '1 minute') AS ts
FROM generate_series(1, 40) v, generate_series(1, 5000) i
ORDER BY md5(v::text || ':' || i::text);
ANALYZE par_pos;

SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;	-- the workers do all the scanning

-- Shows whether a plan has partial aggregation and how many workers ran
CREATE FUNCTION pg_temp.plan_facts(query text) RETURNS TABLE(fact text)
LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || query LOOP
    IF line ~ 'Partial (Hash|Group)?Aggregate|Finalize|Workers Launched' THEN
      fact := regexp_replace(regexp_replace(trim(line), '^-> *', ''), ' \(actual.*\)$', '');
      -- how many start depends on free worker slots; that some did is what counts
      fact := regexp_replace(fact, 'Workers Launched: [1-9][0-9]*', 'Workers Launched: at least 1');
      RETURN NEXT;
    END IF;
  END LOOP;
END $$;

EXPLAIN (COSTS OFF) SELECT maritime.track_agg(geom, ts) FROM par_pos WHERE vessel = 7;
SELECT * FROM pg_temp.plan_facts('SELECT maritime.track_agg(geom, ts) FROM par_pos WHERE vessel = 7');
SELECT * FROM pg_temp.plan_facts('SELECT vessel, maritime.track_agg(geom, ts) FROM par_pos GROUP BY vessel');

CREATE TEMP TABLE parallel_tracks AS
SELECT vessel, maritime.track_agg(geom, ts) AS track FROM par_pos GROUP BY vessel;
CREATE TEMP TABLE parallel_one AS
SELECT maritime.track_agg(geom, ts) AS track FROM par_pos WHERE vessel = 7;

SET max_parallel_workers_per_gather = 0;
SELECT * FROM pg_temp.plan_facts('SELECT vessel, maritime.track_agg(geom, ts) FROM par_pos GROUP BY vessel');
CREATE TEMP TABLE serial_tracks AS
SELECT vessel, maritime.track_agg(geom, ts) AS track FROM par_pos GROUP BY vessel;

-- identical (=) tracks, each with one vertex per distinct timestamp
SELECT count(*) AS vessels,
       count(*) FILTER (WHERE p.track = s.track) AS equal,
       count(*) FILTER (WHERE ST_AsEWKB(p.track) = ST_AsEWKB(s.track)) AS equal_bytes,
       sum(ST_NPoints(p.track)) AS vertices,
       bool_and(ST_IsValidTrajectory(p.track)) AS valid
FROM parallel_tracks p JOIN serial_tracks s USING (vessel);
SELECT (SELECT track FROM parallel_one) = (SELECT track FROM serial_tracks WHERE vessel = 7) AS equal;
SELECT count(DISTINCT ts) AS distinct_timestamps FROM par_pos WHERE vessel = 7;
-- the winner of each repeated timestamp is the smallest x (then y)
SELECT count(*) AS vertices_not_smallest
FROM serial_tracks s, ST_DumpPoints(s.track) d
WHERE EXISTS (SELECT 1 FROM par_pos p
              WHERE p.vessel = s.vessel
                AND extract(epoch FROM p.ts) = ST_M(d.geom)
                AND (ST_X(p.geom), ST_Y(p.geom)) < (ST_X(d.geom), ST_Y(d.geom)));

-- AIS's "not available" position is skipped in the workers too: vessel 7
-- with every tenth row replaced by POINT(181 91) gives the track of the
-- other rows
CREATE TABLE par_na AS
SELECT CASE WHEN row_number() OVER () % 10 = 0 THEN 'SRID=4326;POINT(181 91)'::geometry ELSE geom END AS geom, ts
FROM par_pos WHERE vessel = 7;
ANALYZE par_na;
SET max_parallel_workers_per_gather = 2;
SELECT * FROM pg_temp.plan_facts('SELECT maritime.track_agg(geom, ts) FROM par_na');
SELECT (SELECT maritime.track_agg(geom, ts) FROM par_na) =
       (SELECT maritime.track_agg(geom, ts) FROM par_na WHERE ST_X(geom) <> 181) AS same_track,
       (SELECT count(*) FROM par_na WHERE ST_X(geom) = 181) AS not_available_rows;
SET max_parallel_workers_per_gather = 0;
DROP TABLE par_na;

-- Partial aggregation per partition (12 partitions of 4 hours): in one
-- process each vessel's fixes come as 12 unsorted runs; in a parallel plan
-- as sorted runs from every worker and partition, past 8 of them merged
-- with a heap.  The same tracks as the serial plan either way.
CREATE TABLE par_part (vessel int, geom geometry, ts timestamptz) PARTITION BY RANGE (ts);
SELECT format('CREATE TABLE par_part_%s PARTITION OF par_part FOR VALUES FROM (%L) TO (%L)',
              p, '2024-01-01'::timestamptz + (p - 1) * interval '4 hours',
              '2024-01-01'::timestamptz + p * interval '4 hours')
FROM generate_series(1, 12) p \gexec
INSERT INTO par_part SELECT * FROM par_pos;
ANALYZE par_part;
SET enable_partitionwise_aggregate = on;
SELECT fact, count(*) FROM pg_temp.plan_facts('SELECT vessel, maritime.track_agg(geom, ts) FROM par_part GROUP BY vessel')
GROUP BY fact ORDER BY fact;
CREATE TEMP TABLE part_serial AS
SELECT vessel, maritime.track_agg(geom, ts) AS track FROM par_part GROUP BY vessel;
SET max_parallel_workers_per_gather = 2;
SELECT fact, count(*) FROM pg_temp.plan_facts('SELECT vessel, maritime.track_agg(geom, ts) FROM par_part GROUP BY vessel')
GROUP BY fact ORDER BY fact;
CREATE TEMP TABLE part_parallel AS
SELECT vessel, maritime.track_agg(geom, ts) AS track FROM par_part GROUP BY vessel;
SELECT count(*) AS vessels,
       count(*) FILTER (WHERE a.track = s.track AND ST_AsEWKB(a.track) = ST_AsEWKB(s.track)) AS serial_equal,
       count(*) FILTER (WHERE b.track = s.track AND ST_AsEWKB(b.track) = ST_AsEWKB(s.track)) AS parallel_equal
FROM part_serial a JOIN part_parallel b USING (vessel) JOIN serial_tracks s USING (vessel);

-- The table functions run in the workers too: over a table of tracks (one
-- per vessel and hour here), each worker calls them for its share of rows
-- (the port is a plain table: a temporary one is never read in workers)
CREATE TABLE par_hourly AS
SELECT vessel, date_trunc('hour', ts) AS hour, maritime.track_agg(geom, ts) AS track
FROM par_pos GROUP BY vessel, date_trunc('hour', ts);
ANALYZE par_hourly;
CREATE TABLE par_port AS
SELECT ST_Buffer(ST_SetSRID(ST_MakePoint(-50.5, 40.5), 4326), 0.2) AS area;
EXPLAIN (COSTS OFF)
SELECT count(*) FROM par_hourly t, par_port p, maritime.port_visits(t.track, p.area) v;
EXPLAIN (COSTS OFF)
SELECT count(*) FROM par_hourly t, maritime.gaps(t.track, '1 minute') g;
SELECT * FROM pg_temp.plan_facts('SELECT count(*) FROM par_hourly t, maritime.gaps(t.track, ''1 minute'') g')
WHERE fact LIKE 'Workers%';
CREATE TEMP TABLE parallel_answers AS
SELECT (SELECT count(*) FROM par_hourly t, par_port p, maritime.port_visits(t.track, p.area) v) AS visits,
       (SELECT count(*) FROM par_hourly t, maritime.gaps(t.track, '1 minute') g) AS gaps;
SET max_parallel_workers_per_gather = 0;
SELECT p.visits, p.gaps,
       p.visits = (SELECT count(*) FROM par_hourly t, par_port q, maritime.port_visits(t.track, q.area) v) AS same_visits,
       p.gaps = (SELECT count(*) FROM par_hourly t, maritime.gaps(t.track, '1 minute') g) AS same_gaps
FROM parallel_answers p;

-- What a worker sends the leader.  The planner's usual parallel plan
-- (Partial HashAggregate, Sort, Gather Merge, Finalize GroupAggregate)
-- holds every partial track of a process in that Sort, which spills to
-- disk past work_mem; the planner cannot see this, as it sizes a partial
-- state by its type (bytea) alone.  So states travel compact: here a
-- steady feed (a fix every 30 s, moving at a steady speed with a little
-- noise) of 10 vessels and 24,000 fixes each, 240,000 fixes.  Serialized
-- (pg_temp.track_state) and sorted as that Sort does, in one process so
-- that the answer does not depend on how the rows split between workers,
-- they fit in the default work_mem (4 MB); at 24 bytes a fix, as they
-- travelled before, they would spill.
RESET ALL;
SET timezone = 'UTC';
CREATE TABLE par_steady AS
SELECT v AS vessel,
       ST_SetSRID(ST_MakePoint(4 + v * 0.1 + i * 0.00002 + (i * 7919 % 1000) * 1e-7,
                               52 + i * 0.00001 + (i * 6007 % 1000) * 1e-7), 4326) AS geom,
       '2024-01-01'::timestamptz + i * interval '30 seconds' AS ts
FROM generate_series(1, 24000) i, generate_series(1, 10) v;
ANALYZE par_steady;
CREATE AGGREGATE pg_temp.track_state(geometry, timestamptz) (
	SFUNC = maritime.track_agg_transfn, STYPE = internal,
	FINALFUNC = maritime.track_agg_serialfn, FINALFUNC_MODIFY = READ_WRITE);
SELECT count(*) AS vessels, sum(length(s)) AS bytes,
       round(sum(length(s)) / 240000.0, 2) AS bytes_a_fix
FROM (SELECT pg_temp.track_state(geom, ts) AS s FROM par_steady GROUP BY vessel) t;
CREATE FUNCTION pg_temp.sort_method(query text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || query LOOP
    IF line ~ 'Sort Method' THEN
      RETURN NEXT regexp_replace(trim(line), '[0-9]+kB', 'NkB');
    END IF;
  END LOOP;
END $$;
SELECT current_setting('work_mem') AS work_mem,
       pg_temp.sort_method('SELECT vessel, pg_temp.track_state(geom, ts) FROM par_steady GROUP BY vessel ORDER BY vessel') AS sort;
-- and the parallel plan builds the same tracks
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SELECT * FROM pg_temp.plan_facts('SELECT vessel, maritime.track_agg(geom, ts) FROM par_steady GROUP BY vessel');
CREATE TEMP TABLE steady_parallel AS
SELECT vessel, maritime.track_agg(geom, ts) AS track FROM par_steady GROUP BY vessel;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS vessels, sum(ST_NPoints(p.track)) AS vertices,
       count(*) FILTER (WHERE p.track = s.track AND ST_AsEWKB(p.track) = ST_AsEWKB(s.track)) AS equal
FROM steady_parallel p
JOIN (SELECT vessel, maritime.track_agg(geom, ts) AS track FROM par_steady GROUP BY vessel) s USING (vessel);

RESET ALL;
DROP TABLE par_pos, par_part, par_hourly, par_port, par_steady;
