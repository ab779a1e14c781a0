-- maritime.outliers and maritime.clean_track on real, dirty AIS: one day
-- of NOAA MarineCadastre positions in all US waters (data/ais, 99,999 rows,
-- 10,631 vessels).  Checked against an independent computation of the
-- implied speeds with lag() over the tracks' vertices.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

CREATE TABLE mc_raw (mmsi bigint, ts timestamptz, lon float8, lat float8, sog float8, cog float8);
\copy mc_raw FROM 'data/ais/us_marinecadastre_20220103_sample.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE mc_tracks AS
SELECT mmsi, maritime.track_agg(ST_SetSRID(ST_MakePoint(lon, lat), 4326), ts) AS track
FROM mc_raw GROUP BY mmsi;

-- Two transmitters on one MMSI: 123 pairs of rows share an MMSI and a
-- timestamp but not a position, up to 312 km apart.  track_agg keeps one
-- fix per timestamp (the smallest longitude, then latitude), so the other
-- never reaches a track; clean_track then judges what is left.
SELECT count(*) AS pairs, round(max(ST_DistanceSphere(ST_MakePoint(a.lon, a.lat), ST_MakePoint(b.lon, b.lat)))) AS max_metres
FROM mc_raw a JOIN mc_raw b ON a.mmsi = b.mmsi AND a.ts = b.ts AND (a.lon, a.lat) < (b.lon, b.lat);
SELECT r.ts, r.lon, r.lat,
       EXISTS (SELECT FROM ST_DumpPoints(t.track) d
               WHERE ST_M(d.geom) = extract(epoch FROM r.ts) AND ST_X(d.geom) = r.lon) AS kept_by_track_agg
FROM mc_raw r JOIN mc_tracks t USING (mmsi)
WHERE r.mmsi = 316020871 AND r.ts = '2022-01-03 00:00:00+00' ORDER BY r.lon;

-- The speeds between consecutive vertices, by haversine (as the SPEC
-- measures) in SQL
CREATE FUNCTION pg_temp.steps(track geometry)
RETURNS TABLE(x float8, y float8, m float8, px float8, py float8, pm float8)
LANGUAGE sql AS $$
  SELECT * FROM (SELECT ST_X(geom) AS x, ST_Y(geom) AS y, ST_M(geom) AS m, lag(ST_X(geom)) OVER w AS px,
                        lag(ST_Y(geom)) OVER w AS py, lag(ST_M(geom)) OVER w AS pm
                 FROM ST_DumpPoints(track) WINDOW w AS (ORDER BY path)) s
  WHERE pm IS NOT NULL
$$;

-- 46 vessels imply more than 50 kn somewhere; outliers finds fixes in
-- exactly those; after clean_track none does
SELECT count(*) AS vessels,
       count(*) FILTER (WHERE EXISTS (SELECT FROM pg_temp.steps(track)
                                      WHERE NOT regress.consistent(px, py, pm, x, y, m, true, 50))) AS implying_over_50_kn,
       count(*) FILTER (WHERE EXISTS (SELECT FROM maritime.outliers(track))) AS with_outliers,
       count(*) FILTER (WHERE EXISTS (SELECT FROM pg_temp.steps(track)
                                      WHERE NOT regress.consistent(px, py, pm, x, y, m, true, 50))
                          <> EXISTS (SELECT FROM maritime.outliers(track))) AS disagreeing,
       count(*) FILTER (WHERE EXISTS (SELECT FROM pg_temp.steps(maritime.clean_track(track))
                                      WHERE NOT regress.consistent(px, py, pm, x, y, m, true, 50))) AS over_50_kn_after_clean_track,
       sum((SELECT count(*) FROM maritime.outliers(track))) AS outlier_fixes,
       sum(ST_NPoints(track) - ST_NPoints(maritime.clean_track(track))) AS fixes_removed
FROM mc_tracks;
-- the same at 20 kn, which some fast ferries exceed
SELECT count(*) FILTER (WHERE EXISTS (SELECT FROM maritime.outliers(track, 20))) AS with_outliers,
       count(*) FILTER (WHERE EXISTS (SELECT FROM pg_temp.steps(maritime.clean_track(track, 20))
                                      WHERE NOT regress.consistent(px, py, pm, x, y, m, true, 20))) AS over_20_kn_after_clean_track
FROM mc_tracks;

-- The jumps named in the issue: 367650000 reports latitude 7.63452 for
-- 47.63452 once (40 degrees, 4,448 km on the sphere); 316020871's first
-- fix (near Victoria; the other fix of that second is dropped by
-- track_agg) is 117 km from the next, 1 s later off Vancouver, and no
-- kept fix comes before it
SELECT t.mmsi, o.fix_time, ST_AsText(o.location) AS location, round(o.implied_speed_kn) AS implied_speed_kn
FROM mc_tracks t, maritime.outliers(t.track) o
WHERE t.mmsi IN (367650000, 316020871) ORDER BY t.mmsi, o.fix_time;
SELECT round(ST_DistanceSphere('POINT(-122.32797 47.63452)', 'POINT(-122.328 7.63452)') / 1000) AS km_367650000,
       round(ST_DistanceSphere('POINT(-123.4334 48.27907)', 'POINT(-123.09302 49.30786)') / 1000) AS km_316020871;
-- the fastest jump of each of the five worst vessels, and what is left of
-- their days
SELECT t.mmsi, ST_NPoints(t.track) AS fixes, ST_NPoints(maritime.clean_track(t.track)) AS kept,
       round(max(o.implied_speed_kn)) AS fastest_kn
FROM mc_tracks t, maritime.outliers(t.track) o
GROUP BY t.mmsi, t.track ORDER BY max(o.implied_speed_kn) DESC NULLS LAST, t.mmsi LIMIT 5;

DROP TABLE mc_raw, mc_tracks;
