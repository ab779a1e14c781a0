-- Load any CSV file of AIS positions whose header names its columns into
-- positions(mmsi, ts, geom, source, sog, cog), appending to the table and
-- creating it when it does not exist.  Run from psql, the CSV being read by
-- psql (client side):
--
--   psql -v ON_ERROR_STOP=1 -v file=/path/to/positions.csv -f examples/load_csv.sql
--   psql -v ON_ERROR_STOP=1 -v file=/path/to/positions.csv -v zone=UTC -f examples/load_csv.sql
--
-- or, inside a session: \set file '/path/to/positions.csv' then
-- \i examples/load_csv.sql.  -v table=NAME (\set table NAME) loads into
-- another table than positions, made alike when it does not exist.
--
-- Columns are found by their names in the header, in any order, whatever
-- their case and punctuation ("BaseDateTime", "# Timestamp", "time_utc"):
--   MMSI       mmsi, ssvid, userid
--   time       ts, time, timestamp, datetime, basedatetime, timestamputc,
--              timeutc, datetimeutc, utctime, postime, msgtime
--   longitude  lon, long, longitude, lng
--   latitude   lat, latitude
--   speed      sog, speed, speedoverground (optional, knots)
--   course     cog, course, courseoverground (optional, degrees)
-- Other columns are read and ignored.  Name a column yourself with
-- -v mmsi_column=..., time_column, lon_column, lat_column, sog_column or
-- cog_column (the name exactly as in the header).
--
-- Times are ISO 8601: YYYY-MM-DD, then T or a space, then HH:MM:SS with up
-- to 6 decimals, then optionally a zone: Z, UTC, GMT, +HH, +HHMM or +HH:MM
-- (or -).  A time with its zone is that instant.  A time without one is
-- ambiguous, so the load stops with an error unless you say which zone the
-- file's times are in with -v zone=UTC (AIS times almost always are UTC) or
-- any zone PostgreSQL knows (-v zone=Europe/Oslo); the session's own time
-- zone is never used.
--
-- What is dropped, and why, is reported as by load_dma_csv.sql (see
-- "Loading AIS data" in docs/guide.md): missing field, unparsable field,
-- position not available (181/91), position out of range, duplicate.  A header that
-- lacks a column, names one twice, a line with the wrong number of fields or
-- broken quoting, and zone-less times without -v zone are errors, and
-- nothing is loaded: the load is one transaction (do not run it inside
-- another one, or with psql -1).  The header is read with the shell's head,
-- so psql must run on a Unix-like system.
\if :{?file}
\else
\warn 'load_csv.sql: say which file to load: psql -v file=/path/to/positions.csv -f examples/load_csv.sql'
\set ON_ERROR_STOP on
DO $$ BEGIN RAISE EXCEPTION 'psql variable "file" is not set'; END $$;
\endif
-- Print only the report, whatever the caller's settings (restored at the end)
\set load_csv_quiet :QUIET
\set QUIET on
-- Optional variables, empty when not given
\if :{?zone}
\else
\set zone ''
\endif
\if :{?mmsi_column}
\else
\set mmsi_column ''
\endif
\if :{?time_column}
\else
\set time_column ''
\endif
\if :{?lon_column}
\else
\set lon_column ''
\endif
\if :{?lat_column}
\else
\set lat_column ''
\endif
\if :{?sog_column}
\else
\set sog_column ''
\endif
\if :{?cog_column}
\else
\set cog_column ''
\endif

-- The first line of the file: psql has no way to read only that, the shell does
\set load_csv_header `head -n 1 -- :'file'`

BEGIN;
SET LOCAL client_min_messages = warning;	-- no "already exists, skipping" notices

-- The header's fields, in order, with the name reduced to lowercase letters
-- and digits for matching (a byte-order mark and a CR are dropped)
CREATE TEMP TABLE load_csv_header ON COMMIT DROP AS
SELECT h.field::int AS field, btrim(h.name, E' \t"') AS name,
       lower(regexp_replace(h.name, '[^[:alnum:]]', '', 'g')) AS key
FROM regexp_split_to_table(btrim(:'load_csv_header', E'\ufeff\r\n'), ',')
     WITH ORDINALITY AS h(name, field);

-- Which field holds what: named by the user, or found by its name
CREATE TEMP TABLE load_csv_roles (role text, required boolean, chosen text, keys text[]) ON COMMIT DROP;
INSERT INTO load_csv_roles VALUES
	('mmsi', true, :'mmsi_column', '{mmsi,ssvid,userid}'),
	('time', true, :'time_column',
	 '{ts,time,timestamp,datetime,basedatetime,timestamputc,timeutc,datetimeutc,utctime,postime,msgtime}'),
	('lon', true, :'lon_column', '{lon,long,longitude,lng}'),
	('lat', true, :'lat_column', '{lat,latitude}'),
	('sog', false, :'sog_column', '{sog,speed,speedoverground}'),
	('cog', false, :'cog_column', '{cog,course,courseoverground}');
-- (an unknown zone is an error here, before anything is read)
SELECT set_config('load_csv.zone', :'zone', true) AS load_csv_zone,
       CASE WHEN :'zone' <> '' THEN now() AT TIME ZONE :'zone' END AS load_csv_zone_checked \gset
\unset load_csv_zone
\unset load_csv_zone_checked

-- Check the header, make the staging table (one text column per field, and
-- the line number: the header is line 1) and the column list for \copy
DO $$
DECLARE
	r			record;
	columns		text;
BEGIN
	IF (SELECT count(*) FROM load_csv_header WHERE name <> '') = 0 THEN
		RAISE EXCEPTION 'the file is empty or could not be read'
			USING ERRCODE = 'invalid_text_representation';
	END IF;
	FOR r IN
		SELECT o.role, o.required, o.chosen, o.keys,
		       array_agg(h.field ORDER BY h.field) FILTER (WHERE h.field IS NOT NULL) AS fields,
		       string_agg(quote_ident(h.name), ', ' ORDER BY h.field) AS names
		FROM load_csv_roles o
		LEFT JOIN load_csv_header h
		       ON CASE WHEN o.chosen <> '' THEN h.name = o.chosen ELSE h.key = ANY (o.keys) END
		GROUP BY o.role, o.required, o.chosen, o.keys
	LOOP
		IF r.fields IS NULL AND (r.required OR r.chosen <> '') THEN
			RAISE EXCEPTION 'the header has no % column', r.role
				USING ERRCODE = 'invalid_text_representation',
				      DETAIL = format('The header is: %s', (SELECT string_agg(name, ',' ORDER BY field) FROM load_csv_header)),
				      HINT = CASE WHEN r.chosen <> ''
				                  THEN format('%s_column names a column exactly as the header spells it.', r.role)
				                  ELSE format('Accepted names, whatever their case and punctuation: %s; or name the column with -v %s_column=NAME.',
				                              array_to_string(r.keys, ', '), r.role) END;
		ELSIF cardinality(r.fields) > 1 THEN
			RAISE EXCEPTION 'the header has more than one % column: %', r.role, r.names
				USING ERRCODE = 'invalid_text_representation',
				      HINT = format('Say which one with -v %s_column=NAME.', r.role);
		END IF;
		UPDATE load_csv_roles SET chosen = (SELECT name FROM load_csv_header WHERE field = r.fields[1])
		WHERE role = r.role;
	END LOOP;

	SELECT string_agg(format('f%s text', field), ', ' ORDER BY field) INTO columns FROM load_csv_header;
	EXECUTE format('CREATE TEMP TABLE load_csv_rows (%s, line bigint GENERATED ALWAYS AS IDENTITY (START 2)) ON COMMIT DROP',
				   columns);
END $$;

-- (a placeholder first, so that after an error above \copy is only refused)
\set load_csv_columns f1
SELECT string_agg(format('f%s', field), ', ' ORDER BY field) AS load_csv_columns FROM load_csv_header \gset
-- \copy does not expand psql variables: build the command in one, then run it
\set load_csv_copy '\\copy load_csv_rows (' :load_csv_columns ') FROM ' :'file' ' WITH (FORMAT csv, HEADER true)'
:load_csv_copy
\unset load_csv_copy
\unset load_csv_columns
\unset load_csv_header

-- The fields maritime uses, for load_ais_finish.sql: the time split into its
-- ISO date and time (ts_iso), and its zone: a UTC offset or, for a time
-- without one, the zone given with -v zone
DO $$
DECLARE
	f			text[];
BEGIN
	SELECT array_agg(CASE WHEN r.chosen IS NULL OR r.chosen = '' THEN 'NULL::text'
	                      ELSE format('f%s', h.field) END ORDER BY r.role)
	INTO f
	FROM load_csv_roles r
	LEFT JOIN load_csv_header h ON h.name = r.chosen;
	-- f is in the order of the roles' names: cog, lat, lon, mmsi, sog, time
	EXECUTE format($sql$
		CREATE TEMP TABLE load_csv_times ON COMMIT DROP AS
		SELECT line, true AS vessel,
		       nullif(btrim(%s), '') AS mmsi_text, nullif(btrim(%s), '') AS ts_text,
		       nullif(btrim(%s), '') AS lon_text, nullif(btrim(%s), '') AS lat_text,
		       nullif(btrim(%s), '') AS sog_text, nullif(btrim(%s), '') AS cog_text,
		       regexp_match(btrim(%s),
		                    '^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,6})?) ?(Z|UTC|GMT|([+-])([0-9]{2}):?([0-9]{2})?)?$') AS t
		FROM load_csv_rows
		$sql$, f[4], f[6], f[3], f[2], f[5], f[1], f[6]);
END $$;

-- A time without a zone could be any of 26 hours: refuse to guess
DO $$
DECLARE
	example		record;
BEGIN
	SELECT line, ts_text INTO example
	FROM load_csv_times WHERE t IS NOT NULL AND t[4] IS NULL ORDER BY line LIMIT 1;
	IF FOUND AND current_setting('load_csv.zone') = '' THEN
		RAISE EXCEPTION 'the times in the file have no time zone'
			USING ERRCODE = 'invalid_datetime_format',
			      DETAIL = format('Line %s has the time "%s".', example.line, example.ts_text),
			      HINT = 'Say which zone they are in: AIS times are UTC, so run the loader with -v zone=UTC (in psql: \set zone UTC).';
	END IF;
END $$;

-- An offset beyond 15 hours or 59 minutes makes the time unparsable
CREATE TEMP TABLE ais_fields ON COMMIT DROP AS
SELECT line, vessel, mmsi_text, ts_text, lon_text, lat_text, sog_text, cog_text,
       CASE WHEN NOT bad_offset THEN t[1] || ' ' || t[2] END AS ts_iso,
       CASE WHEN t[4] IS NULL THEN nullif(:'zone', '') ELSE 'UTC' END AS ts_zone,
       CASE WHEN t[5] IS NOT NULL AND NOT bad_offset
            THEN (t[5] || (t[6]::int * 60 + coalesce(t[7], '0')::int)::text || ' minutes')::interval
            ELSE interval '0' END AS ts_offset
FROM (SELECT *, coalesce(t[6]::int > 15 OR coalesce(t[7], '0')::int > 59, false) AS bad_offset
      FROM load_csv_times) s;

\ir load_ais_finish.sql
\set QUIET :load_csv_quiet
\unset load_csv_quiet
