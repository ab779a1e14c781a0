-- Load a Danish Maritime Authority (DMA) AIS CSV file (aisdk-*.csv) into
-- positions(mmsi, ts, geom, source, sog, cog), appending to the table and
-- creating it when it does not exist.  Run from psql, the CSV being read by
-- psql (client side):
--
--   psql -v ON_ERROR_STOP=1 -v file=/path/to/aisdk-2022-09-01.csv -f examples/load_dma_csv.sql
--
-- or, inside a session: \set file '/path/to/aisdk-2022-09-01.csv' then
-- \i examples/load_dma_csv.sql.  It prints how many rows were read, loaded
-- and dropped, for each reason with the first line (of the file) dropped for it:
--   - not a vessel: "Type of mobile" other than Class A or Class B (base
--     stations, aids to navigation, SAR aircraft, ...); they are not tracks;
--   - missing field: MMSI, timestamp, latitude or longitude empty;
--   - unparsable field: one of those present but not a number, or not a valid
--     DD/MM/YYYY HH:MM:SS timestamp (UTC); the row is skipped, not the load;
--   - position not available: AIS's longitude 181 or latitude 91;
--   - position out of range: longitude outside [-180, 180], latitude outside
--     [-90, 90];
--   - duplicate: the same MMSI, timestamp and position as an earlier line of
--     the file (the first one is kept).
-- SOG and COG are kept when valid and set to NULL otherwise (empty, not
-- available: SOG 102.3 and COG 360, or out of range); source is 'ais'.
-- A file whose header is not exactly the DMA header, or that is not valid CSV,
-- is an error and nothing is loaded: the load is one transaction (so do not
-- run it inside another one, or with psql -1).  With ON_ERROR_STOP=1, psql
-- stops at the first error, a missing file included, and exits with status 3.
\if :{?file}
\else
\warn 'load_dma_csv.sql: say which file to load: psql -v file=/path/to/aisdk.csv -f examples/load_dma_csv.sql'
\set ON_ERROR_STOP on
DO $$ BEGIN RAISE EXCEPTION 'psql variable "file" is not set'; END $$;
\endif

BEGIN;
SET LOCAL client_min_messages = warning;	-- no "already exists, skipping" notices
-- Every column as text, named as in the file's header (HEADER MATCH checks
-- it); line is the line number in the file (the header is line 1).
CREATE TEMP TABLE dma_csv (
	"# Timestamp" text, "Type of mobile" text, "MMSI" text, "Latitude" text,
	"Longitude" text, "Navigational status" text, "ROT" text, "SOG" text,
	"COG" text, "Heading" text, "IMO" text, "Callsign" text, "Name" text,
	"Ship type" text, "Cargo type" text, "Width" text, "Length" text,
	"Type of position fixing device" text, "Draught" text, "Destination" text,
	"ETA" text, "Data source type" text, "A" text, "B" text, "C" text, "D" text,
	line bigint GENERATED ALWAYS AS IDENTITY (START 2)
) ON COMMIT DROP;
-- \copy does not expand psql variables: build the command in one, then run it
\set load_ais_copy '\\copy dma_csv ("# Timestamp", "Type of mobile", "MMSI", "Latitude", "Longitude", "Navigational status", "ROT", "SOG", "COG", "Heading", "IMO", "Callsign", "Name", "Ship type", "Cargo type", "Width", "Length", "Type of position fixing device", "Draught", "Destination", "ETA", "Data source type", "A", "B", "C", "D") FROM ' :'file' ' WITH (FORMAT csv, HEADER MATCH)'
:load_ais_copy
\unset load_ais_copy

-- The fields maritime uses, with the time in ISO order for load_ais_finish.sql
CREATE TEMP TABLE ais_fields ON COMMIT DROP AS
SELECT line,
       coalesce(btrim("Type of mobile") IN ('Class A', 'Class B'), false) AS vessel,
       nullif(btrim("MMSI"), '') AS mmsi_text,
       nullif(btrim("# Timestamp"), '') AS ts_text,
       CASE WHEN btrim("# Timestamp") ~ '^[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,6})?$'
            THEN substr(btrim("# Timestamp"), 7, 4) || '-' || substr(btrim("# Timestamp"), 4, 2) || '-' ||
                 substr(btrim("# Timestamp"), 1, 2) || substr(btrim("# Timestamp"), 11)
       END AS ts_iso,	-- from DD/MM/YYYY HH:MM:SS[.ffffff]
       'UTC' AS ts_zone, interval '0' AS ts_offset,	-- the layout's times are UTC
       nullif(btrim("Longitude"), '') AS lon_text,
       nullif(btrim("Latitude"), '') AS lat_text,
       nullif(btrim("SOG"), '') AS sog_text,
       nullif(btrim("COG"), '') AS cog_text
FROM dma_csv;

\ir load_ais_finish.sql
