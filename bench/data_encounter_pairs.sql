-- The pairs of the encounters section, in EPSG:32631 (UTM zone 31N, metres:
-- the central North Sea, 300 x 300 km from 0 E 55 N): :encounter_pairs
-- pairs of vessels, :encounter_fixes x 10 fixes a vessel (about 40 days),
-- from data_encounter_generator.sql.  Tables:
--   enc_pairs (pair, fixes, track_a, track_b): the two tracks of each pair,
--       once with the first :encounter_fixes fixes of each vessel and once
--       with all of them (fixes says which), built with track_agg and
--       stored (TOASTed, uncompressed) as users store them;
--   enc_pos (pair, side, geom, ts): the positions of the short tracks, in
--       random order, for the SQL way.
SET client_min_messages = warning;
DROP TABLE IF EXISTS enc_pairs, enc_pos;
SELECT setseed(0.29) \g /dev/null
CREATE TEMP TABLE enc_fix AS
SELECT pair, side, i, ST_SetSRID(ST_MakePoint(300000 + x, 6100000 + y), 32631) AS geom,
	   timestamptz '2024-03-01 00:00:00+00' + t * interval '1 second' AS ts
FROM bench.encounter_fixes(:encounter_pairs, :encounter_fixes * 10, 300000);
CREATE TEMP TABLE enc_track AS
SELECT pair, side, n.fixes, maritime.track_agg(geom, ts) AS track
FROM enc_fix CROSS JOIN (VALUES (:encounter_fixes), (:encounter_fixes * 10)) AS n(fixes)
WHERE i <= n.fixes GROUP BY pair, side, n.fixes;
CREATE TABLE enc_pairs AS
SELECT a.pair, a.fixes, a.track AS track_a, b.track AS track_b
FROM enc_track a JOIN enc_track b ON b.pair = a.pair AND b.fixes = a.fixes AND b.side = 2
WHERE a.side = 1 ORDER BY a.fixes, a.pair;
CREATE TABLE enc_pos AS
SELECT pair, side, geom::geometry(Point, 32631) AS geom, ts
FROM enc_fix WHERE i <= :encounter_fixes ORDER BY random();
DROP TABLE enc_fix, enc_track;
VACUUM ANALYZE enc_pairs;
VACUUM ANALYZE enc_pos;
CHECKPOINT;
SELECT bench.prewarm('enc_pairs', 'enc_pos') \g /dev/null
