-- Encounters over a fleet: candidate pairs through a GiST index on the
-- tracks' n-D boxes (gist_geometry_ops_nd: x, y and M, so time overlap
-- prunes as well as space), one side widened by max_distance with
-- maritime.encounter_box.  On a small table the indexed query must find
-- exactly the encounters of the all-pairs query.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- encounter_box: the track's box in space and time, widened in space
SELECT ST_AsText(maritime.encounter_box(regress.track('0 0 0, 10 5 100, 4 -3 200'), 2));
-- in lon/lat, metres become degrees: 1,000 m is 0.008993 degrees of
-- latitude, and at 60 N twice as many of longitude
SELECT round(ST_XMin(b)::numeric, 6) AS xmin, round(ST_XMax(b)::numeric, 6) AS xmax,
       round(ST_YMin(b)::numeric, 6) AS ymin, round(ST_YMax(b)::numeric, 6) AS ymax,
       ST_M(ST_StartPoint(b)) AS m_from, ST_M(ST_EndPoint(b)) AS m_to
FROM (SELECT maritime.encounter_box('SRID=4326;LINESTRING M(5 59.99 1704067200, 5.1 60 1704070800)', 1000) AS b) s;
-- near a pole, and for a distance wider than the longitudes, every longitude
SELECT ST_AsText(maritime.encounter_box('SRID=4326;LINESTRING M(0 89.995 0, 10 89.999 60)', 1000));
SELECT ST_AsText(maritime.encounter_box('SRID=4326;LINESTRING M(0 0 0, 1 1 60)', 3e7));
-- a one-vertex track: a box of no duration; an empty track: NULL
SELECT ST_AsText(maritime.encounter_box(regress.track('1 2 5'), 1));
SELECT maritime.encounter_box('LINESTRING M EMPTY', 1) IS NULL AS empty_is_null;
SELECT regress.error_of($$SELECT maritime.encounter_box(regress.track('0 0 0'), 0)$$);
SELECT regress.error_of($$SELECT maritime.encounter_box('POINT(0 0)', 10)$$);

-- 30 vessels over two days in one sea area off Norway (20 x 17 km), a fix
-- a minute, slow and turning: 60 vessel-days
SELECT setseed(0.11);
CREATE TABLE fleet AS
WITH vessel AS (
  SELECT v, 5 + 0.3 * random() AS lon0, 60 + 0.15 * random() AS lat0,
         2 * pi() * random() AS heading0, 0.2 + 0.6 * random() AS speed, random() * 6 AS phase
  FROM generate_series(1, 30) v
), step AS (
  SELECT v, i, speed, heading0 + 1.5 * sin(i / 90.0 + phase) AS heading, lon0, lat0
  FROM vessel, generate_series(0, 2 * 1440 - 1) i
), fix AS (
  SELECT v, i, lon0 + sum(speed * 60 * sin(heading)) OVER w / 55800 AS lon,
         lat0 + sum(speed * 60 * cos(heading)) OVER w / 111200 AS lat
  FROM step WINDOW w AS (PARTITION BY v ORDER BY i)
)
SELECT v AS vessel, i / 1440 AS day,
       maritime.track_agg(ST_SetSRID(ST_MakePoint(lon, lat), 4326),
                          '2024-01-01'::timestamptz + i * interval '1 minute') AS track
FROM fix GROUP BY v, i / 1440;
CREATE INDEX fleet_track_nd ON fleet USING gist (track gist_geometry_ops_nd);
ANALYZE fleet;
SELECT count(*) AS vessel_days, sum(ST_NPoints(track)) AS fixes FROM fleet;

-- every pair of vessel-days, each pair once
CREATE TEMP TABLE all_pairs AS
SELECT a.vessel AS vessel_a, a.day AS day_a, b.vessel AS vessel_b, b.day AS day_b, e.*
FROM fleet a JOIN fleet b ON (a.vessel, a.day) < (b.vessel, b.day)
CROSS JOIN LATERAL maritime.encounters(a.track, b.track, 500, '10 minutes') e;

-- the candidate pairs through the index: the other track's box must meet
-- this one's widened by 500 m, in space and in time
-- (PostgreSQL 18 adds "Disabled: true" under the nodes enable_seqscan
-- turned off: left out, so that every version prints the same plan)
SET enable_seqscan = off;
CREATE FUNCTION pg_temp.plan(query text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
  line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
    IF line !~ '^ *Disabled: ' THEN
      RETURN NEXT line;
    END IF;
  END LOOP;
END $$;
SELECT * FROM pg_temp.plan($q$
SELECT a.vessel, b.vessel, e.*
FROM fleet a JOIN fleet b ON b.track &&& maritime.encounter_box(a.track, 500)
                         AND (a.vessel, a.day) < (b.vessel, b.day)
CROSS JOIN LATERAL maritime.encounters(a.track, b.track, 500, '10 minutes') e$q$);
CREATE TEMP TABLE indexed AS
SELECT a.vessel AS vessel_a, a.day AS day_a, b.vessel AS vessel_b, b.day AS day_b, e.*
FROM fleet a JOIN fleet b ON b.track &&& maritime.encounter_box(a.track, 500)
                         AND (a.vessel, a.day) < (b.vessel, b.day)
CROSS JOIN LATERAL maritime.encounters(a.track, b.track, 500, '10 minutes') e;
SELECT (SELECT count(*) FROM fleet a JOIN fleet b ON (a.vessel, a.day) < (b.vessel, b.day)) AS all_pairs,
       (SELECT count(*) FROM fleet a JOIN fleet b ON b.track &&& maritime.encounter_box(a.track, 500)
                                                  AND (a.vessel, a.day) < (b.vessel, b.day)) AS candidate_pairs;
RESET enable_seqscan;
SELECT (SELECT count(*) FROM all_pairs) AS encounters_all_pairs,
       (SELECT count(*) FROM indexed) AS encounters_indexed,
       (SELECT count(*) FROM (SELECT * FROM all_pairs EXCEPT SELECT * FROM indexed) s) AS missed_by_the_index,
       (SELECT count(*) FROM (SELECT * FROM indexed EXCEPT SELECT * FROM all_pairs) s) AS found_only_by_the_index;
-- what they were
SELECT count(*) AS encounters, count(DISTINCT (vessel_a, vessel_b)) AS vessel_pairs,
       min(duration), max(duration), round(min(min_distance)::numeric) AS closest_metres,
       count(*) FILTER (WHERE speed_a_kn < 2 AND speed_b_kn < 2 AND duration >= '2 hours') AS gfw_encounters
FROM all_pairs;
DROP TABLE fleet;
