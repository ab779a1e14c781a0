/* maritime--1.1.sql */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION maritime CASCADE" to load this file. \quit

-- All objects are created in the schema maritime (see maritime.control).
-- "geometry" resolves to PostGIS's type: CREATE EXTENSION puts the schemas
-- of required extensions on the search_path while this script runs.
--
-- Volatility: the functions depend only on their arguments.  Like PostGIS's
-- own functions, they are IMMUTABLE although they consult spatial_ref_sys
-- (to tell lon/lat SRIDs from planar ones), whose entries do not change
-- their kind.

------------------------------------------------------------------------
-- track_agg(geom geometry, ts timestamptz) -> geometry (LINESTRING M)
------------------------------------------------------------------------

CREATE FUNCTION track_agg_transfn(internal, geometry, timestamptz)
RETURNS internal
AS 'MODULE_PATHNAME', 'maritime_track_agg_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION track_agg_finalfn(internal)
RETURNS geometry
AS 'MODULE_PATHNAME', 'maritime_track_agg_finalfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION track_agg_combinefn(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'maritime_track_agg_combinefn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION track_agg_serialfn(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', 'maritime_track_agg_serialfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION track_agg_deserialfn(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'maritime_track_agg_deserialfn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- SSPACE is what the planner assumes one group's state takes when it weighs
-- a HashAggregate: 24 bytes a fix, so 16 kB is a track of some 680 fixes
-- (a vessel-day at a fix every two minutes).  A guess for planning only:
-- the state grows with its group, and a HashAggregate keeps every group.
-- FINALFUNC_MODIFY = READ_ONLY: wherever PostgreSQL may use a state after
-- finalizing it (window aggregation, a hashed aggregation rescanned, states
-- shared by several aggregates) the final function leaves it as it was.
-- Only in plain and sorted aggregation, where PostgreSQL frees a group's
-- state unseen after finalizing it once, is the state handed over to the
-- result instead of copied (see src/track_agg.c).
CREATE AGGREGATE track_agg(geom geometry, ts timestamptz) (
	SFUNC = track_agg_transfn,
	STYPE = internal,
	SSPACE = 16384,
	FINALFUNC = track_agg_finalfn,
	FINALFUNC_MODIFY = READ_ONLY,
	COMBINEFUNC = track_agg_combinefn,
	SERIALFUNC = track_agg_serialfn,
	DESERIALFUNC = track_agg_deserialfn,
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE track_agg(geometry, timestamptz) IS
'builds a track (LINESTRING M, M = epoch seconds) from position rows in any order; NULL and empty positions, and in lon/lat SRIDs AIS''s "not available" longitude 181 or latitude 91, are skipped; one fix per timestamp is kept (smallest x, then y)';
COMMENT ON FUNCTION track_agg_transfn(internal, geometry, timestamptz) IS
'transition function of maritime.track_agg';
COMMENT ON FUNCTION track_agg_finalfn(internal) IS
'final function of maritime.track_agg';
COMMENT ON FUNCTION track_agg_combinefn(internal, internal) IS
'combine function of maritime.track_agg (parallel aggregation)';
COMMENT ON FUNCTION track_agg_serialfn(internal) IS
'serialization function of maritime.track_agg (parallel aggregation)';
COMMENT ON FUNCTION track_agg_deserialfn(bytea, internal) IS
'deserialization function of maritime.track_agg (parallel aggregation)';

------------------------------------------------------------------------
-- Port visits, round trips and idle periods
------------------------------------------------------------------------

-- COST is in units of cpu_operator_cost, which is about 6 ns on the machine
-- of BENCHMARKS.md; the analyses take about that much per track vertex, so
-- COST 10000 stands for a track of some 10,000 vertices.  ROWS: visits,
-- trips, gaps or stops per track.

-- Not STRICT: max_gap => NULL means "no segment is dark".  NULL track,
-- area, min_dwell or min_absence give no rows.
CREATE FUNCTION port_visits(
	track geometry,
	area geometry,
	min_dwell interval DEFAULT '0',
	max_gap interval DEFAULT NULL,
	min_absence interval DEFAULT '0')
RETURNS TABLE(visit int, arrival timestamptz, departure timestamptz,
			  dwell interval, fixes int, dark interval,
			  open_start boolean, open_end boolean, absent interval)
AS 'MODULE_PATHNAME', 'maritime_port_visits'
LANGUAGE C IMMUTABLE PARALLEL SAFE
COST 10000 ROWS 10;

COMMENT ON FUNCTION port_visits(geometry, geometry, interval, interval, interval) IS
'visits of a track (LINESTRING M) to an area (POLYGON or MULTIPOLYGON): exact interpolated arrival and departure times; segments longer than max_gap are dark and never interpolated; visits less than min_absence apart are merged (absent = time outside), then those shorter than min_dwell left out';

CREATE FUNCTION round_trips(
	track geometry,
	home geometry,
	away geometry,
	min_dwell interval DEFAULT '0',
	max_gap interval DEFAULT NULL,
	min_absence interval DEFAULT '0')
RETURNS TABLE(trip int, home_departure timestamptz, away_arrival timestamptz,
			  away_departure timestamptz, home_arrival timestamptz,
			  duration interval, away_dwell interval, away_calls int,
			  complete boolean)
AS 'MODULE_PATHNAME', 'maritime_round_trips'
LANGUAGE C IMMUTABLE PARALLEL SAFE
COST 20000 ROWS 10;

COMMENT ON FUNCTION round_trips(geometry, geometry, geometry, interval, interval, interval) IS
'round trips of a track between a home and an away area (each a POLYGON or MULTIPOLYGON port group): home departure, away calls, home arrival; visits as port_visits gives them with the same min_dwell, max_gap and min_absence; an unfinished last trip has complete = false';

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

CREATE FUNCTION idle_periods(
	busy tstzmultirange,
	during tstzrange,
	min_idle interval)
RETURNS TABLE(idle_start timestamptz, idle_end timestamptz,
			  duration interval, open_end boolean)
AS 'MODULE_PATHNAME', 'maritime_idle_periods'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 100 ROWS 10;

COMMENT ON FUNCTION idle_periods(tstzmultirange, tstzrange, interval) IS
'the parts of during not covered by busy that last at least min_idle; open_end is true for a period that reaches the end of during (a halt still going on)';

------------------------------------------------------------------------
-- Dark periods and stops
------------------------------------------------------------------------

CREATE FUNCTION gaps(
	track geometry,
	min_gap interval)
RETURNS TABLE(gap_start timestamptz, gap_end timestamptz, duration interval,
			  start_point geometry, end_point geometry, distance float8,
			  implied_speed_kn float8)
AS 'MODULE_PATHNAME', 'maritime_gaps'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 5000 ROWS 10;

COMMENT ON FUNCTION gaps(geometry, interval) IS
'every pair of consecutive track vertices at least min_gap apart: when the vessel went dark, for how long, how far it moved (metres for geographic SRIDs) and the implied speed in knots';

-- Not STRICT: max_gap => NULL means "no segment is dark".  NULL track,
-- max_diameter or min_duration give no rows.
CREATE FUNCTION stops(
	track geometry,
	max_diameter float8,
	min_duration interval,
	max_gap interval DEFAULT NULL)
RETURNS TABLE(stop_start timestamptz, stop_end timestamptz, duration interval,
			  location geometry, fixes int, diameter float8)
AS 'MODULE_PATHNAME', 'maritime_stops'
LANGUAGE C IMMUTABLE PARALLEL SAFE
COST 10000 ROWS 10;

COMMENT ON FUNCTION stops(geometry, float8, interval, interval) IS
'stops of a track: runs of vertices all within max_diameter of each other (exact, metres for geographic SRIDs) lasting at least min_duration, never across a dark segment (longer than max_gap)';

------------------------------------------------------------------------
-- Cleaning and splitting real AIS
------------------------------------------------------------------------

-- COST: a distance or two per vertex on real tracks (see src/clean.c).
CREATE FUNCTION clean_track(
	track geometry,
	max_speed_kn float8 DEFAULT 50)
RETURNS geometry
AS 'MODULE_PATHNAME', 'maritime_clean_track'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 10000;

COMMENT ON FUNCTION clean_track(geometry, float8) IS
'the track made of its longest chain of consistent fixes (implied speed between them at most max_speed_kn; ties: the earliest fixes); maritime.outliers lists what it leaves out';

CREATE FUNCTION outliers(
	track geometry,
	max_speed_kn float8 DEFAULT 50)
RETURNS TABLE(fix_time timestamptz, location geometry,
			  implied_speed_kn float8)
AS 'MODULE_PATHNAME', 'maritime_outliers'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 10000 ROWS 10;

COMMENT ON FUNCTION outliers(geometry, float8) IS
'the fixes that maritime.clean_track with the same arguments removes, with the speed implied from the nearest earlier fix it keeps';

-- Not STRICT: max_gap => NULL means "no segment is dark" (one piece).
-- NULL track gives no rows.
CREATE FUNCTION segments(
	track geometry,
	max_gap interval)
RETURNS TABLE(segment int, track geometry, fixes int,
			  segment_start timestamptz, segment_end timestamptz)
AS 'MODULE_PATHNAME', 'maritime_segments'
LANGUAGE C IMMUTABLE PARALLEL SAFE
COST 5000 ROWS 10;

COMMENT ON FUNCTION segments(geometry, interval) IS
'the track cut at every dark segment (longer than max_gap), each piece a track of its own, numbered in time order';

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
