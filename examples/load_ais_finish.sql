-- The part of the AIS loaders (load_csv.sql, load_dma_csv.sql and
-- load_noaa_csv.sql) that does not depend on the file's layout.  Each loader, inside its
-- transaction, fills the temporary table ais_fields with one row per line:
--   line       the line number in the file (the header is line 1)
--   vessel     false for rows that are not a vessel's (base stations, ...)
--   mmsi_text, ts_text, lon_text, lat_text, sog_text, cog_text
--              the fields as text, trimmed, empty ones NULL
--   ts_iso     ts_text as YYYY-MM-DD HH:MM:SS[.ffffff], or NULL when it is
--              not in the layout's format
--   ts_zone    the time zone ts_iso is in ('UTC' for a UTC time)
--   ts_offset  what to subtract from it then to get UTC (a +02:00 suffix
--              read in zone UTC gives 2 hours)
-- This script checks and parses them, appends the good rows to the table
-- named by the psql variable table (positions when it is not set)
-- and reports what it dropped and why, then commits.
\if :{?table}
\else
\set table positions
\endif
CREATE TABLE IF NOT EXISTS :"table" (
	mmsi bigint NOT NULL,
	ts timestamptz NOT NULL,
	geom geometry(Point, 4326) NOT NULL,
	source text,
	sog real,	-- speed over ground, knots
	cog real	-- course over ground, degrees
);
-- a positions table made by examples/load_rajin_sample.sql has no sog, cog
ALTER TABLE :"table" ADD COLUMN IF NOT EXISTS sog real, ADD COLUMN IF NOT EXISTS cog real;


-- Each step below ends with OFFSET 0 so that its values are computed once per
-- row (PostgreSQL would otherwise inline it and compute an expression once per
-- use).  No value can make a cast fail: each is checked before it is cast
-- (numbers: at most 6 digits before the point and 20 after it, no exponent),
-- and what does not parse is NULL.
WITH numbers AS (
	SELECT f.*,
	       CASE WHEN mmsi_text ~ '^[0-9]{1,9}$' THEN mmsi_text::bigint END AS mmsi,
	       CASE WHEN lon_text ~ '^[-+]?([0-9]{1,6}([.][0-9]{0,20})?|[.][0-9]{1,20})$' THEN lon_text::float8 END AS lon,
	       CASE WHEN lat_text ~ '^[-+]?([0-9]{1,6}([.][0-9]{0,20})?|[.][0-9]{1,20})$' THEN lat_text::float8 END AS lat,
	       CASE WHEN sog_text ~ '^[-+]?([0-9]{1,6}([.][0-9]{0,20})?|[.][0-9]{1,20})$' THEN sog_text::float8 END AS sog,
	       CASE WHEN cog_text ~ '^[-+]?([0-9]{1,6}([.][0-9]{0,20})?|[.][0-9]{1,20})$' THEN cog_text::float8 END AS cog
	FROM ais_fields f
	OFFSET 0
), parsed AS (	-- the instant, whatever the session's time zone; NULL if no such date
	SELECT n.*,
	       CASE WHEN t.mo BETWEEN 1 AND 12 AND t.yy >= 1 AND t.hh < 24 AND t.mi < 60 AND t.ss < 60
	             AND t.dd BETWEEN 1 AND CASE WHEN t.mo IN (4, 6, 9, 11) THEN 30
	                                         WHEN t.mo <> 2 THEN 31
	                                         WHEN t.yy % 4 = 0 AND (t.yy % 100 <> 0 OR t.yy % 400 = 0) THEN 29
	                                         ELSE 28 END
	            THEN (make_timestamp(t.yy, t.mo, t.dd, t.hh, t.mi, t.ss::float8) AT TIME ZONE n.ts_zone) - n.ts_offset
	       END AS ts
	FROM numbers n
	CROSS JOIN LATERAL (SELECT substr(n.ts_iso, 1, 4)::int AS yy, substr(n.ts_iso, 6, 2)::int AS mo,
	                           substr(n.ts_iso, 9, 2)::int AS dd, substr(n.ts_iso, 12, 2)::int AS hh,
	                           substr(n.ts_iso, 15, 2)::int AS mi, substr(n.ts_iso, 18)::numeric AS ss) t
	OFFSET 0
), checked AS (
	SELECT line, mmsi, ts, lon, lat,
	       CASE WHEN sog >= 0 AND sog < 102.3 THEN sog::real END AS sog,	-- 102.3: not available
	       CASE WHEN cog >= 0 AND cog < 360 THEN cog::real END AS cog,	-- 360: not available
	       CASE WHEN NOT vessel THEN 'not a vessel'
	            WHEN mmsi_text IS NULL OR ts_text IS NULL OR lon_text IS NULL OR lat_text IS NULL
	            THEN 'missing field'
	            WHEN mmsi IS NULL OR ts IS NULL OR lon IS NULL OR lat IS NULL THEN 'unparsable field'
	            WHEN lon = 181 OR lat = 91 THEN 'position not available'
	            WHEN lon NOT BETWEEN -180 AND 180 OR lat NOT BETWEEN -90 AND 90 THEN 'position out of range'
	       END AS reason
	FROM parsed
	OFFSET 0
), classified AS (	-- the first of rows with the same MMSI, time and position is kept
	SELECT line, mmsi, ts, lon, lat, sog, cog,
	       coalesce(reason, CASE WHEN row_number() OVER (PARTITION BY reason IS NULL, mmsi, ts, lon, lat
	                                                     ORDER BY line) > 1
	                             THEN 'duplicate' END) AS reason
	FROM checked
), loaded AS (
	INSERT INTO :"table" (mmsi, ts, geom, source, sog, cog)
	SELECT mmsi, ts, ST_SetSRID(ST_MakePoint(lon, lat), 4326), 'ais', sog, cog
	FROM classified WHERE reason IS NULL
	RETURNING 1
), counts AS (
	SELECT 'read' AS outcome, count(*) AS rows, NULL::bigint AS first_line FROM classified
	UNION ALL
	SELECT 'loaded', count(*), NULL FROM loaded
	UNION ALL
	SELECT 'dropped: ' || reason, count(*), min(line) FROM classified WHERE reason IS NOT NULL GROUP BY reason
)
SELECT o.outcome, coalesce(c.rows, 0) AS rows, c.first_line
FROM (VALUES (1, 'read'), (2, 'loaded'),
             (3, 'dropped: not a vessel'),
             (4, 'dropped: missing field'),
             (5, 'dropped: unparsable field'),
             (6, 'dropped: position not available'),
             (7, 'dropped: position out of range'),
             (8, 'dropped: duplicate')) AS o(n, outcome)
LEFT JOIN counts c USING (outcome)
ORDER BY o.n;
COMMIT;
