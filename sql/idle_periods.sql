-- maritime.idle_periods: the parts of a window not covered by busy periods
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- gaps inside the window, the last one reaching its end (open_end)
SELECT * FROM maritime.idle_periods(
  '{[2024-01-01,2024-01-05], [2024-01-10 12:00,2024-01-11]}',
  '[2023-12-01,2024-03-01)', '0');
-- min_idle keeps only the long ones (at least, so 5 days is kept)
SELECT * FROM maritime.idle_periods(
  '{[2024-01-01,2024-01-05], [2024-01-10,2024-01-11]}',
  '[2023-12-01,2024-03-01)', '5 days');
SELECT * FROM maritime.idle_periods(
  '{[2024-01-01,2024-01-05], [2024-01-10,2024-01-11]}',
  '[2023-12-01,2024-03-01)', '5 days 00:00:01');
-- busy until the window closes: no open_end period
SELECT * FROM maritime.idle_periods('{[2024-01-01,2024-04-01]}', '[2023-12-01,2024-03-01)', '0');
-- busy periods reaching outside the window are cut to it
SELECT * FROM maritime.idle_periods('{[2023-11-01,2023-12-10], [2024-02-20,2024-05-01]}',
                                    '[2023-12-01,2024-03-01)', '0');
-- nothing busy: the whole window is one idle period; an empty window: none
SELECT * FROM maritime.idle_periods('{}', '[2024-01-01,2024-01-08)', '0');
SELECT * FROM maritime.idle_periods('{[2024-01-01,2024-01-02]}', 'empty', '0');
-- a window without an end: the halt has no end and no duration yet
SELECT * FROM maritime.idle_periods('{[2024-01-01,2024-01-02]}', '[2023-12-25,)', '7 days');
-- NULL arguments: no rows (STRICT)
SELECT count(*) FROM maritime.idle_periods(NULL, '[2024-01-01,2024-01-08)', '0');
SELECT count(*) FROM maritime.idle_periods('{}', '[2024-01-01,2024-01-08)', NULL);

-- The typical use: since when has nobody called at a port?
CREATE TEMP TABLE calls (ship int, arrival timestamptz, departure timestamptz);
INSERT INTO calls VALUES
  (1, '2023-08-03 02:30', '2023-08-05 02:30'),
  (2, '2023-08-04 02:30', '2023-08-06 02:30'),
  (1, '2023-09-20 02:30', '2023-09-22 02:30'),
  (2, '2024-02-10 02:30', '2024-02-12 02:30');
SELECT * FROM maritime.idle_periods(
  (SELECT range_agg(tstzrange(arrival, departure, '[]')) FROM calls),
  '[2023-08-01, 2024-03-01)', '7 days');
