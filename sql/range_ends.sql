-- The ends of PostgreSQL's timestamp range: 4714-11-24 00:00 BC to
-- 294276-12-31 23:59:59.999999, 109,203,528 days apart.  In microseconds
-- that is more than int64 holds, and the build wraps on overflow
-- (-fwrapv): differences of timestamps saturate or are taken in 128 bits,
-- never wrapped into a silently wrong answer.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
\set first '''4714-11-24 00:00:00+00 BC'''
\set last '''294276-12-31 23:59:59.999999+00'''

-- the whole range is idle: one period, 109,203,527 days and a bit
SELECT * FROM maritime.idle_periods('{}', tstzrange(:first, :last, '[]'), '0');
SELECT count(*) FROM maritime.idle_periods('{}', tstzrange(:first, :last, '[]'), '290000 years');

-- a track with a fix at each end, as track_agg builds it: M is
-- extract(epoch FROM ts); near the end a double holds M only to a few
-- milliseconds, and the last timestamp's M rounds to the end of the range
CREATE TEMP TABLE ends AS
SELECT maritime.track_agg(geom, ts) AS track
FROM (VALUES ('POINT(5 5)'::geometry, :first::timestamptz), ('POINT(6 6)', :last)) v(geom, ts);
SELECT ST_AsText(track) FROM ends;
-- gaps: the silence spans the range
SELECT gap_start, gap_end, duration, distance, implied_speed_kn > 0 AS slow_but_moving
FROM ends, maritime.gaps(track, '1000 years');
-- port_visits and round_trips: a visit as long as the range, kept by a
-- min_dwell of 290,000 years (a wrapped difference would be negative)
SELECT visit, arrival, departure, dwell, fixes, open_start, open_end
FROM ends, maritime.port_visits(track, 'POLYGON((0 0,10 0,10 10,0 10,0 0))', '290000 years');
-- ... and dark across the range (max_gap 1 day): the dark time is the
-- whole dwell, saturated in microseconds but not wrapped
SELECT visit, dwell, dark > '290000 years' AS dark_at_least_the_range
FROM ends, maritime.port_visits(track, 'POLYGON((0 0,10 0,10 10,0 10,0 0))', '0', '1 day');
SELECT trip, home_departure, away_arrival, duration, away_dwell
FROM maritime.round_trips('LINESTRING M(5 5 -210866803200, 105 5 0, 5 5 9224318016000)',
                          'POLYGON((0 0,10 0,10 10,0 10,0 0))',
                          'POLYGON((100 0,110 0,110 10,100 10,100 0))');
-- stops: one stop over the range, found with a min_duration of 290,000 years
SELECT stop_start, stop_end, duration, fixes
FROM maritime.stops('LINESTRING M(5 5 -210866803200, 5 5 9224318016000)', 1, '290000 years');
-- segments: the range (298,987 years) is longer than a max_gap of 290,000
-- years, so the track is two pieces either way
SELECT g.max_gap, count(*) AS segments
FROM ends, (VALUES (interval '290000 years'), ('1 day')) g(max_gap), maritime.segments(track, g.max_gap)
GROUP BY g.max_gap ORDER BY g.max_gap;
-- clean_track: no speed is too slow
SELECT ST_NPoints(maritime.clean_track(track, 1e-9)) FROM ends;
-- an M past the range is still an error (22008)
SELECT regress.error_of($$SELECT * FROM maritime.gaps('LINESTRING M(0 0 0, 1 1 9224318016000.01)', '1 hour')$$);
SELECT regress.error_of($$SELECT * FROM maritime.gaps('LINESTRING M(0 0 -210866803200.01, 1 1 0)', '1 hour')$$);
DROP TABLE ends;
