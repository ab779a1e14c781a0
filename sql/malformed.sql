-- Damaged geometry bytes.  maritime reads PostGIS's on-disk format itself,
-- so every function that takes a geometry must turn away truncated or
-- corrupted values with a clean error (XX001, data_corrupted), never crash,
-- loop or answer.  PostGIS never produces such values, so they are forged
-- with a test-only C module built in the source tree (test/malformed) and
-- loaded from there: regress.raw_bytes gives a geometry's GSERIALIZED bytes,
-- regress.raw_geometry turns bytes into a geometry without looking at them.
-- The byte offsets below assume a little-endian machine, as the hex dumps do.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

\getenv srcdir PG_ABS_SRCDIR
\getenv dlsuffix PG_DLSUFFIX
\set malformed_lib :srcdir '/test/malformed/malformed' :dlsuffix
CREATE FUNCTION regress.raw_geometry(bytea) RETURNS geometry
AS :'malformed_lib', 'raw_geometry' LANGUAGE C STRICT;
CREATE FUNCTION regress.raw_bytes(geometry) RETURNS bytea
AS :'malformed_lib', 'raw_bytes' LANGUAGE C STRICT;

-- A uint32 at a byte offset, in the machine's (little-endian) order
CREATE FUNCTION regress.get32(b bytea, pos int) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT get_byte(b, pos)::bigint | (get_byte(b, pos + 1)::bigint << 8) |
         (get_byte(b, pos + 2)::bigint << 16) | (get_byte(b, pos + 3)::bigint << 24)
$$;
CREATE FUNCTION regress.put32(b bytea, pos int, v bigint) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT set_byte(set_byte(set_byte(set_byte(b,
           pos, (v & 255)::int), pos + 1, ((v >> 8) & 255)::int),
           pos + 2, ((v >> 16) & 255)::int), pos + 3, ((v >> 24) & 255)::int)
$$;

-- The outcome of a statement: its SQLSTATE, message and detail, or its
-- result (the first column of the first row) when it succeeds
CREATE FUNCTION regress.outcome_of(statement text, OUT code text, OUT message text,
                                   OUT detail text)
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE statement INTO message;
  code := '00000';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                          detail = PG_EXCEPTION_DETAIL;
END $$;

-- The real values the forgeries start from.  body is the offset of the
-- type word: after the 3 SRID bytes and the flags byte, and after the float
-- bounding box when flag 0x04 says there is one (two floats per dimension).
-- line400 is long enough (9.6 kB) to be compressed or stored out of line,
-- and to be detoasted into a memory block of its own, where a sanitizer
-- would see a read past its end.
CREATE TABLE regress.base (base text PRIMARY KEY, kind text, geom geometry, body int);
INSERT INTO regress.base VALUES
  ('point', 'point', 'POINT(5 5)', 4),
  ('line2', 'track', 'LINESTRING M (0 0 1704067200, 10 10 1704070800)', 4),
  ('line3', 'track', 'LINESTRING M (0 0 1704067200, 10 10 1704070800, 20 0 1704074400)', 28),
  ('line400', 'track',
   (SELECT ST_MakeLine(ST_MakePointM(i * 0.05, i * 0.05, 1704067200 + i * 60) ORDER BY i)
    FROM generate_series(0, 399) i), 28),
  ('polygon', 'area', 'POLYGON((3 3,7 3,7 7,3 7,3 3),(4.5 4.5,5.5 4.5,5.5 5.5,4.5 5.5,4.5 4.5))', 20),
  ('multipolygon', 'area', 'MULTIPOLYGON(((4 4,6 4,6 6,4 6,4 4)),((14 4,16 4,16 6,14 6,14 4)))', 20);

SELECT base, length(b) AS size, substr(b, 1, 4) AS srid_flags,
       regress.get32(b, body) AS type, regress.get32(b, body + 4) AS count,
       substr(b, body + 9, 8) AS next_8_bytes
FROM regress.base, regress.raw_bytes(geom) b ORDER BY base;

-- The calls: every geometry argument of every maritime function, the
-- others valid.  %1$s is the forged geometry, read from row %2$s.  The
-- track passes through the area (and its hole), starts at home and calls
-- away; home and away are disjoint.
CREATE TABLE regress.slot (n int, slot text, kind text, sql text);
INSERT INTO regress.slot VALUES
  (1, 'track_agg(geom)', 'point', $$
    SELECT ST_AsText(maritime.track_agg(g, t))
    FROM (SELECT 'POINT(0 0)'::geometry, '2024-01-01 00:00+00'::timestamptz
          UNION ALL
          SELECT %1$s, '2024-01-01 00:01+00' FROM regress.forgery f WHERE f.id = %2$s) v(g, t)$$),
  (2, 'port_visits(track)', 'track', $$
    SELECT string_agg(format('%%s %%s-%%s', visit, arrival, departure), ', ')
    FROM regress.forgery f,
         maritime.port_visits(%1$s, 'POLYGON((3 3,7 3,7 7,3 7,3 3))') v
    WHERE f.id = %2$s$$),
  (3, 'port_visits(area)', 'area', $$
    SELECT string_agg(format('%%s %%s-%%s', visit, arrival, departure), ', ')
    FROM regress.forgery f,
         maritime.port_visits('LINESTRING M (0 0 1704067200, 10 10 1704070800, 20 0 1704074400)', %1$s) v
    WHERE f.id = %2$s$$),
  (4, 'round_trips(track)', 'track', $$
    SELECT string_agg(format('%%s %%s-%%s %%s', trip, home_departure, away_arrival, complete), ', ')
    FROM regress.forgery f,
         maritime.round_trips(%1$s, 'POLYGON((-1 -1,1 -1,1 1,-1 1,-1 -1))',
                              'POLYGON((9 9,11 9,11 11,9 11,9 9))') v
    WHERE f.id = %2$s$$),
  (5, 'round_trips(home)', 'area', $$
    SELECT string_agg(format('%%s %%s-%%s %%s', trip, home_departure, away_arrival, complete), ', ')
    FROM regress.forgery f,
         maritime.round_trips('LINESTRING M (4 4 1704067200, 10 10 1704070800, 20 0 1704074400)',
                              %1$s, 'POLYGON((9 9,11 9,11 11,9 11,9 9))') v
    WHERE f.id = %2$s$$),
  (6, 'round_trips(away)', 'area', $$
    SELECT string_agg(format('%%s %%s-%%s %%s', trip, home_departure, away_arrival, complete), ', ')
    FROM regress.forgery f,
         maritime.round_trips('LINESTRING M (0 0 1704067200, 4 4 1704070800, 20 0 1704074400)',
                              'POLYGON((-1 -1,1 -1,1 1,-1 1,-1 -1))', %1$s) v
    WHERE f.id = %2$s$$),
  (7, 'gaps(track)', 'track', $$
    SELECT string_agg(format('%%s-%%s %%s', gap_start, gap_end, round(distance::numeric, 3)), ', ')
    FROM regress.forgery f, maritime.gaps(%1$s, '10 minutes') v
    WHERE f.id = %2$s$$),
  (8, 'stops(track)', 'track', $$
    SELECT string_agg(format('%%s-%%s %%s', stop_start, stop_end, fixes), ', ')
    FROM regress.forgery f, maritime.stops(%1$s, 1e6, '1 minute') v
    WHERE f.id = %2$s$$),
  (9, 'clean_track(track)', 'track', $$
    SELECT format('%%s fixes, %%s', ST_NPoints(c), ST_AsText(ST_EndPoint(c)))
    FROM regress.forgery f, maritime.clean_track(%1$s, 1) c WHERE f.id = %2$s$$),
  (10, 'outliers(track)', 'track', $$
    SELECT string_agg(format('%%s %%s', fix_time, ST_AsText(location)), ', ')
    FROM regress.forgery f, maritime.outliers(%1$s, 1) v
    WHERE f.id = %2$s$$),
  (11, 'segments(track)', 'track', $$
    SELECT string_agg(format('%%s %%s-%%s %%s', segment, segment_start, segment_end, fixes), ', ')
    FROM regress.forgery f, maritime.segments(%1$s, '10 minutes') v
    WHERE f.id = %2$s$$),
  (12, 'encounters(track_a)', 'track', $$
    SELECT string_agg(format('%%s %%s-%%s %%s', encounter, encounter_start, encounter_end, round(min_distance::numeric, 3)), ', ')
    FROM regress.forgery f,
         maritime.encounters(%1$s, 'LINESTRING M (0 0 1704067200, 10 10 1704070800, 20 0 1704074400)', 2, '0') v
    WHERE f.id = %2$s$$),
  (13, 'encounters(track_b)', 'track', $$
    SELECT string_agg(format('%%s %%s-%%s %%s', encounter, encounter_start, encounter_end, round(min_distance::numeric, 3)), ', ')
    FROM regress.forgery f,
         maritime.encounters('LINESTRING M (0 0 1704067200, 10 10 1704070800, 20 0 1704074400)', %1$s, 2, '0') v
    WHERE f.id = %2$s$$),
  (14, 'encounter_box(track)', 'track', $$
    SELECT ST_AsText(maritime.encounter_box(%1$s, 1))
    FROM regress.forgery f WHERE f.id = %2$s$$);

-- How a forged value reaches the function: as read from a table (a short
-- header, unaligned, when small; compressed when long), from a column
-- stored out of line without compression, or computed (a 4-byte header,
-- aligned)
CREATE TABLE regress.form (form text, expr text);
INSERT INTO regress.form VALUES
  ('stored', 'regress.raw_geometry(f.bytes)'),
  ('external', 'regress.raw_geometry(f.external)'),
  ('computed', 'regress.raw_geometry(f.bytes || ''\x''::bytea)');

CREATE TABLE regress.forgery (id int PRIMARY KEY, base text, forgery text, bytes bytea,
                              external bytea);
ALTER TABLE regress.forgery ALTER external SET STORAGE EXTERNAL;

-- Each forgery applied to each base value.  Flags: 0x01 Z, 0x02 M, 0x04
-- bounding box, 0x08 geodetic, 0x40 version 2 (PostGIS 3); in version 2,
-- 0x10 announces an 8-byte extended-flags word and 0x20 is reserved; in
-- version 1 (PostGIS 2) 0x10 and 0x20 carry no data; 0x80 is reserved in
-- both.  count is npoints, the ring count or the polygon count.
INSERT INTO regress.forgery (id, base, forgery, bytes)
SELECT row_number() OVER (ORDER BY f.n, b.base), b.base, f.forgery, f.bytes
FROM regress.base b,
     regress.raw_bytes(b.geom) AS raw,
     get_byte(raw, 3) AS flags,
     LATERAL (VALUES
  (1, 'no bytes', ''::bytea),
  (2, '1 byte', substr(raw, 1, 1)),
  (3, '3 bytes: SRID only', substr(raw, 1, 3)),
  (4, '4 bytes: SRID and flags', substr(raw, 1, 4)),
  (5, '7 bytes', substr(raw, 1, 7)),
  (6, 'cut after the type word', substr(raw, 1, b.body + 4)),
  (7, 'cut in the type word', substr(raw, 1, b.body + 2)),
  (8, 'last byte cut (odd size)', substr(raw, 1, length(raw) - 1)),
  (9, 'last 4 bytes cut (not a multiple of 8)', substr(raw, 1, length(raw) - 4)),
  (10, 'last 8 bytes cut', substr(raw, 1, length(raw) - 8)),
  (11, 'cut in half', substr(raw, 1, length(raw) / 2)),
  (12, '1 byte added', raw || '\x00'::bytea),
  (13, '8 bytes added', raw || '\x0000000000000000'::bytea),
  (14, 'flag 0x80 (reserved)', set_byte(raw, 3, flags | 128)),
  (15, 'flag 0x20 (reserved in version 2)', set_byte(raw, 3, flags | 32)),
  (16, 'flag 0x10 without the extended-flags word', set_byte(raw, 3, flags | 16)),
  (17, 'version 1 with flag 0x80', set_byte(raw, 3, (flags & ~64) | 128)),
  (18, 'bounding-box flag flipped', set_byte(raw, 3, flags # 4)),
  (19, 'Z flag flipped', set_byte(raw, 3, flags # 1)),
  (20, 'M flag flipped', set_byte(raw, 3, flags # 2)),
  (21, 'geodetic flag (a geography)', set_byte(raw, 3, flags | 8)),
  (22, 'type 0', regress.put32(raw, b.body, 0)),
  (23, 'type 16 (after TIN)', regress.put32(raw, b.body, 16)),
  (24, 'type 0xFFFFFFFF', regress.put32(raw, b.body, 4294967295)),
  (25, 'type + 0x80000000', regress.put32(raw, b.body, regress.get32(raw, b.body) + 2147483648)),
  (26, 'count 0 (data follows)', regress.put32(raw, b.body + 4, 0)),
  (27, 'count + 1', regress.put32(raw, b.body + 4, regress.get32(raw, b.body + 4) + 1)),
  (28, 'count 0x7FFFFFFF', regress.put32(raw, b.body + 4, 2147483647)),
  (29, 'count 0x80000000 (negative as int32)', regress.put32(raw, b.body + 4, 2147483648)),
  (30, 'count 0xFFFFFFFF', regress.put32(raw, b.body + 4, 4294967295)),
  (31, 'every byte 0x00', decode(repeat('00', length(raw)), 'hex')),
  (32, 'every byte 0xFF', decode(repeat('ff', length(raw)), 'hex'))
     ) AS f(n, forgery, bytes);

-- Forgeries of one kind of value, numbered after the others; $1 is the
-- real value
CREATE FUNCTION regress.forge(raw bytea, expr text) RETURNS bytea
LANGUAGE plpgsql AS $$
DECLARE
  result bytea;
BEGIN
  EXECUTE 'SELECT ' || expr INTO result USING raw;
  RETURN result;
END $$;
INSERT INTO regress.forgery (id, base, forgery, bytes)
SELECT 1000 + row_number() OVER (ORDER BY f.n), f.base, f.forgery, x.bytes
FROM (SELECT base, raw FROM regress.base, regress.raw_bytes(geom) raw) b
JOIN (VALUES
  -- a POINT has one vertex or none
  (1, 'point', 'POINT with 2 vertices', 'regress.put32($1, 8, 2) || substr($1, 13)'),
  (2, 'point', 'POINT EMPTY with 1 byte more', 'substr(regress.put32($1, 8, 0), 1, 13)'),
  -- npoints * 24 is the real size modulo 2^32: caught only in 64 bits
  (3, 'line3', 'npoints 0x20000003 (* 24 wraps to the size)', 'regress.put32($1, 32, 536870915)'),
  (4, 'line3', 'npoints - 1', 'regress.put32($1, 32, 2)'),
  (5, 'line400', 'npoints 0x20000190 (* 24 wraps to the size)', 'regress.put32($1, 32, 536871312)'),
  -- the stored box must hold the vertices: it lets analyses skip a track
  (6, 'line3', 'bounding box moved away', 'regress.put32(regress.put32($1, 4, 1120403456), 8, 1120403456)'),
  (7, 'line3', 'bounding box NaN', 'regress.put32($1, 4, 2143289344)'),
  (8, 'line3', 'bounding box inverted', 'regress.put32(regress.put32($1, 4, 1092616192), 8, 0)'),
  -- a polygon: ring count, the point counts (padded to 8 bytes), rings
  (9, 'polygon', 'ring count 3', 'regress.put32($1, 24, 3)'),
  (10, 'polygon', 'ring count 0x40000002 (* 4 wraps to the size)', 'regress.put32($1, 24, 1073741826)'),
  (11, 'polygon', 'first ring npoints + 1', 'regress.put32($1, 28, 6)'),
  (12, 'polygon', 'first ring npoints - 1', 'regress.put32($1, 28, 4)'),
  (13, 'polygon', 'hole npoints + 1', 'regress.put32($1, 32, 6)'),
  (14, 'polygon', 'hole npoints 0x10000005 (* 16 wraps)', 'regress.put32($1, 32, 268435461)'),
  (15, 'polygon', 'hole npoints 0xFFFFFFFF', 'regress.put32($1, 32, 4294967295)'),
  (16, 'polygon', 'type MULTIPOLYGON', 'regress.put32($1, 20, 6)'),
  -- a MULTIPOLYGON: polygon count, then each POLYGON with its type word
  (17, 'multipolygon', 'polygon count 1 (a polygon left over)', 'regress.put32($1, 24, 1)'),
  (18, 'multipolygon', 'second polygon a LINESTRING', 'regress.put32($1, 124, 2)'),
  (19, 'multipolygon', 'second polygon type 0', 'regress.put32($1, 124, 0)'),
  (20, 'multipolygon', 'first polygon ring count 0x40000001', 'regress.put32($1, 32, 1073741825)'),
  (21, 'multipolygon', 'first ring npoints 0x10000005 (* 16 wraps)', 'regress.put32($1, 36, 268435461)'),
  (22, 'multipolygon', 'type POLYGON', 'regress.put32($1, 20, 3)'),
  (23, 'multipolygon', 'second polygon cut off', 'substr($1, 1, 124)')
) AS f(n, base, forgery, expr) USING (base),
regress.forge(raw, f.expr) AS x(bytes);

UPDATE regress.forgery SET external = bytes || ''::bytea;	-- not compressed

-- Every forgery, in every form, to every slot of its kind
CREATE TABLE regress.outcome AS
SELECT f.id, f.base, f.forgery, s.n, s.slot, fm.form, o.*
FROM regress.forgery f
JOIN regress.base b USING (base)
JOIN regress.slot s USING (kind)
CROSS JOIN regress.form fm,
LATERAL regress.outcome_of(format(s.sql, fm.expr, f.id)) o;

-- What the forgeries got, by base value.  A cell is the outcome of every
-- call (all slots, all forms): XX001 with the reason the decoder gives,
-- another SQLSTATE (listed in full below), or ACCEPTED
CREATE FUNCTION regress.short(code text, detail text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN code = '00000' THEN 'ACCEPTED'
    WHEN code <> 'XX001' THEN code
    ELSE 'XX001 ' || CASE
      WHEN detail LIKE '%run past the end of the value.' THEN 'truncated'
      WHEN detail LIKE '%has reserved flag bits set.' THEN 'flags'
      WHEN detail LIKE '%geometry type number is unknown.' THEN 'type'
      WHEN detail LIKE '%is a POINT with more than one vertex.' THEN 'POINT count'
      WHEN detail LIKE '%has bytes after the end of its coordinates.' THEN 'trailing'
      WHEN detail LIKE '%holds something other than polygons.' THEN 'not polygons'
      WHEN detail LIKE '%bounding box does not contain vertex %' THEN 'box'
      ELSE detail END
  END
$$;

CREATE VIEW regress.cell AS
SELECT id, base, forgery,
       CASE WHEN count(DISTINCT regress.short(code, detail)) = 1
            THEN min(regress.short(code, detail)) ELSE 'MIXED' END AS outcome
FROM regress.outcome GROUP BY id, base, forgery;

SELECT forgery,
       max(outcome) FILTER (WHERE base = 'point') AS point,
       max(outcome) FILTER (WHERE base = 'line2') AS line2,
       max(outcome) FILTER (WHERE base = 'line3') AS line3,
       max(outcome) FILTER (WHERE base = 'line400') AS line400,
       max(outcome) FILTER (WHERE base = 'polygon') AS polygon,
       max(outcome) FILTER (WHERE base = 'multipolygon') AS multipolygon
FROM regress.cell WHERE id < 1000 GROUP BY forgery ORDER BY min(id);

SELECT base, forgery, outcome FROM regress.cell WHERE id > 1000 ORDER BY id;

-- Every XX001 names the argument it is about
SELECT slot, message, count(*)
FROM regress.outcome WHERE code = 'XX001' GROUP BY slot, n, message ORDER BY n;

-- The calls that did not get XX001, in full: the forged bytes spell a
-- well-formed value that maritime turns away for what it is.  Moving the
-- polygon's body by a flag makes the type word fall on its first ring's
-- point count (5, MULTILINESTRING); maritime does not walk the bodies of
-- types it does not take.
SELECT forgery, code, regexp_replace(message, '^[a-z_]+ ', '<argument> ') AS message,
       string_agg(DISTINCT base, ', ') AS bases, count(*) AS calls
FROM regress.outcome WHERE code <> 'XX001' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;

-- The box check takes the box as PostGIS writes it: rounded outwards to
-- floats, and clamped to the float range, so that FLT_MAX (\xffff7f7f)
-- stands for larger coordinates.  (A wrong box dropped visits before.)
SELECT substr(regress.raw_bytes(track), 5, 16) AS box_x_y,
       (SELECT string_agg(format('%s %s-%s', visit, arrival, departure), ', ')
        FROM maritime.port_visits(track, area)) AS visits
FROM (VALUES
  ('LINESTRING M (1e39 0 1704067200, 1e39 10 1704070800, 1e39 20 1704074400)'::geometry,
   'POLYGON((0.9e39 5,1.1e39 5,1.1e39 6,0.9e39 6,0.9e39 5))'::geometry),
  ('LINESTRING M (0 -1e39 1704067200, 10 -1e39 1704070800, 20 -1e39 1704074400)',
   'POLYGON((5 -0.9e39,6 -0.9e39,6 -1.1e39,5 -1.1e39,5 -0.9e39))'),
  ('LINESTRING M (0.1 0.1 1704067200, 0.3 0.3 1704070800, 0.7 0.7 1704074400)',
   'POLYGON((0.3 0.3,1 0.3,1 1,0.3 1,0.3 0.3))')) v(track, area);

-- The same calls with the real values, and with variants PostGIS may
-- write, give real answers, the same in every form: version 1 (PostGIS 2),
-- where 0x10 and 0x20 carry no data; version 2 with an extended-flags word
-- (unknown extended flags are ignored, as PostGIS ignores them)
TRUNCATE regress.forgery;
INSERT INTO regress.forgery (id, base, forgery, bytes)
SELECT row_number() OVER (ORDER BY f.n, b.base), b.base, f.forgery, f.bytes
FROM regress.base b,
     regress.raw_bytes(b.geom) AS raw,
     get_byte(raw, 3) AS flags,
     LATERAL (VALUES
  (1, 'unchanged', raw),
  (2, 'version 1', set_byte(raw, 3, flags & ~64)),
  (3, 'version 1 with flags 0x10 and 0x20', set_byte(raw, 3, (flags & ~64) | 48)),
  (4, 'extended flags 0', set_byte(substr(raw, 1, 4), 3, flags | 16) ||
                          '\x0000000000000000'::bytea || substr(raw, 5)),
  (5, 'extended flags all set', set_byte(substr(raw, 1, 4), 3, flags | 16) ||
                                '\xffffffffffffffff'::bytea || substr(raw, 5))
     ) AS f(n, forgery, bytes);
UPDATE regress.forgery SET external = bytes || ''::bytea;	-- not compressed

-- the forms: small values have a short header (1 byte) when stored, long
-- ones are compressed, or kept whole out of line
SELECT base, length(bytes) AS size, pg_column_size(bytes) AS stored,
       pg_column_compression(bytes) IS NOT NULL AS compressed,
       pg_column_size(external) AS external,
       pg_column_compression(external) IS NOT NULL AS compressed
FROM regress.forgery WHERE forgery = 'unchanged' ORDER BY base;

TRUNCATE regress.outcome;
INSERT INTO regress.outcome
SELECT f.id, f.base, f.forgery, s.n, s.slot, fm.form, o.*
FROM regress.forgery f
JOIN regress.base b USING (base)
JOIN regress.slot s USING (kind)
CROSS JOIN regress.form fm,
LATERAL regress.outcome_of(format(s.sql, fm.expr, f.id)) o;

-- the answers of the unchanged values
SELECT base, slot, code, message
FROM regress.outcome WHERE forgery = 'unchanged' AND form = 'stored'
ORDER BY base, n;

-- every variant, in every form, gives the same answer
SELECT o.forgery, count(*) AS calls,
       count(*) FILTER (WHERE o.code = u.code AND o.message IS NOT DISTINCT FROM u.message) AS same
FROM regress.outcome o
JOIN regress.outcome u ON u.base = o.base AND u.n = o.n
                      AND u.forgery = 'unchanged' AND u.form = 'stored'
GROUP BY o.forgery ORDER BY min(o.id);

DROP VIEW regress.cell;
DROP TABLE regress.outcome, regress.forgery, regress.form, regress.slot, regress.base;
DROP FUNCTION regress.short(text, text), regress.outcome_of(text),
              regress.forge(bytea, text),
              regress.get32(bytea, int), regress.put32(bytea, int, bigint),
              regress.raw_geometry(bytea), regress.raw_bytes(geometry);
