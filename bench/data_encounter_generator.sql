-- Synthetic pairs of vessels that meet and cross, in metres on a plane: the
-- generator of data_encounter_pairs.sql and data_fleet.sql (the encounters
-- section, and scripts/bench_mobilitydb.sh).
-- bench.encounter_fixes(pairs, fixes, area) returns, for each pair, the
-- fixes of vessels 1 and 2 (t in seconds from the start, x and y in metres
-- within about area metres, before the caller's offset):
--   - both vessels sail from event to event; the events of a pair are a
--     random walk of 20-60 km steps, reflected into the area;
--   - an event is a meeting (30 %), a crossing (30 %) or apart (40 %).  At a
--     meeting both arrive at the same time, 50-300 m apart, and drift
--     together at 0.4-1.6 kn for 1-5 hours (what Global Fishing Watch calls
--     an encounter); at a crossing they pass the same point within 30 s of
--     each other on different courses; apart, vessel 2 goes to a point 5-30
--     km away;
--   - between events each vessel sails at 5-15 kn (drawn per vessel and
--     leg) by a detour of its own: a turning point on the ellipse whose foci
--     are where it left and where it is due, so that its path is 1.05-1.7
--     times the straight line (for the slower of the two; the event's time
--     is set by it);
--   - each vessel reports every 10-60 s (independently), with Gaussian GPS
--     noise of sigma 5 m.
-- The positions are exact at any time (straight legs between turning
-- points), so vessel 2's fixes need not coincide with vessel 1's.  After
-- setseed the random numbers are drawn in a fixed order, whatever the plan:
-- every run, on every PostgreSQL version, has the same data.
SET client_min_messages = warning;
CREATE OR REPLACE FUNCTION bench.encounter_fixes(p_pairs int, p_fixes int, p_area float8)
RETURNS TABLE (pair int, side int, i int, t float8, x float8, y float8)
LANGUAGE plpgsql AS $f$
#variable_conflict use_column
BEGIN
	-- The random numbers are drawn first, each table in a fixed order, so
	-- that the data do not depend on the order in which a plan evaluates
	-- the rest: the same data on every PostgreSQL version.
	DROP TABLE IF EXISTS pg_temp.enc_draw, pg_temp.enc_start;
	-- every random number of an event, one row per event
	CREATE TEMP TABLE enc_draw AS
	SELECT p AS pair, e, random() AS k, 2 * pi() * random() AS dir,
		   20000 + 40000 * random() AS step,
		   3600 * (1 + 4 * random()) AS hold,			-- a meeting lasts 1-5 h
		   0.2 + 0.6 * random() AS drift_speed,			-- m/s, drifting together
		   2 * pi() * random() AS drift_dir,
		   50 + 250 * random() AS o1_len, 2 * pi() * random() AS o1_dir,	-- 2's offset arriving
		   50 + 250 * random() AS o2_len, 2 * pi() * random() AS o2_dir,	-- and leaving
		   5000 + 25000 * random() AS far_len, 2 * pi() * random() AS far_dir,
		   60 * random() - 30 AS delta,				-- 2 crosses delta s after 1
		   2.572 + 5.144 * random() AS v1, 2.572 + 5.144 * random() AS v2,	-- 5-15 kn
		   0.6 + 0.35 * random() AS r1, 0.6 + 0.35 * random() AS r2,	-- straight / path
		   (CASE WHEN random() < 0.5 THEN 1 ELSE -1 END)
		   * (pi() / 2 + (random() - 0.5) * pi() / 2) AS th1,	-- where on the ellipse
		   (CASE WHEN random() < 0.5 THEN 1 ELSE -1 END)
		   * (pi() / 2 + (random() - 0.5) * pi() / 2) AS th2,
		   p_area * random() AS x0, p_area * random() AS y0
	FROM (SELECT p, e FROM generate_series(1, p_pairs) AS p
		  CROSS JOIN generate_series(0, p_fixes * 60 / 2500 + 10) AS e	-- enough events
		  ORDER BY p, e OFFSET 0) AS pe;
	-- when each vessel's first fix comes
	CREATE TEMP TABLE enc_start AS
	SELECT pair, side, 60 * random() AS t0
	FROM (SELECT pair, side FROM generate_series(1, p_pairs) AS pair
		  CROSS JOIN generate_series(1, 2) AS side ORDER BY pair, side OFFSET 0) AS ps;
	RETURN QUERY
WITH walk AS (
	SELECT draw.*,
		   CASE WHEN e = 0 THEN 'start' WHEN k < 0.3 THEN 'meet'
				WHEN k < 0.6 THEN 'cross' ELSE 'apart' END AS kind,
		   sum(CASE WHEN e = 0 THEN x0 ELSE step * cos(dir) END) OVER w AS ux,
		   sum(CASE WHEN e = 0 THEN y0 ELSE step * sin(dir) END) OVER w AS uy
	FROM enc_draw AS draw WINDOW w AS (PARTITION BY pair ORDER BY e)
), event AS (		-- reflected into [0, area]
	SELECT walk.*,
		   p_area - abs(p_area - (ux - 2 * p_area * floor(ux / (2 * p_area)))) AS px,
		   p_area - abs(p_area - (uy - 2 * p_area * floor(uy / (2 * p_area)))) AS py,
		   CASE WHEN kind = 'meet' THEN hold ELSE 0 END AS stay,
		   CASE WHEN kind = 'meet' THEN hold * drift_speed * cos(drift_dir) ELSE 0 END AS drift_x,
		   CASE WHEN kind = 'meet' THEN hold * drift_speed * sin(drift_dir) ELSE 0 END AS drift_y
	FROM walk
), sided AS (		-- where each vessel arrives (a) and leaves (d)
	SELECT pair, e, s.side, stay, s.late, s.v, s.r, s.th,
		   px + s.ax AS ax, py + s.ay AS ay, px + s.dx AS dx, py + s.dy AS dy
	FROM event CROSS JOIN LATERAL (VALUES
		(1, 0.0::float8, 0.0::float8, 0.0::float8, drift_x, drift_y, v1, r1, th1),
		(2, CASE WHEN kind = 'cross' THEN delta ELSE 0 END,
		 CASE kind WHEN 'meet' THEN o1_len * cos(o1_dir) WHEN 'cross' THEN 0 ELSE far_len * cos(far_dir) END,
		 CASE kind WHEN 'meet' THEN o1_len * sin(o1_dir) WHEN 'cross' THEN 0 ELSE far_len * sin(far_dir) END,
		 CASE kind WHEN 'meet' THEN drift_x + o2_len * cos(o2_dir) WHEN 'cross' THEN 0 ELSE far_len * cos(far_dir) END,
		 CASE kind WHEN 'meet' THEN drift_y + o2_len * sin(o2_dir) WHEN 'cross' THEN 0 ELSE far_len * sin(far_dir) END,
		 v2, r2, th2)) AS s(side, late, ax, ay, dx, dy, v, r, th)
), leg AS (			-- each vessel's leg from the previous event to this one
	SELECT sided.*,
		   lag(dx) OVER w AS fx, lag(dy) OVER w AS fy,
		   lag(late) OVER w AS flate, lag(stay) OVER w AS fstay
	FROM sided WINDOW w AS (PARTITION BY pair, side ORDER BY e)
), need AS (		-- the time the slower vessel needs, its path 1/r of the straight line
	SELECT pair, e, max(sqrt((ax - fx) ^ 2 + (ay - fy) ^ 2) / (v * r)) AS need
	FROM leg WHERE e > 0 GROUP BY pair, e
), timed AS (		-- te: when the event starts, seconds from the start
	SELECT leg.*,
		   sum(coalesce(fstay, 0) + coalesce(need + 60, 0)) OVER w AS te
	FROM leg LEFT JOIN need USING (pair, e)
	WINDOW w AS (PARTITION BY pair, side ORDER BY e)
), turn AS (		-- the turning point: on the ellipse of path length v * tau
	SELECT pair, side, e, t0, ax, ay, dx, dy, t_arr, t_dep, fx, fy, v,
		   cx + a * cos(th) * ux - b * sin(th) * uy AS wx,
		   cy + a * cos(th) * uy + b * sin(th) * ux AS wy
	FROM (
		SELECT timed.*,
			   lag(te) OVER w + coalesce(fstay, 0) + coalesce(flate, 0) AS t0,
			   te + late - lag(te) OVER w - coalesce(fstay, 0) - coalesce(flate, 0) AS tau,
			   te + late AS t_arr, te + late + stay AS t_dep,
			   (ax + fx) / 2 AS cx, (ay + fy) / 2 AS cy,
			   sqrt((ax - fx) ^ 2 + (ay - fy) ^ 2) AS dist
		FROM timed WINDOW w AS (PARTITION BY pair, side ORDER BY e)
	) AS s
	CROSS JOIN LATERAL (
		SELECT v * tau / 2 AS a,
			   sqrt(greatest(0, (v * tau / 2) ^ 2 - (dist / 2) ^ 2)) AS b,
			   CASE WHEN dist > 0 THEN (ax - fx) / dist ELSE 1 END AS ux,
			   CASE WHEN dist > 0 THEN (ay - fy) / dist ELSE 0 END AS uy) AS g
), vertex AS (		-- each vessel's true path: straight lines between these
	SELECT pair, side, 0.0::float8 AS t, dx AS x, dy AS y FROM turn WHERE e = 0
	UNION ALL
	SELECT pair, side, t0 + sqrt((wx - fx) ^ 2 + (wy - fy) ^ 2) / v, wx, wy FROM turn WHERE e > 0
	UNION ALL
	SELECT pair, side, t_arr, ax, ay FROM turn WHERE e > 0
	UNION ALL
	SELECT pair, side, t_dep, dx, dy FROM turn WHERE e > 0 AND t_dep > t_arr
), line AS (		-- each straight line: from a vertex to the next
	SELECT pair, side, t, x, y, lead(t) OVER w AS t1, lead(x) OVER w AS x1, lead(y) OVER w AS y1
	FROM vertex WINDOW w AS (PARTITION BY pair, side ORDER BY t)
), fix AS (			-- a fix every 10-60 s
	SELECT pair, side, i, t0 + sum(10 + 50 * random()) OVER w - 10 AS t,
		   sqrt(-2 * ln(1 - random())) AS noise_r, 2 * pi() * random() AS noise_a
	FROM enc_start CROSS JOIN generate_series(1, p_fixes) AS i
	WINDOW w AS (PARTITION BY pair, side ORDER BY i)
), placed AS (		-- k: the line each fix is on, the one that starts last before it
	SELECT u.*,
		   count(*) FILTER (WHERE i IS NULL)
			   OVER (PARTITION BY pair, side ORDER BY t, i NULLS FIRST) AS k
	FROM (SELECT pair, side, i, t, noise_r, noise_a, NULL::float8 AS lt, NULL::float8 AS lx,
				 NULL::float8 AS ly, NULL::float8 AS lt1, NULL::float8 AS lx1, NULL::float8 AS ly1
		  FROM fix
		  UNION ALL
		  SELECT pair, side, NULL, t, NULL, NULL, t, x, y, t1, x1, y1 FROM line) AS u
), carried AS (		-- the line's ends, from its first row to its fixes
	SELECT pair, side, i, t, noise_r, noise_a,
		   first_value(lt) OVER g AS lt, first_value(lx) OVER g AS lx, first_value(ly) OVER g AS ly,
		   first_value(lt1) OVER g AS lt1, first_value(lx1) OVER g AS lx1, first_value(ly1) OVER g AS ly1
	FROM placed WINDOW g AS (PARTITION BY pair, side, k ORDER BY t, i NULLS FIRST)
)
SELECT pair, side, i, t,
	   lx + (lx1 - lx) * (t - lt) / (lt1 - lt) + 5 * noise_r * cos(noise_a),
	   ly + (ly1 - ly) * (t - lt) / (lt1 - lt) + 5 * noise_r * sin(noise_a)
FROM carried WHERE i IS NOT NULL;
END
$f$;
