-- Load a NOAA MarineCadastre AIS CSV file (AIS_2022_01_03.csv, the 2015-2023
-- layout) into positions(mmsi, ts, geom, source, sog, cog), appending to the
-- table and creating it when it does not exist.  Run from psql, the CSV being
-- read by psql (client side):
--
--   psql -v ON_ERROR_STOP=1 -v file=/path/to/AIS_2022_01_03.csv -f examples/load_noaa_csv.sql
--
-- or, inside a session: \set file '/path/to/AIS_2022_01_03.csv' then
-- \i examples/load_noaa_csv.sql.  It prints how many rows were read, loaded
-- and dropped, for each reason with the first line (of the file) dropped for it:
--   - missing field: MMSI, BaseDateTime, LAT or LON empty;
--   - unparsable field: one of those present but not a number, or not a valid
--     YYYY-MM-DDTHH:MM:SS timestamp (UTC); the row is skipped, not the load;
--   - position not available: AIS's longitude 181 or latitude 91;
--   - position out of range: longitude outside [-180, 180], latitude outside
--     [-90, 90];
--   - duplicate: the same MMSI, timestamp and position as an earlier line of
--     the file (the first one is kept).
-- Every row is a vessel's (the layout has no station type), so none is dropped
-- for its type.  SOG and COG are kept when valid and set to NULL otherwise
-- (empty, not available: SOG 102.3 and COG 360, or out of range); source is
-- 'ais'.  A file whose header is not exactly the 2015-2023 header (MMSI,
-- BaseDateTime,LAT,LON,...,TransceiverClass), or that is not valid CSV, is an
-- error and nothing is loaded: the load is one transaction (so do not run it
-- inside another one, or with psql -1).  With ON_ERROR_STOP=1, psql stops at
-- the first error, a missing file included, and exits with status 3.
\if :{?file}
\else
\warn 'load_noaa_csv.sql: say which file to load: psql -v file=/path/to/AIS_2022_01_03.csv -f examples/load_noaa_csv.sql'
\set ON_ERROR_STOP on
DO $$ BEGIN RAISE EXCEPTION 'psql variable "file" is not set'; END $$;
\endif

BEGIN;
SET LOCAL client_min_messages = warning;	-- no "already exists, skipping" notices
CREATE TABLE IF NOT EXISTS positions (
	mmsi bigint NOT NULL,
	ts timestamptz NOT NULL,
	geom geometry(Point, 4326) NOT NULL,
	source text,
	sog real,	-- speed over ground, knots
	cog real	-- course over ground, degrees
);
-- a positions table made by examples/load_rajin_sample.sql has no sog, cog
ALTER TABLE positions ADD COLUMN IF NOT EXISTS sog real, ADD COLUMN IF NOT EXISTS cog real;

-- Every column as text, named as in the file's header (HEADER MATCH checks
-- it); line is the line number in the file (the header is line 1).
CREATE TEMP TABLE noaa_csv (
	"MMSI" text, "BaseDateTime" text, "LAT" text, "LON" text, "SOG" text,
	"COG" text, "Heading" text, "VesselName" text, "IMO" text, "CallSign" text,
	"VesselType" text, "Status" text, "Length" text, "Width" text, "Draft" text,
	"Cargo" text, "TransceiverClass" text,
	line bigint GENERATED ALWAYS AS IDENTITY (START 2)
) ON COMMIT DROP;
-- \copy does not expand psql variables: build the command in one, then run it
\set load_ais_copy '\\copy noaa_csv ("MMSI", "BaseDateTime", "LAT", "LON", "SOG", "COG", "Heading", "VesselName", "IMO", "CallSign", "VesselType", "Status", "Length", "Width", "Draft", "Cargo", "TransceiverClass") FROM ' :'file' ' WITH (FORMAT csv, HEADER MATCH)'
:load_ais_copy
\unset load_ais_copy

-- Each step below ends with OFFSET 0 so that its values are computed once per
-- row (PostgreSQL would otherwise inline it and compute an expression once per
-- use).  No value can make a cast fail: each is checked before it is cast
-- (numbers: at most 6 digits before the point and 20 after it, no exponent),
-- and what does not parse is NULL.
WITH fields AS (	-- the fields used, trimmed, empty ones NULL
	SELECT line,
	       nullif(btrim("MMSI"), '') AS mmsi_text,
	       nullif(btrim("BaseDateTime"), '') AS ts_text,
	       nullif(btrim("LON"), '') AS lon_text,
	       nullif(btrim("LAT"), '') AS lat_text,
	       nullif(btrim("SOG"), '') AS sog_text,
	       nullif(btrim("COG"), '') AS cog_text
	FROM noaa_csv
	OFFSET 0
), numbers AS (
	SELECT f.*,
	       CASE WHEN mmsi_text ~ '^[0-9]{1,9}$' THEN mmsi_text::bigint END AS mmsi,
	       CASE WHEN ts_text ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,6})?$'
	            THEN ts_text END AS ts_checked,	-- YYYY-MM-DDTHH:MM:SS[.ffffff]
	       CASE WHEN lon_text ~ '^[-+]?([0-9]{1,6}([.][0-9]{0,20})?|[.][0-9]{1,20})$' THEN lon_text::float8 END AS lon,
	       CASE WHEN lat_text ~ '^[-+]?([0-9]{1,6}([.][0-9]{0,20})?|[.][0-9]{1,20})$' THEN lat_text::float8 END AS lat,
	       CASE WHEN sog_text ~ '^[-+]?([0-9]{1,6}([.][0-9]{0,20})?|[.][0-9]{1,20})$' THEN sog_text::float8 END AS sog,
	       CASE WHEN cog_text ~ '^[-+]?([0-9]{1,6}([.][0-9]{0,20})?|[.][0-9]{1,20})$' THEN cog_text::float8 END AS cog
	FROM fields f
	OFFSET 0
), parsed AS (	-- the timestamp, UTC whatever the session's time zone; NULL if no such date
	SELECT n.*,
	       CASE WHEN t.mo BETWEEN 1 AND 12 AND t.yy >= 1 AND t.hh < 24 AND t.mi < 60 AND t.ss < 60
	             AND t.dd BETWEEN 1 AND CASE WHEN t.mo IN (4, 6, 9, 11) THEN 30
	                                         WHEN t.mo <> 2 THEN 31
	                                         WHEN t.yy % 4 = 0 AND (t.yy % 100 <> 0 OR t.yy % 400 = 0) THEN 29
	                                         ELSE 28 END
	            THEN make_timestamp(t.yy, t.mo, t.dd, t.hh, t.mi, t.ss::float8) AT TIME ZONE 'UTC'
	       END AS ts
	FROM numbers n
	CROSS JOIN LATERAL (SELECT substr(n.ts_checked, 1, 4)::int AS yy, substr(n.ts_checked, 6, 2)::int AS mo,
	                           substr(n.ts_checked, 9, 2)::int AS dd, substr(n.ts_checked, 12, 2)::int AS hh,
	                           substr(n.ts_checked, 15, 2)::int AS mi, substr(n.ts_checked, 18)::numeric AS ss) t
	OFFSET 0
), checked AS (
	SELECT line, mmsi, ts, lon, lat,
	       CASE WHEN sog >= 0 AND sog < 102.3 THEN sog::real END AS sog,	-- 102.3: not available
	       CASE WHEN cog >= 0 AND cog < 360 THEN cog::real END AS cog,	-- 360: not available
	       CASE WHEN mmsi_text IS NULL OR ts_text IS NULL OR lon_text IS NULL OR lat_text IS NULL
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
	INSERT INTO positions (mmsi, ts, geom, source, sog, cog)
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
             (3, 'dropped: missing field'),
             (4, 'dropped: unparsable field'),
             (5, 'dropped: position not available'),
             (6, 'dropped: position out of range'),
             (7, 'dropped: duplicate')) AS o(n, outcome)
LEFT JOIN counts c USING (outcome)
ORDER BY o.n;
COMMIT;
