-- Table pipe_defaults, the pipeline's data of the defaults and partitioned
-- sections: :vessels x :fixes positions (bench.make_pipe, data_pipe.sql)
-- in time order.
SET client_min_messages = warning;
SELECT setseed(0.31) \g /dev/null
CALL bench.make_pipe('pipe_defaults', :vessels::bigint * :fixes, :vessels);
VACUUM ANALYZE pipe_defaults;
CHECKPOINT;
