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
