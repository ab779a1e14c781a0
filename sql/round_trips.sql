-- maritime.round_trips on planar cases.  home is the square (0 0)-(10 10),
-- away the square (100 0)-(110 10), away2 the square (200 0)-(210 10); the
-- vessel sails along y = 5 at 0.1 unit/s, times are seconds after
-- 2024-01-01 00:00 UTC.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

CREATE FUNCTION pg_temp.trips(xys text, away geometry DEFAULT 'POLYGON((100 0,110 0,110 10,100 10,100 0))')
RETURNS TABLE(trip int, home_departure time, away_arrival time, away_departure time,
              home_arrival time, duration interval, away_dwell interval, away_calls int,
              complete boolean)
LANGUAGE sql AS $$
  SELECT t.trip, t.home_departure::time, t.away_arrival::time, t.away_departure::time,
         t.home_arrival::time, t.duration, t.away_dwell, t.away_calls, t.complete
  FROM maritime.round_trips(regress.track(xys), 'POLYGON((0 0,10 0,10 10,0 10,0 0))', away) t
$$;

-- one away call: leave home at x = 10 (50 s), away 950..1050 s, home at 1950 s
SELECT * FROM pg_temp.trips('5 5 0, 105 5 1000, 5 5 2000');
-- two trips in a row
SELECT * FROM pg_temp.trips('5 5 0, 105 5 1000, 5 5 2000, 105 5 3000, 5 5 4000');
-- several away calls in one trip, in a port group (MULTIPOLYGON): away,
-- away2, away again on the way back; 100 s each
SELECT * FROM pg_temp.trips('5 5 0, 105 5 1000, 205 5 2000, 5 5 4000',
  'MULTIPOLYGON(((100 0,110 0,110 10,100 10,100 0)),((200 0,210 0,210 10,200 10,200 0)))');
-- home to home with no away call: no trip
SELECT * FROM pg_temp.trips('5 5 0, 50 5 1000, 5 5 2000');
-- an away visit before the first home visit is ignored; the last trip is
-- unfinished (the track ends away)
SELECT * FROM pg_temp.trips('105 5 0, 5 5 1000, 105 5 2000');
-- home visits with no away visit between them: the trip starts at the last
SELECT * FROM pg_temp.trips('5 5 0, 50 5 1000, 5 5 2000, 105 5 3000, 5 5 4000');
-- never home: nothing
SELECT * FROM pg_temp.trips('105 5 0, 205 5 1000');
-- areas that share only an edge do not overlap
SELECT trip, complete FROM maritime.round_trips(regress.track('5 5 0, 15 5 100, 5 5 200'),
  'POLYGON((0 0,10 0,10 10,0 10,0 0))', 'POLYGON((10 0,20 0,20 10,10 10,10 0))');
-- min_dwell applies to home and away visits: with 2 minutes, the 100 s
-- away call does not count, so there is no trip
SELECT count(*) FROM maritime.round_trips(regress.track('5 5 0, 105 5 1000, 5 5 2000'),
  'POLYGON((0 0,10 0,10 10,0 10,0 0))', 'POLYGON((100 0,110 0,110 10,100 10,100 0))', '2 minutes');
-- max_gap: a dark crossing away -> home ends the away call at its last fix
SELECT home_departure::time, away_arrival::time, away_departure::time, home_arrival::time
FROM maritime.round_trips(regress.track('5 5 0, 105 5 1000, 104 5 1100, 5 5 9000'),
  'POLYGON((0 0,10 0,10 10,0 10,0 0))', 'POLYGON((100 0,110 0,110 10,100 10,100 0))',
  '0', '1 hour');
-- min_absence: the vessel steps out of away for 30 s (x = 110 at 1050 s,
-- back at 1080 s); without it that is two away calls of 100 s in one trip;
-- with 1 minute one call of 230 s, 30 s of it outside
SELECT * FROM pg_temp.trips('5 5 0, 105 5 1000, 111.5 5 1065, 105 5 1130, 5 5 2130');
SELECT home_departure::time, away_arrival::time, away_departure::time, home_arrival::time,
       away_dwell, away_calls
FROM maritime.round_trips(regress.track('5 5 0, 105 5 1000, 111.5 5 1065, 105 5 1130, 5 5 2130'),
  'POLYGON((0 0,10 0,10 10,0 10,0 0))', 'POLYGON((100 0,110 0,110 10,100 10,100 0))',
  min_absence => '1 minute');
-- min_dwell after merging: 350 s at home at either end, and the two away
-- pieces of 100 s are too short for 2 minutes unless merged
SELECT count(*) AS trips_without_merging FROM maritime.round_trips(
  regress.track('5 5 0, 5 5 300, 105 5 1300, 111.5 5 1365, 105 5 1430, 5 5 2430, 5 5 2730'),
  'POLYGON((0 0,10 0,10 10,0 10,0 0))', 'POLYGON((100 0,110 0,110 10,100 10,100 0))', '2 minutes');
SELECT home_departure::time, away_arrival::time, away_departure::time, home_arrival::time, away_dwell, away_calls
FROM maritime.round_trips(
  regress.track('5 5 0, 5 5 300, 105 5 1300, 111.5 5 1365, 105 5 1430, 5 5 2430, 5 5 2730'),
  'POLYGON((0 0,10 0,10 10,0 10,0 0))', 'POLYGON((100 0,110 0,110 10,100 10,100 0))', '2 minutes', NULL, '1 minute');
-- NULLs: no rows
SELECT count(*) FROM maritime.round_trips(NULL, 'POLYGON((0 0,1 0,1 1,0 0))', 'POLYGON((5 5,6 5,6 6,5 5))');
SELECT count(*) FROM maritime.round_trips(regress.track('5 5 0'), NULL, 'POLYGON((5 5,6 5,6 6,5 5))');
SELECT count(*) FROM maritime.round_trips(regress.track('5 5 0'), 'POLYGON((0 0,1 0,1 1,0 0))', 'POLYGON((5 5,6 5,6 6,5 5))', min_absence => NULL);
