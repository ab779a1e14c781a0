-- maritime.track_agg on real AIS: Australian (AMSA) and Norwegian
-- (Kystverket) tracks shipped in data/ais/ (see data/README.md).
SET timezone = 'UTC';

CREATE TABLE ais_raw (mmsi bigint, ts timestamptz, lon float8, lat float8, sog float8, cog float8);
\copy ais_raw FROM 'data/ais/au_amsa_2vessels_2014.csv' WITH (FORMAT csv, HEADER)
\copy ais_raw FROM 'data/ais/no_vestland_20220901_kystverket.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE ais AS
SELECT mmsi, ts, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom FROM ais_raw
ORDER BY md5(mmsi::text || ts::text);	-- shuffled: order must not matter

CREATE TABLE real_tracks AS
SELECT mmsi, maritime.track_agg(geom, ts) AS track, count(*) AS fixes,
       min(ts) AS first_fix, max(ts) AS last_fix
FROM ais GROUP BY mmsi;

SELECT mmsi, fixes, ST_NPoints(track) AS vertices, first_fix, last_fix,
       to_timestamp(ST_M(ST_StartPoint(track))) = first_fix AS starts_at_first_fix,
       to_timestamp(ST_M(ST_EndPoint(track))) = last_fix AS ends_at_last_fix,
       ST_IsValidTrajectory(track) AS valid,
       GeometryType(track) AS type, ST_SRID(track) AS srid,
       round((ST_Length(track::geography) / 1000)::numeric, 1) AS km
FROM real_tracks ORDER BY mmsi;

-- the same tracks PostGIS builds from sorted rows, vertex for vertex
SELECT count(*) AS vessels,
       count(*) FILTER (WHERE r.track = p.track) AS equal_to_postgis
FROM real_tracks r
JOIN (SELECT mmsi, ST_SetSRID(ST_MakeLine(ST_MakePointM(ST_X(geom), ST_Y(geom),
                                          extract(epoch FROM ts)) ORDER BY ts), 4326) AS track
      FROM ais GROUP BY mmsi) p USING (mmsi);

-- vertex 1000 of the Brisbane-Gladstone vessel is its 1000th fix in time
SELECT ST_AsText(ST_PointN(track, 1000)) AS vertex_1000,
       to_timestamp(ST_M(ST_PointN(track, 1000))) AS at
FROM real_tracks WHERE mmsi = 503000720;
SELECT ts, ST_AsText(geom) FROM ais WHERE mmsi = 503000720 ORDER BY ts OFFSET 999 LIMIT 1;

DROP TABLE ais_raw, ais, real_tracks;
