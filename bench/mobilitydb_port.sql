-- MobilityDB comparison port (scripts/bench_mobilitydb.sh): each vessel's
-- time inside a port polygon, maritime.port_visits summed dwell against
-- MobilityDB's duration(atGeometry(trip, port)), in two settings:
--   ports that every vessel calls at (data_mobilitydb_calls.sql: shuttling
--   vessels, mdb_call_tracks, mdb_call_trips, mdb_call_port), the question
--   "how long did they stay in port", with the issue's target;
--   ports that only a few vessels cross (data_mobilitydb.sql: mdb_tracks,
--   mdb_trips, mdb_port), reported: there both systems mostly read the
--   stored values (the floors below), which bounds the ratio.
--
-- The same quantity: without max_gap, port_visits' visits are the maximal
-- intervals inside the polygon, their ends the interpolated boundary
-- crossings, and dwell = departure - arrival; atGeometry restricts the
-- linear sequence to the polygon (boundary included) and duration sums
-- the time of what is left.  A vessel that only touches the boundary
-- adds nothing to either.
\echo == port: maritime.port_visits summed dwell against duration(atGeometry(trip, port))
SET client_min_messages = warning;
DO $do$
DECLARE
	p record;
BEGIN
	FOR p IN SELECT * FROM (VALUES ('l', 'm', 'call', 'mdb_call', '>='),
								   ('n', 'o', 'call_amsa', 'mdb_call', '>='),
								   ('a', 'b', 'port', 'mdb', 'report'),
								   ('c', 'd', 'large', 'mdb', 'report'))
				  AS v(m, d, name, data, op) LOOP
		CALL bench.add('port', p.m, format('maritime.port_visits, sum(dwell), %s', p.name),
			format($q$SELECT t.vessel, sum(v.dwell) FROM %s_tracks t CROSS JOIN LATERAL maritime.port_visits(t.track, (SELECT geom FROM %s_port WHERE name = %L)) v GROUP BY t.vessel$q$,
				   p.data, p.data, p.name));
		CALL bench.add('port', p.d, format('MobilityDB duration(atGeometry(trip, port)), %s', p.name),
			format($q$SELECT vessel, duration(atGeometry(trip, (SELECT geom FROM %s_port WHERE name = %L))) FROM %s_trips$q$,
				   p.data, p.name, p.data));
		CALL bench.target('port', p.d, p.m, p.op, CASE WHEN p.op = '>=' THEN 50.0 END);
	END LOOP;
END
$do$;
-- Where the time goes: reading every track or sequence (its TOAST chunks
-- into one value) without looking at it, and the per-track work alone,
-- with each system's bounding-box test in the WHERE clause (PostGIS's &&
-- reads a track's stored box only) as a query that uses an index would.
CALL bench.add('port', 'e', 'floor: ST_NPoints(track), reads every track',
	$q$SELECT vessel, ST_NPoints(track) FROM mdb_tracks$q$);
CALL bench.add('port', 'f', 'floor: numInstants(trip), reads every sequence',
	$q$SELECT vessel, numInstants(trip) FROM mdb_trips$q$);
CALL bench.add('port', 'g', 'a, WHERE track && port',
	$q$SELECT t.vessel, sum(v.dwell) FROM mdb_tracks t CROSS JOIN LATERAL maritime.port_visits(t.track, (SELECT geom FROM mdb_port WHERE name = 'port')) v WHERE t.track && (SELECT geom FROM mdb_port WHERE name = 'port') GROUP BY t.vessel$q$);
CALL bench.add('port', 'h', 'b, WHERE trip && stbox(port)',
	$q$SELECT vessel, duration(atGeometry(trip, (SELECT geom FROM mdb_port WHERE name = 'port'))) FROM mdb_trips WHERE trip && stbox((SELECT geom FROM mdb_port WHERE name = 'port'))$q$);
CALL bench.add('port', 'i', 'b, sequences stored uncompressed',
	$q$SELECT vessel, duration(atGeometry(trip, (SELECT geom FROM mdb_port WHERE name = 'port'))) FROM mdb_trips_external$q$);
CALL bench.add('port', 'j', 'd, sequences stored uncompressed',
	$q$SELECT vessel, duration(atGeometry(trip, (SELECT geom FROM mdb_port WHERE name = 'large'))) FROM mdb_trips_external$q$);
CALL bench.add('port', 'k', 'f, sequences stored uncompressed',
	$q$SELECT vessel, numInstants(trip) FROM mdb_trips_external$q$);
CALL bench.add('port', 'p', 'floor: ST_NPoints(track), reads every calling track',
	$q$SELECT vessel, ST_NPoints(track) FROM mdb_call_tracks$q$);
CALL bench.add('port', 'q', 'floor: numInstants(trip), reads every calling sequence',
	$q$SELECT vessel, numInstants(trip) FROM mdb_call_trips$q$);
CALL bench.target('port', 'i', 'a', 'report', NULL);
CALL bench.target('port', 'j', 'c', 'report', NULL);
CALL bench.target('port', 'a', 'e', 'report', NULL);
CALL bench.target('port', 'b', 'f', 'report', NULL);
CALL bench.target('port', 'i', 'k', 'report', NULL);
CALL bench.target('port', 'h', 'g', 'report', NULL);
CALL bench.target('port', 'l', 'p', 'report', NULL);
CALL bench.target('port', 'm', 'q', 'report', NULL);
CALL bench.run('port', :repeats);

-- Both give each vessel the same time in port: the difference stays
-- within a millisecond a visit (maritime's precision for the crossing
-- times; MobilityDB's are microseconds) for every vessel.
CREATE TEMP VIEW all_ports AS
SELECT name, geom, false AS calls FROM mdb_port
UNION ALL
SELECT name, geom, true FROM mdb_call_port;
CREATE TEMP TABLE pm AS
SELECT p.name, t.vessel, count(*) AS visits, sum(v.dwell) AS dwell
FROM all_ports p
CROSS JOIN LATERAL (SELECT * FROM mdb_tracks WHERE NOT p.calls
					UNION ALL SELECT * FROM mdb_call_tracks WHERE p.calls) AS t
CROSS JOIN LATERAL maritime.port_visits(t.track, p.geom) v
GROUP BY p.name, t.vessel;
CREATE TEMP TABLE pd AS
SELECT p.name, m.vessel, numSequences(r) AS sequences, duration(r) AS dwell
FROM all_ports p
CROSS JOIN LATERAL (SELECT * FROM mdb_trips WHERE NOT p.calls
					UNION ALL SELECT * FROM mdb_call_trips WHERE p.calls) AS m
CROSS JOIN LATERAL (SELECT atGeometry(m.trip, p.geom) AS r) AS a
WHERE r IS NOT NULL;
\pset tuples_only on
\pset format unaligned
SELECT format('sanity: port %s: maritime %s vessels, %s visits, %s in port; MobilityDB %s vessels, %s sequences, %s; largest difference %s ms (%s ms a visit at most): %s',
			  p.name,
			  (SELECT count(*) FROM pm WHERE pm.name = p.name),
			  (SELECT sum(visits) FROM pm WHERE pm.name = p.name),
			  (SELECT justify_hours(sum(dwell)) FROM pm WHERE pm.name = p.name),
			  (SELECT count(*) FROM pd WHERE pd.name = p.name),
			  (SELECT sum(sequences) FROM pd WHERE pd.name = p.name),
			  (SELECT justify_hours(sum(dwell)) FROM pd WHERE pd.name = p.name),
			  round(1000 * c.max_diff, 3), round(1000 * c.max_diff_visit, 3),
			  CASE WHEN c.unmatched = 0 AND c.max_diff_visit <= 0.001 THEN 'OK' ELSE 'MISMATCH' END)
FROM all_ports p
CROSS JOIN LATERAL (
	-- a vessel in port for one side only (a mere touch of the boundary,
	-- zero time, may be missing on one side)
	SELECT count(*) FILTER (WHERE (pm.vessel IS NULL AND pd.dwell > interval '0')
							   OR (pd.vessel IS NULL AND pm.dwell > interval '0')) AS unmatched,
		   max(abs(extract(epoch FROM coalesce(pm.dwell, '0') - coalesce(pd.dwell, '0')))) AS max_diff,
		   max(abs(extract(epoch FROM coalesce(pm.dwell, '0') - coalesce(pd.dwell, '0')))
			   / greatest(pm.visits, 1)) AS max_diff_visit
	FROM (SELECT * FROM pm WHERE pm.name = p.name) AS pm
	FULL JOIN (SELECT * FROM pd WHERE pd.name = p.name) AS pd USING (vessel)) AS c
ORDER BY p.calls DESC, p.name DESC;
\pset format aligned
\pset tuples_only off
