-- Every timing of the run (bench.result) and every ratio against its
-- target (bench.target): the report's tables.
\pset footer off
SELECT section, name AS q, label AS query, plan,
	   to_char(median, 'FM990.0000') AS "median s",
	   to_char(min, 'FM990.0000') AS "min s",
	   to_char(max, 'FM990.0000') AS "max s", runs
FROM bench.result ORDER BY ord;
SELECT t.section, t.num || '/' || t.den AS ratio,
	   to_char(n.median / d.median, 'FM99990.000') AS value,
	   CASE WHEN t.op = 'report' THEN '(none)' ELSE t.op || ' ' || to_char(t.target, 'FM990.0') END AS target,
	   CASE WHEN t.op = 'report' THEN 'reported'
			WHEN (t.op = '<=' AND n.median / d.median <= t.target)
				 OR (t.op = '<' AND n.median / d.median < t.target)
				 OR (t.op = '>=' AND n.median / d.median >= t.target)
			THEN 'PASS' ELSE 'MISS' END AS result
FROM bench.target t
JOIN bench.result n ON n.section = t.section AND n.name = t.num
JOIN bench.result d ON d.section = t.section AND d.name = t.den
ORDER BY t.ord;
