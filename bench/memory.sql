-- Section memory, one measurement: the peak memory of track_agg for one
-- track of :n fixes, rows in :order order (time or shuffled), straight from
-- generate_series (no table, so the backend touches no shared buffers): the
-- backend's peak resident memory (VmHWM in /proc/self/status) after the
-- query less before it, per fix.  The track itself takes 24 bytes a fix;
-- the target is at most 40.  VmHWM only grows, so each measurement needs a
-- backend of its own: scripts/bench.sh runs this file once for each.
SET client_min_messages = warning;
\pset format unaligned
\pset tuples_only on
-- load the libraries first, so that only the aggregate is measured
SELECT maritime.track_agg(ST_SetSRID(ST_MakePoint(0, 0), 4326), now()) \g /dev/null
SELECT substring(pg_read_file('/proc/self/status') FROM 'VmHWM:\s*(\d+) kB')::bigint AS before_kb \gset
-- shuffled: i * 7919 mod n visits every i once (7919 is a prime not dividing n)
SELECT ST_NPoints(maritime.track_agg(
		   ST_SetSRID(ST_MakePoint(i % 360 - 180, i % 170 - 85), 4326),
		   timestamptz '2024-01-01 00:00:00+00' +
		   CASE WHEN :'order' = 'time' THEN i ELSE i * 7919 % :n END * interval '1 second')) AS points
FROM (SELECT generate_series(0, :n - 1)::bigint AS i) AS s \gset
SELECT substring(pg_read_file('/proc/self/status') FROM 'VmHWM:\s*(\d+) kB')::bigint AS after_kb \gset
SELECT format('memory: %s fixes, %s order: peak %s MB over the start, %s bytes a fix (%s x the track''s own 24): %s',
			  :points, :'order', round((:after_kb - :before_kb) / 1024.0),
			  round((:after_kb - :before_kb) * 1024.0 / :points, 1),
			  round((:after_kb - :before_kb) * 1024.0 / :points / 24, 2),
			  CASE WHEN (:after_kb - :before_kb) * 1024.0 / :points <= 40
				   THEN 'PASS (<= 40)' ELSE 'MISS (> 40)' END);
