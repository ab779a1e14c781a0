-- Load the synthetic Rajin sample (data/rajin) into the tables the
-- README's recipes use: positions(mmsi, ts, geom) and ports(name, role, area).
-- Run from the repository root: psql -f examples/load_rajin_sample.sql
CREATE TEMP TABLE rajin_positions_csv (mmsi bigint, ts timestamptz, lon float8, lat float8, source text);
\copy rajin_positions_csv FROM 'data/rajin/positions.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE rajin_ports_csv (name text, role text, wkt text);
\copy rajin_ports_csv FROM 'data/rajin/ports.csv' WITH (FORMAT csv, HEADER)

CREATE TABLE positions (
	mmsi bigint NOT NULL,
	ts timestamptz NOT NULL,
	geom geometry(Point, 4326) NOT NULL,
	source text
);
INSERT INTO positions
SELECT mmsi, ts, ST_SetSRID(ST_MakePoint(lon, lat), 4326), source FROM rajin_positions_csv;
CREATE INDEX ON positions (mmsi, ts);

CREATE TABLE ports (
	name text PRIMARY KEY,
	role text,
	area geometry(Polygon, 4326) NOT NULL
);
INSERT INTO ports SELECT name, role, ST_GeomFromText(wkt, 4326) FROM rajin_ports_csv;
CREATE INDEX ON ports USING gist (area);
DROP TABLE rajin_positions_csv, rajin_ports_csv;
