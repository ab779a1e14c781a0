/* maritime--1.0--1.1.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION maritime UPDATE TO '1.1'" to load this file. \quit

-- 1.1: the library builds on PostgreSQL 17 and 18 and has the fixes of a
-- code review (track_agg's FINALFUNC_MODIFY, now written out in
-- maritime--1.1.sql, is READ_ONLY as 1.0's default was); new functions:
-- maritime.encounters and maritime.encounter_box.

------------------------------------------------------------------------
-- Ship-to-ship encounters
------------------------------------------------------------------------

-- Not STRICT: max_gap => NULL means "no segment is dark".  NULL tracks,
-- max_distance or min_duration give no rows.  COST: a distance or two a
-- vertex of either track.
CREATE FUNCTION encounters(
	track_a geometry,
	track_b geometry,
	max_distance float8,
	min_duration interval,
	max_gap interval DEFAULT NULL)
RETURNS TABLE(encounter int, encounter_start timestamptz,
			  encounter_end timestamptz, duration interval,
			  min_distance float8, closest_time timestamptz,
			  location geometry, speed_a_kn float8, speed_b_kn float8)
AS 'MODULE_PATHNAME', 'maritime_encounters'
LANGUAGE C IMMUTABLE PARALLEL SAFE
COST 20000 ROWS 2;

COMMENT ON FUNCTION encounters(geometry, geometry, float8, interval, interval) IS
'the times two tracks were within max_distance of each other (metres for geographic SRIDs) for at least min_duration, exact to the millisecond, with the closest approach, where it was and each vessel''s mean speed; dark segments (longer than max_gap) are unknown time';

CREATE FUNCTION encounter_box(
	track geometry,
	max_distance float8)
RETURNS geometry
AS 'MODULE_PATHNAME', 'maritime_encounter_box'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION encounter_box(geometry, float8) IS
'the track''s box in space and time widened by max_distance (metres for geographic SRIDs, turned into degrees), as a LINESTRING M for the n-D operator &&& and a gist_geometry_ops_nd index: candidate pairs for maritime.encounters';

-- A port area given as geography (a buffer in metres around a port's
-- position, say) is read as the geometry it casts to, and an area written
-- as text (a WKT or EWKT literal) as the geometry it spells: without these
-- the first gets "function does not exist" and, once the geography form
-- exists, a literal could mean either.  SQL-standard bodies are bound when
-- created (no search_path at call time) and inlined by the planner, so a
-- call costs what the geometry form does.
CREATE FUNCTION port_visits(
	track geometry,
	area geography,
	min_dwell interval DEFAULT '0',
	max_gap interval DEFAULT NULL,
	min_absence interval DEFAULT '0')
RETURNS TABLE(visit int, arrival timestamptz, departure timestamptz,
			  dwell interval, fixes int, dark interval,
			  open_start boolean, open_end boolean, absent interval)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT * FROM @extschema@.port_visits(track, area::geometry, min_dwell, max_gap, min_absence);
END;

COMMENT ON FUNCTION port_visits(geometry, geography, interval, interval, interval) IS
'port_visits with the area given as geography (SRID 4326 lon/lat): the same visits as for area::geometry';

CREATE FUNCTION port_visits(
	track geometry,
	area text,
	min_dwell interval DEFAULT '0',
	max_gap interval DEFAULT NULL,
	min_absence interval DEFAULT '0')
RETURNS TABLE(visit int, arrival timestamptz, departure timestamptz,
			  dwell interval, fixes int, dark interval,
			  open_start boolean, open_end boolean, absent interval)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT * FROM @extschema@.port_visits(track, area::geometry, min_dwell, max_gap, min_absence);
END;

COMMENT ON FUNCTION port_visits(geometry, text, interval, interval, interval) IS
'port_visits with the area written as WKT or EWKT text: the same visits as for area::geometry';

CREATE FUNCTION round_trips(
	track geometry,
	home geography,
	away geography,
	min_dwell interval DEFAULT '0',
	max_gap interval DEFAULT NULL,
	min_absence interval DEFAULT '0')
RETURNS TABLE(trip int, home_departure timestamptz, away_arrival timestamptz,
			  away_departure timestamptz, home_arrival timestamptz,
			  duration interval, away_dwell interval, away_calls int,
			  complete boolean)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT * FROM @extschema@.round_trips(track, home::geometry, away::geometry,
										  min_dwell, max_gap, min_absence);
END;

COMMENT ON FUNCTION round_trips(geometry, geography, geography, interval, interval, interval) IS
'round_trips with the home and away areas given as geography (SRID 4326 lon/lat): the same trips as for home::geometry, away::geometry';

CREATE FUNCTION round_trips(
	track geometry,
	home text,
	away text,
	min_dwell interval DEFAULT '0',
	max_gap interval DEFAULT NULL,
	min_absence interval DEFAULT '0')
RETURNS TABLE(trip int, home_departure timestamptz, away_arrival timestamptz,
			  away_departure timestamptz, home_arrival timestamptz,
			  duration interval, away_dwell interval, away_calls int,
			  complete boolean)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT * FROM @extschema@.round_trips(track, home::geometry, away::geometry,
										  min_dwell, max_gap, min_absence);
END;

COMMENT ON FUNCTION round_trips(geometry, text, text, interval, interval, interval) IS
'round_trips with the home and away areas written as WKT or EWKT text: the same trips as for home::geometry, away::geometry';
