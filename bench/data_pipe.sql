-- The pipeline's data, shared by the scale and defaults sections: the two
-- ports (pipe_port, 3 km circles about 350 km apart) and
-- bench.make_pipe(name, rows, vessels), which makes table <name>: vessels
-- shuttling between the ports (a round trip every 2 days, dwelling at each
-- end), a fix every 30 s with about 10 m of noise and a 2-hour AIS gap
-- every 400 fixes, so the answers are known; stored in time order, as a
-- feed appends them.  Call setseed first for the same rows every run.
SET client_min_messages = warning;
DROP TABLE IF EXISTS pipe_port;
CREATE TABLE pipe_port AS
SELECT name, ST_Buffer(ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography, 3000)::geometry AS geom
FROM (VALUES ('west', 4.0, 52.0), ('east', 8.0, 54.0)) AS v(name, lon, lat);
ANALYZE pipe_port;

CREATE PROCEDURE bench.make_pipe(p_name text, p_rows bigint, p_vessels int)
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('DROP TABLE IF EXISTS %I', p_name);
	EXECUTE format($f$CREATE TABLE %1$I AS
WITH fix AS (
	SELECT n %% %2$s + 1 AS vessel, n / %2$s AS i
	FROM generate_series(0, %3$s - 1) AS n
), timed AS (
	SELECT vessel, i,
		   (i * 30 + (i / 400) * 7200 + vessel * 37)::float8 AS secs
	FROM fix
), placed AS (
	SELECT vessel, secs, secs / 172800.0 + vessel * 0.137 AS trips
	FROM timed
), shuttled AS (
	SELECT vessel, secs,
		   greatest(0, least(1, 1.25 * (1 - abs(2 * (trips - floor(trips)) - 1)) - 0.125)) AS s
	FROM placed
)
SELECT vessel,
	   ST_SetSRID(ST_MakePoint(4 + 4 * s + 0.0002 * (random() - 0.5),
							   52 + 2 * s + 0.0002 * (random() - 0.5)), 4326) AS geom,
	   timestamptz '2024-01-01 00:00:00+00' + secs * interval '1 second' AS ts
FROM shuttled$f$, p_name, p_vessels, p_rows);
END
$$;

-- The pipeline over table <name>: its tracks, their visits to both ports
-- and their dark periods, counted
CREATE FUNCTION bench.pipeline_sql(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT format($q$SELECT count(*) AS tracks, sum(v.visits) AS visits, sum(g.gaps) AS gaps
FROM (SELECT vessel, maritime.track_agg(geom, ts) AS track FROM %I GROUP BY vessel) t
CROSS JOIN LATERAL (SELECT count(*) AS visits FROM pipe_port p, maritime.port_visits(t.track, p.geom)) v
CROSS JOIN LATERAL (SELECT count(*) AS gaps FROM maritime.gaps(t.track, '10 minutes')) g$q$, p_name)
$$;

-- The pipeline as the partitioned recipe writes it (README, "Big tables"):
-- the analyses of a track in a function of the track, which PostgreSQL can
-- call in a parallel worker, where the correlated subqueries above must run
-- in the leader.  Counts a track's visits to both ports and its gaps.
CREATE FUNCTION bench.track_analyses(track geometry, OUT visits bigint, OUT gaps bigint)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT (SELECT count(*) FROM pipe_port p, maritime.port_visits(track, p.geom)),
		   (SELECT count(*) FROM maritime.gaps(track, '10 minutes'))
$$;

CREATE FUNCTION bench.pipeline_in_workers_sql(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT format($q$SELECT count(*) AS tracks, sum(a.visits) AS visits, sum(a.gaps) AS gaps
FROM (SELECT vessel, maritime.track_agg(geom, ts) AS track FROM %I GROUP BY vessel) t
CROSS JOIN LATERAL bench.track_analyses(t.track) a$q$, p_name)
$$;
