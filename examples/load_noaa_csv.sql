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

-- The fields maritime uses, with the time in ISO order for load_ais_finish.sql
CREATE TEMP TABLE ais_fields ON COMMIT DROP AS
SELECT line,
       true AS vessel,	-- the layout holds vessels only
       nullif(btrim("MMSI"), '') AS mmsi_text,
       nullif(btrim("BaseDateTime"), '') AS ts_text,
       CASE WHEN btrim("BaseDateTime") ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,6})?$'
            THEN replace(btrim("BaseDateTime"), 'T', ' ')
       END AS ts_iso,	-- from YYYY-MM-DDTHH:MM:SS[.ffffff]
       'UTC' AS ts_zone, interval '0' AS ts_offset,	-- the layout's times are UTC
       nullif(btrim("LON"), '') AS lon_text,
       nullif(btrim("LAT"), '') AS lat_text,
       nullif(btrim("SOG"), '') AS sog_text,
       nullif(btrim("COG"), '') AS cog_text
FROM noaa_csv;

\ir load_ais_finish.sql
