-- Damaged track_agg states.  In a parallel plan each worker sends its
-- partial tracks to the leader serialized (track_agg_serialfn), and the
-- leader reads them back (track_agg_deserialfn, then the combine function),
-- so those bytes come from another process: every length and value must be
-- checked, and damage must end in a clean error (22P03,
-- invalid_binary_representation), never a crash or a wrong track.  SQL
-- cannot call the deserialize function (it takes an internal argument), so
-- the test-only module in test/malformed hands it the bytes as a leader
-- does.  The byte offsets below assume a little-endian machine.
SET timezone = 'UTC';

\getenv srcdir PG_ABS_SRCDIR
\getenv dlsuffix PG_DLSUFFIX
\set malformed_lib :srcdir '/test/malformed/malformed' :dlsuffix
CREATE SCHEMA state_test;
CREATE FUNCTION state_test.combine_state(internal, bytea) RETURNS internal
AS :'malformed_lib', 'combine_state' LANGUAGE C;
-- the track from serialized states, as a parallel leader builds it
CREATE AGGREGATE state_test.track_from_states(bytea) (
	SFUNC = state_test.combine_state, STYPE = internal,
	FINALFUNC = maritime.track_agg_finalfn);
-- a serialized state, as a worker sends it
CREATE AGGREGATE state_test.track_state(geometry, timestamptz) (
	SFUNC = maritime.track_agg_transfn, STYPE = internal,
	FINALFUNC = maritime.track_agg_serialfn, FINALFUNC_MODIFY = READ_WRITE);

-- The outcome of a statement: its SQLSTATE and message, or its result
CREATE FUNCTION state_test.outcome_of(statement text, OUT code text, OUT message text)
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE statement INTO message;
  code := '00000';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
END $$;

-- Two fixes a minute and two minutes after 2000-01-01, PostgreSQL's epoch,
-- so that the times take few bytes.  The layout: format byte 2, flags,
-- two zero bytes, SRID (4 bytes), fix count (8), then each fix: a control
-- byte (bits 0-1: 0, 2, 4 or 8 bytes of time; bits 2-4 and 5-7: 1 to 8
-- bytes of x and of y, less one), the zigzag-coded change of the time
-- step, and the zigzag-coded difference of x's and y's bits from the
-- previous fix's.  Here: fix 1 at byte 16 (time 17-20, x 21-28, y 29-36),
-- fix 2 at byte 37 (time 38-41, x 42, y 43).
CREATE TABLE state_test.two AS
SELECT state_test.track_state(g, t) AS bytes
FROM (VALUES (ST_MakePoint(1, 2), '2000-01-01 00:01+00'::timestamptz),
             (ST_MakePoint(1, 2), '2000-01-01 00:03+00')) v(g, t);
SELECT bytes, length(bytes) FROM state_test.two;

CREATE TABLE state_test.forgery (id int PRIMARY KEY, forgery text, expr text);
INSERT INTO state_test.forgery VALUES
  (1, 'unchanged', 'b'),
  (2, 'no bytes', '''''::bytea'),
  (3, 'header only', 'substr(b, 1, 16)'),
  (4, 'format 1', 'set_byte(b, 0, 1)'),
  (5, 'unknown flag', 'set_byte(b, 1, 2)'),
  (6, 'reserved byte set', 'set_byte(b, 3, 1)'),
  (7, 'count 3 for 2 fixes', 'set_byte(b, 8, 3)'),
  (8, 'count 1 for 2 fixes', 'set_byte(b, 8, 1)'),
  (9, 'count 0 with fixes', 'set_byte(b, 8, 0)'),
  (10, 'count 2^40', 'set_byte(b, 13, 1)'),
  (11, 'count negative', 'set_byte(b, 15, 128)'),
  (12, 'last byte cut', 'substr(b, 1, length(b) - 1)'),
  (13, 'a byte added', 'b || ''\x00''::bytea'),
  (14, 'fix 2 claims 8-byte values', 'set_byte(b, 37, 255)'),
  (15, 'fix 1 claims shorter values', 'set_byte(b, 16, 0)'),
  (16, 'time goes back 1 us', 'set_byte(b, 38, get_byte(b, 38) # 1)'),
  (17, 'time repeats', 'set_byte(set_byte(b, 38, 255), 39, 13)'),
  (18, 'x infinite', 'set_byte(b, 28, 255)'),
  (19, 'y NaN', 'set_byte(set_byte(b, 35, 240), 36, 255)');

SELECT f.id, f.forgery, o.code, o.message
FROM state_test.forgery f, state_test.two,
LATERAL state_test.outcome_of(format(
  'SELECT ST_AsText(state_test.track_from_states(f)) FROM (SELECT %s AS f FROM (SELECT bytes AS b FROM state_test.two) t) s',
  f.expr)) o
ORDER BY f.id;

-- States of another SRID cannot join the track
SELECT code, message FROM state_test.outcome_of($$
  SELECT ST_AsText(state_test.track_from_states(s))
  FROM (SELECT bytes AS s FROM state_test.two
        UNION ALL
        SELECT state_test.track_state(ST_SetSRID(ST_MakePoint(3, 4), 4326), '2000-01-01 00:05+00')) u
$$);

-- A longer track in three pieces, one from each of three "workers", with
-- repeated timestamps whose smallest position wins: the very track of
-- track_agg over all rows, whatever order the pieces come in.  Cut
-- anywhere, a piece is turned away.
CREATE TABLE state_test.fix AS
SELECT i, ST_SetSRID(ST_MakePoint(-70 + (i * 7919 % 1000) / 1000.0,
                                  40 + (i * 104729 % 1000) / 1000.0), 4326) AS geom,
       '2024-01-01'::timestamptz + (i / 2) * interval '37 seconds' AS ts
FROM generate_series(1, 3000) i;
CREATE TABLE state_test.piece AS
SELECT i % 3 AS piece, state_test.track_state(geom, ts ORDER BY i DESC) AS bytes
FROM state_test.fix GROUP BY i % 3;
SELECT piece, length(bytes) AS bytes, round(length(bytes) / 1000.0, 1) AS bytes_a_fix
FROM state_test.piece ORDER BY piece;
SELECT (SELECT state_test.track_from_states(bytes ORDER BY piece) FROM state_test.piece) =
       (SELECT maritime.track_agg(geom, ts) FROM state_test.fix) AS same,
       (SELECT state_test.track_from_states(bytes ORDER BY piece DESC) FROM state_test.piece)::bytea =
       (SELECT maritime.track_agg(geom, ts) FROM state_test.fix)::bytea AS same_bytes;
SELECT n AS cut_at, count(*) FILTER (WHERE o.code = '22P03') AS turned_away, count(*) AS pieces
FROM generate_series(17, 17017, 2000) n, state_test.piece p,
LATERAL state_test.outcome_of(format(
  'SELECT ST_NPoints(state_test.track_from_states(b)) FROM (SELECT substr(%L::bytea, 1, %s) AS b) s',
  p.bytes, n)) o
GROUP BY n ORDER BY n;

DROP SCHEMA state_test CASCADE;
