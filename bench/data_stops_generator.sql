-- The stops model, the generator of data_stops.sql (sections gaps and
-- stops) and data_mobilitydb.sql (scripts/bench_mobilitydb.sh), so that
-- both draw the same vessels.  bench.make_stops(name, vessels, fixes,
-- planar) makes table <name> (vessel, geom, ts, stationary): vessels x
-- fixes rows, shuffled.  Each vessel sails at 4-10 m/s, reports every
-- 10-60 s, and alternates between moving and stationary stretches: at
-- every fix it switches with probability 1/250 (geometric stretch lengths,
-- 250 fixes or about 2.4 hours on average), so about half of the fixes are
-- stationary.  A stationary vessel does not move; its fixes scatter around
-- the spot with Gaussian GPS noise (sigma 2-10 m, drawn per vessel, on the
-- moving fixes too).  2 % of the fixes come after an AIS gap of 10 minutes
-- to 6 hours (log-uniform); a moving vessel sails on during a gap, a
-- stationary one stays.  Positions are running sums of metres:
--   planar false: lon/lat (SRID 4326), from the tropical Atlantic (lon
--     -50..-30, lat 0..20), from where none gets near a pole (positions
--     clamped there would pile up like a stop), the metres converted at
--     the start's latitude and the noise at the fix's;
--   planar true: EPSG:25832 metres, from x 300..700 km, y 5900..6300 km.
-- The random numbers are drawn in the same order either way: after the
-- same setseed, in a serial plan, both have the same vessels, times and
-- moves.
SET client_min_messages = warning;
CREATE OR REPLACE PROCEDURE bench.make_stops(p_name text, p_vessels int, p_fixes int,
											 p_planar boolean)
LANGUAGE plpgsql AS $$
DECLARE
	-- the start (from two draws), a running sum's position, the fix
	origin text := CASE WHEN p_planar
		THEN '300000 + 400000 * random() AS x0, 5900000 + 400000 * random() AS y0'
		ELSE '-50 + 20 * random() AS x0, 20 * random() AS y0' END;
	scale_x text := CASE WHEN p_planar THEN '' ELSE ' / (111320 * cos(radians(y0)))' END;
	scale_y text := CASE WHEN p_planar THEN '' ELSE ' / 110540' END;
	fix text := CASE WHEN p_planar
		THEN $f$ST_SetSRID(ST_MakePoint(x + sigma * noise_r * cos(noise_a),
							   y + sigma * noise_r * sin(noise_a)), 25832)::geometry(Point, 25832)$f$
		ELSE $f$ST_SetSRID(ST_MakePoint(
		   greatest(-180, least(180, x + sigma * noise_r * cos(noise_a)
											/ (111320 * cos(radians(y))))),
		   greatest(-89, least(89, y + sigma * noise_r * sin(noise_a) / 110540))),
		   4326)::geometry(Point, 4326)$f$ END;
BEGIN
	EXECUTE format('DROP TABLE IF EXISTS %I', p_name);
	EXECUTE format($f$CREATE TABLE %1$I AS
WITH vessel AS (
	SELECT vessel, %2$s,
		   2 * pi() * random() AS course0,
		   4 + 6 * random() AS speed,		-- m/s
		   2 + 8 * random() AS sigma,		-- GPS noise, m
		   (random() < 0.5)::int AS moored,	-- stationary at the first fix
		   timestamptz '2024-01-01 00:00:00+00' + random() * interval '1 hour' AS t0
	FROM generate_series(1, %3$s) AS vessel
), step AS (
	SELECT vessel.*, i,
		   (random() < 1.0 / 250)::int AS switch,
		   CASE WHEN random() < 0.02
				THEN 600 * exp(random() * ln(36))	-- AIS gap, 10 min to 6 h
				ELSE 10 + 50 * random() END AS dt,
		   radians(4) * (random() - 0.5) AS turn,
		   sqrt(-2 * ln(1 - random())) AS noise_r,	-- Box-Muller
		   2 * pi() * random() AS noise_a
	FROM vessel CROSS JOIN generate_series(1, %4$s) AS i
), course AS (
	SELECT step.*,
		   (moored + sum(switch) OVER w) %% 2 = 1 AS stationary,
		   course0 + sum(turn) OVER w AS course,
		   sum(dt) OVER w AS elapsed
	FROM step WINDOW w AS (PARTITION BY vessel ORDER BY i)
), track AS (
	SELECT vessel, stationary, sigma, noise_r, noise_a,
		   t0 + elapsed * interval '1 second' AS ts,
		   x0 + sum(CASE WHEN stationary THEN 0 ELSE speed * dt * sin(course) END) OVER w%5$s AS x,
		   y0 + sum(CASE WHEN stationary THEN 0 ELSE speed * dt * cos(course) END) OVER w%6$s AS y
	FROM course WINDOW w AS (PARTITION BY vessel ORDER BY i)
)
SELECT vessel, %7$s AS geom, ts, stationary
FROM track
ORDER BY random()$f$, p_name, origin, p_vessels, p_fixes, scale_x, scale_y, fix);
END
$$;
