-- maritime.gaps: consecutive fixes at least min_gap apart
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- fixes 10 min, 1 h, 59 min 59 s and 2 h apart (lon/lat): thresholds just
-- below, at and above the one-hour gap
CREATE TABLE gap_track AS
SELECT 'SRID=4326;LINESTRING M(10 55 1704067200, 10.01 55 1704067800, 10.5 55.2 1704071400, 10.6 55.3 1704075399, 12 56 1704082599)'::geometry AS track;
SELECT g.min_gap, count(v.*) AS gaps
FROM gap_track, (VALUES (interval '59 min 59.999999 s'), ('1 hour'), ('1 hour 0.000001 s'), ('2 hours')) g(min_gap)
LEFT JOIN LATERAL maritime.gaps(track, g.min_gap) v ON true
GROUP BY g.min_gap ORDER BY g.min_gap;

SELECT gap_start, gap_end, duration, ST_AsEWKT(start_point) AS start_point,
       ST_AsEWKT(end_point) AS end_point, round(distance::numeric, 3) AS metres,
       round(implied_speed_kn::numeric, 4) AS knots
FROM gap_track, maritime.gaps(track, '1 hour');

-- the points are the track's vertices, written as PostGIS writes POINTs
SELECT bool_and(g.start_point = ST_Force2D(ST_PointN(track, n)) AND
                g.end_point = ST_Force2D(ST_PointN(track, n + 1))) AS points_are_vertices,
       bool_and(ST_AsEWKB(g.start_point) = ST_AsEWKB(ST_SetSRID(ST_MakePoint(ST_X(g.start_point), ST_Y(g.start_point)), 4326))) AS same_as_st_makepoint
FROM gap_track,
     LATERAL (SELECT gg.*, row_number() OVER ()::int AS n FROM maritime.gaps(track, '1 second') gg) g;

-- metres on the sphere, as PostGIS measures them without the spheroid
-- (radius 6371008.8 m here, 6371008.771 m there: 5 parts in 10^9)
SELECT count(*) AS gaps,
       max(abs(distance - ST_Distance(start_point::geography, end_point::geography, false))
           / ST_Distance(start_point::geography, end_point::geography, false)) < 1e-8 AS same_as_postgis,
       bool_and(implied_speed_kn = distance / extract(epoch FROM duration)::float8 * 3600 / 1852) AS speed_is_distance_over_time
FROM gap_track, maritime.gaps(track, '1 minute');
-- across the antimeridian and over a pole the short way round
SELECT round(distance::numeric, 1) AS metres,
       round(ST_Distance(start_point::geography, end_point::geography, false)::numeric, 1) AS postgis
FROM maritime.gaps('SRID=4326;LINESTRING M(179.9 10 0, -179.9 10 7200, 0 89 14400, 180 89 21600)', '1 hour');

-- planar SRIDs: distances in CRS units (metres in UTM), speeds taking them as metres
SELECT round(distance::numeric, 3) AS metres, round(implied_speed_kn::numeric, 4) AS knots
FROM maritime.gaps('SRID=32632;LINESTRING M(500000 6000000 0, 503000 6004000 3600)', '30 minutes');
SELECT distance, round(implied_speed_kn::numeric, 6) AS knots
FROM maritime.gaps('LINESTRING M(0 0 0, 3 4 1)', '1 second');

-- a one-vertex track has no gaps; NULLs give no rows
SELECT count(*) FROM (SELECT maritime.track_agg('SRID=4326;POINT(10 55)', '2024-01-01') AS t) s,
       maritime.gaps(s.t, '1 second');
SELECT count(*) FROM maritime.gaps(NULL, '1 hour');
SELECT count(*) FROM maritime.gaps('LINESTRING M(0 0 0, 3 4 1)', NULL);

-- When did each AMSA vessel go dark for more than a day, and how fast
-- would it have had to sail?
CREATE TABLE au_raw (mmsi bigint, ts timestamptz, lon float8, lat float8, sog float8, cog float8);
\copy au_raw FROM 'data/ais/au_amsa_2vessels_2014.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE au_tracks AS
SELECT mmsi, maritime.track_agg(ST_SetSRID(ST_MakePoint(lon, lat), 4326), ts) AS track
FROM au_raw GROUP BY mmsi;
SELECT mmsi, count(*) AS dark_over_a_day, max(duration) AS longest,
       round(max(implied_speed_kn)::numeric, 2) AS fastest_kn
FROM au_tracks, maritime.gaps(track, '1 day') GROUP BY mmsi ORDER BY mmsi;
-- the same gaps as the window-function way over the positions
SELECT (SELECT count(*) FROM au_tracks, maritime.gaps(track, '2 hours')) AS gaps,
       (SELECT count(*) FROM (SELECT ts - lag(ts) OVER (PARTITION BY mmsi ORDER BY ts) AS d FROM au_raw) s
        WHERE d >= '2 hours') AS window_function_gaps;
DROP TABLE au_raw, au_tracks;

-- bad input
SELECT regress.error_of($$SELECT * FROM maritime.gaps('LINESTRING M(0 0 0, 3 4 1)', '0')$$);
SELECT regress.error_of($$SELECT * FROM maritime.gaps('LINESTRING M(0 0 0, 3 4 1)', '-1 hour')$$);
SELECT regress.error_of($$SELECT * FROM maritime.gaps('POINT(0 0)', '1 hour')$$);
SELECT regress.error_of($$SELECT * FROM maritime.gaps('LINESTRING(0 0, 3 4)', '1 hour')$$);
SELECT regress.error_of($$SELECT * FROM maritime.gaps('LINESTRING M(0 0 5, 3 4 1)', '1 hour')$$);
DROP TABLE gap_track;

-- An interval of exactly min_gap is a gap, one a microsecond shorter is
-- not, also where M has all its microsecond digits and before 1970 (the
-- quick test on M values must not decide these)
SELECT gap_start, gap_end, duration
FROM maritime.gaps(ST_MakeLine(ARRAY[ST_MakePointM(0, 0, 1704067200.000001),
                                     ST_MakePointM(0, 0, 1704067200.000002),
                                     ST_MakePointM(0, 0, 1704067260.000002),
                                     ST_MakePointM(0, 0, 1704067319.999999)]), '60 seconds');
SELECT gap_start, gap_end, duration
FROM maritime.gaps(ST_MakeLine(ARRAY[ST_MakePointM(0, 0, -1704067200.000001),
                                     ST_MakePointM(0, 0, -1704067140.000001),
                                     ST_MakePointM(0, 0, -1704067080.000002)]), '60 seconds');
