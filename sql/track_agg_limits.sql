-- maritime.track_agg at PostgreSQL's 1 GB value limit: one fix more than a
-- track can hold (44,739,240 with distinct timestamps) is error 54000,
-- raised as the state reaches the limit, before it holds more.  Takes ~10 s.

SELECT regress.error_of($$
  SELECT maritime.track_agg('POINT(0 0)'::geometry,
                            '2000-01-01'::timestamptz + i * interval '1 microsecond')
  FROM (SELECT generate_series(1, 44739241) AS i) s$$);
