/*-------------------------------------------------------------------------
 *
 * gserialized.c
 *	  Reader and writer for PostGIS's on-disk geometry format.
 *
 * Layout facts (PostGIS liblwgeom/gserialized1.c and gserialized2.c):
 * the SRID is 21 bits, stored high byte first in three bytes; flags bit
 * 0x40 marks version 2, whose bit 0x10 announces an 8-byte extended-flags
 * word (in version 1 the same bits mean read-only and solid, and carry no
 * data).  A bounding box holds two floats per dimension (xmin, xmax, ymin,
 * ymax, then z and m), or six for geodetic values, rounded outwards.
 *
 *-------------------------------------------------------------------------
 */
#include "gserialized.h"

#include <float.h>

#define GFLAG_Z			0x01
#define GFLAG_M			0x02
#define GFLAG_BBOX		0x04
#define GFLAG_GEODETIC	0x08
#define G2FLAG_EXTENDED 0x10
#define G2FLAG_RESERVED 0x20
#define GFLAG_VERSION2	0x40
#define GFLAG_RESERVED	0x80

static uint32_t
read_uint32(const uint8_t *p)
{
	uint32_t	v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void
write_uint32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

static void
write_float(uint8_t *p, float v)
{
	memcpy(p, &v, sizeof(v));
}

/* Round a double to the largest float not above it */
static float
float_down(double d)
{
	float		f;

	if (d > (double) FLT_MAX)
		return FLT_MAX;
	if (d <= (double) -FLT_MAX)
		return -FLT_MAX;
	f = (float) d;
	if ((double) f <= d)
		return f;
	return nextafterf(f, -FLT_MAX);
}

/* Round a double to the smallest float not below it */
static float
float_up(double d)
{
	float		f;

	if (d >= (double) FLT_MAX)
		return FLT_MAX;
	if (d < (double) -FLT_MAX)
		return -FLT_MAX;
	f = (float) d;
	if ((double) f >= d)
		return f;
	return nextafterf(f, FLT_MAX);
}

GserStatus
maritime_gser_read(const uint8_t *data, size_t size, GserGeom *geom)
{
	uint8_t		flags;
	uint32_t	raw_srid;
	size_t		offset = 4;

	memset(geom, 0, sizeof(*geom));
	if (size < 4)
		return GSER_TRUNCATED;

	raw_srid = ((uint32_t) data[0] << 16) | ((uint32_t) data[1] << 8) | data[2];
	/* 21 bits, sign-extended as PostGIS does */
	geom->srid = ((int32_t) (raw_srid << 11)) >> 11;

	flags = data[3];
	if (flags & GFLAG_RESERVED)
		return GSER_BAD_FLAGS;
	geom->version = (flags & GFLAG_VERSION2) ? 2 : 1;
	geom->has_z = (flags & GFLAG_Z) != 0;
	geom->has_m = (flags & GFLAG_M) != 0;
	geom->has_bbox = (flags & GFLAG_BBOX) != 0;
	geom->geodetic = (flags & GFLAG_GEODETIC) != 0;
	geom->ndims = 2 + geom->has_z + geom->has_m;

	if (geom->version == 2)
	{
		if (flags & G2FLAG_RESERVED)
			return GSER_BAD_FLAGS;
		if (flags & G2FLAG_EXTENDED)
			offset += 8;
	}
	if (geom->has_bbox)
		offset += sizeof(float) * (geom->geodetic ? 6 : 2 * geom->ndims);

	if (size < offset + 8)
		return GSER_TRUNCATED;

	geom->type = read_uint32(data + offset);
	if (geom->type == 0 || geom->type > GSER_MAXTYPE)
		return GSER_BAD_TYPE;
	geom->body = data + offset;
	geom->body_size = size - offset;

	if (geom->type == GSER_POINTTYPE || geom->type == GSER_LINETYPE)
	{
		uint64_t	needed;
		size_t		available = size - offset - 8;

		geom->npoints = read_uint32(data + offset + 4);
		if (geom->type == GSER_POINTTYPE && geom->npoints > 1)
			return GSER_BAD_COUNT;
		needed = (uint64_t) geom->npoints * geom->ndims * sizeof(double);
		if (needed > available)
			return GSER_TRUNCATED;
		if (needed < available)
			return GSER_TRAILING_BYTES;
		geom->coords = data + offset + 8;
	}
	return GSER_OK;
}

/*
 * Walk one POLYGON body at *offset: type, ring count, the ring point counts
 * (padded to 8 bytes when the count is odd), then each ring's doubles.
 */
static GserStatus
read_polygon(const GserGeom *geom, size_t *offset, uint32_t polygon,
			 GserRing *rings, uint32_t max_rings, uint32_t *nrings)
{
	const uint8_t *body = geom->body;
	size_t		size = geom->body_size;
	size_t		vertex_size = (size_t) geom->ndims * sizeof(double);
	size_t		counts;
	uint32_t	count;

	if (size - *offset < 8)
		return GSER_TRUNCATED;
	if (read_uint32(body + *offset) != GSER_POLYGONTYPE)
		return GSER_BAD_SUBTYPE;
	count = read_uint32(body + *offset + 4);
	*offset += 8;
	counts = *offset;
	if ((uint64_t) count * 4 > size - *offset)
		return GSER_TRUNCATED;
	*offset += (size_t) count * 4 + (count % 2 ? 4 : 0);
	if (*offset > size)
		return GSER_TRUNCATED;

	for (uint32_t i = 0; i < count; i++)
	{
		uint32_t	npoints = read_uint32(body + counts + (size_t) i * 4);

		if ((uint64_t) npoints * vertex_size > size - *offset)
			return GSER_TRUNCATED;
		if (rings != NULL && *nrings < max_rings)
		{
			rings[*nrings].polygon = polygon;
			rings[*nrings].npoints = npoints;
			rings[*nrings].coords = body + *offset;
		}
		(*nrings)++;
		*offset += (size_t) npoints * vertex_size;
	}
	return GSER_OK;
}

/*
 * Locate the rings of a POLYGON or MULTIPOLYGON read by maritime_gser_read.  Call
 * with rings = NULL to count them, then with an array of max_rings.
 */
GserStatus
maritime_gser_read_rings(const GserGeom *geom, GserRing *rings, uint32_t max_rings,
				uint32_t *nrings, uint32_t *npolygons)
{
	size_t		offset = 0;
	GserStatus	status;

	*nrings = 0;
	*npolygons = 0;
	if (geom->type == GSER_POLYGONTYPE)
	{
		status = read_polygon(geom, &offset, 0, rings, max_rings, nrings);
		if (status != GSER_OK)
			return status;
		*npolygons = 1;
	}
	else if (geom->type == GSER_MULTIPOLYGONTYPE)
	{
		uint32_t	count;

		if (geom->body_size < 8)
			return GSER_TRUNCATED;
		count = read_uint32(geom->body + 4);
		offset = 8;
		for (uint32_t i = 0; i < count; i++)
		{
			status = read_polygon(geom, &offset, i, rings, max_rings, nrings);
			if (status != GSER_OK)
				return status;
		}
		*npolygons = count;
	}
	else
		return GSER_BAD_SUBTYPE;
	return offset == geom->body_size ? GSER_OK : GSER_TRAILING_BYTES;
}

const char *
maritime_gser_status_message(GserStatus status)
{
	switch (status)
	{
		case GSER_OK:
			return "valid";
		case GSER_TRUNCATED:
			return "its declared contents run past the end of the value";
		case GSER_BAD_FLAGS:
			return "it has reserved flag bits set";
		case GSER_BAD_TYPE:
			return "its geometry type number is unknown";
		case GSER_BAD_COUNT:
			return "it is a POINT with more than one vertex";
		case GSER_TRAILING_BYTES:
			return "it has bytes after the end of its coordinates";
		case GSER_BAD_SUBTYPE:
			return "a MULTIPOLYGON in it holds something other than polygons";
	}
	return "it is malformed";
}

const char *
maritime_gser_type_name(uint32_t type)
{
	static const char *const names[] = {
		"unknown", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
		"MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION",
		"CIRCULARSTRING", "COMPOUNDCURVE", "CURVEPOLYGON", "MULTICURVE",
		"MULTISURFACE", "POLYHEDRALSURFACE", "TRIANGLE", "TIN"
	};

	return type <= GSER_MAXTYPE ? names[type] : names[0];
}

/* Bring an SRID into the range PostGIS stores, as PostGIS does */
int32_t
maritime_gser_clamp_srid(int32_t srid)
{
	if (srid <= 0)
		return GSER_SRID_UNKNOWN;
	if (srid > GSER_SRID_MAXIMUM)
		return GSER_SRID_USER_MAXIMUM + 1 +
			(srid % (GSER_SRID_MAXIMUM - GSER_SRID_USER_MAXIMUM - 1));
	return srid;
}

static void
write_srid_and_flags(uint8_t *out, int32_t srid, uint8_t flags)
{
	uint32_t	s = (uint32_t) maritime_gser_clamp_srid(srid);

	out[0] = (uint8_t) ((s >> 16) & 0x1F);
	out[1] = (uint8_t) ((s >> 8) & 0xFF);
	out[2] = (uint8_t) (s & 0xFF);
	out[3] = flags;
}

void
maritime_gser_write_point(uint8_t *out, int32_t srid, double x, double y)
{
	write_srid_and_flags(out, srid, GFLAG_VERSION2);
	write_uint32(out + 4, GSER_POINTTYPE);
	write_uint32(out + 8, 1);
	memcpy(out + 12, &x, sizeof(double));
	memcpy(out + 20, &y, sizeof(double));
}

/*
 * PostGIS stores a bounding box with every LINESTRING of more than two
 * vertices; we do the same so that index and && checks need not recompute it.
 */
static bool
linestring_needs_bbox(uint32_t npoints)
{
	return npoints > 2;
}

size_t
maritime_gser_linestring_m_header_size(uint32_t npoints)
{
	return 4 + (linestring_needs_bbox(npoints) ? 6 * sizeof(float) : 0) + 8;
}

size_t
maritime_gser_linestring_m_size(uint32_t npoints)
{
	return maritime_gser_linestring_m_header_size(npoints) +
		(size_t) npoints * 3 * sizeof(double);
}

/*
 * Write everything up to the coordinates of a LINESTRING M; the caller puts
 * npoints (x, y, m) triples right after.  Returns the header's length.
 */
size_t
maritime_gser_write_linestring_m_header(uint8_t *out, int32_t srid, uint32_t npoints,
							   const GserBoxM *box)
{
	uint8_t		flags = GFLAG_VERSION2 | GFLAG_M;
	size_t		offset = 4;

	if (linestring_needs_bbox(npoints))
		flags |= GFLAG_BBOX;
	write_srid_and_flags(out, srid, flags);
	if (linestring_needs_bbox(npoints))
	{
		write_float(out + offset, float_down(box->xmin));
		write_float(out + offset + 4, float_up(box->xmax));
		write_float(out + offset + 8, float_down(box->ymin));
		write_float(out + offset + 12, float_up(box->ymax));
		write_float(out + offset + 16, float_down(box->mmin));
		write_float(out + offset + 20, float_up(box->mmax));
		offset += 6 * sizeof(float);
	}
	write_uint32(out + offset, GSER_LINETYPE);
	write_uint32(out + offset + 4, npoints);
	return offset + 8;
}
