/*-------------------------------------------------------------------------
 *
 * gserialized.h
 *	  Reader and writer for PostGIS's on-disk geometry format (GSERIALIZED).
 *
 * This part is plain C with no server dependencies, so that it can be
 * unit-tested over byte vectors.  It sees the bytes that follow the varlena
 * length word: three SRID bytes, one flags byte, then (version 2 only) an
 * optional 8-byte extended-flags word, an optional float bounding box, and
 * the geometry body (uint32 type, uint32 count, then doubles).  All numbers
 * are in the machine's byte order, as PostGIS stores them.
 *
 *-------------------------------------------------------------------------
 */
#ifndef MARITIME_GSERIALIZED_H
#define MARITIME_GSERIALIZED_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Geometry type numbers, as PostGIS numbers them */
#define GSER_POINTTYPE			1
#define GSER_LINETYPE			2
#define GSER_POLYGONTYPE		3
#define GSER_MULTIPOINTTYPE		4
#define GSER_MULTILINETYPE		5
#define GSER_MULTIPOLYGONTYPE	6
#define GSER_COLLECTIONTYPE		7
#define GSER_MAXTYPE			15	/* TIN; higher numbers are not PostGIS's */

/* SRID limits, as PostGIS defines them */
#define GSER_SRID_UNKNOWN		0
#define GSER_SRID_MAXIMUM		999999
#define GSER_SRID_USER_MAXIMUM	998999

typedef enum GserStatus
{
	GSER_OK = 0,
	GSER_TRUNCATED,				/* header or body runs past the end */
	GSER_BAD_FLAGS,				/* reserved flag bits are set */
	GSER_BAD_TYPE,				/* type number PostGIS does not define */
	GSER_BAD_COUNT,				/* a POINT with more than one vertex */
	GSER_TRAILING_BYTES,		/* body ends before the datum does */
	GSER_BAD_SUBTYPE			/* a MULTIPOLYGON holding something else */
} GserStatus;

/*
 * What the reader found.  For POINT and LINESTRING the coordinates are
 * located and bound-checked; for other types only the header is read and
 * "body" points at the type word, for callers that walk it themselves.
 */
typedef struct GserGeom
{
	int			version;		/* 1 (PostGIS 2.x) or 2 (PostGIS 3.x) */
	int32_t		srid;
	bool		has_z;
	bool		has_m;
	bool		has_bbox;
	bool		geodetic;
	uint32_t	type;
	int			ndims;			/* doubles per vertex: 2, 3 or 4 */
	uint32_t	npoints;		/* POINT and LINESTRING only */
	const uint8_t *coords;		/* npoints * ndims doubles, maybe unaligned */
	const uint8_t *body;		/* the type word */
	size_t		body_size;		/* bytes from body to the end */
} GserGeom;

/* Bounding box of a LINESTRING M, in double precision */
typedef struct GserBoxM
{
	double		xmin,
				xmax,
				ymin,
				ymax,
				mmin,
				mmax;
} GserBoxM;

/* One ring of a POLYGON or MULTIPOLYGON, located and bound-checked */
typedef struct GserRing
{
	uint32_t	polygon;		/* which polygon (0 for a POLYGON) */
	uint32_t	npoints;
	const uint8_t *coords;		/* npoints * ndims doubles, maybe unaligned */
} GserRing;

extern GserStatus maritime_gser_read(const uint8_t *data, size_t size, GserGeom *geom);
extern GserStatus maritime_gser_read_rings(const GserGeom *geom, GserRing *rings,
								  uint32_t max_rings, uint32_t *nrings,
								  uint32_t *npolygons);
extern const char *maritime_gser_status_message(GserStatus status);
extern const char *maritime_gser_type_name(uint32_t type);

extern int32_t maritime_gser_clamp_srid(int32_t srid);

/* Bytes after the varlena word for the geometries we write */
#define GSER_POINT_SIZE		(4 + 8 + 16)
extern size_t maritime_gser_linestring_m_size(uint32_t npoints);
extern size_t maritime_gser_linestring_m_header_size(uint32_t npoints);

extern void maritime_gser_write_point(uint8_t *out, int32_t srid, double x, double y);
extern size_t maritime_gser_write_linestring_m_header(uint8_t *out, int32_t srid,
											 uint32_t npoints,
											 const GserBoxM *box);

/* Coordinate j (0 = x, 1 = y) of vertex i of a ring */
static inline double
gser_ring_coord(const GserGeom *geom, const GserRing *ring, uint32_t i, int j)
{
	double		v;

	memcpy(&v, ring->coords + ((size_t) i * geom->ndims + j) * sizeof(double),
		   sizeof(double));
	return v;
}

/*
 * Vertex i of a POINT or LINESTRING, read with memcpy because on-disk
 * values with short varlena headers are not aligned.  Z is skipped; m is
 * NaN when the geometry has no M.
 */
static inline void
gser_vertex(const GserGeom *geom, uint32_t i, double *x, double *y, double *m)
{
	const uint8_t *p = geom->coords + (size_t) i * geom->ndims * sizeof(double);

	memcpy(x, p, sizeof(double));
	memcpy(y, p + sizeof(double), sizeof(double));
	if (geom->has_m)
		memcpy(m, p + (geom->ndims - 1) * sizeof(double), sizeof(double));
	else
		*m = NAN;
}

/*
 * The commonest value a row carries, a plain 2D POINT (one vertex; no Z, M,
 * box or extended flags; not geodetic; version 1 or 2), read without the
 * general reader's bookkeeping.  False for anything else, which
 * maritime_gser_read then reads and judges.
 */
static inline bool
gser_read_xy_point(const uint8_t *data, size_t size, int32_t *srid,
				   double *x, double *y)
{
	uint32_t	type_and_count[2];
	uint32_t	raw_srid;

	if (size != GSER_POINT_SIZE || (data[3] & ~0x40) != 0)
		return false;
	memcpy(type_and_count, data + 4, sizeof(type_and_count));
	if (type_and_count[0] != GSER_POINTTYPE || type_and_count[1] != 1)
		return false;
	raw_srid = ((uint32_t) data[0] << 16) | ((uint32_t) data[1] << 8) | data[2];
	*srid = ((int32_t) (raw_srid << 11)) >> 11;
	memcpy(x, data + 12, sizeof(double));
	memcpy(y, data + 20, sizeof(double));
	return true;
}

#endif							/* MARITIME_GSERIALIZED_H */
