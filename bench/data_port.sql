-- Table port: the port polygons of the port_visits and clean sections,
-- where the vessels of pos (data_pos.sql) sail.  The polygon is AMSA's real
-- Brisbane port-visit area (368 vertices, about 25 x 24 km), moved there:
--   port   at its own size, centred on the 0.25-degree cell crossed by the
--          most vessels;
--   large  scaled 16 times (about 360 x 390 km), centred on the 4-degree
--          cell crossed by the most vessels.
-- The synthetic vessels never stop, and their tracks are spread over the
-- whole North Atlantic, so a port-sized polygon meets only a few of them;
-- "large" is the case where a fifth of the tracks enter and a visit has
-- hundreds of fixes.
SET client_min_messages = warning;
DROP TABLE IF EXISTS port;
CREATE TEMP TABLE amsa (name text, abbrev text, threshold_km text, wkt text);
\copy amsa FROM 'data/ports/amsa_port_visit_polygons.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE port AS
WITH brisbane AS (
	SELECT g, ST_X(ST_Centroid(g)) AS x, ST_Y(ST_Centroid(g)) AS y
	FROM (SELECT ST_GeometryN(ST_GeomFromText(wkt, 4326), 1) AS g
		  FROM amsa WHERE abbrev = 'BNE') AS s
), spot AS (
	SELECT DISTINCT ON (name) name, scale,
		   (cx + 0.5) * cell AS lon, (cy + 0.5) * cell AS lat
	FROM (VALUES ('port', 1, 0.25), ('large', 16, 4.0)) AS s(name, scale, cell)
	CROSS JOIN LATERAL (
		SELECT floor(ST_X(geom) / cell) AS cx, floor(ST_Y(geom) / cell) AS cy,
			   count(DISTINCT vessel) AS vessels, count(*) AS fixes
		FROM pos GROUP BY 1, 2) AS c
	ORDER BY name, vessels DESC, fixes DESC, cx, cy
)
SELECT name, ST_Translate(ST_Scale(ST_Translate(g, -x, -y), scale, scale),
						  lon, lat) AS geom
FROM brisbane CROSS JOIN spot;

VACUUM ANALYZE port;
