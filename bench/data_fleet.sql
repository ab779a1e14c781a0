-- A fleet of :fleet_vessels vessels (:fleet_vessels / 2 pairs from
-- data_encounter_generator.sql, all in one sea area of 400 x 400 km of the
-- central North Sea) over :fleet_days days, in lon/lat (SRID 4326,
-- transformed from UTM 31N): fleet_pos (vessel, day, geom, ts), shuffled,
-- and fleet (vessel, day, track), one track a vessel-day (day 1 is
-- 2024-03-01 UTC) with a GiST index on the tracks' n-D boxes
-- (gist_geometry_ops_nd).
SET client_min_messages = warning;
DROP TABLE IF EXISTS fleet_pos, fleet;
SELECT setseed(0.31) \g /dev/null
CREATE TABLE fleet_pos AS
SELECT 2 * pair + side - 2 AS vessel, floor(t / 86400)::int + 1 AS day,
	   ST_Transform(ST_SetSRID(ST_MakePoint(300000 + x, 6050000 + y), 32631), 4326)::geometry(Point, 4326) AS geom,
	   timestamptz '2024-03-01 00:00:00+00' + t * interval '1 second' AS ts
FROM bench.encounter_fixes(:fleet_vessels / 2, :fleet_days * 86400 / 30, 400000)
WHERE t < :fleet_days * 86400
ORDER BY random();
CREATE TABLE fleet AS
SELECT vessel, day, maritime.track_agg(geom, ts) AS track FROM fleet_pos GROUP BY vessel, day;
CREATE INDEX fleet_track_nd ON fleet USING gist (track gist_geometry_ops_nd);
VACUUM ANALYZE fleet_pos;
VACUUM ANALYZE fleet;
CHECKPOINT;
SELECT bench.prewarm('fleet_pos', 'fleet', 'fleet_track_nd') \g /dev/null
