-- MobilityDB comparison stops (scripts/bench_mobilitydb.sh): stops of
-- every vessel of data_mobilitydb.sql, maritime.stops(track, 200,
-- '30 minutes') against MobilityDB's stops(trip, 200, '30 minutes'): at
-- most 200 m across, at least 30 minutes.  MobilityDB has no max_gap, so
-- maritime runs without one (NULL: no segment is dark).
\echo == stops: maritime.stops against stops(trip, 200, '30 minutes')
SET client_min_messages = warning;
CALL bench.add('stops', 'a', 'maritime.stops(track, 200, ''30 minutes'')',
	$q$SELECT t.vessel, s.* FROM mdb_tracks t CROSS JOIN LATERAL maritime.stops(t.track, 200, '30 minutes') s$q$);
CALL bench.add('stops', 'b', 'MobilityDB stops(trip, 200, ''30 minutes'')',
	$q$SELECT vessel, stops(trip, 200, '30 minutes') FROM mdb_trips$q$);
CALL bench.target('stops', 'b', 'a', '>=', 50.0);
CALL bench.run('stops', :repeats);

-- Both find the same stays, by definitions that differ (BENCHMARKS.md
-- says more).  maritime tries each start in turn and grows the run while
-- its diameter (the greatest distance between two of its fixes) stays
-- within 200 m.  MobilityDB slides a window over the last 30 minutes
-- before each fix, starts a stop at the first window whose fixes fit, and
-- grows it while the diagonal of the minimum rotated rectangle of its
-- fixes stays within 200 m.  So when an AIS gap begins less than 30
-- minutes into a stay, no window before the gap fits (it still holds the
-- approach), and the one after it holds only the last fix before the gap:
-- the MobilityDB stop begins there, later.  The diagonal is never shorter
-- than the diameter, so a MobilityDB stop may end a fix earlier; and
-- maritime may begin a stop at the last fix before the arrival when that
-- fix lies within 200 m of the whole stay, which can end the stop early
-- and start a second one.  What the definitions do guarantee, and the
-- check asks: every MobilityDB stop overlaps a maritime stop in time (the
-- run from its first fix fits for maritime too, and maritime tries that
-- start unless a stop already covers it).  Reported besides: stops
-- matched one to one, their ends, and the fixes both count as in a stop.
CREATE TEMP TABLE sm AS
SELECT t.vessel, s.stop_start AS lo, s.stop_end AS hi, s.fixes
FROM mdb_tracks t CROSS JOIN LATERAL maritime.stops(t.track, 200, '30 minutes') s;
CREATE TEMP TABLE sd AS
SELECT m.vessel, startTimestamp(q) AS lo, endTimestamp(q) AS hi, numInstants(q) AS fixes
FROM mdb_trips m CROSS JOIN LATERAL unnest(sequences(stops(m.trip, 200, '30 minutes'))) AS q;
-- pairs that overlap in time; the times of the same fix differ by at most
-- a microsecond (MobilityDB truncates the track's seconds to microseconds)
CREATE TEMP TABLE so AS
SELECT sm.vessel, sm.lo AS m_lo, sm.hi AS m_hi, sm.fixes AS m_fixes,
	   sd.lo AS d_lo, sd.hi AS d_hi, sd.fixes AS d_fixes,
	   abs(extract(epoch FROM sd.lo - sm.lo)) <= 1e-6 AS same_lo,
	   abs(extract(epoch FROM sd.hi - sm.hi)) <= 1e-6 AS same_hi
FROM sm JOIN sd ON sd.vessel = sm.vessel AND sd.lo <= sm.hi AND sm.lo <= sd.hi;
-- how many of the other side's stops each stop overlaps
CREATE TEMP TABLE sn AS
SELECT 'maritime' AS side, sm.vessel, sm.lo,
	   (SELECT count(*) FROM so WHERE so.vessel = sm.vessel AND so.m_lo = sm.lo) AS n
FROM sm
UNION ALL
SELECT 'MobilityDB', sd.vessel, sd.lo,
	   (SELECT count(*) FROM so WHERE so.vessel = sd.vessel AND so.d_lo = sd.lo)
FROM sd;
-- the pairs matched one to one
CREATE TEMP TABLE s1 AS
SELECT so.* FROM so
JOIN sn a ON a.side = 'maritime' AND a.vessel = so.vessel AND a.lo = so.m_lo AND a.n = 1
JOIN sn b ON b.side = 'MobilityDB' AND b.vessel = so.vessel AND b.lo = so.d_lo AND b.n = 1;
-- the fixes in a stop, for each side
CREATE TEMP TABLE sf AS
SELECT count(*) FILTER (WHERE p.ts <@ m.r) AS m_fixes, count(*) FILTER (WHERE p.ts <@ d.r) AS d_fixes,
	   count(*) FILTER (WHERE p.ts <@ m.r AND p.ts <@ d.r) AS both_fixes
FROM mdb_pos p
LEFT JOIN (SELECT vessel, range_agg(tstzrange(lo - interval '1 microsecond', hi + interval '1 microsecond', '[]')) AS r
		   FROM sm GROUP BY vessel) AS m USING (vessel)
LEFT JOIN (SELECT vessel, range_agg(tstzrange(lo - interval '1 microsecond', hi + interval '1 microsecond', '[]')) AS r
		   FROM sd GROUP BY vessel) AS d USING (vessel);
-- AIS gaps (10 minutes or more between fixes), by the fix before them
CREATE TEMP TABLE sg AS
SELECT vessel, ts FROM (
	SELECT vessel, ts, lead(ts) OVER (PARTITION BY vessel ORDER BY ts) - ts AS dt FROM mdb_pos) AS g
WHERE dt >= interval '10 minutes';
CREATE INDEX ON sg (vessel, ts);
\pset tuples_only on
\pset format unaligned
SELECT format('sanity: stops: maritime %s stops (%s fixes), MobilityDB %s (%s fixes), %s fixes in both (%s %% of MobilityDB''s); every MobilityDB stop overlaps a maritime stop: %s of %s: %s',
			  (SELECT count(*) FROM sm), f.m_fixes, (SELECT count(*) FROM sd), f.d_fixes, f.both_fixes,
			  round(100.0 * f.both_fixes / nullif(f.d_fixes, 0), 2),
			  (SELECT count(*) FROM sn WHERE side = 'MobilityDB' AND n > 0), (SELECT count(*) FROM sd),
			  CASE WHEN (SELECT count(*) FROM sn WHERE side = 'MobilityDB' AND n = 0) = 0
						AND (SELECT count(*) FROM sd) > 0 THEN 'OK' ELSE 'MISMATCH' END)
FROM sf AS f;
SELECT format('        overlapping none, one, several of the other''s: maritime %s, %s, %s; MobilityDB %s, %s, %s',
			  count(*) FILTER (WHERE side = 'maritime' AND n = 0), count(*) FILTER (WHERE side = 'maritime' AND n = 1),
			  count(*) FILTER (WHERE side = 'maritime' AND n > 1), count(*) FILTER (WHERE side = 'MobilityDB' AND n = 0),
			  count(*) FILTER (WHERE side = 'MobilityDB' AND n = 1), count(*) FILTER (WHERE side = 'MobilityDB' AND n > 1))
FROM sn;
SELECT format('        one to one: %s pairs, %s with the same first and last fix; MobilityDB starts later in %s (median %s min; %s of them with an AIS gap beginning in maritime''s first 30 minutes), earlier in %s; ends earlier in %s, later in %s',
			  count(*), count(*) FILTER (WHERE same_lo AND same_hi),
			  count(*) FILTER (WHERE NOT same_lo AND d_lo > m_lo),
			  round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d_lo - m_lo) / 60)
					 FILTER (WHERE NOT same_lo AND d_lo > m_lo))::numeric, 1),
			  count(*) FILTER (WHERE NOT same_lo AND d_lo > m_lo AND EXISTS (
				  SELECT FROM sg WHERE sg.vessel = s1.vessel
				  AND sg.ts >= s1.m_lo AND sg.ts < s1.m_lo + interval '30 minutes')),
			  count(*) FILTER (WHERE NOT same_lo AND d_lo < m_lo),
			  count(*) FILTER (WHERE NOT same_hi AND d_hi < m_hi),
			  count(*) FILTER (WHERE NOT same_hi AND d_hi > m_hi))
FROM s1;
\pset format aligned
\pset tuples_only off
