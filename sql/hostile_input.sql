-- Hostile input: every function against every class of bad input.  Each
-- case raises its SQLSTATE (22023 wrong geometry types, SRIDs, M order,
-- arguments; 22008 timestamps) or gives the right answer, and none crashes.
-- Cases already in track_agg_errors, visits_errors, gaps, stops and
-- track_agg_limits are not repeated here.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
\set square '''POLYGON((0 0,10 0,10 10,0 10,0 0))'''
\set away '''POLYGON((100 0,110 0,110 10,100 10,100 0))'''

-- Bad tracks, one per class; the table functions read them all the same way
CREATE TEMP TABLE bad_track (k int, class text, track geometry);
INSERT INTO bad_track
SELECT row_number() OVER (), class, track::geometry FROM (VALUES
  ('POINT EMPTY', 'POINT EMPTY'),
  ('POLYGON EMPTY', 'POLYGON EMPTY'),
  ('GEOMETRYCOLLECTION EMPTY', 'GEOMETRYCOLLECTION EMPTY'),
  ('LINESTRING EMPTY (no M)', 'LINESTRING EMPTY'),
  ('POINT M', 'POINT M(1 1 1704067200)'),
  ('MULTIPOINT M', 'MULTIPOINT M((0 0 1704067200),(1 1 1704067260))'),
  ('MULTILINESTRING M', 'MULTILINESTRING M((0 0 1704067200,1 1 1704067260))'),
  ('POLYGON M', 'POLYGON M((0 0 1,1 0 2,1 1 3,0 0 1))'),
  ('MULTIPOLYGON M', 'MULTIPOLYGON M(((0 0 1,1 0 2,1 1 3,0 0 1)))'),
  ('GEOMETRYCOLLECTION M', 'GEOMETRYCOLLECTION M(LINESTRING M(0 0 1704067200,1 1 1704067260))'),
  ('CIRCULARSTRING M', 'CIRCULARSTRING M(0 0 1704067200,1 1 1704067260,2 0 1704067320)'),
  ('COMPOUNDCURVE M', 'COMPOUNDCURVE M((0 0 1704067200,1 1 1704067260))'),
  ('CURVEPOLYGON', 'CURVEPOLYGON(CIRCULARSTRING(0 0,1 1,2 0,1 -1,0 0))'),
  ('MULTICURVE M', 'MULTICURVE M((0 0 1704067200,1 1 1704067260))'),
  ('MULTISURFACE', 'MULTISURFACE(((0 0,1 0,1 1,0 0)))'),
  ('TRIANGLE M', 'TRIANGLE M((0 0 1,0 1 2,1 1 3,0 0 1))'),
  ('TIN Z', 'TIN Z(((0 0 0,0 1 0,1 1 0,0 0 0)))'),
  ('POLYHEDRALSURFACE Z', 'POLYHEDRALSURFACE Z(((0 0 0,0 1 0,1 1 0,0 0 0)))'),
  ('LINESTRING (no M)', 'LINESTRING(0 0,1 1)'),
  ('LINESTRING Z (no M)', 'LINESTRING Z(0 0 1704067200,1 1 1704067260)')) v(class, track);
-- non-finite coordinates (WKT cannot spell them), M order, M out of range
INSERT INTO bad_track
SELECT 20 + row_number() OVER (), class, regress.track(xys) FROM (VALUES
  ('x NaN', '0 0 0, NaN 1 60'),
  ('y NaN', '0 0 0, 1 NaN 60'),
  ('x Infinity', '0 0 0, Infinity 1 60'),
  ('y -Infinity', '0 0 0, 1 -Infinity 60'),
  ('x NaN, 3 vertices (NaN box)', '0 0 0, 1 1 60, NaN 2 120'),
  ('M NaN', '0 0 0, 1 1 NaN'),
  ('M Infinity', '0 0 0, 1 1 Infinity'),
  ('M -Infinity', '0 0 -Infinity, 1 1 60'),
  ('duplicate M', '0 0 0, 1 1 60, 2 2 60'),
  ('decreasing M', '0 0 0, 1 1 60, 2 2 30'),
  ('M before 4714 BC', '0 0 -1e12, 1 1 0'),
  ('M after 294276 AD', '0 0 0, 1 1 9.3e12')) v(class, xys);

------------------------------------------------------------------------
-- track_agg
------------------------------------------------------------------------

-- empty geometries: an empty POINT of any dimension is skipped, any other
-- empty geometry is not a point (22023)
SELECT g AS geom, regress.error_of(format('SELECT maritime.track_agg(%L::geometry, now())', g))
FROM (VALUES ('POLYGON EMPTY'), ('MULTIPOINT EMPTY'), ('GEOMETRYCOLLECTION EMPTY')) v(g);
SELECT ST_AsText(maritime.track_agg(geom, ts))
FROM (VALUES ('POINT Z EMPTY'::geometry, '2024-01-01'::timestamptz), ('POINT M EMPTY', '2024-01-02'),
             ('POINT ZM EMPTY', '2024-01-03'), ('POINT(1 2)', '2024-01-04')) v(geom, ts);
-- the wrong types track_agg_errors does not try (22023)
SELECT g AS geom, regress.error_of(format('SELECT maritime.track_agg(%L::geometry, now())', g))
FROM (VALUES ('MULTILINESTRING((0 0,1 1))'), ('COMPOUNDCURVE((0 0,1 1))'), ('MULTICURVE((0 0,1 1))'),
             ('MULTIPOLYGON(((0 0,1 0,1 1,0 0)))'), ('MULTISURFACE(((0 0,1 0,1 1,0 0)))')) v(g);
-- NaN and infinite x and y (22023) ...
SELECT x, y, regress.error_of(format('SELECT maritime.track_agg(ST_MakePoint(%L, %L), now())', x, y))
FROM (VALUES ('1', 'NaN'), ('Infinity', '1'), ('1', '-Infinity')) v(x, y);
-- ... but Z and M are ignored, NaN and infinite ones too
SELECT ST_AsText(maritime.track_agg(geom, ts))
FROM (VALUES (ST_MakePoint(1, 2, 'NaN', 'Infinity'), '2024-01-01'::timestamptz),
             (ST_MakePointM(3, 4, '-Infinity'), '2024-01-02')) v(geom, ts);
-- NULLs: a NULL row never errors, even next to another bad argument
SELECT regress.error_of($$SELECT maritime.track_agg(NULL::geometry, 'infinity'::timestamptz)$$);
SELECT regress.error_of($$SELECT maritime.track_agg('LINESTRING(0 0,1 1)'::geometry, NULL)$$);
SELECT maritime.track_agg(NULL, NULL) IS NULL AS all_null_is_null;
-- the first and last timestamps PostgreSQL has: M = extract(epoch from ts),
-- strictly increasing, a valid trajectory
SELECT ST_NPoints(t) AS fixes, ST_IsValidTrajectory(t) AS valid,
       ST_M(ST_StartPoint(t)) = extract(epoch FROM '4714-11-24 00:00:00+00 BC'::timestamptz)::float8 AS first_m,
       abs(ST_M(ST_EndPoint(t)) - extract(epoch FROM '294276-12-31 23:59:59.999999+00'::timestamptz)::float8) < 0.01 AS last_m
FROM (SELECT maritime.track_agg(geom, ts) AS t
      FROM (VALUES ('POINT(1 1)'::geometry, '4714-11-24 00:00:00+00 BC'::timestamptz),
                   ('POINT(2 2)', '2024-01-01'),
                   ('POINT(3 3)', '294276-12-31 23:59:59.999999+00')) v(geom, ts)) s;

------------------------------------------------------------------------
-- port_visits
------------------------------------------------------------------------

-- every class of bad track visits_errors does not try: 22023, or 22008
-- for an M that is no timestamp
SELECT b.class, regress.error_of(format('SELECT * FROM bad_track b, maritime.port_visits(b.track, %L) WHERE b.k = %s', :square, b.k))
FROM bad_track b
WHERE b.class NOT IN ('POINT M', 'POLYGON M', 'MULTILINESTRING M', 'LINESTRING (no M)', 'LINESTRING Z (no M)',
                      'x NaN', 'M NaN', 'duplicate M', 'decreasing M', 'M after 294276 AD')
ORDER BY b.k;
-- every class of bad area visits_errors does not try (22023)
SELECT a AS area, regress.error_of(format('SELECT * FROM maritime.port_visits(regress.track(''5 5 0''), %L)', a))
FROM (VALUES ('POINT EMPTY'), ('GEOMETRYCOLLECTION EMPTY'), ('MULTIPOINT((0 0),(1 1))'), ('MULTILINESTRING((0 0,1 1))'),
             ('CIRCULARSTRING(0 0,1 1,2 0)'), ('COMPOUNDCURVE((0 0,1 1))'), ('MULTICURVE((0 0,1 1))'),
             ('MULTISURFACE(((0 0,1 0,1 1,0 0)))'), ('TRIANGLE((0 0,0 1,1 1,0 0))'),
             ('POLYHEDRALSURFACE Z(((0 0 0,0 1 0,1 1 0,0 0 0)))'),
             ('LINESTRING M(0 0 1704067200,1 1 1704067260)')) v(a);
-- NaN and infinite area coordinates (22023)
SELECT c AS coordinate, regress.error_of(format(
  'SELECT * FROM maritime.port_visits(regress.track(''5 5 0''), ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(0, 0), ST_MakePoint(%L, 0), ST_MakePoint(10, 10), ST_MakePoint(0, 0)])))', c))
FROM (VALUES ('NaN'), ('Infinity'), ('-Infinity')) v(c);
-- two SRIDs, neither of them 0 (22023)
SELECT regress.error_of(format('SELECT * FROM maritime.port_visits(ST_SetSRID(regress.track(''5 5 0''), 4326), ST_SetSRID(%L::geometry, 3857))', :square));
-- empty tracks and areas have no visits; so has a polygon collapsed to a
-- point, which PostGIS too says nothing intersects
SELECT count(*) AS visits FROM maritime.port_visits('LINESTRING ZM EMPTY', :square);
SELECT a AS area, (SELECT count(*) FROM maritime.port_visits(regress.track('-10 1 0, 20 1 300'), a::geometry)) AS visits,
       ST_Intersects(regress.track('-10 1 0, 20 1 300'), a::geometry) AS postgis_intersects
FROM (VALUES ('POLYGON EMPTY'), ('MULTIPOLYGON EMPTY'), ('POLYGON((1 1,1 1,1 1,1 1))')) v(a);
-- an empty member of a MULTIPOLYGON is ignored
SELECT visit, arrival, departure, fixes
FROM maritime.port_visits(regress.track('-10 5 0, 20 5 300'), 'MULTIPOLYGON(EMPTY,((0 0,10 0,10 10,0 10,0 0)))');
-- a one-vertex track written in hex EWKB (WKT cannot spell one)
SELECT visit, arrival, departure, dwell, fixes, open_start, open_end
FROM maritime.port_visits('01020000400100000000000000000014400000000000001440000000208064D941', :square);
-- NULL in every position at once: no rows
SELECT count(*) FROM maritime.port_visits(NULL, NULL, NULL, NULL);
-- intervals: '1000000 years' keeps nothing as min_dwell and darkens
-- nothing as max_gap; intervals beyond int64 microseconds saturate instead
-- of wrapping.  ('infinity' is an interval from PostgreSQL 17 on, 22007
-- before the call in 15; it saturates like these, so it is left out here,
-- where every version must give the same answers.)
SELECT m.min_dwell, count(v.visit) AS visits
FROM (VALUES (interval '1000000 years'), ('178000000 years 2147483647 days')) m(min_dwell)
LEFT JOIN LATERAL maritime.port_visits(regress.track('5 5 0, 5 6 600'), :square, m.min_dwell) v ON true
GROUP BY m.min_dwell ORDER BY m.min_dwell;
SELECT g.max_gap, v.arrival, v.departure, v.dark
FROM (VALUES (interval '1000000 years'), ('178000000 years 2147483647 days')) g(max_gap),
     maritime.port_visits(regress.track('-10 5 0, 20 5 300'), :square, '0', g.max_gap) v
ORDER BY g.max_gap;
SELECT regress.error_of(format('SELECT * FROM maritime.port_visits(regress.track(''5 5 0''), %L, ''0'', ''-178000000 years -2147483647 days'')', :square));
-- months count 30 days, as PostgreSQL compares intervals: a visit of exactly
-- 30 days is kept by min_dwell '1 mon' (or 29 days 24 hours) and left out
-- by '1 mon 1 second';
-- '1 mon -30 days' is zero, so no max_gap (22023)
SELECT m.min_dwell, count(v.visit) AS visits
FROM (VALUES (1, '1 mon'), (2, '29 days 24:00:00'), (3, '1 mon 1 second')) m(k, min_dwell)
LEFT JOIN LATERAL maritime.port_visits(regress.track('5 5 0, 5 6 2592000'), :square, m.min_dwell::interval) v ON true
GROUP BY m.k, m.min_dwell ORDER BY m.k;
SELECT regress.error_of(format('SELECT * FROM maritime.port_visits(regress.track(''5 5 0''), %L, ''0'', ''1 mon -30 days'')', :square));
-- huge but finite coordinates: the crossing is still found (x = 0 and x = 10
-- are passed half-way through the 100 s)
SELECT visit, arrival, departure, fixes
FROM maritime.port_visits('LINESTRING M(-1e300 5 0, 1e300 5 100)', :square);

------------------------------------------------------------------------
-- round_trips
------------------------------------------------------------------------

-- every class of bad track (22023, or 22008 for an M that is no timestamp)
SELECT b.class, regress.error_of(format('SELECT * FROM bad_track b, maritime.round_trips(b.track, %L, %L) WHERE b.k = %s', :square, :away, b.k))
FROM bad_track b ORDER BY b.k;
-- bad home or away areas: wrong types, empty non-polygons, NaN (22023)
SELECT h AS home, a AS away, regress.error_of(format('SELECT * FROM maritime.round_trips(regress.track(''5 5 0''), %L, %L)', h, a))
FROM (VALUES ('POINT EMPTY', :away), (:square, 'GEOMETRYCOLLECTION EMPTY'),
             ('MULTILINESTRING((0 0,1 1))', :away), (:square, 'MULTIPOINT((100 0),(101 1))'),
             ('CURVEPOLYGON(CIRCULARSTRING(0 0,1 1,2 0,1 -1,0 0))', :away),
             (:square, 'CURVEPOLYGON(CIRCULARSTRING(100 0,101 1,102 0,101 -1,100 0))'),
             ('MULTISURFACE(((0 0,1 0,1 1,0 0)))', :away), (:square, 'TRIANGLE((100 0,100 1,101 1,100 0))'),
             ('TIN Z(((0 0 0,0 1 0,1 1 0,0 0 0)))', :away), (:square, 'POLYHEDRALSURFACE Z(((100 0 0,100 1 0,101 1 0,100 0 0)))'),
             ('LINESTRING M(0 0 1704067200,1 1 1704067260)', :away)) v(h, a);
SELECT regress.error_of(format('SELECT * FROM maritime.round_trips(regress.track(''5 5 0''), ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(0, 0), ST_MakePoint(''NaN'', 0), ST_MakePoint(10, 10), ST_MakePoint(0, 0)])), %L)', :away));
SELECT regress.error_of(format('SELECT * FROM maritime.round_trips(regress.track(''5 5 0''), %L, ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(100, 0), ST_MakePoint(''Infinity'', 0), ST_MakePoint(110, 10), ST_MakePoint(100, 0)])))', :square));
-- SRIDs: home differs from the track; home and away agree but the track differs (22023)
SELECT regress.error_of(format('SELECT * FROM maritime.round_trips(ST_SetSRID(regress.track(''5 5 0''), 4326), %L, ST_SetSRID(%L::geometry, 4326))', :square, :away));
SELECT regress.error_of(format('SELECT * FROM maritime.round_trips(regress.track(''5 5 0''), ST_SetSRID(%L::geometry, 3857), ST_SetSRID(%L::geometry, 3857))', :square, :away));
-- self-intersecting (invalid) areas reach the overlap test without harm: a
-- bow tie and a box between its wings do not overlap, a box on a wing does
SELECT regress.error_of($$SELECT * FROM maritime.round_trips(regress.track('5 5 0'), 'POLYGON((0 0,10 10,10 0,0 10,0 0))', 'POLYGON((4 -1,6 -1,6 1,4 1,4 -1))')$$);
SELECT regress.error_of($$SELECT * FROM maritime.round_trips(regress.track('5 5 0'), 'POLYGON((0 0,10 10,10 0,0 10,0 0))', 'POLYGON((8 4,12 4,12 6,8 6,8 4))')$$);
-- empty tracks and areas: no trips
SELECT (SELECT count(*) FROM maritime.round_trips('LINESTRING M EMPTY', :square, :away)) AS empty_track,
       (SELECT count(*) FROM maritime.round_trips(regress.track('5 5 0, 105 5 100, 5 5 200'), 'POLYGON EMPTY', :away)) AS empty_home,
       (SELECT count(*) FROM maritime.round_trips(regress.track('5 5 0, 105 5 100, 5 5 200'), :square, 'MULTIPOLYGON EMPTY')) AS empty_away;
-- one-vertex tracks (ST_MakeLine of one point, and hex EWKB): no trip
SELECT (SELECT count(*) FROM maritime.round_trips(ST_MakeLine(ARRAY[ST_MakePointM(5, 5, 1704067200)]), :square, :away)) AS made_line,
       (SELECT count(*) FROM maritime.round_trips('01020000400100000000000000000014400000000000001440000000208064D941', :square, :away)) AS hex_ewkb;
-- NULL away or min_dwell, or all at once: no rows; NULL max_gap: nothing dark
SELECT (SELECT count(*) FROM maritime.round_trips(regress.track('5 5 0, 105 5 100, 5 5 200'), :square, NULL)) AS null_away,
       (SELECT count(*) FROM maritime.round_trips(regress.track('5 5 0, 105 5 100, 5 5 200'), :square, :away, NULL)) AS null_min_dwell,
       (SELECT count(*) FROM maritime.round_trips(NULL, NULL, NULL, NULL, NULL)) AS all_null;
SELECT trip, home_departure, away_arrival, away_departure, home_arrival, complete
FROM maritime.round_trips(regress.track('5 5 0, 105 5 100, 5 5 200'), :square, :away, '0', NULL);
-- XYZM is read as XYM, Z ignored: the same trip
SELECT trip, home_departure, home_arrival, away_calls
FROM maritime.round_trips('LINESTRING ZM(5 5 -99 1704067200, 105 5 99 1704067300, 5 5 NaN 1704067400)', :square, :away);
-- intervals: '-1 s', a negative month and too negative to count are
-- rejected (22023); huge ones saturate
SELECT d AS min_dwell, regress.error_of(format('SELECT * FROM maritime.round_trips(regress.track(''5 5 0''), %L, %L, %L)', :square, :away, d))
FROM (VALUES ('-1 s'), ('1 mon -31 days'), ('-178000000 years -2147483647 days')) v(d);
SELECT g AS max_gap, regress.error_of(format('SELECT * FROM maritime.round_trips(regress.track(''5 5 0''), %L, %L, ''0'', %L)', :square, :away, g))
FROM (VALUES ('-1 s'), ('1 mon -30 days')) v(g);
SELECT (SELECT count(*) FROM maritime.round_trips(regress.track('5 5 0, 105 5 100, 5 5 200'), :square, :away, '1000000 years')) AS huge_min_dwell,
       (SELECT count(*) FROM maritime.round_trips(regress.track('5 5 0, 105 5 100, 5 5 200'), :square, :away, '0', '178000000 years 2147483647 days')) AS huge_max_gap;

------------------------------------------------------------------------
-- idle_periods
------------------------------------------------------------------------

-- NULL during, or every argument: no rows (STRICT)
SELECT (SELECT count(*) FROM maritime.idle_periods('{}', NULL, '0')) AS null_during,
       (SELECT count(*) FROM maritime.idle_periods(NULL, NULL, NULL)) AS all_null;
-- infinite bounds are values, not missing bounds: the periods reaching them
-- have no duration and are longer than any min_idle
SELECT * FROM maritime.idle_periods('{[-infinity,2024-01-01]}', '[-infinity,infinity]', '0');
SELECT * FROM maritime.idle_periods('{[2024-01-01,infinity]}', '[-infinity,infinity]', '1000000 years');
SELECT * FROM maritime.idle_periods('{}', '(,)', '1000000 years');
-- everything busy, an instant window: nothing idle
SELECT count(*) FROM maritime.idle_periods('{(,)}', '(,)', '0');
SELECT count(*) FROM maritime.idle_periods('{[2024-01-01,2024-01-02]}', '[2024-01-01,2024-01-01]', '0');
-- the first and last timestamps PostgreSQL has: durations of millions of days
SELECT * FROM maritime.idle_periods('{[2024-01-01,2024-01-02]}',
                                    '[4714-11-24 00:00:00+00 BC,294276-12-31 23:59:59.999999+00]', '0');
-- one microsecond is enough to be idle
SELECT * FROM maritime.idle_periods('{[2024-01-01,2024-01-01 00:00:00.000001)}',
                                    '[2024-01-01,2024-01-01 00:00:00.000002)', '0');
-- min_idle: a negative month is negative (22023), '-1 mon 31 days' is one
-- day; '1 mon' is 30 days
SELECT i AS min_idle, regress.error_of(format('SELECT * FROM maritime.idle_periods(''{}'', ''[2024-01-01,2024-01-02)'', %L)', i))
FROM (VALUES ('1 mon -31 days'), ('-178000000 years')) v(i);
SELECT m.min_idle, count(p.*) AS periods
FROM (VALUES (interval '-1 mon 31 days'), ('1 mon'), ('1 mon 00:00:00.000001'), ('178000000 years')) m(min_idle)
LEFT JOIN LATERAL maritime.idle_periods('{[2024-01-31,2024-02-01]}', '[2024-01-01,2024-02-01)', m.min_idle) p ON true
GROUP BY m.min_idle ORDER BY m.min_idle;

------------------------------------------------------------------------
-- gaps
------------------------------------------------------------------------

-- every class of bad track gaps.sql does not try
SELECT b.class, regress.error_of(format('SELECT * FROM bad_track b, maritime.gaps(b.track, ''1 second'') WHERE b.k = %s', b.k))
FROM bad_track b
WHERE b.class NOT IN ('LINESTRING (no M)', 'decreasing M')
ORDER BY b.k;
-- STRICT: a NULL track gives no rows even with a bad min_gap
SELECT count(*) FROM maritime.gaps(NULL, '-1 hour');
-- empty tracks: no gaps; XYZM: Z ignored
SELECT count(*) FROM maritime.gaps('LINESTRING M EMPTY', '1 second');
SELECT gap_start, duration, ST_AsText(start_point) AS start_point, distance
FROM maritime.gaps('LINESTRING ZM(0 0 -5 1704067200, 3 4 NaN 1704070800)', '1 hour');
-- min_gap: a zero month-and-days sum is not positive (22023); '1 mon' is 30
-- days; huge ones find nothing
SELECT g AS min_gap, regress.error_of(format('SELECT * FROM maritime.gaps(regress.track(''0 0 0, 1 1 60''), %L)', g))
FROM (VALUES ('1 mon -30 days'), ('-178000000 years')) v(g);
SELECT m.min_gap, count(g.*) AS gaps
FROM (VALUES (interval '1 mon'), ('1 mon 00:00:00.000001'), ('1000000 years'), ('178000000 years 2147483647 days')) m(min_gap)
LEFT JOIN LATERAL maritime.gaps(regress.track('0 0 0, 1 1 2592000'), m.min_gap) g ON true
GROUP BY m.min_gap ORDER BY m.min_gap;
-- M from the first timestamp PostgreSQL has to the year 200000
SELECT gap_start, gap_end, duration, distance
FROM maritime.gaps('LINESTRING M(0 0 -210866803200, 3 4 6249223958400)', '1 second');

------------------------------------------------------------------------
-- stops
------------------------------------------------------------------------

-- every class of bad track stops.sql does not try
SELECT b.class, regress.error_of(format('SELECT * FROM bad_track b, maritime.stops(b.track, 1, ''1 minute'') WHERE b.k = %s', b.k))
FROM bad_track b
WHERE b.class NOT IN ('MULTIPOINT M', 'LINESTRING (no M)', 'duplicate M')
ORDER BY b.k;
-- the arguments are checked even when the track is NULL (not STRICT) ...
SELECT regress.error_of($$SELECT * FROM maritime.stops(NULL, 'NaN', '1 minute')$$);
-- ... and NULL in every position gives no rows
SELECT count(*) FROM maritime.stops(NULL, NULL, NULL, NULL);
-- empty tracks: no stops; XYZM: Z ignored
SELECT count(*) FROM maritime.stops('LINESTRING ZM EMPTY', 1, '0');
SELECT stop_start, stop_end, ST_AsText(location) AS location, fixes, diameter
FROM maritime.stops('LINESTRING ZM(0 0 -5 1704067200, 0 1 NaN 1704067800, 9 9 1 1704068400)', 1, '5 minutes');
-- max_diameter -0 is 0; the smallest positive double and the largest finite
-- one are fine, in planar and in lon/lat SRIDs (the farthest two points on
-- Earth are 20,015 km apart)
SELECT d.max_diameter, s.fixes, s.diameter
FROM (VALUES ('-0'::float8), (5e-324), (1.7976931348623157e308)) d(max_diameter),
     maritime.stops(regress.track('0 0 0, 0 0 600, 1e300 0 1200'), d.max_diameter, '5 minutes') s
ORDER BY d.max_diameter;
SELECT s.fixes, round(s.diameter) AS metres
FROM maritime.stops('SRID=4326;LINESTRING M(0 0 0, 180 0 600, 90 0 1200, 0 90 1800)', 1.7976931348623157e308, '5 minutes') s;
-- intervals: a negative month is negative (22023); '1 mon' is 30 days; huge
-- ones find nothing, or darken nothing
SELECT i AS min_duration, regress.error_of(format('SELECT * FROM maritime.stops(regress.track(''0 0 0''), 1, %L)', i))
FROM (VALUES ('1 mon -31 days')) v(i);
SELECT m.min_duration, count(s.*) AS stops
FROM (VALUES (interval '1 mon'), ('1 mon 00:00:00.000001'), ('1000000 years'), ('178000000 years 2147483647 days')) m(min_duration)
LEFT JOIN LATERAL maritime.stops(regress.track('0 0 0, 0 0.5 2592000'), 1, m.min_duration) s ON true
GROUP BY m.min_duration ORDER BY m.min_duration;
SELECT stop_start, stop_end, fixes
FROM maritime.stops(regress.track('0 0 0, 0 0.5 2592000'), 1, '0', '178000000 years 2147483647 days');

------------------------------------------------------------------------
-- clean_track, outliers, segments
------------------------------------------------------------------------

-- every class of bad track: 22023, or 22008 for an M that is no timestamp
SELECT b.class,
       regress.error_of(format('SELECT maritime.clean_track(b.track) FROM bad_track b WHERE b.k = %s', b.k)) AS clean_track,
       regress.error_of(format('SELECT * FROM bad_track b, maritime.outliers(b.track) WHERE b.k = %s', b.k)) =
       regress.error_of(format('SELECT maritime.clean_track(b.track) FROM bad_track b WHERE b.k = %s', b.k)) AS outliers_alike,
       regress.error_of(format('SELECT * FROM bad_track b, maritime.segments(b.track, ''1 hour'') WHERE b.k = %s', b.k)) =
       regress.error_of(format('SELECT maritime.clean_track(b.track) FROM bad_track b WHERE b.k = %s', b.k)) AS segments_alike
FROM bad_track b ORDER BY b.k;
-- empty tracks of every dimension: nothing removed, nothing to cut
SELECT t AS track, ST_AsText(maritime.clean_track(t::geometry)) AS clean_track,
       (SELECT count(*) FROM maritime.outliers(t::geometry)) AS outliers,
       (SELECT count(*) FROM maritime.segments(t::geometry, '1 hour')) AS segments
FROM (VALUES ('LINESTRING M EMPTY'), ('LINESTRING ZM EMPTY')) v(t);
-- M from the first timestamp PostgreSQL has to the year 200000: one fix
-- every 6,000 years is slow, two a second apart far away are not
SELECT ST_NPoints(maritime.clean_track('LINESTRING M(0 0 -210866803200, 3 4 6249223958400)')) AS kept,
       (SELECT count(*) FROM maritime.segments('LINESTRING M(0 0 -210866803200, 3 4 6249223958400)', '1000000 years')) AS segments,
       (SELECT fix_time FROM maritime.outliers('LINESTRING M(0 0 -210866803200, 1e9 0 -210866803199, 3 4 6249223958400)')) AS outlier;
-- huge but finite coordinates: distances overflow to infinity, which no
-- speed limit allows, so only one of two such fixes stays
SELECT ST_AsText(maritime.clean_track(regress.track('-1e308 0 0, 1e308 0 1'), 1e300)) AS kept;
SELECT ST_AsText(maritime.clean_track(ST_SetSRID(regress.track('-180 -90 0, 180 90 1'), 4326), 1e300)) AS kept_lonlat;

------------------------------------------------------------------------
-- encounters, encounter_box
------------------------------------------------------------------------

-- every class of bad track, as either track (22023, or 22008 for an M
-- that is no timestamp)
SELECT b.class,
       regress.error_of(format('SELECT * FROM bad_track b, maritime.encounters(b.track, regress.track(''0 0 0''), 10, ''0'') WHERE b.k = %s', b.k)) AS track_a,
       replace(regress.error_of(format('SELECT * FROM bad_track b, maritime.encounters(regress.track(''0 0 0''), b.track, 10, ''0'') WHERE b.k = %s', b.k)), 'track_b', 'track_a') =
       regress.error_of(format('SELECT * FROM bad_track b, maritime.encounters(b.track, regress.track(''0 0 0''), 10, ''0'') WHERE b.k = %s', b.k)) AS track_b_alike,
       replace(regress.error_of(format('SELECT maritime.encounter_box(b.track, 10) FROM bad_track b WHERE b.k = %s', b.k)), 'track ', 'track_a ') =
       regress.error_of(format('SELECT * FROM bad_track b, maritime.encounters(b.track, regress.track(''0 0 0''), 10, ''0'') WHERE b.k = %s', b.k)) AS encounter_box_alike
FROM bad_track b ORDER BY b.k;
-- huge but finite coordinates and distances: no overflow into a wrong
-- answer (a planar distance of 2e308 is infinite, and never within)
SELECT count(*) AS within_1e308 FROM maritime.encounters(regress.track('-1e308 0 0, -1e308 0 60'), regress.track('1e308 0 0, 1e308 0 60'), 1e308, '0');
SELECT count(*) AS within_largest FROM maritime.encounters(regress.track('-1e300 0 0, 1e300 0 60'), regress.track('1e300 0 0, -1e300 0 60'), 1.7976931348623157e308, '0');
-- lon/lat across the antimeridian and the poles: the tracks move in
-- coordinate space, distances are haversine metres
SELECT encounter, round(min_distance) AS metres, closest_time
FROM maritime.encounters('SRID=4326;LINESTRING M(179.999 0 0, -179.999 0 60)', 'SRID=4326;LINESTRING M(180 0.001 0, 180 0.001 60)', 200000, '0');
SELECT encounter, round(min_distance) AS metres
FROM maritime.encounters('SRID=4326;LINESTRING M(0 89.999 0, 180 89.999 60)', 'SRID=4326;LINESTRING M(90 89.999 0, 90 89.999 60)', 500, '0');
-- the whole range of time, and a distance as wide as the Earth
SELECT encounter, duration
FROM maritime.encounters('SRID=4326;LINESTRING M(0 0 -210866803200, 1 1 9224318016000)', 'SRID=4326;LINESTRING M(180 0 -210866803200, 180 0 9224318016000)', 3e7, '0');

------------------------------------------------------------------------
-- A 2-million-vertex track, built from rows in scrambled order: a ship
-- alternating 1,000 s at home (x = 5) and 1,000 s away (x = 105), one fix
-- a second, with a 1-hour silence after every 100,000 fixes
------------------------------------------------------------------------
CREATE TEMP TABLE big AS
SELECT maritime.track_agg(ST_MakePoint(CASE WHEN (i / 1000) % 2 = 0 THEN 5 ELSE 105 END, 5 + (i % 7) * 0.1),
                          '2024-01-01'::timestamptz + i * interval '1 s' + (i / 100000) * interval '1 hour') AS t
FROM (SELECT (j * 1000003::bigint) % 2000000 AS i FROM generate_series(0, 1999999) j) s;
SELECT ST_NPoints(t) AS fixes, ST_IsValidTrajectory(t) AS valid,
       to_timestamp(ST_M(ST_StartPoint(t))) AS first_fix, to_timestamp(ST_M(ST_EndPoint(t))) AS last_fix
FROM big;
-- 1,000 home visits of 1,000 fixes; entering takes 0.05 s of a 1 s jump
-- (0.95 s, or 3420.95 s of a silence); the first visit is open at its start
SELECT count(*) AS visits, sum(fixes) AS fixes, min(dwell), max(dwell),
       count(*) FILTER (WHERE open_start) AS open_start, count(*) FILTER (WHERE open_end) AS open_end
FROM big, maritime.port_visits(t, :square);
SELECT v.* FROM big, maritime.port_visits(t, :square) v WHERE v.visit IN (1, 2, 100, 1000) ORDER BY v.visit;
-- 999 round trips and the last one unfinished
SELECT count(*) AS trips, count(*) FILTER (WHERE complete) AS complete, min(duration), max(duration),
       sum(away_calls) AS away_calls
FROM big, maritime.round_trips(t, :square, :away);
SELECT r.* FROM big, maritime.round_trips(t, :square, :away) r WHERE r.trip IN (1, 50, 1000) ORDER BY r.trip;
-- the 19 silences
SELECT count(*) AS gaps, min(gap_start), max(gap_start), min(duration), max(duration), round(sum(distance)::numeric, 6) AS distance
FROM big, maritime.gaps(t, '1 hour');
-- one stop per stay: 1,000 fixes over 999 s within 0.6
SELECT count(*) AS stops, sum(fixes) AS fixes, min(duration), max(duration), max(diameter) <= 0.6 AS within_0_6
FROM big, maritime.stops(t, 1, '10 minutes');
-- home and away are 100 units apart: a jump in 1 s is faster than 50 kn
-- (25.7 units a second), one in 4 s is not, so the longest chain leaves out
-- the 3 fixes after each of the 1,980 jumps that no silence precedes
SELECT ST_NPoints(c) AS kept, ST_XMax(c) AS max_x,
       (SELECT count(*) FROM big, maritime.outliers(t)) AS outliers
FROM (SELECT maritime.clean_track(t) AS c FROM big) s;
-- the 19 silences cut it into 20 pieces
SELECT count(*) AS segments, sum(fixes) AS fixes, min(fixes), max(fixes)
FROM big, maritime.segments(t, '1 hour');
-- the time away from home: 1,000 idle periods, the last one still going on
SELECT count(*) AS periods, min(duration), max(duration), count(*) FILTER (WHERE open_end) AS open_end
FROM big, maritime.idle_periods(
  (SELECT range_agg(tstzrange(arrival, departure, '[]')) FROM big, maritime.port_visits(t, :square)),
  tstzrange(to_timestamp(ST_M(ST_StartPoint(t))), to_timestamp(ST_M(ST_EndPoint(t))), '[]'), '0');
DROP TABLE big;

------------------------------------------------------------------------
-- An area whose boundary a ray crosses many times: a quay with 3,000 piers
-- cut out as holes.  The point-in-area test walks a row of edges to the
-- right and must count each polygon once, however often it crosses it.
-- Last in this file: it used to overwrite memory and crash the server.
------------------------------------------------------------------------
CREATE TEMP TABLE quay AS
SELECT ST_MakePolygon(ST_ExteriorRing(ST_MakeEnvelope(0, 0, 10000, 10)),
                      ARRAY(SELECT ST_ExteriorRing(ST_MakeEnvelope(3 * i + 1, 4, 3 * i + 2, 6))
                            FROM generate_series(0, 2999) i)) AS area;
SELECT v.visit, v.arrival, v.departure, v.fixes, v.open_start, v.open_end
FROM quay, maritime.port_visits(regress.track('0.5 5 0, 0.5 5.5 60'), quay.area) v;
-- along the quay through the piers: in at 0, out at every pier and back
SELECT count(*) AS visits, min(arrival), max(departure), sum(fixes) AS fixes
FROM quay, maritime.port_visits(regress.track('0.5 5 0, 9000.5 5 9000'), quay.area);
SELECT count(*) AS trips
FROM quay, maritime.round_trips(regress.track('0.5 5 0, 0.5 20 60, 0.5 5 120'), quay.area, 'POLYGON((0 15,1 15,1 25,0 25,0 15))');

-- A star of 80,000 spikes: each long edge crosses much of the area's grid,
-- whose entries once outgrew the 1 GB allocation limit (XX000).  The grid
-- now coarsens to a budget; a track far away gets no visit, and one that
-- ends in the middle gets its arrival.
CREATE TEMP TABLE star AS
SELECT ST_MakePolygon(ST_MakeLine(pts || pts[1])) AS area
FROM (SELECT array_agg(ST_MakePoint(r * cos(a), r * sin(a)) ORDER BY i) AS pts
      FROM (SELECT i, 2 * pi() * i / 160000 AS a, CASE WHEN i % 2 = 0 THEN 100 ELSE 1 END AS r
            FROM generate_series(0, 159999) i) s) p;
SELECT ST_NPoints(area) AS vertices,
       (SELECT count(*) FROM maritime.port_visits(regress.track('500 500 0, 600 600 60'), area)) AS visits_far_away,
       (SELECT count(*) FROM maritime.port_visits(regress.track('0.3 0.2 0, 0.31 0.2 60'), area)) AS visits_in_the_middle
FROM star;
DROP TABLE quay, bad_track, star;
