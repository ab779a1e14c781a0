-- maritime.track_agg over partitioned tables: positions partitioned by a
-- hash of the vessel and by month give the very tracks of an unpartitioned
-- table, with and without partitionwise aggregation; the real AIS rows of
-- data/ais/ (see data/README.md).
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
SET max_parallel_workers_per_gather = 0;	-- plans without Gather

CREATE TABLE part_raw (mmsi bigint, ts timestamptz, lon float8, lat float8, sog float8, cog float8);
\copy part_raw FROM 'data/ais/au_amsa_2vessels_2014.csv' WITH (FORMAT csv, HEADER)
\copy part_raw FROM 'data/ais/no_vestland_20220901_kystverket.csv' WITH (FORMAT csv, HEADER)

-- The unpartitioned table, rows shuffled: order must not matter
CREATE TABLE part_plain (vessel bigint NOT NULL, ts timestamptz NOT NULL,
                         geom geometry(Point, 4326) NOT NULL);
INSERT INTO part_plain
SELECT mmsi, ts, ST_SetSRID(ST_MakePoint(lon, lat), 4326) FROM part_raw
ORDER BY md5(mmsi::text || ts::text);

-- By a hash of the vessel: each vessel's rows in one partition
CREATE TABLE part_by_vessel (LIKE part_plain) PARTITION BY HASH (vessel);
CREATE TABLE part_by_vessel_0 PARTITION OF part_by_vessel FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE part_by_vessel_1 PARTITION OF part_by_vessel FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO part_by_vessel SELECT * FROM part_plain;

-- By month: one partition for each month with data, so a vessel's rows
-- spread over up to 12 partitions
CREATE TABLE part_by_month (LIKE part_plain) PARTITION BY RANGE (ts);
DO $$
DECLARE
  m timestamptz;
BEGIN
  FOR m IN SELECT DISTINCT date_trunc('month', ts) FROM part_plain ORDER BY 1 LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF part_by_month FOR VALUES FROM (%L) TO (%L)',
                   'part_' || to_char(m, 'YYYY_MM'), m, m + interval '1 month');
  END LOOP;
END $$;
INSERT INTO part_by_month SELECT * FROM part_plain;
ANALYZE part_plain, part_by_vessel, part_by_month;

SELECT tableoid::regclass AS partition, count(*) AS fixes,
       string_agg(DISTINCT vessel::text, ' ') AS vessels
FROM part_by_vessel GROUP BY 1 ORDER BY 1;
SELECT tableoid::regclass AS partition, count(*) AS fixes,
       string_agg(DISTINCT vessel::text, ' ') AS vessels
FROM part_by_month GROUP BY 1 ORDER BY 1;

-- Without partitionwise aggregation (the default), the partitions are
-- scanned under an Append and one aggregate builds every track
EXPLAIN (COSTS OFF)
SELECT vessel, maritime.track_agg(geom, ts) FROM part_by_vessel GROUP BY vessel;
CREATE TABLE part_tracks AS
SELECT 'plain' AS source, vessel, maritime.track_agg(geom, ts) AS track
FROM part_plain GROUP BY vessel;
INSERT INTO part_tracks
SELECT 'by vessel', vessel, maritime.track_agg(geom, ts) FROM part_by_vessel GROUP BY vessel;
INSERT INTO part_tracks
SELECT 'by month', vessel, maritime.track_agg(geom, ts) FROM part_by_month GROUP BY vessel;

-- With it, grouping by the partition key builds each track inside its
-- partition: one aggregate per partition, under the Append
SET enable_partitionwise_aggregate = on;
EXPLAIN (COSTS OFF)
SELECT vessel, maritime.track_agg(geom, ts) FROM part_by_vessel GROUP BY vessel;
INSERT INTO part_tracks
SELECT 'by vessel, partitionwise', vessel, maritime.track_agg(geom, ts)
FROM part_by_vessel GROUP BY vessel;

-- Grouping by vessel over months: each month partition builds partial
-- tracks, and the combine function joins a vessel's pieces into one track
-- (the plan has nodes for each of the 13 months: counted here)
CREATE FUNCTION pg_temp.plan_nodes(query text) RETURNS TABLE(node text, count bigint)
LANGUAGE plpgsql AS $$
DECLARE
  line text;
  nodes text[] := '{}';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
    IF line !~ 'Key: ' THEN
      nodes := nodes || regexp_replace(regexp_replace(trim(line), '^-> *', ''), ' on .*$', '');
    END IF;
  END LOOP;
  RETURN QUERY SELECT n, count(*) FROM unnest(nodes) AS n GROUP BY n ORDER BY n;
END $$;
SELECT * FROM pg_temp.plan_nodes(
  'SELECT vessel, maritime.track_agg(geom, ts) FROM part_by_month GROUP BY vessel');
INSERT INTO part_tracks
SELECT 'by month, partitionwise', vessel, maritime.track_agg(geom, ts)
FROM part_by_month GROUP BY vessel;
RESET enable_partitionwise_aggregate;

-- Every way gives each vessel the same track, byte for byte.  The tracks
-- built month by month are whole: one vertex per fix, from the first fix to
-- the last, across all the months the vessel spans.
SELECT t.vessel, s.months, s.fixes, ST_NPoints(t.track) AS vertices,
       to_timestamp(ST_M(ST_StartPoint(t.track))) = s.first_fix AS from_first,
       to_timestamp(ST_M(ST_EndPoint(t.track))) = s.last_fix AS to_last,
       ST_IsValidTrajectory(t.track) AS valid
FROM part_tracks t
JOIN (SELECT vessel, count(DISTINCT tableoid) AS months, count(*) AS fixes,
             min(ts) AS first_fix, max(ts) AS last_fix
      FROM part_by_month GROUP BY vessel) s USING (vessel)
WHERE t.source = 'by month, partitionwise'
ORDER BY t.vessel;
SELECT t.source, count(*) AS tracks,
       count(*) FILTER (WHERE ST_AsEWKB(t.track) = ST_AsEWKB(p.track)) AS same_bytes,
       count(*) FILTER (WHERE ST_Equals(t.track, p.track)
                        AND ST_NPoints(t.track) = ST_NPoints(p.track)) AS st_equals,
       sum(ST_NPoints(t.track)) AS vertices
FROM part_tracks t JOIN part_tracks p ON p.vessel = t.vessel AND p.source = 'plain'
WHERE t.source <> 'plain'
GROUP BY t.source ORDER BY t.source;

-- Port visits over the partitioned tables' tracks: the AMSA port areas
-- (data/ports) give the visits of sql/port_visits_real.sql, the same for
-- every source
CREATE TABLE part_ports (name text, abbrev text, threshold_km float8, wkt text);
\copy part_ports FROM 'data/ports/amsa_port_visit_polygons.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE part_ports ADD COLUMN area geometry(MultiPolygon, 4326);
UPDATE part_ports SET area = ST_GeomFromText(wkt, 4326);
CREATE TABLE part_visits AS
SELECT t.source, p.name AS port, t.vessel, g.max_gap, v.*
FROM part_tracks t
CROSS JOIN part_ports p
CROSS JOIN (VALUES (NULL::interval), ('2 hours')) g(max_gap)
CROSS JOIN LATERAL maritime.port_visits(t.track, p.area, '0', g.max_gap) v;
SELECT port, vessel, max_gap, count(*) AS visits, sum(fixes) AS fixes,
       justify_hours(sum(dwell)) AS total_dwell
FROM part_visits WHERE source = 'plain'
GROUP BY port, vessel, max_gap ORDER BY port, vessel, max_gap;
-- (a visit compared as a whole row, less its source)
SELECT s.source, count(*) AS visits,
       (SELECT count(*) FROM (SELECT to_jsonb(a) - 'source' FROM part_visits a WHERE a.source = s.source
                              EXCEPT ALL
                              SELECT to_jsonb(b) - 'source' FROM part_visits b WHERE b.source = 'plain') d) AS not_in_plain,
       (SELECT count(*) FROM (SELECT to_jsonb(b) - 'source' FROM part_visits b WHERE b.source = 'plain'
                              EXCEPT ALL
                              SELECT to_jsonb(a) - 'source' FROM part_visits a WHERE a.source = s.source) d) AS missing
FROM part_visits s WHERE s.source <> 'plain'
GROUP BY s.source ORDER BY s.source;

-- The same in one query, straight from the month-partitioned table
SET enable_partitionwise_aggregate = on;
SELECT p.name AS port, count(*) AS visits, min(v.arrival) AS first_arrival,
       max(v.departure) AS last_departure
FROM (SELECT vessel, maritime.track_agg(geom, ts) AS track
      FROM part_by_month GROUP BY vessel) t
CROSS JOIN part_ports p
CROSS JOIN LATERAL maritime.port_visits(t.track, p.area) v
GROUP BY p.name ORDER BY p.name;
RESET enable_partitionwise_aggregate;

DROP TABLE part_raw, part_plain, part_by_vessel, part_by_month, part_tracks,
           part_ports, part_visits;
