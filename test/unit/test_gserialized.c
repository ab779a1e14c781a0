/*
 * Unit test of the geometry codec (src/gserialized.c) over byte vectors.
 *
 * The version-2 vectors were captured from PostGIS 3.3 on PostgreSQL 15
 * (heap tuples read with pageinspect, varlena header removed).  PostGIS 2.x
 * wrote version 1, which differs only in the flags byte: no 0x40 version
 * bit and no extended-flags word, so the version-1 vectors are the same
 * geometries with that bit cleared.  Prints "N passed, N failed".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "gserialized.h"

static int	passed = 0;
static int	failed = 0;

#define CHECK(cond, ...) \
	do { \
		if (cond) \
			passed++; \
		else \
		{ \
			failed++; \
			printf("FAILED %s:%d: ", __FILE__, __LINE__); \
			printf(__VA_ARGS__); \
			printf("\n"); \
		} \
	} while (0)

/* PostGIS 3.3 output, without the varlena header */
static const char *const POINT_4326 =
"0010e640010000000100000047e6913f98e5624042ec4ca1f3ea40c0";	/* POINT(151.174835 -33.83556) */
static const char *const POINT_Z =
"000000410100000001000000000000000000f03f00000000000000400000000000000840";
static const char *const POINT_M_3857 =
"000f11420100000001000000000000000000f03f000000000000004000002040fc54d941";
static const char *const POINT_ZM =
"000000430100000001000000000000000000f03f000000000000004000000000000008400000000000001040";
static const char *const POINT_EMPTY =
"000000400100000000000000";
static const char *const LINE_XY_BBOX =
"0010e6440000000000000040000000000000803f020000000300000000000000000000000000000000000000000000000000f03f000000000000f03f00000000000000400000000000000000";
static const char *const LINE_M_2 =
"0010e6420200000002000000000000000000000000000000000000000000000000002440000000000000f03f000000000000f03f0000000000003440";
static const char *const LINE_ZM_BBOX =
"00000047000000000000004000000000000040400000000000008040000020410000f04102000000030000000000000000000000000000000000000000000000000000000000000000002440000000000000f03f000000000000f03f000000000000f03f00000000000034400000000000000040000000000000084000000000000010400000000000003e40";
static const char *const POLYGON =
"00000044000000000000803f000000000000803f0300000001000000040000000000000000000000000000000000000000000000000000000000f03f0000000000000000000000000000f03f000000000000f03f00000000000000000000000000000000";
static const char *const LINE_M_EMPTY_999999 =
"0f423f420200000000000000";
static const char *const LINE_M_3_BBOX =
"0010e6460000000000004040000080bf0000803f00002041000020420200000003000000000000000000000000000000000000000000000000002440000000000000f03f000000000000f03f00000000000034400000000000000840000000000000f0bf0000000000004440";

/* MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0),(3 3,7 3,7 7,3 7,3 3)),((20 0,30 0,30 10,20 0))), SRID 4326 */
static const char *const MULTIPOLYGON_HOLE =
"0010e644000000000000f04100000000000020410600000002000000030000000200000005000000050000000000000000000000000000000000000000000000000024400000000000000000000000000000244000000000000024400000000000000000000000000000244000000000000000000000000000000000000000000000084000000000000008400000000000001c4000000000000008400000000000001c400000000000001c4000000000000008400000000000001c400000000000000840000000000000084003000000010000000400000000000000000000000000344000000000000000000000000000003e4000000000000000000000000000003e40000000000000244000000000000034400000000000000000";
/* POLYGON((0 0,10 0,10 10,0 0),(1 1,2 1,2 2,1 1),(5 5,6 5,6 6,5 5)): odd ring count, padded */
static const char *const POLYGON_3_RINGS =
"000000440000000000002041000000000000204103000000030000000400000004000000040000000000000000000000000000000000000000000000000000000000244000000000000000000000000000002440000000000000244000000000000000000000000000000000000000000000f03f000000000000f03f0000000000000040000000000000f03f00000000000000400000000000000040000000000000f03f000000000000f03f00000000000014400000000000001440000000000000184000000000000014400000000000001840000000000000184000000000000014400000000000001440";

static size_t
from_hex(const char *hex, uint8_t *out)
{
	size_t		n = strlen(hex) / 2;

	for (size_t i = 0; i < n; i++)
	{
		unsigned int byte;

		sscanf(hex + 2 * i, "%2x", &byte);
		out[i] = (uint8_t) byte;
	}
	return n;
}

/* The same geometry as PostGIS 2.x stored it */
static void
to_version1(uint8_t *bytes)
{
	bytes[3] &= (uint8_t) ~0x40;
}

static GserStatus
read_hex(const char *hex, int version, uint8_t *buf, size_t *size, GserGeom *geom)
{
	*size = from_hex(hex, buf);
	if (version == 1)
		to_version1(buf);
	return maritime_gser_read(buf, *size, geom);
}

static void
test_points(int version)
{
	uint8_t		buf[512];
	size_t		size;
	GserGeom	g;
	double		x,
				y,
				m;

	CHECK(read_hex(POINT_4326, version, buf, &size, &g) == GSER_OK, "v%d POINT reads", version);
	CHECK(g.version == version, "v%d POINT version %d", version, g.version);
	CHECK(g.srid == 4326 && g.type == GSER_POINTTYPE && g.npoints == 1 && g.ndims == 2,
		  "v%d POINT header srid=%d type=%u n=%u dims=%d", version, g.srid, g.type, g.npoints, g.ndims);
	gser_vertex(&g, 0, &x, &y, &m);
	CHECK(x == 151.174835 && y == -33.83556 && isnan(m), "v%d POINT coords %.17g %.17g", version, x, y);

	CHECK(read_hex(POINT_Z, version, buf, &size, &g) == GSER_OK && g.has_z && !g.has_m && g.ndims == 3,
		  "v%d POINT Z header", version);
	gser_vertex(&g, 0, &x, &y, &m);
	CHECK(x == 1 && y == 2 && isnan(m), "v%d POINT Z skips z", version);

	CHECK(read_hex(POINT_M_3857, version, buf, &size, &g) == GSER_OK && !g.has_z && g.has_m &&
		  g.srid == 3857, "v%d POINT M header", version);
	gser_vertex(&g, 0, &x, &y, &m);
	CHECK(x == 1 && y == 2 && m == 1700000000.5, "v%d POINT M m=%.17g", version, m);

	CHECK(read_hex(POINT_ZM, version, buf, &size, &g) == GSER_OK && g.has_z && g.has_m && g.ndims == 4,
		  "v%d POINT ZM header", version);
	gser_vertex(&g, 0, &x, &y, &m);
	CHECK(x == 1 && y == 2 && m == 4, "v%d POINT ZM m=%g", version, m);

	CHECK(read_hex(POINT_EMPTY, version, buf, &size, &g) == GSER_OK && g.type == GSER_POINTTYPE &&
		  g.npoints == 0 && g.srid == 0, "v%d POINT EMPTY", version);
}

/* The fast reader takes plain 2D points only, and reads them as the general one does */
static void
test_xy_points(int version)
{
	static const char *const others[] = {POINT_Z, POINT_M_3857, POINT_ZM, POINT_EMPTY,
	LINE_M_2, LINE_XY_BBOX};
	uint8_t		buf[512];
	size_t		size;
	GserGeom	g;
	int32_t		srid;
	double		x,
				y;

	read_hex(POINT_4326, version, buf, &size, &g);
	CHECK(gser_read_xy_point(buf, size, &srid, &x, &y) && srid == 4326 &&
		  x == 151.174835 && y == -33.83556, "v%d fast POINT %d %.17g %.17g", version, srid, x, y);
	CHECK(!gser_read_xy_point(buf, size - 1, &srid, &x, &y), "v%d fast POINT, 1 byte short", version);
	buf[0] = 0x1f;				/* a negative SRID, sign-extended as the general reader does */
	CHECK(gser_read_xy_point(buf, size, &srid, &x, &y) &&
		  maritime_gser_read(buf, size, &g) == GSER_OK && srid == g.srid && srid < 0,
		  "v%d fast POINT srid %d", version, srid);
	buf[3] |= 0x08;				/* geodetic: not for the fast reader */
	CHECK(!gser_read_xy_point(buf, size, &srid, &x, &y), "v%d fast POINT geodetic", version);
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
	{
		read_hex(others[i], version, buf, &size, &g);
		CHECK(!gser_read_xy_point(buf, size, &srid, &x, &y), "v%d fast reader refuses value %zu",
			  version, i);
	}
}

static void
test_linestrings(int version)
{
	uint8_t		buf[512];
	size_t		size;
	GserGeom	g;
	double		x,
				y,
				m;

	CHECK(read_hex(LINE_XY_BBOX, version, buf, &size, &g) == GSER_OK && g.has_bbox &&
		  g.type == GSER_LINETYPE && g.npoints == 3 && g.ndims == 2, "v%d LINESTRING with bbox", version);
	gser_vertex(&g, 2, &x, &y, &m);
	CHECK(x == 2 && y == 0 && isnan(m), "v%d LINESTRING last vertex", version);

	CHECK(read_hex(LINE_M_2, version, buf, &size, &g) == GSER_OK && !g.has_bbox && g.has_m &&
		  g.npoints == 2, "v%d LINESTRING M", version);
	gser_vertex(&g, 1, &x, &y, &m);
	CHECK(x == 1 && y == 1 && m == 20, "v%d LINESTRING M vertex 1", version);

	CHECK(read_hex(LINE_ZM_BBOX, version, buf, &size, &g) == GSER_OK && g.has_bbox && g.has_z &&
		  g.has_m && g.npoints == 3, "v%d LINESTRING ZM with bbox", version);
	gser_vertex(&g, 2, &x, &y, &m);
	CHECK(x == 2 && y == 3 && m == 30, "v%d LINESTRING ZM vertex 2: %g %g %g", version, x, y, m);

	CHECK(read_hex(LINE_M_EMPTY_999999, version, buf, &size, &g) == GSER_OK &&
		  g.srid == 999999 && g.npoints == 0, "v%d LINESTRING M EMPTY srid=%d", version, g.srid);

	CHECK(read_hex(POLYGON, version, buf, &size, &g) == GSER_OK && g.type == GSER_POLYGONTYPE &&
		  g.body_size == size - 4 - 16, "v%d POLYGON header", version);
}

static void
test_rings(int version)
{
	uint8_t		buf[1024];
	size_t		size;
	GserGeom	g;
	GserRing	rings[8];
	uint32_t	nrings,
				npolygons;

	CHECK(read_hex(MULTIPOLYGON_HOLE, version, buf, &size, &g) == GSER_OK &&
		  g.type == GSER_MULTIPOLYGONTYPE && g.srid == 4326, "v%d MULTIPOLYGON header", version);
	CHECK(maritime_gser_read_rings(&g, NULL, 0, &nrings, &npolygons) == GSER_OK &&
		  nrings == 3 && npolygons == 2, "v%d MULTIPOLYGON counts %u rings %u polygons",
		  version, nrings, npolygons);
	CHECK(maritime_gser_read_rings(&g, rings, 8, &nrings, &npolygons) == GSER_OK, "v%d MULTIPOLYGON rings", version);
	CHECK(rings[0].polygon == 0 && rings[0].npoints == 5 && rings[1].polygon == 0 &&
		  rings[1].npoints == 5 && rings[2].polygon == 1 && rings[2].npoints == 4,
		  "v%d MULTIPOLYGON ring layout", version);
	CHECK(gser_ring_coord(&g, &rings[1], 2, 0) == 7 && gser_ring_coord(&g, &rings[1], 2, 1) == 7 &&
		  gser_ring_coord(&g, &rings[2], 1, 0) == 30 && gser_ring_coord(&g, &rings[2], 3, 1) == 0,
		  "v%d MULTIPOLYGON coordinates (after the padding of an odd ring count)", version);

	CHECK(read_hex(POLYGON_3_RINGS, version, buf, &size, &g) == GSER_OK &&
		  maritime_gser_read_rings(&g, rings, 8, &nrings, &npolygons) == GSER_OK &&
		  nrings == 3 && npolygons == 1 && rings[2].npoints == 4 &&
		  gser_ring_coord(&g, &rings[2], 1, 0) == 6 && gser_ring_coord(&g, &rings[2], 1, 1) == 5,
		  "v%d POLYGON with 3 rings", version);
}

/* Every prefix of a polygon's body, and a byte too many, must be refused */
static void
test_ring_truncation(const char *name, const char *hex)
{
	uint8_t		buf[1024];
	size_t		size = from_hex(hex, buf);
	int			refused = 0;

	for (size_t cut = 0; cut < size; cut++)
	{
		uint8_t    *copy = malloc(cut ? cut : 1);
		GserGeom	g;
		uint32_t	nrings,
					npolygons;

		memcpy(copy, buf, cut);
		if (maritime_gser_read(copy, cut, &g) != GSER_OK ||
			maritime_gser_read_rings(&g, NULL, 0, &nrings, &npolygons) != GSER_OK)
			refused++;
		free(copy);
	}
	CHECK(refused == (int) size, "%s: %d of %zu prefixes refused", name, refused, size);
	{
		GserGeom	g;
		uint32_t	nrings,
					npolygons;

		buf[size] = 0;
		CHECK(maritime_gser_read(buf, size + 1, &g) == GSER_OK &&
			  maritime_gser_read_rings(&g, NULL, 0, &nrings, &npolygons) == GSER_TRAILING_BYTES,
			  "%s: trailing byte refused", name);
	}
	{
		/* a ring claiming far more points than there are */
		GserGeom	g;
		uint32_t	nrings,
					npolygons;
		uint32_t	huge = 0x10000000;

		size = from_hex(hex, buf);
		memcpy(buf + 4 + 16 + 8 + (strcmp(name, "POLYGON") ? 8 : 0), &huge, 4);
		CHECK(maritime_gser_read(buf, size, &g) == GSER_OK &&
			  maritime_gser_read_rings(&g, NULL, 0, &nrings, &npolygons) == GSER_TRUNCATED,
			  "%s: huge ring refused", name);
	}
}

/* Every strict prefix must be refused, never read past its end */
static void
test_truncation(const char *name, const char *hex)
{
	uint8_t		buf[512];
	size_t		size = from_hex(hex, buf);
	int			refused = 0;

	for (size_t cut = 0; cut < size; cut++)
	{
		uint8_t    *copy = malloc(cut ? cut : 1);
		GserGeom	g;

		memcpy(copy, buf, cut);
		if (maritime_gser_read(copy, cut, &g) != GSER_OK)
			refused++;
		free(copy);
	}
	CHECK(refused == (int) size, "%s: %d of %zu prefixes refused", name, refused, size);

	buf[size] = 0;
	{
		GserGeom	g;
		GserStatus	status = maritime_gser_read(buf, size + 1, &g);

		/* an extra byte is trailing garbage for points and lines */
		CHECK(status == GSER_TRAILING_BYTES || g.type == GSER_POLYGONTYPE,
			  "%s: trailing byte refused (%d)", name, status);
	}
}

static void
test_malformed(void)
{
	uint8_t		buf[512];
	size_t		size;
	GserGeom	g;
	uint32_t	big = 0x7FFFFFFF;

	/* npoints larger than the data */
	size = from_hex(LINE_M_2, buf);
	memcpy(buf + 8, &big, 4);
	CHECK(maritime_gser_read(buf, size, &g) == GSER_TRUNCATED, "huge npoints refused");

	/* reserved flag bits */
	size = from_hex(POINT_4326, buf);
	buf[3] |= 0x80;
	CHECK(maritime_gser_read(buf, size, &g) == GSER_BAD_FLAGS, "flag 0x80 refused");
	size = from_hex(POINT_4326, buf);
	buf[3] |= 0x20;
	CHECK(maritime_gser_read(buf, size, &g) == GSER_BAD_FLAGS, "version 2 flag 0x20 refused");

	/* in version 1, 0x10 and 0x20 are read-only and solid: no extra bytes */
	size = from_hex(POINT_4326, buf);
	to_version1(buf);
	buf[3] |= 0x30;
	CHECK(maritime_gser_read(buf, size, &g) == GSER_OK && g.npoints == 1, "version 1 flags 0x10 0x20 accepted");

	/* unknown type numbers */
	size = from_hex(POINT_4326, buf);
	buf[4] = 16;
	CHECK(maritime_gser_read(buf, size, &g) == GSER_BAD_TYPE, "type 16 refused");
	buf[4] = 0;
	CHECK(maritime_gser_read(buf, size, &g) == GSER_BAD_TYPE, "type 0 refused");

	/* a POINT claiming two vertices */
	size = from_hex(POINT_4326, buf);
	buf[8] = 2;
	CHECK(maritime_gser_read(buf, size, &g) == GSER_BAD_COUNT, "POINT with 2 vertices refused");
}

/* Version 2 with the extended-flags word (PostGIS writes it for solids) */
static void
test_extended_flags(void)
{
	uint8_t		plain[512];
	uint8_t		ext[512];
	size_t		size = from_hex(POINT_4326, plain);
	GserGeom	g;
	double		x,
				y,
				m;

	memcpy(ext, plain, 4);
	ext[3] |= 0x10;
	memset(ext + 4, 0, 8);
	ext[4] = 0x01;				/* solid */
	memcpy(ext + 12, plain + 4, size - 4);
	CHECK(maritime_gser_read(ext, size + 8, &g) == GSER_OK && g.npoints == 1, "extended flags skipped");
	gser_vertex(&g, 0, &x, &y, &m);
	CHECK(x == 151.174835 && y == -33.83556, "extended flags: coordinates");
	CHECK(maritime_gser_read(ext, size + 7, &g) != GSER_OK, "extended flags: truncated refused");
}

static void
test_writer(void)
{
	uint8_t		expected[512];
	uint8_t		out[512];
	size_t		size;
	size_t		header;
	GserBoxM	box;
	double		line12[9] = {0, 0, 10, 1, 1, 20, 3, -1, 40};
	double		line7[6] = {0, 0, 10, 1, 1, 20};

	size = from_hex(POINT_4326, expected);
	maritime_gser_write_point(out, 4326, 151.174835, -33.83556);
	CHECK(size == GSER_POINT_SIZE && memcmp(out, expected, size) == 0, "POINT bytes equal PostGIS's");

	/* three vertices: PostGIS stores a bounding box, so do we */
	size = from_hex(LINE_M_3_BBOX, expected);
	box = (GserBoxM) {0, 3, -1, 1, 10, 40};
	header = maritime_gser_write_linestring_m_header(out, 4326, 3, &box);
	memcpy(out + header, line12, sizeof(line12));
	CHECK(header == maritime_gser_linestring_m_header_size(3) &&
		  size == maritime_gser_linestring_m_size(3) &&
		  memcmp(out, expected, size) == 0, "LINESTRING M (3 vertices) bytes equal PostGIS's");

	size = from_hex(LINE_M_2, expected);
	box = (GserBoxM) {0, 1, 0, 1, 10, 20};
	header = maritime_gser_write_linestring_m_header(out, 4326, 2, &box);
	memcpy(out + header, line7, sizeof(line7));
	CHECK(size == maritime_gser_linestring_m_size(2) && memcmp(out, expected, size) == 0,
		  "LINESTRING M (2 vertices) bytes equal PostGIS's");

	/* the float box must contain the double extent: rounded outwards */
	box = (GserBoxM) {0.1, 0.7, -0.3, 0.9, 1700000000.123456, 1700000099.654321};
	header = maritime_gser_write_linestring_m_header(out, 0, 3, &box);
	{
		float		f[6];

		memcpy(f, out + 4, sizeof(f));
		CHECK(f[0] <= 0.1 && f[1] >= 0.7 && f[2] <= -0.3 && f[3] >= 0.9 &&
			  f[4] <= 1700000000.123456 && f[5] >= 1700000099.654321, "bbox rounded outwards");
	}

	/* SRIDs are clamped as PostGIS does */
	CHECK(maritime_gser_clamp_srid(-5) == 0 && maritime_gser_clamp_srid(4326) == 4326 &&
		  maritime_gser_clamp_srid(999999) == 999999 &&
		  maritime_gser_clamp_srid(1000000) == 999000 + (1000000 % 999), "SRID clamping");
	maritime_gser_write_point(out, 1000000, 0, 0);
	{
		GserGeom	g;

		CHECK(maritime_gser_read(out, GSER_POINT_SIZE, &g) == GSER_OK && g.srid == maritime_gser_clamp_srid(1000000),
			  "clamped SRID round-trips");
	}
}

int
main(void)
{
	test_points(2);
	test_points(1);
	test_xy_points(2);
	test_xy_points(1);
	test_linestrings(2);
	test_linestrings(1);
	test_rings(2);
	test_rings(1);
	test_ring_truncation("MULTIPOLYGON", MULTIPOLYGON_HOLE);
	test_ring_truncation("POLYGON", POLYGON_3_RINGS);
	test_truncation("POINT", POINT_4326);
	test_truncation("POINT ZM", POINT_ZM);
	test_truncation("LINESTRING with bbox", LINE_XY_BBOX);
	test_truncation("LINESTRING ZM with bbox", LINE_ZM_BBOX);
	test_malformed();
	test_extended_flags();
	test_writer();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
