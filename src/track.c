/*-------------------------------------------------------------------------
 *
 * track.c
 *	  Parse and check a track argument once per call.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/timestamp.h"

#include "geometry.h"
#include "track.h"

/* Seconds from 1970 to 2000, PostgreSQL's epoch */
#define UNIX_EPOCH_OFFSET_SECONDS ((double) (UNIX_EPOCH_OFFSET_USECS / USECS_PER_SEC))

/*
 * The M of PostgreSQL's first timestamp (4714 BC) and of the end of its
 * range (294277 AD, not included)
 */
#define TRACK_MIN_SECONDS ((double) MIN_TIMESTAMP / USECS_PER_SEC + UNIX_EPOCH_OFFSET_SECONDS)
#define TRACK_END_SECONDS ((double) END_TIMESTAMP / USECS_PER_SEC + UNIX_EPOCH_OFFSET_SECONDS)

/*
 * M (seconds since 1970) as a timestamp.  Exact microseconds, one rounding;
 * past 9e12 s (year 287,000) microseconds since 1970 no longer fit in
 * int64, so there the count starts at 2000.  A double near the end of the
 * range holds M only to a few milliseconds, so the last timestamps round to
 * M = TRACK_END_SECONDS: that M is the last timestamp.  M must be within
 * [TRACK_MIN_SECONDS, TRACK_END_SECONDS].
 */
TimestampTz
maritime_track_seconds_to_timestamp(double seconds)
{
	TimestampTz t;

	if (seconds < 9.0e12)
		return (TimestampTz) llround(seconds * USECS_PER_SEC) - UNIX_EPOCH_OFFSET_USECS;
	t = (TimestampTz) llround((seconds - UNIX_EPOCH_OFFSET_SECONDS) * USECS_PER_SEC);
	return Min(t, END_TIMESTAMP - 1);
}

/*
 * The stored float box lies right before the body: xmin, xmax, ymin, ymax.
 * PostGIS rounds it outwards but clamps it to the float range, so a bound
 * of FLT_MAX stands for any larger coordinate: make it infinite, or the box
 * would not hold such a vertex.
 */
static void
read_stored_box(const GserGeom *geom, Track *track)
{
	float		box[4];

	track->has_box = false;
	if (!geom->has_bbox || geom->geodetic)
		return;
	memcpy(box, geom->body - 2 * geom->ndims * sizeof(float), sizeof(box));
	track->box_xmin = box[0] <= -FLT_MAX ? -INFINITY : box[0];
	track->box_xmax = box[1] >= FLT_MAX ? INFINITY : box[1];
	track->box_ymin = box[2] <= -FLT_MAX ? -INFINITY : box[2];
	track->box_ymax = box[3] >= FLT_MAX ? INFINITY : box[3];
	track->has_box = true;
}

/* Where every vertex must lie: inside the stored box if any, and finite */
typedef struct VertexBounds
{
	double		xmin,
				xmax,
				ymin,
				ymax;
} VertexBounds;

static void
vertex_bounds(const Track *track, VertexBounds *bounds)
{
	bounds->xmin = -DBL_MAX;
	bounds->xmax = DBL_MAX;
	bounds->ymin = -DBL_MAX;
	bounds->ymax = DBL_MAX;
	if (track->has_box)
	{
		/* Max and Min keep a NaN bound (damaged bytes): nothing then fits */
		bounds->xmin = Max(bounds->xmin, track->box_xmin);
		bounds->xmax = Min(bounds->xmax, track->box_xmax);
		bounds->ymin = Max(bounds->ymin, track->box_ymin);
		bounds->ymax = Min(bounds->ymax, track->box_ymax);
	}
}

/*
 * The rules of a valid track, each in one place: every vertex within the
 * bounds (NaN fails every comparison, infinities fail the bounds), M
 * increasing from a number, and the ends' M valid timestamps (M increases,
 * so only the ends need that check).  Analyses skip a track whose box
 * misses an area, so a box that does not hold the vertices (damaged bytes;
 * PostGIS never writes one) would silently lose visits.
 */
static inline bool
vertex_within(const VertexBounds *bounds, const TrackPoint *p)
{
	return (p->x >= bounds->xmin) & (p->x <= bounds->xmax) &
		(p->y >= bounds->ymin) & (p->y <= bounds->ymax);
}

static inline bool
vertex_m_increases(const TrackPoint *points, uint32 k)
{
	return k == 0 ? !isnan(points[k].m) : points[k].m > points[k - 1].m;
}

static inline bool
m_is_timestamp(double m)
{
	return m >= TRACK_MIN_SECONDS && m <= TRACK_END_SECONDS &&
		IS_VALID_TIMESTAMP(maritime_track_seconds_to_timestamp(m));
}

/*
 * Whether the track follows the rules.  One pass with few branches, since
 * every analysis reads the whole track this way; report_invalid_points
 * then tells what is wrong.
 */
static bool
track_points_valid(const Track *track, const TrackPoint *points)
{
	uint32		n = track->npoints;
	VertexBounds bounds;
	bool		ok = true;
	uint32		i;

	vertex_bounds(track, &bounds);
	for (i = 0; i < n && ok; i += 0x10000)
	{
		uint32		end = Min(n, i + 0x10000);
		uint32		k;

		for (k = i; k < end; k++)
		{
			ok &= vertex_within(&bounds, &points[k]);
			ok &= vertex_m_increases(points, k);
		}
		CHECK_FOR_INTERRUPTS();
	}
	return ok && (n == 0 ||
				  (m_is_timestamp(points[0].m) && m_is_timestamp(points[n - 1].m)));
}

/* Raise the error for the first rule the track breaks */
static void
report_invalid_points(const Track *track, const TrackPoint *points,
					  const char *argname)
{
	uint32		n = track->npoints;
	VertexBounds bounds;
	uint32		i;

	/* first, as PostGIS stores a NaN box for a NaN coordinate */
	for (i = 0; i < n; i++)
		if (!isfinite(points[i].x) || !isfinite(points[i].y))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s has a non-finite coordinate at vertex %u", argname, i + 1)));

	vertex_bounds(track, &bounds);
	for (i = 0; i < n; i++)
	{
		const TrackPoint *p = &points[i];

		/* finite coordinates outside the bounds: a box that misses them */
		if (!vertex_within(&bounds, p))
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("%s is not a valid geometry value", argname),
					 errdetail("The value cannot be read because its bounding box does not contain vertex %u.",
							   i + 1)));
		if (isnan(p->m))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s has a NaN M value at vertex %u", argname, i + 1)));
		if ((i == 0 || i == n - 1) && !m_is_timestamp(p->m))
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("%s has an M value out of the timestamp range at vertex %u",
							argname, i + 1),
					 errdetail("M is %g; it must be seconds since 1970-01-01 00:00 UTC.", p->m)));
		if (!vertex_m_increases(points, i))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must have strictly increasing M values", argname),
					 errdetail("Vertex %u has M %.17g after M %.17g.",
							   i + 1, p->m, points[i - 1].m),
					 errhint("maritime.track_agg builds valid tracks; ST_IsValidTrajectory checks one.")));
		if ((i & 0xFFFF) == 0xFFFF)
			CHECK_FOR_INTERRUPTS();
	}
	elog(ERROR, "%s breaks no rule of a track, yet failed the check", argname);
}

/*
 * Read a track argument: a LINESTRING with M, finite coordinates and
 * strictly increasing M values that are valid timestamps.  XYM values are
 * used in place when aligned; others are copied into (x, y, m) points.
 */
void
maritime_track_read(Datum datum, const char *argname, Track *track)
{
	GserGeom	geom;
	TrackPoint *points;
	uint32		i;

	maritime_geom_read_datum(datum, argname, &geom);
	if (geom.type != GSER_LINETYPE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a LINESTRING M, not a %s",
						argname, maritime_gser_type_name(geom.type)),
				 errhint("Build tracks with maritime.track_agg(geom, ts).")));
	if (!geom.has_m)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must have M values (seconds since 1970)", argname),
				 errhint("Build tracks with maritime.track_agg(geom, ts), or add times with ST_AddMeasure or ST_MakePointM.")));

	track->srid = geom.srid;
	track->npoints = geom.npoints;
	read_stored_box(&geom, track);

	if (geom.ndims == 3 && ((uintptr_t) geom.coords % sizeof(double)) == 0)
		points = (TrackPoint *) geom.coords;
	else
	{
		points = palloc(sizeof(TrackPoint) * Max(geom.npoints, 1));
		for (i = 0; i < geom.npoints; i++)
			gser_vertex(&geom, i, &points[i].x, &points[i].y, &points[i].m);
	}

	if (!track_points_valid(track, points))
		report_invalid_points(track, points, argname);
	track->points = points;
}

/*
 * A new track (LINESTRING M, with the stored box PostGIS would give it)
 * from npoints >= 1 points: what the functions that return tracks build.
 */
Datum
maritime_track_make_datum(int32 srid, const TrackPoint *points, uint32 npoints)
{
	size_t		header = maritime_gser_linestring_m_header_size(npoints);
	size_t		size = VARHDRSZ + header + (size_t) npoints * sizeof(TrackPoint);
	GserBoxM	box;
	char	   *result;
	uint32		i;

	Assert(npoints >= 1);
	box.xmin = box.xmax = points[0].x;
	box.ymin = box.ymax = points[0].y;
	box.mmin = points[0].m;
	box.mmax = points[npoints - 1].m;
	for (i = 1; i < npoints; i++)
	{
		box.xmin = Min(box.xmin, points[i].x);
		box.xmax = Max(box.xmax, points[i].x);
		box.ymin = Min(box.ymin, points[i].y);
		box.ymax = Max(box.ymax, points[i].y);
	}

	result = palloc(size);
	SET_VARSIZE(result, size);
	maritime_gser_write_linestring_m_header((uint8_t *) VARDATA(result), srid, npoints, &box);
	memcpy(VARDATA(result) + header, points, (size_t) npoints * sizeof(TrackPoint));
	return PointerGetDatum(result);
}
