-- Natural mistakes that would otherwise give a silently wrong answer.
-- Units in lon/lat (a buffer in degrees taken for metres, distances in
-- kilometres taken for metres) each get a NOTICE saying the unit, once per
-- query, and the answer is still the one asked for; an area given as
-- geography works as the geometry it casts to; times without a zone are
-- documented, and shown here.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
SET client_min_messages = notice;

-- A ship passing 5 km east of a port at 60 N, 12 knots, a fix a minute
CREATE TABLE passing AS
SELECT maritime.track_agg(ST_SetSRID(ST_MakePoint(5.09, 59.8 + i * 0.0033), 4326),
                          timestamptz '2024-01-01 00:00:00+00' + i * interval '1 minute') AS track
FROM generate_series(0, 120) i;
CREATE TABLE port AS SELECT ST_SetSRID(ST_MakePoint(5.0, 60.0), 4326) AS position;

-- A point is not an area; the hint gives the buffer in metres
SELECT * FROM maritime.port_visits((SELECT track FROM passing), (SELECT position FROM port));

-- ST_Buffer(position, 2000) in SRID 4326 is 2,000 degrees: the whole track
-- is one visit; the NOTICE says why
SELECT visit, arrival, departure FROM maritime.port_visits(
  (SELECT track FROM passing), (SELECT ST_Buffer(position, 2000) FROM port));
-- 2 km through geography: the ship passes 5 km away, so no visit and no
-- notice; 6 km: one visit
SELECT count(*) AS visits_2_km FROM maritime.port_visits(
  (SELECT track FROM passing), (SELECT ST_Buffer(position::geography, 2000)::geometry FROM port));
SELECT count(*) AS visits_6_km FROM maritime.port_visits(
  (SELECT track FROM passing), (SELECT ST_Buffer(position::geography, 6000)::geometry FROM port));

-- The area as geography, without ::geometry: the same visit as the
-- geometry it casts to (row for row), and round_trips likewise
SELECT visit, arrival, departure, fixes FROM maritime.port_visits(
  (SELECT track FROM passing), (SELECT ST_Buffer(position::geography, 6000) FROM port));
SELECT (SELECT array_agg(v) FROM maritime.port_visits((SELECT track FROM passing),
          (SELECT ST_Buffer(position::geography, 6000) FROM port), '0', '1 hour') v) =
       (SELECT array_agg(v) FROM maritime.port_visits((SELECT track FROM passing),
          (SELECT ST_Buffer(position::geography, 6000)::geometry FROM port), '0', '1 hour') v) AS same_visits;
SELECT trip, home_departure, away_arrival, complete FROM maritime.round_trips(
  'SRID=4326;LINESTRING M(5 60 1704067200, 5.2 60 1704070800, 5 60 1704074400)',
  ST_Buffer('SRID=4326;POINT(5 60)'::geography, 1000),
  ST_Buffer('SRID=4326;POINT(5.2 60)'::geography, 1000));
-- a geography point is no area either, with the same hint
SELECT * FROM maritime.port_visits((SELECT track FROM passing), (SELECT position::geography FROM port));
-- an area written as text still reads as geometry, not as either type
SELECT count(*) AS visits FROM maritime.port_visits(
  'LINESTRING M(-10 5 1704067200, 20 5 1704067500)', 'POLYGON((0 0,10 0,10 10,0 10,0 0))');

-- Once per query, not once a row: three tracks, one notice
SELECT count(*) AS visits FROM generate_series(1, 3) g, passing,
  LATERAL maritime.port_visits(track, (SELECT ST_Buffer(position, 2000) FROM port));

-- round_trips names the area (home, 100 degrees around the port, holds
-- the whole track)
SELECT count(*) AS trips FROM maritime.round_trips(
  (SELECT track FROM passing), (SELECT ST_Buffer(position, 100) FROM port),
  (SELECT ST_Buffer(ST_SetSRID(ST_MakePoint(150, 0), 4326)::geography, 1000)::geometry));

-- A planar area of any size says nothing: its units are the CRS's
SELECT count(*) AS visits FROM maritime.port_visits(
  'LINESTRING M(0 0 0, 1000 0 100)', ST_Buffer('POINT(0 0)'::geometry, 2000));

-- stops: a max_diameter of 0.3 in lon/lat is 30 cm (kilometres meant?)
CREATE TABLE moored AS
SELECT maritime.track_agg(ST_SetSRID(ST_MakePoint(5.0 + 0.0005 * sin(i), 60.0 + 0.0003 * cos(i)), 4326),
                          timestamptz '2024-01-01 00:00:00+00' + i * interval '1 minute') AS track
FROM generate_series(0, 120) i;
SELECT count(*) AS stops_0_3 FROM maritime.stops((SELECT track FROM moored), 0.3, '30 minutes');
SELECT count(*) AS stops_300 FROM maritime.stops((SELECT track FROM moored), 300, '30 minutes');
-- planar: no notice
SELECT count(*) AS stops FROM maritime.stops('LINESTRING M(0 0 0, 0.1 0 3600)', 0.3, '30 minutes');

-- encounters and encounter_box: a max_distance of 0.5 in lon/lat is 50 cm
SELECT count(*) AS encounters_0_5 FROM generate_series(1, 3) g,
  LATERAL maritime.encounters((SELECT track FROM passing), (SELECT track FROM passing), 0.5, '0');
SELECT ST_NPoints(maritime.encounter_box((SELECT track FROM passing), 0.5)) AS box_points;
SELECT count(*) AS encounters_500 FROM
  maritime.encounters((SELECT track FROM passing), (SELECT track FROM passing), 500, '0');
-- planar: no notice
SELECT count(*) AS encounters FROM
  maritime.encounters('LINESTRING M(0 0 0, 10 0 10)', 'LINESTRING M(0 0.2 0, 10 0.2 10)', 0.5, '0');

-- Times without a zone (documented, not an error: PostgreSQL converts them
-- before track_agg sees them): a timestamp column read in a Europe/Oslo
-- session is taken as Oslo time, two hours off in summer;
-- AT TIME ZONE 'UTC' says what it is
CREATE TABLE naive (geom geometry, ts timestamp);
INSERT INTO naive VALUES ('SRID=4326;POINT(5 60)', '2024-06-01 12:00:00'),
                         ('SRID=4326;POINT(5.1 60)', '2024-06-01 12:10:00');
SET timezone = 'Europe/Oslo';
SELECT to_timestamp(ST_M(ST_StartPoint(maritime.track_agg(geom, ts)))) AT TIME ZONE 'UTC' AS start_utc_as_oslo,
       to_timestamp(ST_M(ST_StartPoint(maritime.track_agg(geom, ts AT TIME ZONE 'UTC')))) AT TIME ZONE 'UTC' AS start_utc
FROM naive;
SET timezone = 'UTC';

DROP TABLE passing, port, moored, naive;
