-- The versions and the settings a report's numbers belong to, one line
-- each, labels padded to :width columns; :names are the settings to show
-- (the benchmark cluster's own); with :mobilitydb set, MobilityDB's too.
SET client_min_messages = warning;
\pset format unaligned
\pset tuples_only on
CREATE EXTENSION IF NOT EXISTS maritime CASCADE;
\if :{?mobilitydb}
CREATE EXTENSION IF NOT EXISTS mobilitydb;
\endif
SELECT rpad('server:', :width) || version();
SELECT rpad('postgis:', :width) || postgis_lib_version() || ' (GEOS ' || postgis_geos_version() || ')';
\if :{?mobilitydb}
SELECT rpad('mobilitydb:', :width) || extversion || ' (built with: ' || mobilitydb_full_version() || ')'
FROM pg_extension WHERE extname = 'mobilitydb';
\endif
SELECT rpad('maritime:', :width) || extversion FROM pg_extension WHERE extname = 'maritime';
SELECT rpad('settings:', :width) || string_agg(name || '=' || current_setting(name), ' ' ORDER BY ord)
	   || ' fsync=' || current_setting('fsync')
FROM unnest(string_to_array(:'names', ' ')) WITH ORDINALITY AS s(name, ord);
