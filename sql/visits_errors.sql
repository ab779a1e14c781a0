-- port_visits, round_trips, idle_periods: every class of bad input raises
-- its own SQLSTATE
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
\set square '''POLYGON((0 0,10 0,10 10,0 10,0 0))'''
\set track '''LINESTRING M(-10 5 1704067200, 20 5 1704067500)'''

-- the track must be a LINESTRING M with strictly increasing M (22023)
SELECT t AS track, regress.error_of(format('SELECT * FROM maritime.port_visits(%L, %L)', t, :square))
FROM (VALUES ('POINT M(1 1 1)'), ('POLYGON((0 0,1 0,1 1,0 0))'), ('MULTILINESTRING M((0 0 1,1 1 2))'),
             ('LINESTRING(0 0,1 1)'), ('LINESTRING Z(0 0 1,1 1 2)'),
             ('LINESTRING M(0 0 10,1 1 10)'), ('LINESTRING M(0 0 10,1 1 20,2 2 15)'),
             ('LINESTRING M(0 0 1e13,1 1 2e13)'), ('LINESTRING M(0 0 NaN,1 1 20)')) v(t);
SELECT regress.error_of(format('SELECT * FROM maritime.port_visits(ST_MakeLine(ST_MakePointM(''NaN'', 0, 1), ST_MakePointM(1, 1, 2)), %L)', :square));

-- the area must be a POLYGON or MULTIPOLYGON (22023)
SELECT a AS area, regress.error_of(format('SELECT * FROM maritime.port_visits(%L, %L)', :track, a))
FROM (VALUES ('POINT(1 1)'), ('LINESTRING(0 0,1 1)'), ('GEOMETRYCOLLECTION(POLYGON((0 0,1 0,1 1,0 0)))'),
             ('CURVEPOLYGON(CIRCULARSTRING(0 0,1 1,2 0,1 -1,0 0))'), ('TIN(((0 0 0,0 1 0,1 1 0,0 0 0)))')) v(a);
SELECT regress.error_of(format('SELECT * FROM maritime.round_trips(%L, %L, ''POINT(50 50)'')', :track, :square));

-- mixed SRIDs (22023)
SELECT regress.error_of(format('SELECT * FROM maritime.port_visits(ST_SetSRID(%L::geometry, 4326), %L)', :track, :square));
SELECT regress.error_of(format('SELECT * FROM maritime.round_trips(%L, %L, ''SRID=3857;POLYGON((20 0,30 0,30 10,20 0))'')', :track, :square));

-- interval arguments (22023): negative min_dwell, non-positive max_gap
SELECT regress.error_of(format('SELECT * FROM maritime.port_visits(%L, %L, ''-1 second'')', :track, :square));
SELECT regress.error_of(format('SELECT * FROM maritime.port_visits(%L, %L, ''0'', ''0'')', :track, :square));
SELECT regress.error_of(format('SELECT * FROM maritime.port_visits(%L, %L, ''0'', ''-1 hour'')', :track, :square));
SELECT regress.error_of(format('SELECT * FROM maritime.port_visits(%L, %L, ''0'', ''1 day -25 hours'')', :track, :square));
SELECT regress.error_of(format('SELECT * FROM maritime.round_trips(%L, %L, %L, ''-1 day'')', :track, :square, 'POLYGON((20 0,30 0,30 10,20 0))'));
SELECT regress.error_of(format('SELECT * FROM maritime.round_trips(%L, %L, %L, ''0'', ''0'')', :track, :square, 'POLYGON((20 0,30 0,30 10,20 0))'));
SELECT regress.error_of(format('SELECT * FROM maritime.port_visits(%L, %L, min_absence => ''-1 second'')', :track, :square));
SELECT regress.error_of(format('SELECT * FROM maritime.port_visits(%L, %L, min_absence => ''1 mon -31 days'')', :track, :square));
SELECT regress.error_of(format('SELECT * FROM maritime.round_trips(%L, %L, %L, min_absence => ''-1 minute'')', :track, :square, 'POLYGON((20 0,30 0,30 10,20 0))'));
SELECT regress.error_of($$SELECT * FROM maritime.idle_periods('{}', '[2024-01-01,2024-02-01)', '-7 days')$$);
-- the arguments are checked even when the track is NULL
SELECT regress.error_of(format('SELECT * FROM maritime.port_visits(NULL, %L, ''-1 second'')', :square));
SELECT regress.error_of(format('SELECT * FROM maritime.port_visits(NULL, %L, min_absence => ''-1 second'')', :square));

-- overlapping home and away areas (22023), also when one contains the other
SELECT regress.error_of(format('SELECT * FROM maritime.round_trips(%L, %L, ''POLYGON((5 5,15 5,15 15,5 15,5 5))'')', :track, :square));
SELECT regress.error_of(format('SELECT * FROM maritime.round_trips(%L, %L, ''POLYGON((2 2,3 2,3 3,2 3,2 2))'')', :track, :square));
SELECT regress.error_of(format('SELECT * FROM maritime.round_trips(%L, %L, %L)', :track, :square, :square));

-- the messages name the argument and help
SELECT * FROM maritime.port_visits('LINESTRING(0 0,1 1)', :square);
SELECT * FROM maritime.port_visits('LINESTRING M(0 0 10,1 1 5)', :square);
SELECT * FROM maritime.port_visits(:track, 'SRID=4326;POLYGON((0 0,10 0,10 10,0 10,0 0))');
SELECT * FROM maritime.round_trips(:track, :square, 'POLYGON((5 5,15 5,15 15,5 15,5 5))');
