-- The shards' analyses as foreign tables, a schema for each shard
CREATE SCHEMA shard1;
CREATE SCHEMA shard2;
IMPORT FOREIGN SCHEMA analyses FROM SERVER shard1 INTO shard1;
IMPORT FOREIGN SCHEMA analyses FROM SERVER shard2 INTO shard2;

-- One table for each analysis over every shard, partitioned as positions
-- is: a WHERE on mmsi then reads only the shard that holds the vessel
CREATE SCHEMA analyses;
DO $$
DECLARE
  v name;
BEGIN
  FOR v IN SELECT relname FROM pg_class WHERE relnamespace = 'shard1'::regnamespace LOOP
    EXECUTE format('CREATE TABLE analyses.%I (LIKE shard1.%I) PARTITION BY HASH (mmsi)', v, v);
    EXECUTE format('ALTER TABLE analyses.%I ATTACH PARTITION shard1.%I FOR VALUES WITH (MODULUS 2, REMAINDER 0)', v, v);
    EXECUTE format('ALTER TABLE analyses.%I ATTACH PARTITION shard2.%I FOR VALUES WITH (MODULUS 2, REMAINDER 1)', v, v);
  END LOOP;
END $$;
